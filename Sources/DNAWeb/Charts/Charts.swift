import DNACore
import Foundation

/// Server-rendered SVG charts. Every value is also written as text inside the chart and the
/// pages put a table beside it, so nothing depends on colour alone or on JavaScript.
enum Charts {
    static func escape(_ text: String) -> String { HTMLEscape.text(text) }
    /// Wording in a drawing, in the page's language.
    static func escape(_ text: AdminText) -> String { HTMLEscape.text(text.resolved) }

    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    /// About how wide the longest of `texts` is drawn at `fontSize`: 0.62 em per character,
    /// generous for digits and capitals, so a chart can leave room for its labels instead of
    /// cutting them at its edge.
    static func widest(_ texts: [String], fontSize: Double) -> Double {
        Double(texts.map(\.count).max() ?? 0) * fontSize * 0.62
    }

    /// A colour for a 0-100 score on a red-amber-blue scale that also differs in lightness,
    /// so it reads in greyscale; text on it stays dark enough for contrast.
    static func fill(_ score: Double) -> String {
        fillBands.first { score < $0.below }?.colour ?? "\(DesignTokens.scoreHigh)"
    }

    /// The bands of `fill`, for the colours and for the legend that explains them.
    static let fillBands: [(below: Double, colour: String, label: AdminText)] = [
        (35, "\(DesignTokens.scoreLow)", "under 35"), (50, "\(DesignTokens.scoreWeak)", "35–49"),
        (65, "\(DesignTokens.scoreMiddle)", "50–64"), (80, "\(DesignTokens.scoreGood)", "65–79"),
        (.infinity, "\(DesignTokens.scoreHigh)", "80 and over"),
    ]

    /// A radar (spider) chart of 0-100 scores, one axis per dimension, with rings at 25, 50,
    /// 75 and 100. A missing score is drawn at the centre and labelled "–".
    static func radar(title: AdminText, axes: [(label: String, score: Double?)], previous: [Double?]? = nil) -> String {
        let radius = 150.0
        // The labels (with their score) sit outside the rings, left and right of them; the
        // drawing is as wide as the longest needs, so no label is cut at the edge ("embership").
        let side = radius * 1.22 + widest(axes.map { $0.label + " 100" }, fontSize: 12) + 12
        let width = 2 * side, height = 2 * (radius * 1.22 + 24)
        let centreX = width / 2, centre = height / 2
        let count = max(axes.count, 3)
        func point(_ index: Int, _ score: Double) -> (Double, Double) {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(index) / Double(count)
            let r = radius * max(0, min(100, score)) / 100
            return (centreX + r * cos(angle), centre + r * sin(angle))
        }
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart radar\" viewBox=\"0 0 \(Int(width.rounded(.up))) \(Int(height.rounded(.up)))\" role=\"img\" aria-labelledby=\"radar-title\">"
        svg += "<title id=\"radar-title\">\(escape(title))</title>"
        for ring in [25.0, 50, 75, 100] {
            let points = (0..<count).map { point($0, ring) }.map { "\(number($0.0)),\(number($0.1))" }.joined(separator: " ")
            svg += "<polygon points=\"\(points)\" fill=\"none\" stroke=\"\(DesignTokens.line)\" stroke-width=\"1\"/>"
        }
        for (index, axis) in axes.enumerated() {
            let (x, y) = point(index, 100)
            svg +=
                "<line x1=\"\(number(centreX))\" y1=\"\(number(centre))\" x2=\"\(number(x))\" y2=\"\(number(y))\" stroke=\"\(DesignTokens.line)\"/>"
            let (lx, ly) = point(index, 122)
            let anchor = abs(lx - centreX) < 10 ? "middle" : (lx > centreX ? "start" : "end")
            let value = AnalysisOutput.rounded(axis.score, 0)
            svg +=
                "<text x=\"\(number(lx))\" y=\"\(number(ly))\" text-anchor=\"\(anchor)\" font-size=\"12\" fill=\"\(DesignTokens.ink)\">\(escape(axis.label)) <tspan font-weight=\"700\">\(value)</tspan></text>"
        }
        if let previous {
            let points = previous.enumerated().map { point($0.offset, $0.element ?? 0) }.map { "\(number($0.0)),\(number($0.1))" }
            svg +=
                "<polygon points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"\(DesignTokens.muted)\" stroke-width=\"2\" stroke-dasharray=\"6 4\"><title>\(escape("Previous wave" as AdminText))</title></polygon>"
        }
        let points = axes.enumerated().map { point($0.offset, $0.element.score ?? 0) }.map { "\(number($0.0)),\(number($0.1))" }
        svg +=
            "<polygon points=\"\(points.joined(separator: " "))\" fill=\"\(DesignTokens.accent)\" fill-opacity=\"0.18\" stroke=\"\(DesignTokens.accent)\" stroke-width=\"2.5\"/>"
        for (index, axis) in axes.enumerated() {
            guard let score = axis.score else { continue }
            let (x, y) = point(index, score)
            svg +=
                "<circle cx=\"\(number(x))\" cy=\"\(number(y))\" r=\"4\" fill=\"\(DesignTokens.accent)\"><title>\(escape(axis.label)): \(number(score))</title></circle>"
        }
        for ring in [50.0, 100] {
            let (_, y) = point(0, ring)
            svg +=
                "<text x=\"\(number(centreX + 4))\" y=\"\(number(y + 12))\" font-size=\"10\" fill=\"\(DesignTokens.muted)\">\(Int(ring))</text>"
        }
        return svg + "</svg>"
    }

    /// The four layers stacked from the least influential (bottom) to the most (top), each a
    /// bar of its 0-100 score; the weakest layer is hatched and labelled.
    static func layerStack(title: AdminText, layers: [(name: String, weight: Double, score: Double?)], weakest: String?) -> String {
        let width = 560.0, rowHeight = 46.0, labelWidth = 200.0, barWidth = width - labelWidth - 70
        let height = rowHeight * Double(layers.count) + 30
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart layers\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-labelledby=\"layers-title\">"
        svg += "<title id=\"layers-title\">\(escape(title))</title>"
        svg +=
            "<defs><pattern id=\"hatch\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"\(DesignTokens.scoreLow)\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"\(DesignTokens.bad)\" stroke-width=\"3\"/></pattern></defs>"
        for (position, layer) in layers.reversed().enumerated() {
            let y = Double(position) * rowHeight + 8
            let isWeakest = layer.name == weakest
            svg +=
                "<text x=\"0\" y=\"\(number(y + 20))\" font-size=\"13\" fill=\"\(DesignTokens.ink)\">\(escape(layer.name))</text><text x=\"0\" y=\"\(number(y + 36))\" font-size=\"11\" fill=\"\(DesignTokens.muted)\">\(escape(isWeakest ? "influence \(Int(layer.weight)) · weakest" : "influence \(Int(layer.weight))" as AdminText))</text>"
            svg +=
                "<rect x=\"\(labelWidth)\" y=\"\(number(y + 6))\" width=\"\(barWidth)\" height=\"26\" fill=\"\(DesignTokens.soft)\" stroke=\"\(DesignTokens.line)\"/>"
            if let score = layer.score {
                let fill = isWeakest ? "url(#hatch)" : fill(score)
                svg +=
                    "<rect x=\"\(labelWidth)\" y=\"\(number(y + 6))\" width=\"\(number(barWidth * score / 100))\" height=\"26\" fill=\"\(fill)\" stroke=\"\(DesignTokens.muted)\"/>"
                svg +=
                    "<text x=\"\(number(labelWidth + barWidth + 8))\" y=\"\(number(y + 24))\" font-size=\"13\" font-weight=\"700\" fill=\"\(DesignTokens.ink)\">\(number(score))</text>"
            } else {
                svg +=
                    "<text x=\"\(number(labelWidth + 8))\" y=\"\(number(y + 24))\" font-size=\"12\" fill=\"\(DesignTokens.muted)\">not measured</text>"
            }
        }
        for tick in [0.0, 50, 100] {
            svg +=
                "<text x=\"\(number(labelWidth + barWidth * tick / 100))\" y=\"\(number(height - 4))\" font-size=\"10\" text-anchor=\"middle\" fill=\"\(DesignTokens.muted)\">\(Int(tick))</text>"
        }
        return svg + "</svg>"
    }

    struct HeatmapRow {
        var label: String
        var depth: Int
        /// Nil when the group is hidden by the anonymity rule.
        var scores: [Double?]?
        /// Per cell, what the comparison with everyone else says; nil for no marks.
        var marks: [HeatmapMark]? = nil
    }

    /// A heatmap cell's comparison with everyone else (`AssessmentResult.VersusRest`).
    enum HeatmapMark: Equatable {
        case plain
        /// Higher or lower than everyone else, with the Benjamini-Hochberg q under 0.05.
        case higher, lower
        /// Not significant, and the group too small to detect a 10-point difference.
        case undetectable

        init(_ comparison: AssessmentResult.VersusRest?) {
            guard let comparison else {
                self = .plain
                return
            }
            if comparison.qValue < 0.05 {
                self = comparison.difference > 0 ? .higher : .lower
            } else {
                self = comparison.mdd > 10 ? .undetectable : .plain
            }
        }

        /// The cell's text beside its score, for tables.
        var suffix: String {
            switch self {
            case .higher: " ▲"
            case .lower: " ▼"
            case .plain, .undetectable: ""
            }
        }
    }

    /// Groups (rows) x dimensions (columns); each cell shows its score as text on a colour.
    static func heatmap(title: AdminText, columns: [String], rows: [HeatmapRow]) -> String {
        // Column names are written at -55°: the header is as tall, and the drawing reaches as
        // far right, as the longest name needs, so no name is cut; below the rows a legend
        // explains the colours.
        let labelWidth = 190.0, cell = 46.0, rowHeight = cell * 0.7
        let marked = rows.contains { $0.marks != nil }
        let legendHeight = marked ? 84.0 : 40.0
        let longest = widest(columns, fontSize: 11)
        let header = max(60, longest * sin(55 * Double.pi / 180) + 14)
        let body = labelWidth + cell * Double(columns.count)
        let width = max(body + max(4, longest * cos(55 * Double.pi / 180) - cell / 2 + 8), labelWidth + 5 * 96)
        let legendTop = header + rowHeight * Double(rows.count) + 12
        let height = legendTop + legendHeight
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart heatmap\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-labelledby=\"heatmap-title\">"
        svg += "<title id=\"heatmap-title\">\(escape(title))</title>"
        for (index, column) in columns.enumerated() {
            let x = labelWidth + cell * Double(index) + cell / 2
            svg +=
                "<text transform=\"translate(\(number(x)),\(number(header - 6))) rotate(-55)\" font-size=\"11\" fill=\"\(DesignTokens.ink)\">\(escape(column))</text>"
        }
        for (rowIndex, row) in rows.enumerated() {
            let y = header + rowHeight * Double(rowIndex)
            let indent = String(repeating: "  ", count: row.depth)
            svg +=
                "<text x=\"\(number(4 + Double(row.depth) * 10))\" y=\"\(number(y + rowHeight * 0.65))\" font-size=\"12\" fill=\"\(DesignTokens.ink)\" xml:space=\"preserve\">\(escape(indent.isEmpty ? row.label : row.label))</text>"
            guard let scores = row.scores else {
                svg +=
                    "<rect x=\"\(labelWidth)\" y=\"\(number(y + 1))\" width=\"\(number(cell * Double(columns.count)))\" height=\"\(number(rowHeight - 2))\" fill=\"\(DesignTokens.soft)\"/>"
                svg +=
                    "<text x=\"\(number(labelWidth + 8))\" y=\"\(number(y + rowHeight * 0.65))\" font-size=\"11\" fill=\"\(DesignTokens.muted)\">\(escape("hidden to protect anonymity" as AdminText))</text>"
                continue
            }
            for (index, score) in scores.enumerated() {
                let x = labelWidth + cell * Double(index)
                let mark = row.marks?[index] ?? .plain
                let colour = mark == .undetectable ? DesignTokens.soft : score.map(fill) ?? DesignTokens.background
                let outline = mark == .higher || mark == .lower ? " stroke=\"\(DesignTokens.ink)\" stroke-width=\"2.5\"" : ""
                svg +=
                    "<rect x=\"\(number(x + 2))\" y=\"\(number(y + 2))\" width=\"\(number(cell - 4))\" height=\"\(number(rowHeight - 4))\" fill=\"\(colour)\"\(outline)/>"
                svg +=
                    "<text x=\"\(number(x + cell / 2))\" y=\"\(number(y + rowHeight * 0.65))\" font-size=\"12\" text-anchor=\"middle\" fill=\"\(mark == .undetectable ? DesignTokens.muted : DesignTokens.ink)\">\(AnalysisOutput.rounded(score, 0))\(mark.suffix)</text>"
            }
        }
        svg +=
            "<g class=\"legend\"><text x=\"4\" y=\"\(number(legendTop + 17))\" font-size=\"12\" fill=\"\(DesignTokens.ink)\">\(escape("Score (0–100):" as AdminText))</text>"
        for (index, band) in fillBands.enumerated() {
            let x = labelWidth + 96 * Double(index)
            svg +=
                "<rect x=\"\(number(x))\" y=\"\(number(legendTop + 4))\" width=\"18\" height=\"18\" fill=\"\(band.colour)\" stroke=\"\(DesignTokens.muted)\" stroke-width=\"0.5\"/>"
            svg +=
                "<text x=\"\(number(x + 24))\" y=\"\(number(legendTop + 17))\" font-size=\"12\" fill=\"\(DesignTokens.ink)\">\(escape(band.label))</text>"
        }
        if marked {
            let y = legendTop + 44
            svg +=
                "<rect x=\"6\" y=\"\(number(y))\" width=\"18\" height=\"18\" fill=\"\(DesignTokens.background)\" stroke=\"\(DesignTokens.ink)\" stroke-width=\"2.5\"/>"
            svg +=
                "<text x=\"30\" y=\"\(number(y + 13))\" font-size=\"12\" fill=\"\(DesignTokens.ink)\">\(escape("▲ ▼ outlined: differs from everyone else (q < 0.05, corrected over all cells)" as AdminText))</text>"
            svg +=
                "<rect x=\"6\" y=\"\(number(y + 22))\" width=\"18\" height=\"18\" fill=\"\(DesignTokens.soft)\" stroke=\"\(DesignTokens.muted)\" stroke-width=\"0.5\"/>"
            svg +=
                "<text x=\"30\" y=\"\(number(y + 35))\" font-size=\"12\" fill=\"\(DesignTokens.ink)\">\(escape("grey: too few people to detect a 10-point difference" as AdminText))</text>"
        }
        return svg + "</g></svg>"
    }

    /// Horizontal bars of shares (0-1), each labelled with its percentage.
    static func shareBars(title: AdminText, bars: [(label: String, share: Double)]) -> String {
        let labelWidth = 210.0, barWidth = 300.0, rowHeight = 26.0
        let height = rowHeight * Double(bars.count) + 8
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart bars\" viewBox=\"0 0 \(Int(labelWidth + barWidth + 60)) \(Int(height))\" role=\"img\" aria-label=\"\(escape(title))\">"
        for (index, bar) in bars.enumerated() {
            let y = Double(index) * rowHeight + 4
            svg += "<text x=\"0\" y=\"\(number(y + 16))\" font-size=\"12\" fill=\"\(DesignTokens.ink)\">\(escape(bar.label))</text>"
            svg +=
                "<rect x=\"\(labelWidth)\" y=\"\(number(y + 3))\" width=\"\(barWidth)\" height=\"18\" fill=\"\(DesignTokens.soft)\" stroke=\"\(DesignTokens.line)\"/>"
            svg +=
                "<rect x=\"\(labelWidth)\" y=\"\(number(y + 3))\" width=\"\(number(barWidth * max(0, min(1, bar.share))))\" height=\"18\" fill=\"\(DesignTokens.accent)\"/>"
            svg +=
                "<text x=\"\(number(labelWidth + barWidth + 6))\" y=\"\(number(y + 16))\" font-size=\"12\" font-weight=\"700\" fill=\"\(DesignTokens.ink)\">\(AnalysisOutput.percent(bar.share))</text>"
        }
        return svg + "</svg>"
    }
}

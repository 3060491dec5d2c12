import DNACore
import Foundation

/// SVG charts of the outside view. As with the assessment charts, every mark carries its value
/// as text and each chart sits beside a table of the same figures.
extension Charts {
    /// The opportunity landscape: satisfaction across, importance up, both 0-10. The shaded
    /// regions are where the scoring puts an outcome: underserved (opportunity over 10),
    /// extreme (over 15) and overserved (satisfaction above importance).
    static func landscape(title: AdminText, scores: [OutcomeStudy.Score]) -> String {
        let size = 460.0, margin = 48.0, plot = size - 2 * margin
        func x(_ satisfaction: Double) -> Double { margin + satisfaction / 10 * plot }
        func y(_ importance: Double) -> Double { size - margin - importance / 10 * plot }
        func polygon(_ points: [(Double, Double)], fill: String, label: AdminText) -> String {
            let list = points.map { "\(number(x($0.0))),\(number(y($0.1)))" }.joined(separator: " ")
            return "<polygon points=\"\(list)\" fill=\"\(fill)\"><title>\(escape(label))</title></polygon>"
        }
        var svg =
            "<svg class=\"chart landscape\" viewBox=\"0 0 \(Int(size)) \(Int(size))\" role=\"img\" aria-labelledby=\"landscape-title\"><title id=\"landscape-title\">\(escape(title))</title>"
        svg += polygon([(0, 5), (10, 10), (0, 10)], fill: "\(DesignTokens.scoreWeak)", label: "Underserved: opportunity above 10")
        svg += polygon([(0, 7.5), (5, 10), (0, 10)], fill: "\(DesignTokens.scoreLow)", label: "Extreme: opportunity above 15")
        svg += polygon(
            [(0, 0), (10, 10), (10, 0)], fill: "\(DesignTokens.scoreMiddle)", label: "Overserved: satisfaction above importance")
        svg +=
            "<rect x=\"\(margin)\" y=\"\(margin)\" width=\"\(plot)\" height=\"\(plot)\" fill=\"none\" stroke=\"\(DesignTokens.muted)\"/>"
        for tick in stride(from: 0, through: 10, by: 2) {
            let value = Double(tick)
            svg +=
                "<text x=\"\(number(x(value)))\" y=\"\(number(size - margin + 16))\" text-anchor=\"middle\" font-size=\"11\">\(tick)</text>"
            svg += "<text x=\"\(number(margin - 8))\" y=\"\(number(y(value) + 4))\" text-anchor=\"end\" font-size=\"11\">\(tick)</text>"
        }
        svg +=
            "<text x=\"\(number(size / 2))\" y=\"\(number(size - 8))\" text-anchor=\"middle\" font-size=\"12\">\(escape("Satisfaction" as AdminText))</text>"
        svg +=
            "<text x=\"14\" y=\"\(number(size / 2))\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 14 \(number(size / 2)))\">\(escape("Importance" as AdminText))</text>"
        svg +=
            "<text x=\"\(number(x(0.3)))\" y=\"\(number(y(9.6)))\" font-size=\"11\" fill=\"\(DesignTokens.zoneExtreme)\">\(escape("extreme" as AdminText))</text>"
        svg +=
            "<text x=\"\(number(x(3.2)))\" y=\"\(number(y(8.2)))\" font-size=\"11\" fill=\"\(DesignTokens.zoneUnderserved)\">\(escape("underserved" as AdminText))</text>"
        svg +=
            "<text x=\"\(number(x(6.6)))\" y=\"\(number(y(1.2)))\" font-size=\"11\" fill=\"\(DesignTokens.muted)\">\(escape("overserved" as AdminText))</text>"
        for score in scores {
            let cx = number(x(score.satisfaction)), cy = number(y(score.importance))
            svg +=
                "<g><circle cx=\"\(cx)\" cy=\"\(cy)\" r=\"5\" fill=\"\(score.status == .underserved ? "\(DesignTokens.bad)" : "\(DesignTokens.accent)")\"><title>\(escape("\(score.outcome): importance \(number(score.importance)), satisfaction \(number(score.satisfaction)), opportunity \(number(score.opportunity))" as AdminText))</title></circle>"
            svg +=
                "<text x=\"\(number(x(score.satisfaction) + 7))\" y=\"\(number(y(score.importance) - 5))\" font-size=\"10\">\(escape(score.outcome))</text></g>"
        }
        return svg + "</svg>"
    }

    /// Horizontal bars with the value written at the end of each; `emphasis` marks bars drawn
    /// darker and hatched (the long neck, a cost-shifting change).
    static func bars(
        title: AdminText, rows: [(label: String, value: Double, emphasis: Bool)], maximum: Double? = nil, format: (Double) -> String
    ) -> String {
        let rowHeight = 22.0, labelWidth = 330.0, barWidth = 300.0
        let height = Double(rows.count) * rowHeight + 20
        let top = max(maximum ?? rows.map { abs($0.value) }.max() ?? 1, 1e-9)
        var svg =
            "<svg class=\"chart bars\" viewBox=\"0 0 \(Int(labelWidth + barWidth + 80)) \(Int(height))\" role=\"img\" aria-label=\"\(escape(title))\"><title>\(escape(title))</title>"
        svg +=
            "<defs><pattern id=\"emphasis\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"\(DesignTokens.accentDark)\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"\(DesignTokens.scoreHigh)\" stroke-width=\"2\"/></pattern></defs>"
        for (index, row) in rows.enumerated() {
            let y = 10 + Double(index) * rowHeight
            let width = max(abs(row.value) / top * barWidth, 1)
            let label = row.label.count > 46 ? String(row.label.prefix(44)) + "…" : row.label
            svg +=
                "<text x=\"\(number(labelWidth - 6))\" y=\"\(number(y + 14))\" text-anchor=\"end\" font-size=\"11\">\(escape(label))</text>"
            svg +=
                "<rect x=\"\(number(labelWidth))\" y=\"\(number(y + 3))\" width=\"\(number(width))\" height=\"\(number(rowHeight - 6))\" fill=\"\(row.emphasis ? "url(#emphasis)" : row.value < 0 ? "\(DesignTokens.scoreLow)" : "\(DesignTokens.scoreHigh)")\"><title>\(escape(row.label)): \(escape(format(row.value)))</title></rect>"
            svg +=
                "<text x=\"\(number(labelWidth + width + 6))\" y=\"\(number(y + 14))\" font-size=\"12\">\(escape(format(row.value)))</text>"
        }
        return svg + "</svg>"
    }

    /// A line over labelled points (months, rounds, dates), with each value written at its
    /// point, a y-axis with its ticks, and a dashed target line with a legend when there is a
    /// target. Labels along the bottom are thinned so they never overlap.
    static func line(
        title: AdminText, points: [(label: String, value: Double)], range: ClosedRange<Double>, target: Double? = nil,
        format: (Double) -> String
    ) -> String {
        let width = 560.0, height = 240.0, left = 56.0, right = 24.0, top = 28.0, bottom = 40.0
        // The points start and end this far inside the axes, so the first value's label clears
        // the y-axis' numbers and the last one the chart's edge.
        let inset = 22.0
        guard !points.isEmpty else { return "" }
        let step = points.count > 1 ? (width - left - right - 2 * inset) / Double(points.count - 1) : 0
        func y(_ value: Double) -> Double {
            let span = range.upperBound - range.lowerBound
            return height - bottom - (value - range.lowerBound) / (span == 0 ? 1 : span) * (height - top - bottom)
        }
        var svg =
            "<svg class=\"chart line\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(escape(title))\"><title>\(escape(title))</title>"
        // The y-axis: a line and five ticks from the bottom of the range to its top.
        svg +=
            "<line x1=\"\(left)\" y1=\"\(number(y(range.upperBound)))\" x2=\"\(left)\" y2=\"\(number(y(range.lowerBound)))\" stroke=\"\(DesignTokens.muted)\"/>"
        for tick in 0...4 {
            let value = range.lowerBound + (range.upperBound - range.lowerBound) * Double(tick) / 4
            svg +=
                "<line x1=\"\(left - 4)\" y1=\"\(number(y(value)))\" x2=\"\(width - right)\" y2=\"\(number(y(value)))\" stroke=\"\(DesignTokens.grid)\"/>"
            svg +=
                "<text x=\"\(left - 7)\" y=\"\(number(y(value) + 4))\" text-anchor=\"end\" font-size=\"10\" fill=\"\(DesignTokens.muted)\">\(escape(format(value)))</text>"
        }
        svg +=
            "<line x1=\"\(left)\" y1=\"\(number(y(range.lowerBound)))\" x2=\"\(width - right)\" y2=\"\(number(y(range.lowerBound)))\" stroke=\"\(DesignTokens.muted)\"/>"
        if let target {
            svg +=
                "<line class=\"target\" x1=\"\(left)\" y1=\"\(number(y(target)))\" x2=\"\(width - right)\" y2=\"\(number(y(target)))\" stroke=\"\(DesignTokens.bad)\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>"
            svg +=
                "<g class=\"legend\"><line x1=\"\(left)\" y1=\"12\" x2=\"\(left + 24)\" y2=\"12\" stroke=\"\(DesignTokens.bad)\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/><text x=\"\(left + 30)\" y=\"16\" font-size=\"11\" fill=\"\(DesignTokens.ink)\">\(escape("target \(format(target))" as AdminText))</text></g>"
        }
        let path = points.enumerated().map { "\(number(left + inset + Double($0.offset) * step)),\(number(y($0.element.value)))" }
            .joined(separator: " ")
        svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(DesignTokens.accent)\" stroke-width=\"2\"/>"
        // About 7 pixels a character at 10 px, plus a gap: every n-th label, so none overlap.
        let widest = Double(points.map(\.label.count).max() ?? 1) * 7 + 8
        let every = step > 0 ? max(1, Int((widest / step).rounded(.up))) : 1
        for (index, point) in points.enumerated() {
            let x = left + inset + Double(index) * step
            svg +=
                "<circle cx=\"\(number(x))\" cy=\"\(number(y(point.value)))\" r=\"3.5\" fill=\"\(DesignTokens.accent)\"><title>\(escape("\(point.label): \(format(point.value))" as AdminText))</title></circle>"
            if points.count <= 12 {
                // Above the point, unless the dashed target line runs there: then below it.
                let nearTarget = target.map { (0...16).contains(y(point.value) - y($0)) } ?? false
                let labelY = nearTarget ? y(point.value) + 17 : y(point.value) - 8
                svg +=
                    "<text x=\"\(number(x))\" y=\"\(number(labelY))\" text-anchor=\"middle\" font-size=\"11\">\(escape(format(point.value)))</text>"
            }
            // The last point is labelled too when it is far enough from the last label shown.
            if index % every == 0 || (index == points.count - 1 && Double(index % every) * step >= widest) {
                svg +=
                    "<text class=\"x-label\" x=\"\(number(x))\" y=\"\(number(height - bottom + 16))\" text-anchor=\"middle\" font-size=\"10\">\(escape(point.label))</text>"
            }
        }
        return svg + "</svg>"
    }
}

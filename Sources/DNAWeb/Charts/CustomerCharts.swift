import DNACore
import Foundation

/// SVG charts of the outside view. As with the assessment charts, every mark carries its value
/// as text and each chart sits beside a table of the same figures.
extension Charts {
    /// The opportunity landscape: satisfaction across, importance up, both 0-10. The shaded
    /// regions are where the scoring puts an outcome: underserved (opportunity over 10),
    /// extreme (over 15) and overserved (satisfaction above importance).
    static func landscape(title: String, scores: [OutcomeStudy.Score]) -> String {
        let size = 460.0, margin = 48.0, plot = size - 2 * margin
        func x(_ satisfaction: Double) -> Double { margin + satisfaction / 10 * plot }
        func y(_ importance: Double) -> Double { size - margin - importance / 10 * plot }
        func polygon(_ points: [(Double, Double)], fill: String, label: String) -> String {
            let list = points.map { "\(number(x($0.0))),\(number(y($0.1)))" }.joined(separator: " ")
            return "<polygon points=\"\(list)\" fill=\"\(fill)\"><title>\(escape(label))</title></polygon>"
        }
        var svg =
            "<svg class=\"chart landscape\" viewBox=\"0 0 \(Int(size)) \(Int(size))\" role=\"img\" aria-labelledby=\"landscape-title\"><title id=\"landscape-title\">\(escape(title))</title>"
        svg += polygon([(0, 5), (10, 10), (0, 10)], fill: "#f9d8a8", label: "Underserved: opportunity above 10")
        svg += polygon([(0, 7.5), (5, 10), (0, 10)], fill: "#f4b6b0", label: "Extreme: opportunity above 15")
        svg += polygon([(0, 0), (10, 10), (10, 0)], fill: "#e8ecf0", label: "Overserved: satisfaction above importance")
        svg +=
            "<rect x=\"\(margin)\" y=\"\(margin)\" width=\"\(plot)\" height=\"\(plot)\" fill=\"none\" stroke=\"#4a5562\"/>"
        for tick in stride(from: 0, through: 10, by: 2) {
            let value = Double(tick)
            svg +=
                "<text x=\"\(number(x(value)))\" y=\"\(number(size - margin + 16))\" text-anchor=\"middle\" font-size=\"11\">\(tick)</text>"
            svg += "<text x=\"\(number(margin - 8))\" y=\"\(number(y(value) + 4))\" text-anchor=\"end\" font-size=\"11\">\(tick)</text>"
        }
        svg += "<text x=\"\(number(size / 2))\" y=\"\(number(size - 8))\" text-anchor=\"middle\" font-size=\"12\">Satisfaction</text>"
        svg +=
            "<text x=\"14\" y=\"\(number(size / 2))\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 14 \(number(size / 2)))\">Importance</text>"
        svg += "<text x=\"\(number(x(0.3)))\" y=\"\(number(y(9.6)))\" font-size=\"11\" fill=\"#7a1c12\">extreme</text>"
        svg += "<text x=\"\(number(x(3.2)))\" y=\"\(number(y(8.2)))\" font-size=\"11\" fill=\"#6b4a00\">underserved</text>"
        svg += "<text x=\"\(number(x(6.6)))\" y=\"\(number(y(1.2)))\" font-size=\"11\" fill=\"#4a5562\">overserved</text>"
        for score in scores {
            let cx = number(x(score.satisfaction)), cy = number(y(score.importance))
            svg +=
                "<g><circle cx=\"\(cx)\" cy=\"\(cy)\" r=\"5\" fill=\"\(score.status == .underserved ? "#a4161a" : "#0b5cad")\"><title>\(escape(score.outcome)): importance \(number(score.importance)), satisfaction \(number(score.satisfaction)), opportunity \(number(score.opportunity))</title></circle>"
            svg +=
                "<text x=\"\(number(x(score.satisfaction) + 7))\" y=\"\(number(y(score.importance) - 5))\" font-size=\"10\">\(escape(score.outcome))</text></g>"
        }
        return svg + "</svg>"
    }

    /// Horizontal bars with the value written at the end of each; `emphasis` marks bars drawn
    /// darker and hatched (the long neck, a cost-shifting change).
    static func bars(
        title: String, rows: [(label: String, value: Double, emphasis: Bool)], maximum: Double? = nil, format: (Double) -> String
    ) -> String {
        let rowHeight = 22.0, labelWidth = 330.0, barWidth = 300.0
        let height = Double(rows.count) * rowHeight + 20
        let top = max(maximum ?? rows.map { abs($0.value) }.max() ?? 1, 1e-9)
        var svg =
            "<svg class=\"chart bars\" viewBox=\"0 0 \(Int(labelWidth + barWidth + 80)) \(Int(height))\" role=\"img\" aria-label=\"\(escape(title))\"><title>\(escape(title))</title>"
        svg +=
            "<defs><pattern id=\"emphasis\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#0b3d73\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#8cbbe6\" stroke-width=\"2\"/></pattern></defs>"
        for (index, row) in rows.enumerated() {
            let y = 10 + Double(index) * rowHeight
            let width = max(abs(row.value) / top * barWidth, 1)
            let label = row.label.count > 46 ? String(row.label.prefix(44)) + "…" : row.label
            svg +=
                "<text x=\"\(number(labelWidth - 6))\" y=\"\(number(y + 14))\" text-anchor=\"end\" font-size=\"11\">\(escape(label))</text>"
            svg +=
                "<rect x=\"\(number(labelWidth))\" y=\"\(number(y + 3))\" width=\"\(number(width))\" height=\"\(number(rowHeight - 6))\" fill=\"\(row.emphasis ? "url(#emphasis)" : row.value < 0 ? "#f4b6b0" : "#8cbbe6")\"><title>\(escape(row.label)): \(escape(format(row.value)))</title></rect>"
            svg +=
                "<text x=\"\(number(labelWidth + width + 6))\" y=\"\(number(y + 14))\" font-size=\"12\">\(escape(format(row.value)))</text>"
        }
        return svg + "</svg>"
    }

    /// A line over labelled points (months, rounds), with each value written at its point.
    static func line(
        title: String, points: [(label: String, value: Double)], range: ClosedRange<Double>, format: (Double) -> String
    ) -> String {
        let width = 560.0, height = 220.0, margin = 36.0
        guard !points.isEmpty else { return "" }
        let step = points.count > 1 ? (width - 2 * margin) / Double(points.count - 1) : 0
        func y(_ value: Double) -> Double {
            let span = range.upperBound - range.lowerBound
            return height - margin - (value - range.lowerBound) / (span == 0 ? 1 : span) * (height - 2 * margin)
        }
        var svg =
            "<svg class=\"chart line\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(escape(title))\"><title>\(escape(title))</title>"
        svg +=
            "<line x1=\"\(margin)\" y1=\"\(number(y(range.lowerBound)))\" x2=\"\(width - margin)\" y2=\"\(number(y(range.lowerBound)))\" stroke=\"#c9d1da\"/>"
        let path = points.enumerated().map { "\(number(margin + Double($0.offset) * step)),\(number(y($0.element.value)))" }.joined(
            separator: " ")
        svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"#0b5cad\" stroke-width=\"2\"/>"
        for (index, point) in points.enumerated() {
            let x = margin + Double(index) * step
            svg += "<circle cx=\"\(number(x))\" cy=\"\(number(y(point.value)))\" r=\"3.5\" fill=\"#0b5cad\"/>"
            svg +=
                "<text x=\"\(number(x))\" y=\"\(number(y(point.value) - 8))\" text-anchor=\"middle\" font-size=\"11\">\(escape(format(point.value)))</text>"
            svg +=
                "<text x=\"\(number(x))\" y=\"\(number(height - 12))\" text-anchor=\"middle\" font-size=\"10\">\(escape(point.label))</text>"
        }
        return svg + "</svg>"
    }
}

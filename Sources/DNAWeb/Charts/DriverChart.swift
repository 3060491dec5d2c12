import DNACore

/// One force in the driver chart: its score beside how much of the target it carries.
struct DriverRow {
    var label: String
    var score: Double?
    /// Share of the explained variance (relative weight / R²), with its 95% interval.
    var share: Double?
    var low: Double?
    var high: Double?
    /// Pearson's correlation with the target.
    var r: Double?
    /// High impact and low score: where a change would move the target most.
    var priority: Bool
}

extension Charts {
    /// The key drivers beside the scores: per force, its 0-100 score as a coloured bar and its
    /// share of what the forces explain as a bar with the bootstrap interval as a whisker,
    /// strongest driver first. A priority is marked in words as well as in colour.
    static func drivers(title: AdminText, rows: [DriverRow]) -> String {
        let font = DesignTokens.chartText
        let labelWidth = max(110, widest(rows.map(\.label), fontSize: font) + 10)
        let scoreWidth = 170.0, shareWidth = 230.0, gap = 44.0, rowHeight = 26.0, top = 24.0
        let shareX = labelWidth + scoreWidth + gap
        let scale = max(0.25, rows.compactMap { $0.high ?? $0.share }.max() ?? 0.25)
        let width = shareX + shareWidth + 110
        let height = top + rowHeight * Double(rows.count) + 6
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart drivers\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(escape(title))\">"
        svg += "<title>\(escape(title))</title>"
        svg +=
            "<text x=\"\(number(labelWidth))\" y=\"14\" font-size=\"\(DesignTokens.chartSmallText)\" fill=\"\(DesignTokens.muted)\">\(escape(AdminText("Score, 0 to 100")))</text>"
        svg +=
            "<text x=\"\(number(shareX))\" y=\"14\" font-size=\"\(DesignTokens.chartSmallText)\" fill=\"\(DesignTokens.muted)\">\(escape(AdminText("Share of what the forces explain, with 95% interval")))</text>"
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * rowHeight
            let weight = row.priority ? " font-weight=\"700\"" : ""
            svg +=
                "<text x=\"0\" y=\"\(number(y + 15))\" font-size=\"\(font)\"\(weight) fill=\"\(DesignTokens.ink)\">\(escape(row.label))</text>"
            if let score = row.score {
                svg +=
                    "<rect x=\"\(number(labelWidth))\" y=\"\(number(y + 3))\" width=\"\(number(scoreWidth * 0.8 * score / 100))\" height=\"16\" fill=\"\(fill(score))\" stroke=\"\(DesignTokens.edge)\"/>"
                svg +=
                    "<text x=\"\(number(labelWidth + scoreWidth * 0.8 * score / 100 + 4))\" y=\"\(number(y + 15))\" font-size=\"\(font)\" fill=\"\(DesignTokens.ink)\">\(AnalysisOutput.rounded(score, 0))</text>"
            }
            guard let share = row.share else {
                svg += "<text x=\"\(number(shareX))\" y=\"\(number(y + 15))\" font-size=\"\(font)\" fill=\"\(DesignTokens.muted)\">–</text>"
                continue
            }
            let colour = row.priority ? DesignTokens.alarm : DesignTokens.accent
            func x(_ value: Double) -> Double { shareX + shareWidth * max(0, min(1, value / scale)) }
            svg +=
                "<rect x=\"\(number(shareX))\" y=\"\(number(y + 5))\" width=\"\(number(x(share) - shareX))\" height=\"12\" fill=\"\(colour)\"/>"
            if let low = row.low, let high = row.high {
                svg +=
                    "<path d=\"M\(number(x(low))) \(number(y + 11))H\(number(x(high)))M\(number(x(low))) \(number(y + 6))V\(number(y + 16))M\(number(x(high))) \(number(y + 6))V\(number(y + 16))\" stroke=\"\(DesignTokens.ink)\" stroke-width=\"1.2\" fill=\"none\"/>"
            }
            let end = max(x(share), row.high.map(x) ?? 0) + 6
            let text = AnalysisOutput.percent(share) + (row.priority ? " · " + AdminText("priority").resolved : "")
            svg +=
                "<text x=\"\(number(end))\" y=\"\(number(y + 15))\" font-size=\"\(font)\"\(weight) fill=\"\(row.priority ? DesignTokens.alarm : DesignTokens.ink)\">\(escape(text))</text>"
        }
        return svg + "</svg>"
    }
}

import DNACore

/// The line-of-sight graph as a layered drawing: strategies on the left, business impacts on
/// the right, one column per node type. Within a column, nodes are ordered by the mean row of
/// their neighbours (a few barycentre sweeps), which keeps most edges short and uncrossed.
/// Findings show on the nodes themselves, so the drawing reads without the table.
enum LineOfSightChart {
    static let maximumNodes = 200

    static func graph(_ graph: LineOfSightGraph, report: LineOfSightCheck.Report) -> String {
        let types = LineOfSightModel.NodeType.allCases
        var columns = types.map { type in graph.nodes.filter { $0.type == type }.map(\.code) }
        var next: [String: [String]] = [:], previous: [String: [String]] = [:]
        for edge in graph.edges {
            next[edge.from, default: []].append(edge.to)
            previous[edge.to, default: []].append(edge.from)
        }
        func rows() -> [String: Double] {
            var row: [String: Double] = [:]
            for column in columns { for (index, code) in column.enumerated() { row[code] = Double(index) } }
            return row
        }
        for _ in 0..<3 {
            for index in 1..<columns.count { columns[index] = sorted(columns[index], by: previous, rows()) }
            for index in stride(from: columns.count - 2, through: 0, by: -1) { columns[index] = sorted(columns[index], by: next, rows()) }
        }

        var findings: [String: [LineOfSightCheck.Kind]] = [:]
        for finding in report.findings { findings[finding.node, default: []].append(finding.kind) }
        let covered = Set(report.initiativesWithLineOfSight)
        let nodes = Dictionary(graph.nodes.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })

        let columnWidth = 250.0, boxWidth = 205.0, boxHeight = 26.0, rowHeight = 34.0, top = 64.0
        let tallest = Double(columns.map(\.count).max() ?? 0)
        let width = columnWidth * Double(types.count), height = top + max(tallest, 1) * rowHeight + 10
        var position: [String: (x: Double, y: Double)] = [:]
        for (column, codes) in columns.enumerated() {
            let offset = (tallest - Double(codes.count)) * rowHeight / 2
            for (row, code) in codes.enumerated() {
                position[code] = (Double(column) * columnWidth + 10, top + offset + Double(row) * rowHeight)
            }
        }
        let title = "Line of sight: \(graph.nodes.count) nodes, \(graph.edges.count) edges"
        var svg =
            "<svg class=\"chart los-graph\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" role=\"img\" aria-label=\"\(Charts.escape(title))\"><title>\(Charts.escape(title))</title>"
        for (column, type) in types.enumerated() {
            svg +=
                "<text x=\"\(Charts.number(Double(column) * columnWidth + 10))\" y=\"20\" font-size=\"13\" font-weight=\"700\">\(Charts.escape(type.title)) (\(columns[column].count))</text>"
        }
        svg += legend(y: 40)
        for edge in graph.edges {
            guard let from = position[edge.from], let to = position[edge.to] else { continue }
            let x1 = from.x + boxWidth, y1 = from.y + boxHeight / 2, x2 = to.x, y2 = to.y + boxHeight / 2
            let bend = max((x2 - x1) / 2, 30)
            svg +=
                "<path class=\"edge\" d=\"M\(Charts.number(x1)),\(Charts.number(y1)) C\(Charts.number(x1 + bend)),\(Charts.number(y1)) \(Charts.number(x2 - bend)),\(Charts.number(y2)) \(Charts.number(x2)),\(Charts.number(y2))\" fill=\"none\" stroke=\"#9aa7b4\" stroke-width=\"1\"/>"
        }
        for code in columns.joined() {
            guard let node = nodes[code], let at = position[code] else { continue }
            let kinds = findings[code] ?? []
            let flagged = kinds.contains(.insideOut) || kinds.contains(.impactWithoutOutcome)
            let open = kinds.contains(.unmeasured) || kinds.contains(.noEvidence)
            var classes = ["node", node.type.rawValue] + kinds.map(\.rawValue)
            if covered.contains(code) { classes.append("line-of-sight") }
            let fill = flagged ? "#fde2df" : covered.contains(code) ? "#e3f3e6" : "#ffffff"
            let stroke = flagged ? "#b3261e" : covered.contains(code) ? "#1e7a34" : "#51606f"
            // Outcome sentences all start alike ("Minimize the time it takes …"), so a cut
            // title would not tell them apart; their codes do, and the tooltip has the sentence.
            let name = node.type == .outcome ? code : node.title
            let label = name.count > 30 ? String(name.prefix(29)) + "…" : name
            let tooltip =
                "\(node.title) [\(code)]" + (kinds.isEmpty ? "" : ": " + kinds.map(\.rawValue).joined(separator: ", "))
            svg +=
                "<g class=\"\(classes.joined(separator: " "))\" data-code=\"\(Charts.escape(code))\"><title>\(Charts.escape(tooltip))</title>"
            svg +=
                "<rect x=\"\(Charts.number(at.x))\" y=\"\(Charts.number(at.y))\" width=\"\(boxWidth)\" height=\"\(boxHeight)\" rx=\"4\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(flagged ? 2.5 : 1.2)\"\(open ? " stroke-dasharray=\"5 3\"" : "")/>"
            let marker = flagged ? "! " : ""
            svg +=
                "<text x=\"\(Charts.number(at.x + 6))\" y=\"\(Charts.number(at.y + 17))\" font-size=\"11\"\(flagged ? " font-weight=\"700\"" : "")>\(Charts.escape(marker + label))</text></g>"
        }
        return svg + "</svg>"
    }

    private static func sorted(_ column: [String], by neighbours: [String: [String]], _ rows: [String: Double]) -> [String] {
        let keyed = column.enumerated().map { index, code -> (Double, Int, String) in
            let around = (neighbours[code] ?? []).compactMap { rows[$0] }
            return (around.isEmpty ? Double(index) : around.reduce(0, +) / Double(around.count), index, code)
        }
        return keyed.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }

    private static func legend(y: Double) -> String {
        let entries: [(String, String, String, Bool)] = [
            ("full line of sight", "#e3f3e6", "#1e7a34", false),
            ("! inside-out or impact without outcome", "#fde2df", "#b3261e", false),
            ("dashed: no metric or no evidence", "#ffffff", "#51606f", true),
        ]
        var svg = "", x = 10.0
        for (label, fill, stroke, dashed) in entries {
            svg +=
                "<rect x=\"\(Charts.number(x))\" y=\"\(Charts.number(y - 11))\" width=\"18\" height=\"14\" fill=\"\(fill)\" stroke=\"\(stroke)\"\(dashed ? " stroke-dasharray=\"4 2\"" : "")/>"
            svg += "<text x=\"\(Charts.number(x + 24))\" y=\"\(Charts.number(y))\" font-size=\"11\">\(Charts.escape(label))</text>"
            x += 24 + Double(label.count) * 6.2 + 24
        }
        return svg
    }

    /// Box plots of a lead time per period: whiskers from min to max, the box from the first
    /// to the third quartile, the median as a bar and written out.
    static func boxes(title: String, rows: [(label: String, distribution: Agility.Distribution)]) -> String {
        guard !rows.isEmpty else { return "" }
        let labelWidth = 90.0, plotWidth = 420.0, rowHeight = 30.0
        let top = max(rows.map(\.distribution.max).max() ?? 1, 1)
        func x(_ value: Double) -> Double { labelWidth + value / top * plotWidth }
        let height = Double(rows.count) * rowHeight + 30
        // Each row's median is written after its longest whisker: leave room for the longest
        // of those notes so none is cut.
        func note(_ d: Agility.Distribution) -> String { "median \(Int(d.median.rounded())) d (n \(d.n))" }
        let right = Charts.widest(rows.map { note($0.distribution) }, fontSize: 11) + 16
        var svg =
            "<svg class=\"chart boxes\" viewBox=\"0 0 \(Int(labelWidth + plotWidth + right)) \(Int(height))\" role=\"img\" aria-label=\"\(Charts.escape(title))\"><title>\(Charts.escape(title))</title>"
        for (index, row) in rows.enumerated() {
            let d = row.distribution, y = 10 + Double(index) * rowHeight
            svg +=
                "<text x=\"\(Charts.number(labelWidth - 8))\" y=\"\(Charts.number(y + 15))\" text-anchor=\"end\" font-size=\"11\">\(Charts.escape(row.label))</text>"
            svg +=
                "<line x1=\"\(Charts.number(x(d.min)))\" y1=\"\(Charts.number(y + 11))\" x2=\"\(Charts.number(x(d.max)))\" y2=\"\(Charts.number(y + 11))\" stroke=\"#51606f\"/>"
            svg +=
                "<rect x=\"\(Charts.number(x(d.q1)))\" y=\"\(Charts.number(y + 3))\" width=\"\(Charts.number(max(x(d.q3) - x(d.q1), 1)))\" height=\"16\" fill=\"#8cbbe6\" stroke=\"#0b5cad\"><title>\(Charts.escape(row.label)): n \(d.n), median \(Int(d.median.rounded())) days, quartiles \(Int(d.q1.rounded()))-\(Int(d.q3.rounded()))</title></rect>"
            svg +=
                "<line x1=\"\(Charts.number(x(d.median)))\" y1=\"\(Charts.number(y + 1))\" x2=\"\(Charts.number(x(d.median)))\" y2=\"\(Charts.number(y + 21))\" stroke=\"#0b3d73\" stroke-width=\"3\"/>"
            svg +=
                "<text x=\"\(Charts.number(x(d.max) + 6))\" y=\"\(Charts.number(y + 15))\" font-size=\"11\">\(note(d))</text>"
        }
        svg +=
            "<text x=\"\(Charts.number(labelWidth))\" y=\"\(Charts.number(height - 4))\" font-size=\"10\">0 days</text><text x=\"\(Charts.number(labelWidth + plotWidth))\" y=\"\(Charts.number(height - 4))\" font-size=\"10\" text-anchor=\"end\">\(Int(top)) days</text>"
        return svg + "</svg>"
    }
}

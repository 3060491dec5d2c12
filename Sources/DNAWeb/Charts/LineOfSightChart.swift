import DNACore

/// The line-of-sight graph as a layered drawing: strategies on the left, business impacts on
/// the right, one column per node type. Within a column, nodes are grouped by the first
/// strategy that reaches them and then ordered by code, so the drawing keeps its shape when
/// something unrelated is added or removed (nodes are top-aligned for the same reason).
/// Every node is a link that chooses it; a chosen node lights up every path through it.
/// Findings show on the nodes themselves, so the drawing reads without the table.
enum LineOfSightChart {
    static let maximumNodes = 200

    /// What the drawing shows besides the graph: the chosen node, the scale, and where a click
    /// on a node goes.
    struct Options {
        var selected: String?
        /// Percent of actual size; nil fits the drawing to the page's width.
        var zoom: Int?
        var href: (String) -> String
    }

    static let columnWidth = 260.0, boxWidth = 224.0, boxHeight = 44.0, rowHeight = 54.0, top = 80.0, fontSize = 12.0
    /// Characters per line of a node's name: the box's width at the font's average glyph.
    static let lineLength = Int((boxWidth - 12) / (fontSize * 0.55))

    static func graph(_ graph: LineOfSightGraph, report: LineOfSightCheck.Report, options: Options) -> String {
        let types = LineOfSightModel.NodeType.allCases
        let first = graph.firstStrategies()
        let columns = types.map { type in
            graph.nodes.filter { $0.type == type }.map(\.code).sorted {
                // Nodes no strategy reaches go last in their column.
                (first[$0] ?? "\u{10FFFF}", $0) < (first[$1] ?? "\u{10FFFF}", $1)
            }
        }
        var findings: [String: [LineOfSightCheck.Kind]] = [:]
        for finding in report.findings { findings[finding.node, default: []].append(finding.kind) }
        let covered = Set(report.initiativesWithLineOfSight)
        let nodes = Dictionary(graph.nodes.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let lit = options.selected.map { graph.paths(through: $0) }

        let tallest = Double(columns.map(\.count).max() ?? 0)
        let width = columnWidth * Double(types.count), height = top + max(tallest, 1) * rowHeight + 10
        var position: [String: (x: Double, y: Double)] = [:]
        for (column, codes) in columns.enumerated() {
            for (row, code) in codes.enumerated() { position[code] = (Double(column) * columnWidth + 10, top + Double(row) * rowHeight) }
        }
        let counts: AdminText = "Line of sight: \(graph.nodes.count) nodes, \(graph.edges.count) edges"
        let title = options.selected.map { words("\(counts); paths through \($0) highlighted") } ?? counts.resolved
        let size =
            options.zoom.map { " width=\"\(Int(width * Double($0) / 100))\" height=\"\(Int(height * Double($0) / 100))\"" } ?? ""
        var svg =
            "<svg class=\"los-graph\(options.zoom == nil ? " fit" : "")\(lit == nil ? "" : " has-selection")\" viewBox=\"0 0 \(Int(width)) \(Int(height))\"\(size) aria-labelledby=\"los-graph-title\"><title id=\"los-graph-title\">\(Charts.escape(title))</title>"
        for (column, type) in types.enumerated() {
            svg +=
                "<text x=\"\(Charts.number(Double(column) * columnWidth + 10))\" y=\"20\" font-size=\"14\" font-weight=\"700\">\(Charts.escape("\(AdminText(wording: type.title)) (\(columns[column].count))" as AdminText))</text>"
        }
        svg += legend(y: 44)
        for (index, edge) in graph.edges.enumerated() {
            guard let from = position[edge.from], let to = position[edge.to] else { continue }
            let x1 = from.x + boxWidth, y1 = from.y + boxHeight / 2, x2 = to.x, y2 = to.y + boxHeight / 2
            let bend = max((x2 - x1) / 2, 30)
            let state = lit.map { $0.edges.contains(index) ? " on-path" : " off-path" } ?? ""
            svg +=
                "<path class=\"edge\(state)\" d=\"M\(Charts.number(x1)),\(Charts.number(y1)) C\(Charts.number(x1 + bend)),\(Charts.number(y1)) \(Charts.number(x2 - bend)),\(Charts.number(y2)) \(Charts.number(x2)),\(Charts.number(y2))\" fill=\"none\"/>"
        }
        for code in columns.joined() {
            guard let node = nodes[code], let at = position[code] else { continue }
            let kinds = findings[code] ?? []
            let flagged = kinds.contains(.insideOut) || kinds.contains(.impactWithoutOutcome)
            let open = kinds.contains(.unmeasured) || kinds.contains(.noEvidence)
            var classes = ["node", node.type.rawValue] + kinds.map(\.rawValue)
            if covered.contains(code) { classes.append("line-of-sight") }
            if code == options.selected { classes.append("selected") }
            if let lit { classes.append(lit.nodes.contains(code) ? "on-path" : "off-path") }
            let fill =
                flagged ? "\(DesignTokens.alarmSoft)" : covered.contains(code) ? "\(DesignTokens.goodSoft)" : "\(DesignTokens.background)"
            let stroke = flagged ? "\(DesignTokens.alarm)" : covered.contains(code) ? "\(DesignTokens.good)" : "\(DesignTokens.neutral)"
            let name = displayName(node)
            let lines = wrap((flagged ? "! " : "") + name, width: lineLength, lines: 2)
            let named = words("\(AdminText(wording: node.type.title)): \(node.title) [\(code)]")
            let tooltip =
                kinds.isEmpty
                ? named : words("\(named). Findings: \(AdminText.joined(kinds.map { AdminText(wording: $0.rawValue) }, separator: ", "))")
            svg +=
                "<a class=\"\(classes.joined(separator: " "))\" id=\"node-\(Charts.escape(code))\" href=\"\(Charts.escape(options.href(code)))\" data-code=\"\(Charts.escape(code))\" aria-label=\"\(Charts.escape(tooltip))\"><title>\(Charts.escape(tooltip))</title>"
            svg +=
                "<rect x=\"\(Charts.number(at.x))\" y=\"\(Charts.number(at.y))\" width=\"\(boxWidth)\" height=\"\(boxHeight)\" rx=\"4\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(flagged ? 2.5 : 1.2)\"\(open ? " stroke-dasharray=\"5 3\"" : "")/>"
            for (number, line) in lines.enumerated() {
                svg +=
                    "<text x=\"\(Charts.number(at.x + 6))\" y=\"\(Charts.number(at.y + 18 + Double(number) * 16))\" font-size=\"\(Int(fontSize))\"\(flagged ? " font-weight=\"700\"" : "")>\(Charts.escape(line))</text>"
            }
            svg += "</a>"
        }
        return svg + "</svg>"
    }

    /// A node's name for the drawing. Outcome sentences all start with their direction
    /// ("Minimize the time it takes ..."), which an arrow says in one character, leaving the
    /// box for the words that tell outcomes apart.
    static func displayName(_ node: LineOfSightGraph.Node) -> String {
        guard node.type == .outcome else { return node.title }
        for (verb, arrow) in [("Minimize ", "↓ "), ("Increase ", "↑ ")] where node.title.hasPrefix(verb) {
            return arrow + node.title.dropFirst(verb.count)
        }
        return node.title.isEmpty ? node.code : node.title
    }

    /// `text` in at most `lines` lines of at most `width` characters, broken between words
    /// where it can; what does not fit ends the last line with an ellipsis.
    static func wrap(_ text: String, width: Int, lines: Int) -> [String] {
        var result: [String] = [], current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            var word = word
            while word.count > width {
                // A word longer than a line is cut where the line ends.
                let room = current.isEmpty ? width : width - current.count - 1
                if room <= 0 {
                    result.append(current)
                    current = ""
                    continue
                }
                current += (current.isEmpty ? "" : " ") + word.prefix(room)
                result.append(current)
                current = ""
                word = String(word.dropFirst(room))
            }
            if current.isEmpty {
                current = word
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                result.append(current)
                current = word
            }
        }
        if !current.isEmpty { result.append(current) }
        guard result.count > lines else { return result }
        var kept = Array(result.prefix(lines))
        kept[lines - 1] = String(kept[lines - 1].prefix(width - 1)) + "…"
        return kept
    }

    private static func legend(y: Double) -> String {
        let entries: [(AdminText, String, String, Bool)] = [
            ("full line of sight", "\(DesignTokens.goodSoft)", "\(DesignTokens.good)", false),
            ("! inside-out or impact without outcome", "\(DesignTokens.alarmSoft)", "\(DesignTokens.alarm)", false),
            ("dashed: no metric or no evidence", "\(DesignTokens.background)", "\(DesignTokens.neutral)", true),
        ]
        // Under the swatches: what the arrows of outcome names mean, and what a click does.
        var svg =
            "<text x=\"\(Charts.number(10))\" y=\"\(Charts.number(y + 18))\" font-size=\"11\">\(Charts.escape(words("Outcomes: ↓ minimize, ↑ increase. Choose a node to see every path through it and its details.")))</text>"
        var x = 10.0
        for (wording, fill, stroke, dashed) in entries {
            let label = wording.resolved
            svg +=
                "<rect x=\"\(Charts.number(x))\" y=\"\(Charts.number(y - 11))\" width=\"18\" height=\"14\" fill=\"\(fill)\" stroke=\"\(stroke)\"\(dashed ? " stroke-dasharray=\"4 2\"" : "")/>"
            svg += "<text x=\"\(Charts.number(x + 24))\" y=\"\(Charts.number(y))\" font-size=\"11\">\(Charts.escape(label))</text>"
            x += 24 + Double(label.count) * 6.2 + 24
        }
        return svg
    }

    /// Box plots of a lead time per period: whiskers from min to max, the box from the first
    /// to the third quartile, the median as a bar and written out.
    static func boxes(title: AdminText, rows: [(label: String, distribution: Agility.Distribution)]) -> String {
        guard !rows.isEmpty else { return "" }
        let labelWidth = 90.0, plotWidth = 420.0, rowHeight = 30.0
        let top = max(rows.map(\.distribution.max).max() ?? 1, 1)
        func x(_ value: Double) -> Double { labelWidth + value / top * plotWidth }
        let height = Double(rows.count) * rowHeight + 30
        // Each row's median is written after its longest whisker: leave room for the longest
        // of those notes so none is cut.
        func note(_ d: Agility.Distribution) -> String { words("median \(Int(d.median.rounded())) d (n \(d.n))") }
        let right = Charts.widest(rows.map { note($0.distribution) }, fontSize: 11) + 16
        var svg =
            "<svg class=\"chart boxes\" viewBox=\"0 0 \(Int(labelWidth + plotWidth + right)) \(Int(height))\" role=\"img\" aria-label=\"\(Charts.escape(title.resolved))\"><title>\(Charts.escape(title.resolved))</title>"
        for (index, row) in rows.enumerated() {
            let d = row.distribution, y = 10 + Double(index) * rowHeight
            svg +=
                "<text x=\"\(Charts.number(labelWidth - 8))\" y=\"\(Charts.number(y + 15))\" text-anchor=\"end\" font-size=\"11\">\(Charts.escape(row.label))</text>"
            svg +=
                "<line x1=\"\(Charts.number(x(d.min)))\" y1=\"\(Charts.number(y + 11))\" x2=\"\(Charts.number(x(d.max)))\" y2=\"\(Charts.number(y + 11))\" stroke=\"\(DesignTokens.neutral)\"/>"
            svg +=
                "<rect x=\"\(Charts.number(x(d.q1)))\" y=\"\(Charts.number(y + 3))\" width=\"\(Charts.number(max(x(d.q3) - x(d.q1), 1)))\" height=\"16\" fill=\"\(DesignTokens.scoreHigh)\" stroke=\"\(DesignTokens.accent)\"><title>\(Charts.escape(words("\(row.label): n \(d.n), median \(Int(d.median.rounded())) days, quartiles \(Int(d.q1.rounded()))-\(Int(d.q3.rounded()))")))</title></rect>"
            svg +=
                "<line x1=\"\(Charts.number(x(d.median)))\" y1=\"\(Charts.number(y + 1))\" x2=\"\(Charts.number(x(d.median)))\" y2=\"\(Charts.number(y + 21))\" stroke=\"\(DesignTokens.accentDark)\" stroke-width=\"3\"/>"
            svg +=
                "<text x=\"\(Charts.number(x(d.max) + 6))\" y=\"\(Charts.number(y + 15))\" font-size=\"11\">\(Charts.escape(note(d)))</text>"
        }
        svg +=
            "<text x=\"\(Charts.number(labelWidth))\" y=\"\(Charts.number(height - 4))\" font-size=\"10\">\(Charts.escape(words("0 days")))</text><text x=\"\(Charts.number(labelWidth + plotWidth))\" y=\"\(Charts.number(height - 4))\" font-size=\"10\" text-anchor=\"end\">\(Charts.escape(words("\(Int(top)) days")))</text>"
        return svg + "</svg>"
    }
}

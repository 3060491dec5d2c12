/// One row of an org chart: a unit, its parent (nil for a root) and its display name.
public struct OrgChartRow: Equatable, Sendable {
    public var unit: String
    public var parent: String?
    public var name: String
    public var line: Int

    public init(unit: String, parent: String?, name: String, line: Int = 0) {
        self.unit = unit
        self.parent = parent
        self.name = name
        self.line = line
    }
}

/// The org chart file `unit,parent,name`, read and checked as a whole so that an import is
/// all-or-nothing: every problem is reported before anything is written.
public enum OrgChart {
    public static let header = ["unit", "parent", "name"]

    /// Parses and validates the file. `existing` maps the codes of units already in the
    /// workspace to their parents, so a file may hang new units under existing ones; the
    /// merged tree must still have no cycle.
    public static func parse(
        file: String, text: String, existing: [String: String?] = [:]
    ) throws(FileProblems) -> [OrgChartRow] {
        let table = try CSVTable(reader: CSVReader(file: file, text: text), required: header)
        let unitColumn = table.index(of: "unit")!, parentColumn = table.index(of: "parent")!,
            nameColumn = table.index(of: "name")!
        var problems = FileProblems()
        var rows: [OrgChartRow] = []
        // The record each accepted row came from, for locating problems found after reading.
        var recordOfRow: [CSVRecord] = []
        var lineOfUnit: [String: Int] = [:]
        for record in table.rows {
            if let problem = table.fieldCountProblem(record) {
                problems.append(problem)
                continue
            }
            let unit = record[unitColumn].trimmingSpaces()
            let parent = record[parentColumn].trimmingSpaces()
            let name = record[nameColumn].trimmingSpaces()
            if let message = UnitCode.problem(unit) {
                problems.append(table.problem(record, column: unitColumn, "unit \(message)"))
                continue
            }
            if let first = lineOfUnit[unit] {
                problems.append(table.problem(record, column: unitColumn, "unit '\(unit)' appears twice (first on line \(first))"))
                continue
            }
            if name.isEmpty {
                problems.append(table.problem(record, column: nameColumn, "name is empty"))
            }
            if parent == unit {
                problems.append(table.problem(record, column: parentColumn, "unit '\(unit)' cannot be its own parent"))
                continue
            }
            lineOfUnit[unit] = record.line
            rows.append(OrgChartRow(unit: unit, parent: parent.isEmpty ? nil : parent, name: name, line: record.line))
            recordOfRow.append(record)
        }
        for (row, record) in zip(rows, recordOfRow) {
            if let parent = row.parent, lineOfUnit[parent] == nil, existing[parent] == nil {
                problems.append(
                    table.problem(record, column: parentColumn, "parent '\(parent)' is not a unit in this file or in the workspace"))
            }
        }
        if problems.isEmpty {
            var parents = existing
            var indexOfUnit: [String: Int] = [:]
            for (index, row) in rows.enumerated() {
                parents[row.unit] = row.parent
                indexOfUnit[row.unit] = index
            }
            for cycle in UnitTree.cycles(parents: parents) {
                // Report at the first row of the file that is on the cycle.
                guard let index = cycle.compactMap({ indexOfUnit[$0] }).min() else { continue }
                let record = recordOfRow[index]
                problems.append(
                    table.problem(record, column: parentColumn, "units form a cycle: \(cycle.joined(separator: " -> "))"))
            }
        }
        try problems.sortedByPosition().throwIfAny()
        return rows
    }
}

/// Rules for the codes that identify units in files ("SALES-NORTH", "finance").
public enum UnitCode {
    public static func problem(_ code: String) -> String? {
        if code.isEmpty { return "code is empty" }
        if code.count > 64 { return "code '\(code.prefix(20))...' is longer than 64 characters" }
        if code.contains(where: { $0.isNewline || $0 == "/" }) { return "code '\(code)' contains '/' or a line break" }
        return nil
    }
}

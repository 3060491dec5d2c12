/// One person of a workspace who can be invited to its waves: who they are, where they work,
/// the language they read, and who their manager is (by e-mail, so a manager need not be a
/// participant). Nothing here ties a person to their answers.
public struct Participant: Codable, Equatable, Sendable {
    public var id: String
    public var email: String
    public var name: String
    public var unitID: String
    public var roleID: String?
    /// A BCP 47 tag such as `nb` or `de-CH`; nil for the workspace's default language.
    public var language: String?
    public var managerEmail: String?

    public init(
        id: String, email: String, name: String, unitID: String, roleID: String? = nil, language: String? = nil,
        managerEmail: String? = nil
    ) {
        self.id = id
        self.email = email
        self.name = name
        self.unitID = unitID
        self.roleID = roleID
        self.language = language
        self.managerEmail = managerEmail
    }
}

/// One row of a participants file, checked: the e-mail and manager's e-mail in lower case,
/// the language tag in its canonical case, empty fields as nil.
public struct ParticipantRow: Equatable, Sendable {
    public var email: String
    public var name: String
    public var unit: String
    public var role: String?
    public var language: String?
    public var managerEmail: String?
    public var line: Int

    public init(
        email: String, name: String = "", unit: String, role: String? = nil, language: String? = nil, managerEmail: String? = nil,
        line: Int = 0
    ) {
        self.email = email
        self.name = name
        self.unit = unit
        self.role = role
        self.language = language
        self.managerEmail = managerEmail
        self.line = line
    }
}

/// The participants file `email,name,unit,role,language,manager_email` (DESIGN.md, "Roll-out
/// and administration"): read and checked as a whole, so an import is all or nothing and
/// every problem is located before anything is written.
public enum ParticipantsFile {
    /// The checked rows and the optional columns the file has: a column left out of the file
    /// leaves what is stored in it as it is, while an empty field clears it.
    public struct Contents: Equatable, Sendable {
        public var rows: [ParticipantRow]
        public var columns: Set<String>

        public func has(_ column: String) -> Bool { columns.contains(column) }
    }

    public static let required = ["email", "unit"]
    public static let optional = ["name", "role", "language", "manager_email"]
    public static var header: [String] { ["email", "name", "unit", "role", "language", "manager_email"] }

    /// Parses and checks the file against the workspace: `units` and `roles` are the codes
    /// that exist; `managers` maps the e-mail of each participant already stored to their
    /// manager's, so a chain through people not in the file is checked for cycles too.
    public static func parse(
        file: String, text: String, units: Set<String>, roles: Set<String>, managers: [String: String] = [:]
    ) throws(FileProblems) -> Contents {
        let table = try CSVTable(reader: CSVReader(file: file, text: text), required: required, optional: optional)
        let column = { (name: String) in table.index(of: name) }
        let emailColumn = column("email")!, unitColumn = column("unit")!
        let nameColumn = column("name"), roleColumn = column("role"), languageColumn = column("language")
        let managerColumn = column("manager_email")
        var problems = FileProblems()
        var rows: [ParticipantRow] = []
        var recordOfRow: [CSVRecord] = []
        var lineOfEmail: [String: Int] = [:]
        table.forEachRecord(&problems) { record, problems in
            let field = { (index: Int?) in index.map { record[$0].trimmingSpaces() } ?? "" }
            var rowProblems: [FileProblem] = []
            let email = PeopleFields.email(field(emailColumn), table, record, emailColumn, seen: &lineOfEmail, &rowProblems)
            let unit = field(unitColumn)
            if unit.isEmpty {
                rowProblems.append(table.problem(record, column: unitColumn, "unit is empty"))
            } else if !units.contains(unit) {
                rowProblems.append(table.problem(record, column: unitColumn, "unit '\(unit)' is not a unit of this workspace"))
            }
            let role = field(roleColumn)
            if let roleColumn, !role.isEmpty, !roles.contains(role) {
                rowProblems.append(table.problem(record, column: roleColumn, "role '\(role)' is not a role of this workspace"))
            }
            let language = PeopleFields.language(field(languageColumn), table, record, languageColumn, &rowProblems)
            let manager = EmailAddress.normalized(field(managerColumn))
            if let managerColumn, !manager.isEmpty {
                if let message = EmailAddress.problem(manager) {
                    rowProblems.append(table.problem(record, column: managerColumn, "manager_email \(message)"))
                } else if manager == email {
                    rowProblems.append(table.problem(record, column: managerColumn, "a participant cannot be their own manager"))
                }
            }
            if rowProblems.isEmpty {
                rows.append(
                    ParticipantRow(
                        email: email, name: field(nameColumn), unit: unit, role: role.isEmpty ? nil : role,
                        language: language, managerEmail: manager.isEmpty ? nil : manager,
                        line: record.line))
                recordOfRow.append(record)
            }
            for problem in rowProblems { problems.append(problem) }
        }
        if problems.isEmpty, let managerColumn {
            var chain = managers
            var indexOfEmail: [String: Int] = [:]
            for (index, row) in rows.enumerated() {
                chain[row.email] = row.managerEmail
                indexOfEmail[row.email] = index
            }
            // Without a manager_email column nothing about managers changes, so no new cycle.
            for cycle in ManagerChain.cycles(chain) {
                // Located at the first row of the file on the cycle: that is the one to fix.
                guard let index = cycle.compactMap({ indexOfEmail[$0] }).min() else { continue }
                problems.append(
                    table.problem(
                        recordOfRow[index], column: managerColumn,
                        "managers form a cycle: \((cycle + [cycle[0]]).joined(separator: " -> "))"))
            }
        }
        try problems.sortedByPosition().throwIfAny()
        return Contents(rows: rows, columns: Set(optional.filter { table.index(of: $0) != nil }))
    }
}

/// The fields the participants file and the customer address list share, checked the same way.
enum PeopleFields {
    /// The address in lower case; a malformed one, or one already seen on an earlier line, is a
    /// problem. Counted even when another field of the row is wrong: a second row for the
    /// same person is a mistake of its own.
    static func email(
        _ text: String, _ table: CSVTable, _ record: CSVRecord, _ column: Int, seen: inout [String: Int], _ problems: inout [FileProblem]
    ) -> String {
        let email = EmailAddress.normalized(text)
        if let message = EmailAddress.problem(email) {
            problems.append(table.problem(record, column: column, "email \(message)"))
        } else if let first = seen[email] {
            problems.append(table.problem(record, column: column, "'\(email)' appears twice (first on line \(first))"))
        } else {
            seen[email] = record.line
        }
        return email
    }

    /// The tag in canonical case, nil when empty; a tag that is not one is a problem.
    static func language(
        _ text: String, _ table: CSVTable, _ record: CSVRecord, _ column: Int?, _ problems: inout [FileProblem]
    ) -> String? {
        guard let column, !text.isEmpty else { return nil }
        switch LanguageTag.canonical(text) {
        case .success(let tag): return tag
        case .failure(let problem):
            problems.append(table.problem(record, column: column, problem.message))
            return nil
        }
    }
}

/// Who manages whom, by e-mail.
public enum ManagerChain {
    /// Every cycle in `managerOf` (e-mail -> manager's e-mail), each once, starting at its
    /// smallest e-mail so the report is the same whichever person it is found from.
    public static func cycles(_ managerOf: [String: String]) -> [[String]] {
        var settled: Set<String> = []
        var found: [[String]] = []
        for start in managerOf.keys.sorted() where !settled.contains(start) {
            var path: [String] = []
            var position: [String: Int] = [:]
            var current: String? = start
            while let person = current, !settled.contains(person) {
                if let index = position[person] {
                    let cycle = Array(path[index...])
                    let first = cycle.indices.min { cycle[$0] < cycle[$1] }!
                    found.append(Array(cycle[first...] + cycle[..<first]))
                    break
                }
                position[person] = path.count
                path.append(person)
                current = managerOf[person]
            }
            settled.formUnion(path)
        }
        return found
    }

    /// Everyone under `manager`, directly or through others, by e-mail.
    public static func reports(of manager: String, in managerOf: [String: String]) -> Set<String> {
        var under: [String: [String]] = [:]
        for (person, boss) in managerOf { under[boss, default: []].append(person) }
        var found: Set<String> = []
        var queue = under[manager] ?? []
        while let person = queue.popLast() {
            guard found.insert(person).inserted else { continue }
            queue += under[person] ?? []
        }
        return found
    }
}

/// E-mail addresses as participants files and invitations need them: one address, no display
/// name, compared without regard to case.
public enum EmailAddress {
    public static func normalized(_ text: String) -> String { text.trimmingSpaces().lowercased() }

    /// Why `address` cannot be mailed, or nil. The check is deliberately the practical one
    /// mail servers agree on (local part, one @, a domain with a dot), not RFC 5322's whole
    /// grammar, which admits addresses no mail system delivers.
    public static func problem(_ address: String) -> String? {
        if address.isEmpty { return "is empty" }
        if address.utf8.count > 254 { return "is longer than 254 characters" }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return "'\(address)' must have exactly one @" }
        let local = parts[0], domain = parts[1]
        if local.isEmpty || local.utf8.count > 64 { return "'\(address)' needs 1 to 64 characters before the @" }
        let forbidden: Set<Character> = [" ", "\t", ",", ";", "<", ">", "(", ")", "[", "]", "\\", "\"", ":"]
        if address.contains(where: { forbidden.contains($0) || $0.isNewline || $0.asciiValue.map { $0 < 0x20 } == true }) {
            return "'\(address)' contains a space or a character addresses cannot hold"
        }
        if local.hasPrefix(".") || local.hasSuffix(".") || local.contains("..") { return "'\(address)' has a misplaced dot" }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 63 }) else {
            return "'\(address)' needs a domain such as example.com after the @"
        }
        guard labels.allSatisfy({ $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } && !$0.hasPrefix("-") && !$0.hasSuffix("-") })
        else { return "'\(address)' has a domain with characters a host name cannot hold" }
        return nil
    }
}

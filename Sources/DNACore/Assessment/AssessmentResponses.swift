/// Assessment answers in a compact form for scoring: one row per respondent, one small
/// integer per likert item (0 missing, -1 "don't know", 1-5 the answer as given).
public struct AssessmentResponses: Sendable, Equatable {
    public struct Respondent: Sendable, Equatable {
        public var id: String
        public var unit: String
        public var role: String
        /// The outcome id named on the line-of-sight item; nil when none was named.
        public var outcome: String?
        /// Answers to text, choice and multi items, by item id (multi picks joined by ';').
        public var texts: [String: String] = [:]
        /// Where the respondent's unit and role were read, for messages about them.
        public var position: Position?

        public init(
            id: String, unit: String, role: String, outcome: String? = nil, texts: [String: String] = [:], position: Position? = nil
        ) {
            self.id = id
            self.unit = unit
            self.role = role
            self.outcome = outcome
            self.texts = texts
            self.position = position
        }

        /// Equal answers from different places in a file are the same respondent.
        public static func == (lhs: Respondent, rhs: Respondent) -> Bool {
            (lhs.id, lhs.unit, lhs.role, lhs.outcome, lhs.texts) == (rhs.id, rhs.unit, rhs.role, rhs.outcome, rhs.texts)
        }
    }

    public struct Position: Sendable, Equatable {
        public var file: String
        public var line: Int
        public var unitColumn: Int
        public var roleColumn: Int
    }

    public static let missing: Int8 = 0
    public static let dontKnow: Int8 = -1

    public let likertItemIDs: [String]
    public private(set) var respondents: [Respondent] = []
    /// Row-major: `answers[r * likertItemIDs.count + i]`.
    public private(set) var answers: [Int8] = []

    public init(likertItemIDs: [String]) {
        self.likertItemIDs = likertItemIDs
    }

    public mutating func append(_ respondent: Respondent, answers row: [Int8]) {
        precondition(row.count == likertItemIDs.count)
        respondents.append(respondent)
        answers.append(contentsOf: row)
    }

    public func answer(respondent: Int, item: Int) -> Int8 { answers[respondent * likertItemIDs.count + item] }
}

/// Reads the responses CSV of the contract, wide (`respondent,unit,role,<item>...`) or long
/// (`respondent,unit,role,item,value`), checking every cell against the instrument.
public enum AssessmentResponseReader {
    /// The ways to say "can't say" on the outcome item.
    public static let notNamed: Set<String> = ["", "dk", "cant-say", "can't say", "cant_say", "none"]

    public static func read(
        file: String, text: String, instrument: Instrument, knownOutcomes: Set<String>? = nil
    ) throws(FileProblems) -> AssessmentResponses {
        try read(file: file, bytes: Array(text.utf8), instrument: instrument, knownOutcomes: knownOutcomes)
    }

    /// Reads either form. With `knownOutcomes`, an outcome answer must name one of them (the
    /// server passes the workspace's customer model; files analysed alone may name any id).
    public static func read(
        file: String, bytes: [UInt8], instrument: Instrument, knownOutcomes: Set<String>? = nil
    ) throws(FileProblems) -> AssessmentResponses {
        try read(
            file: file, records: try CSVReader(file: file, bytes: bytes).records(), instrument: instrument, knownOutcomes: knownOutcomes)
    }

    /// Reads either form from records already split.
    public static func read(
        file: String, records: [CSVRecord], instrument: Instrument, knownOutcomes: Set<String>? = nil
    ) throws(FileProblems) -> AssessmentResponses {
        guard let header = records.first else {
            throw FileProblems([
                FileProblem(file: file, line: 1, column: 1, message: "file is empty; expected a header respondent,unit,role,...")
            ])
        }
        let names = header.fields.map { $0.trimmingSpaces().lowercased() }
        if names == ["respondent", "unit", "role", "item", "value"] {
            return try readLong(file: file, records: records, instrument: instrument, knownOutcomes: knownOutcomes)
        }
        return try readWide(file: file, records: records, instrument: instrument, knownOutcomes: knownOutcomes)
    }

    private static func readWide(
        file: String, records: [CSVRecord], instrument: Instrument, knownOutcomes: Set<String>?
    ) throws(FileProblems) -> AssessmentResponses {
        let checker = try WideResponseRows(file: file, header: records[0], instrument: instrument, knownOutcomes: knownOutcomes)
        var problems = FileProblems()
        var responses = AssessmentResponses(likertItemIDs: instrument.likertItems.map(\.id))
        var seen: [String: Int] = [:]
        for record in records.dropFirst() {
            if problems.isFull { break }
            guard let (respondent, row) = checker.check(record, seen: &seen, problems: &problems) else { continue }
            responses.append(respondent, answers: row)
        }
        try problems.throwIfAny()
        return responses
    }

    private static func readLong(
        file: String, records: [CSVRecord], instrument: Instrument, knownOutcomes: Set<String>?
    ) throws(FileProblems) -> AssessmentResponses {
        var problems = FileProblems()
        let items = Dictionary(uniqueKeysWithValues: instrument.items.map { ($0.id, $0) })
        let likertIndex = Dictionary(uniqueKeysWithValues: instrument.likertItems.enumerated().map { ($1.id, $0) })
        var order: [String] = []
        var people: [String: (respondent: AssessmentResponses.Respondent, row: [Int8], line: Int, answered: Set<String>)] = [:]
        for record in records.dropFirst() {
            if problems.isFull { break }
            guard record.fields.count == 5 else {
                problems.append(
                    FileProblem(
                        file: file, line: record.line, column: record.column(of: min(record.fields.count - 1, 5)),
                        message: "expected 5 fields, found \(record.fields.count)"))
                continue
            }
            let id = record[0].trimmingSpaces(), unit = record[1].trimmingSpaces(), role = record[2].trimmingSpaces()
            let itemID = record[3].trimmingSpaces(), value = record[4].trimmingSpaces()
            if id.isEmpty {
                problems.append(FileProblem(file: file, line: record.line, column: 1, message: "respondent is empty"))
                continue
            }
            guard let item = items[itemID] else {
                problems.append(
                    FileProblem(
                        file: file, line: record.line, column: record.column(of: 3),
                        message: "'\(itemID)' is not an item of instrument '\(instrument.id)'"))
                continue
            }
            if people[id] == nil {
                order.append(id)
                let position = AssessmentResponses.Position(
                    file: file, line: record.line, unitColumn: record.column(of: 1), roleColumn: record.column(of: 2))
                people[id] = (
                    .init(id: id, unit: unit, role: role, position: position), [Int8](repeating: 0, count: likertIndex.count), record.line,
                    []
                )
            }
            let person = people[id]!
            if person.respondent.unit != unit || person.respondent.role != role {
                problems.append(
                    FileProblem(
                        file: file, line: record.line, column: record.column(of: person.respondent.unit != unit ? 1 : 2),
                        message: "respondent '\(id)' has a different unit or role on line \(person.line)"))
                continue
            }
            if person.answered.contains(itemID) {
                problems.append(
                    FileProblem(
                        file: file, line: record.line, column: record.column(of: 3),
                        message: "respondent '\(id)' answers item '\(itemID)' twice"))
                continue
            }
            people[id]!.answered.insert(itemID)
            switch check(value, item: item, knownOutcomes: knownOutcomes) {
            case .failure(let message):
                problems.append(FileProblem(file: file, line: record.line, column: record.column(of: 4), message: message))
            case .success(let answer):
                if let position = likertIndex[itemID] { people[id]!.row[position] = answer }
                if item.type == .outcome, !notNamed.contains(value.lowercased()) { people[id]!.respondent.outcome = value }
                if item.keepsText, !value.isEmpty { people[id]!.respondent.texts[itemID] = value }
            }
        }
        try problems.throwIfAny()
        var responses = AssessmentResponses(likertItemIDs: instrument.likertItems.map(\.id))
        for id in order { responses.append(people[id]!.respondent, answers: people[id]!.row) }
        return responses
    }

    static func respondent(
        _ record: CSVRecord, file: String, seen: inout [String: Int], problems: inout FileProblems
    ) -> AssessmentResponses.Respondent? {
        let id = record[0].trimmingSpaces()
        if id.isEmpty {
            problems.append(FileProblem(file: file, line: record.line, column: 1, message: "respondent is empty"))
            return nil
        }
        if let first = seen[id] {
            problems.append(
                FileProblem(file: file, line: record.line, column: 1, message: "respondent '\(id)' appears twice (first on line \(first))"))
            return nil
        }
        seen[id] = record.line
        let position = AssessmentResponses.Position(
            file: file, line: record.line, unitColumn: record.column(of: 1), roleColumn: record.column(of: 2))
        return .init(id: id, unit: record[1].trimmingSpaces(), role: record[2].trimmingSpaces(), position: position)
    }

    public enum CheckResult: Sendable, Equatable {
        case success(Int8)
        case failure(String)
    }

    /// Checks one answer against its item; likert answers come back as their code.
    public static func check(_ value: String, item: Instrument.Item, knownOutcomes: Set<String>? = nil) -> CheckResult {
        switch item.type {
        case .likert:
            // The common answers need no lower-casing: one byte, or nothing.
            let utf8 = value.utf8
            if utf8.isEmpty { return .success(AssessmentResponses.missing) }
            if utf8.count == 1, let byte = utf8.first, (UInt8(ascii: "1")...UInt8(ascii: "5")).contains(byte) {
                return .success(Int8(byte - UInt8(ascii: "0")))
            }
            switch value.lowercased() {
            case "": return .success(AssessmentResponses.missing)
            case "dk": return .success(AssessmentResponses.dontKnow)
            case "1", "2", "3", "4", "5": return .success(Int8(value)!)
            default: return .failure("'\(value)' is not an answer to likert item '\(item.id)': expected 1-5, dk or empty")
            }
        case .choice:
            if value.isEmpty || item.options.contains(value) { return .success(0) }
            return .failure("'\(value)' is not an option of item '\(item.id)': expected one of \(item.options.joined(separator: ", "))")
        case .multi:
            let picks = value.split(separator: ";").map { $0.trimmingSpaces() }
            if let bad = picks.first(where: { !item.options.contains($0) }) {
                return .failure("'\(bad)' is not an option of item '\(item.id)'; separate several options with ';'")
            }
            return .success(0)
        case .outcome:
            if let knownOutcomes, !notNamed.contains(value.lowercased()), !knownOutcomes.contains(value) {
                return .failure("'\(value)' is not an outcome of this workspace's customer model; use an outcome id or leave it empty")
            }
            return .success(0)
        case .text:
            return .success(0)
        }
    }
}

/// The rows of a wide responses file (`respondent,unit,role,<item id>...`), checked one
/// record at a time against the header and the instrument, so a file can be read whole or in
/// chunks (`CSVChunks`) with the same rules and the same messages.
public struct WideResponseRows: Sendable {
    public let file: String
    let width: Int
    let columnItems: [Instrument.Item?]
    /// Each column's place among the likert answers, or -1: the common answer is then stored
    /// without hashing the item's id or copying the item.
    let likertPositions: [Int]
    let likertCount: Int
    let knownOutcomes: Set<String>?

    /// Checks the header; every problem with it is reported at once.
    public init(file: String, header: CSVRecord, instrument: Instrument, knownOutcomes: Set<String>?) throws(FileProblems) {
        var problems = FileProblems()
        let names = header.fields.map { $0.trimmingSpaces() }
        for (index, expected) in ["respondent", "unit", "role"].enumerated()
        where names.count <= index || names[index].lowercased() != expected {
            problems.append(
                FileProblem(
                    file: file, line: header.line, column: header.column(of: index),
                    message: "column \(index + 1) must be '\(expected)'; the header is respondent,unit,role,<item id>..."))
        }
        try problems.throwIfAny()
        let items = Dictionary(uniqueKeysWithValues: instrument.items.map { ($0.id, $0) })
        var columnItems: [Instrument.Item?] = [nil, nil, nil]
        var seenColumns: Set<String> = []
        for index in 3..<names.count {
            let name = names[index]
            if !seenColumns.insert(name).inserted {
                problems.append(
                    FileProblem(
                        file: file, line: header.line, column: header.column(of: index),
                        message: "item '\(name)' appears twice in the header"))
            }
            guard let item = items[name] else {
                problems.append(
                    FileProblem(
                        file: file, line: header.line, column: header.column(of: index),
                        message: "'\(name)' is not an item of instrument '\(instrument.id)'"))
                columnItems.append(nil)
                continue
            }
            columnItems.append(item)
        }
        try problems.throwIfAny()
        self.file = file
        self.width = names.count
        self.columnItems = columnItems
        let likertIndex = Dictionary(uniqueKeysWithValues: instrument.likertItems.enumerated().map { ($1.id, $0) })
        self.likertPositions = columnItems.map { item in item.flatMap { likertIndex[$0.id] } ?? -1 }
        self.likertCount = likertIndex.count
        self.knownOutcomes = knownOutcomes
    }

    /// One record's respondent and likert codes, or nil with its problems added. `seen` finds
    /// a respondent named twice; a caller that cannot hold every id of a file of millions
    /// passes one chunk's ids and finds repeats across chunks another way (the database's
    /// unique key, in `CampaignRepository.importResponses`).
    public func check(
        _ record: CSVRecord, seen: inout [String: Int], problems: inout FileProblems
    ) -> (
        AssessmentResponses.Respondent, [Int8]
    )? {
        guard record.fields.count == width else {
            problems.append(
                FileProblem(
                    file: file, line: record.line, column: record.column(of: min(record.fields.count - 1, width)),
                    message: "expected \(width) fields, found \(record.fields.count)"))
            return nil
        }
        guard let respondent = AssessmentResponseReader.respondent(record, file: file, seen: &seen, problems: &problems) else {
            return nil
        }
        var row = [Int8](repeating: AssessmentResponses.missing, count: likertCount)
        var named = respondent
        for index in 3..<width {
            let position = likertPositions[index]
            if position >= 0 {
                // Most likert answers are one digit or nothing: the same codes `check` gives.
                let utf8 = record.fields[index].utf8
                if utf8.isEmpty { continue }
                if utf8.count == 1, let byte = utf8.first, (UInt8(ascii: "1")...UInt8(ascii: "5")).contains(byte) {
                    row[position] = Int8(byte - UInt8(ascii: "0"))
                    continue
                }
            }
            guard let item = columnItems[index] else { continue }
            let value = record.fields[index].trimmingSpaces()
            switch AssessmentResponseReader.check(value, item: item, knownOutcomes: knownOutcomes) {
            case .failure(let message):
                problems.append(FileProblem(file: file, line: record.line, column: record.column(of: index), message: message))
            case .success(let answer):
                if position >= 0 { row[position] = answer }
                if item.type == .outcome, !AssessmentResponseReader.notNamed.contains(value.lowercased()) { named.outcome = value }
                if item.keepsText, !value.isEmpty { named.texts[item.id] = value }
            }
        }
        return (named, row)
    }
}

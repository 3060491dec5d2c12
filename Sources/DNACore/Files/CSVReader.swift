/// A record of a CSV file with the positions needed for precise error messages.
public struct CSVRecord: Sendable {
    /// 1-based line on which the record starts.
    public var line: Int
    public var fields: [String]
    /// 1-based column (in characters) at which each field starts.
    public var columns: [Int]

    public subscript(index: Int) -> String { index < fields.count ? fields[index] : "" }

    public func column(of index: Int) -> Int {
        index < columns.count ? columns[index] : (columns.last ?? 1)
    }
}

/// RFC 4180 CSV: comma separated, `"` quoting with `""` as an escaped quote, LF or CRLF line
/// ends, quoted fields may span lines. A UTF-8 byte-order mark is skipped because spreadsheet
/// exports often start with one.
public struct CSVReader: Sendable {
    public let file: String
    private let bytes: [UInt8]

    public init(file: String, text: String) {
        self.file = file
        self.bytes = Array(text.utf8)
    }

    /// Line numbers start at `firstLine`: a chunk of a longer file (see `CSVChunks`) reports
    /// the lines of the file.
    private var firstLine = 1

    public init(file: String, bytes: [UInt8], firstLine: Int = 1) {
        self.file = file
        self.bytes = bytes
        self.firstLine = firstLine
    }

    /// Reads every record; blank lines are skipped. Structural problems (an unterminated
    /// quote, text after a closing quote) are reported with their position.
    public func records() throws(FileProblems) -> [CSVRecord] {
        var problems = FileProblems()
        var records: [CSVRecord] = []
        var index = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        var line = firstLine
        var lineStart = index
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"),
            cr = UInt8(ascii: "\r")
        // Columns are counted from the last position asked about on the same line, never from
        // the line's start again: a line of many fields costs its length, not its square.
        var counted = (index: index, column: 1)
        func characterColumn(from lineStart: Int, to index: Int) -> Int {
            if counted.index < lineStart || counted.index > index { counted = (lineStart, 1) }
            if index > counted.index {
                let segment = bytes[counted.index..<index]
                // ASCII is one character a byte; only other text needs grapheme counting.
                counted.column +=
                    segment.allSatisfy { $0 < 0x80 } ? segment.count : String(decoding: segment, as: UTF8.self).count
                counted.index = index
            }
            return counted.column
        }

        while index < bytes.count {
            var record = CSVRecord(line: line, fields: [], columns: [])
            var endOfRecord = false
            while !endOfRecord {
                let fieldColumn = characterColumn(from: lineStart, to: index)
                var field: [UInt8] = []
                if index < bytes.count, bytes[index] == quote {
                    index += 1
                    var closed = false
                    while index < bytes.count {
                        let byte = bytes[index]
                        if byte == quote {
                            if index + 1 < bytes.count, bytes[index + 1] == quote {
                                field.append(quote)
                                index += 2
                                continue
                            }
                            index += 1
                            closed = true
                            break
                        }
                        if byte == lf {
                            line += 1
                            lineStart = index + 1
                        }
                        field.append(byte)
                        index += 1
                    }
                    if !closed {
                        problems.append(
                            FileProblem(
                                file: file, line: record.line, column: fieldColumn,
                                message: "quoted field is never closed"))
                        throw problems
                    }
                    if index < bytes.count, ![comma, lf, cr].contains(bytes[index]) {
                        problems.append(
                            FileProblem(
                                file: file, line: line, column: characterColumn(from: lineStart, to: index),
                                message: "unexpected text after a closing quote"))
                        while index < bytes.count, bytes[index] != comma, bytes[index] != lf { index += 1 }
                    }
                } else {
                    while index < bytes.count, bytes[index] != comma, bytes[index] != lf {
                        field.append(bytes[index])
                        index += 1
                    }
                    if field.last == cr { field.removeLast() }
                }
                record.fields.append(String(decoding: field, as: UTF8.self))
                record.columns.append(fieldColumn)
                if index < bytes.count, bytes[index] == cr { index += 1 }
                if index >= bytes.count {
                    endOfRecord = true
                } else if bytes[index] == comma {
                    index += 1
                } else {
                    index += 1  // line feed
                    line += 1
                    lineStart = index
                    endOfRecord = true
                }
            }
            let blank = record.fields.count == 1 && record.fields[0].isEmpty
            if !blank { records.append(record) }
        }
        try problems.throwIfAny()
        return records
    }
}

/// A CSV file whose first record is a header, with columns looked up by name.
public struct CSVTable: Sendable {
    public let file: String
    public let header: CSVRecord
    public let rows: [CSVRecord]

    /// Reads the table and checks that every `required` column is present; columns not in
    /// `required` or `optional` are refused unless `allowExtra` is set.
    public init(
        reader: CSVReader, required: [String], optional: [String] = [], allowExtra: Bool = false
    ) throws(FileProblems) {
        var records = try reader.records()
        guard !records.isEmpty else {
            throw FileProblems([
                FileProblem(
                    file: reader.file, line: 1, column: 1,
                    message: "file is empty; expected a header: \(required.joined(separator: ","))")
            ])
        }
        file = reader.file
        header = records.removeFirst()
        rows = records
        var problems = FileProblems()
        let names = header.fields.map { $0.trimmingSpaces().lowercased() }
        for name in required where !names.contains(name) {
            problems.append(
                FileProblem(
                    file: file, line: header.line, column: 1,
                    message: "missing column '\(name)'; the header must be \(required.joined(separator: ","))"))
        }
        var seen: Set<String> = []
        for (index, name) in names.enumerated() {
            if !seen.insert(name).inserted {
                problems.append(
                    FileProblem(
                        file: file, line: header.line, column: header.column(of: index),
                        message: "column '\(name)' appears twice"))
            } else if !allowExtra, !required.contains(name), !optional.contains(name) {
                problems.append(
                    FileProblem(
                        file: file, line: header.line, column: header.column(of: index),
                        message: "unknown column '\(name)'"))
            }
        }
        try problems.throwIfAny()
    }

    public func index(of column: String) -> Int? {
        header.fields.firstIndex { $0.trimmingSpaces().lowercased() == column }
    }

    /// A record with more or fewer fields than the header; it points at the first extra
    /// field, or at the last one when fields are missing.
    public func fieldCountProblem(_ record: CSVRecord) -> FileProblem? {
        let expected = header.fields.count
        guard record.fields.count != expected else { return nil }
        return problem(record, column: min(record.fields.count - 1, expected), "expected \(expected) fields, found \(record.fields.count)")
    }

    /// Visits every record that has as many fields as the header; a record with another count
    /// becomes a problem, and the visit stops once the report is full.
    public func forEachRecord(_ problems: inout FileProblems, _ body: (CSVRecord, inout FileProblems) -> Void) {
        for record in rows {
            if problems.isFull { return }
            if let problem = fieldCountProblem(record) {
                problems.append(problem)
                continue
            }
            body(record, &problems)
        }
    }

    public func problem(_ record: CSVRecord, column: Int, _ message: String) -> FileProblem {
        FileProblem(file: file, line: record.line, column: record.column(of: column), message: message)
    }
}

extension StringProtocol {
    /// Trims spaces and tabs without Foundation's character-set machinery.
    public func trimmingSpaces() -> String {
        // Most values have nothing to trim: one look at each end says so.
        let isSpaceByte: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        if let first = utf8.first, !isSpaceByte(first), let last = utf8.reversed().first, !isSpaceByte(last) { return String(self) }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}

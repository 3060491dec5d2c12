/// One thing wrong with an input file, located so a person can jump straight to it.
///
/// Rendered as `FILE:LINE:COLUMN: message`, the form compilers use, so editors and CI logs
/// turn it into a link.
public struct FileProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Every problem found in one or more files. Readers collect problems instead of stopping at
/// the first, so a user fixes a file in one pass; the list is capped so a wrong file type does
/// not print a million lines.
public struct FileProblems: Error, Equatable, Sendable, CustomStringConvertible {
    public static let reportLimit = 50

    public private(set) var problems: [FileProblem] = []
    /// How many problems were found in all, including those past the report limit.
    public private(set) var total = 0

    public init(_ problems: [FileProblem] = []) {
        for problem in problems { append(problem) }
    }

    public var isEmpty: Bool { total == 0 }
    public var isFull: Bool { total >= Self.reportLimit }

    public mutating func append(_ problem: FileProblem) {
        total += 1
        if problems.count < Self.reportLimit { problems.append(problem) }
    }

    public mutating func append(contentsOf other: FileProblems) {
        for problem in other.problems { append(problem) }
        total += other.total - other.problems.count
    }

    /// The problems in file order, for readers that check a file in more than one pass.
    public func sortedByPosition() -> FileProblems {
        var sorted = self
        sorted.problems.sort { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
        return sorted
    }

    /// Throws `self` when anything was found; the caller's happy path stays flat.
    public func throwIfAny() throws(FileProblems) {
        if !isEmpty { throw self }
    }

    public var description: String {
        var lines = problems.map(\.description)
        if total > problems.count {
            lines.append("... and \(total - problems.count) more problems")
        }
        return lines.joined(separator: "\n")
    }
}

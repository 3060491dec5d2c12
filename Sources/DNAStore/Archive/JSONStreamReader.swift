import Foundation

/// Reads a JSON document from a file a piece at a time: the structure (objects, arrays,
/// keys) step by step, and any value whole when it is small (a header, one row). An archive of
/// any size is read with the memory of one row and the read buffer.
struct JSONStreamReader {
    private let handle: FileHandle
    /// The file's path, for messages.
    let file: String
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    /// Line of the next byte, for messages.
    private(set) var line = 1
    private static let chunk = 1 << 20

    /// At the end of a compressed file: what `gzip` found wrong, if anything.
    private var gzipCheck: (() -> String?)?
    private var stopGzip: (() -> Void)?

    /// Reads the file at `path`, through `gzip` when its name ends in `.gz`.
    init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ArchiveError(file: path, line: 0, "cannot be read") }
        file = path
        guard Gzip.isCompressed(path) else {
            self.handle = handle
            return
        }
        try? handle.close()
        let (output, check, stop) = try Gzip.decompressing(path)
        self.handle = output
        gzipCheck = check
        stopGzip = stop
    }

    func close() {
        stopGzip?()
        try? handle.close()
    }

    func error(_ message: String) -> ArchiveError { ArchiveError(file: file, line: line, message) }

    /// The next byte that is not white space, without taking it; nil at the end.
    mutating func peek() throws -> UInt8? {
        while true {
            if position == buffer.count {
                guard try refill() else { return nil }
            }
            let byte = buffer[position]
            switch byte {
            case 0x20, 0x09, 0x0D: position += 1
            case 0x0A:
                line += 1
                position += 1
            default: return byte
            }
        }
    }

    /// Takes `byte` (after white space) or says what was expected.
    mutating func expect(_ byte: UInt8, _ what: String) throws {
        guard try peek() == byte else { throw error("expected \(what)") }
        position += 1
    }

    /// After an element of an object or array: true when another follows (a comma was taken),
    /// false when `close` ends it (taken too).
    mutating func more(close: UInt8) throws -> Bool {
        switch try peek() {
        case UInt8(ascii: ","):
            position += 1
            return true
        case close:
            position += 1
            return false
        default: throw error("expected , or \(Character(UnicodeScalar(close)))")
        }
    }

    /// A key and its colon.
    mutating func key() throws -> String {
        guard case let text as String = try JSONSerialization.jsonObject(with: Data(try rawValue()), options: .fragmentsAllowed) else {
            throw error("expected a key in quotes")
        }
        try expect(UInt8(ascii: ":"), ":")
        return text
    }

    /// The next value, parsed.
    mutating func value() throws -> Any {
        let startLine = line
        let bytes = try rawValue()
        do {
            return try JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed)
        } catch {
            throw ArchiveError(file: file, line: startLine, "is not valid JSON here")
        }
    }

    /// The bytes of the next value, found by following strings and brackets.
    private mutating func rawValue() throws -> [UInt8] {
        guard try peek() != nil else { throw error("ends in the middle of the document") }
        var out: [UInt8] = []
        var depth = 0
        var inString = false
        var escaped = false
        while true {
            if position == buffer.count {
                guard try refill() else { throw error("ends in the middle of a value") }
            }
            let byte = buffer[position]
            if inString {
                out.append(byte)
                position += 1
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 { return out }
                } else if byte == 0x0A {
                    line += 1
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return out }
                depth -= 1
            case UInt8(ascii: ","), 0x20, 0x09, 0x0D, 0x0A:
                if depth == 0 { return out }
                if byte == 0x0A { line += 1 }
            default: break
            }
            out.append(byte)
            position += 1
            if depth == 0 && (byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")) { return out }
        }
    }

    private mutating func refill() throws -> Bool {
        guard !atEnd else { return false }
        let data = try handle.read(upToCount: Self.chunk) ?? Data()
        if data.isEmpty {
            atEnd = true
            if let problem = gzipCheck?() { throw ArchiveError(file: file, line: 0, "cannot be decompressed: \(problem)") }
            return false
        }
        buffer = [UInt8](data)
        position = 0
        return true
    }
}

/// A problem in an archive file, located by line.
public struct ArchiveError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let line: Int
    public let message: String

    init(file: String, line: Int, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

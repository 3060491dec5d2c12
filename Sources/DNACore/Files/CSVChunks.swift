/// Reads a CSV file a chunk at a time, each chunk ending at the end of a record, so a file of
/// any size is read in the memory of one chunk. Records carry the line numbers of the whole
/// file, so problems are located as in a file read at once.
public struct CSVChunks {
    public let file: String
    /// Reads up to the given number of bytes; an empty answer means the end of the file.
    private let readMore: (Int) throws -> [UInt8]
    private let chunkSize: Int
    private var buffer: [UInt8] = []
    private var nextLine = 1
    private var atEnd = false
    /// Bytes consumed so far, for progress.
    public private(set) var bytesRead = 0

    /// A megabyte a chunk keeps a chunk's records (a few thousand rows of fields) small
    /// beside the file, and still makes every database batch full.
    public init(file: String, chunkSize: Int = 1 << 20, readMore: @escaping (Int) throws -> [UInt8]) {
        self.file = file
        self.chunkSize = chunkSize
        self.readMore = readMore
    }

    /// A source over bytes already in memory.
    public init(file: String, bytes: [UInt8], chunkSize: Int = 1 << 20) {
        var offset = 0
        self.init(file: file, chunkSize: chunkSize) { count in
            defer { offset = min(bytes.count, offset + count) }
            return Array(bytes[offset..<min(bytes.count, offset + count)])
        }
    }

    /// The next records, or nil at the end of the file.
    public mutating func next() throws -> [CSVRecord]? {
        while true {
            if let end = lastRecordEnd() {
                let chunk = Array(buffer[...end])
                buffer.removeFirst(end + 1)
                return try records(chunk)
            }
            if atEnd {
                guard !buffer.isEmpty else { return nil }
                let chunk = buffer
                buffer = []
                return try records(chunk)
            }
            let more = try readMore(chunkSize)
            bytesRead += more.count
            if more.isEmpty { atEnd = true } else { buffer += more }
        }
    }

    /// The index of the last line feed outside quotes, once the buffer holds a chunk's worth.
    /// The buffer always starts at a record's start, so counting quotes from there tells
    /// inside from outside (`""` inside a quoted field counts twice and changes nothing).
    private func lastRecordEnd() -> Int? {
        guard buffer.count >= chunkSize || (atEnd && !buffer.isEmpty) else { return nil }
        var inQuotes = false, last: Int?
        for index in buffer.indices {
            switch buffer[index] {
            case UInt8(ascii: "\""): inQuotes.toggle()
            case UInt8(ascii: "\n") where !inQuotes: last = index
            default: break
            }
        }
        return atEnd ? nil : last
    }

    private mutating func records(_ chunk: [UInt8]) throws -> [CSVRecord] {
        let records = try CSVReader(file: file, bytes: chunk, firstLine: nextLine).records()
        nextLine += chunk.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        return records
    }
}

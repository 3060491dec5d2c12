/// Positions inside a file's bytes, for messages about bytes rather than parsed values.
public enum TextPosition {
    /// The 1-based line and column (in characters) of a byte offset.
    public static func location(of offset: Int, in bytes: some Collection<UInt8>) -> (line: Int, column: Int) {
        var line = 1, column = 1, index = 0
        for byte in bytes {
            if index >= offset { break }
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return (line, column)
    }

    /// The first byte that is not part of valid UTF-8, located, or nil for valid text.
    public static func invalidUTF8(file: String, bytes: [UInt8]) -> FileProblem? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                let (line, column) = location(of: offset, in: bytes)
                let byte = offset < bytes.count ? bytes[offset] : 0
                let hex = String(byte, radix: 16, uppercase: true)
                return FileProblem(
                    file: file, line: line, column: column,
                    message: "the file is not UTF-8 text: byte 0x\(hex.count == 1 ? "0" + hex : hex) cannot start or continue a character")
            }
        }
    }
}

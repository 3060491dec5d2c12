/// Any JSON value, read without losing whether a number was written as a whole number, for
/// the document checks in `RequestValidation`.
///
/// It has its own reader because the check runs on every API request before anything else:
/// decoding into an enum through `Decodable` tries each kind in turn and pays for a thrown
/// error per miss, which took a third of the server's time on the busiest write (P3 in
/// BENCHMARKS.md). The reader is strict RFC 8259 (no comments, trailing commas, bare control
/// characters or broken UTF-8), refuses a name given twice in one object (the check and the
/// decoder must not see different values), and nests at most `maximumDepth` deep so a hostile
/// body cannot exhaust the stack.
enum JSONValue: Equatable {
    case null, bool(Bool), integer(Int64), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    static let maximumDepth = 64

    /// Why a body is not JSON, with the byte offset where reading stopped.
    struct SyntaxError: Error, Equatable {
        var offset: Int
        var reason: String
    }

    /// Reads one JSON value filling all of `bytes` (white space around it allowed).
    static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer throws(SyntaxError) -> JSONValue in
            var reader = Reader(bytes: buffer)
            reader.skipSpace()
            let value = try reader.value(depth: 0)
            reader.skipSpace()
            guard reader.offset == buffer.count else { throw reader.error("unexpected text after the JSON value") }
            return value
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset = 0

        func error(_ reason: String) -> SyntaxError { SyntaxError(offset: offset, reason: reason) }

        var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

        mutating func skipSpace() {
            while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { offset += 1 }
        }

        mutating func expect(_ word: StaticString) throws(SyntaxError) {
            let count = word.utf8CodeUnitCount
            guard offset + count <= bytes.count else { throw error("unexpected end of the body") }
            for index in 0..<count where bytes[offset + index] != word.utf8Start[index] { throw error("unexpected character") }
            offset += count
        }

        mutating func value(depth: Int) throws(SyntaxError) -> JSONValue {
            guard let byte = current else { throw error("unexpected end of the body") }
            switch byte {
            case UInt8(ascii: "{"): return try object(depth: depth + 1)
            case UInt8(ascii: "["): return try array(depth: depth + 1)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"):
                try expect("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try expect("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try expect("null")
                return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw error("unexpected character")
            }
        }

        mutating func object(depth: Int) throws(SyntaxError) -> JSONValue {
            guard depth <= JSONValue.maximumDepth else { throw error("nested deeper than \(JSONValue.maximumDepth) levels") }
            offset += 1
            var fields: [String: JSONValue] = [:]
            skipSpace()
            if current == UInt8(ascii: "}") {
                offset += 1
                return .object(fields)
            }
            while true {
                skipSpace()
                guard current == UInt8(ascii: "\"") else { throw error("expected a field name in quotes") }
                let nameOffset = offset
                let name = try string()
                skipSpace()
                guard current == UInt8(ascii: ":") else { throw error("expected ':' after a field name") }
                offset += 1
                skipSpace()
                let value = try value(depth: depth)
                if fields.updateValue(value, forKey: name) != nil {
                    throw SyntaxError(offset: nameOffset, reason: "the field '\(name)' is given twice")
                }
                skipSpace()
                switch current {
                case UInt8(ascii: ","): offset += 1
                case UInt8(ascii: "}"):
                    offset += 1
                    return .object(fields)
                default: throw error("expected ',' or '}' in an object")
                }
            }
        }

        mutating func array(depth: Int) throws(SyntaxError) -> JSONValue {
            guard depth <= JSONValue.maximumDepth else { throw error("nested deeper than \(JSONValue.maximumDepth) levels") }
            offset += 1
            var items: [JSONValue] = []
            skipSpace()
            if current == UInt8(ascii: "]") {
                offset += 1
                return .array(items)
            }
            while true {
                skipSpace()
                items.append(try value(depth: depth))
                skipSpace()
                switch current {
                case UInt8(ascii: ","): offset += 1
                case UInt8(ascii: "]"):
                    offset += 1
                    return .array(items)
                default: throw error("expected ',' or ']' in a list")
                }
            }
        }

        /// A string from its opening quote; the common case (no escapes) is one copy.
        mutating func string() throws(SyntaxError) -> String {
            offset += 1
            let start = offset
            while let byte = current, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                guard byte >= 0x20 else { throw error("a control character inside a string must be escaped") }
                offset += 1
            }
            guard let stop = current else { throw error("a string is not closed") }
            var utf8 = Array(bytes[start..<offset])
            if stop == UInt8(ascii: "\\") { try escapedRest(into: &utf8) }
            offset += 1
            guard let text = String(validating: utf8, as: UTF8.self) else {
                throw SyntaxError(offset: start, reason: "a string is not valid UTF-8")
            }
            return text
        }

        /// The rest of a string that holds escapes, up to (not past) its closing quote.
        mutating func escapedRest(into utf8: inout [UInt8]) throws(SyntaxError) {
            while let byte = current, byte != UInt8(ascii: "\"") {
                guard byte >= 0x20 else { throw error("a control character inside a string must be escaped") }
                guard byte == UInt8(ascii: "\\") else {
                    utf8.append(byte)
                    offset += 1
                    continue
                }
                offset += 1
                guard let escaped = current else { break }
                offset += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escaped)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        // A high surrogate must be followed by an escaped low one.
                        guard current == UInt8(ascii: "\\"), offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "u") else {
                            throw error("a \\u escape names half of a character")
                        }
                        offset += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw error("a \\u escape names half of a character") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw error("a \\u escape names half of a character")
                    }
                    utf8.append(contentsOf: Unicode.UTF8.encode(Unicode.Scalar(scalar)!)!)
                default: throw error("unknown escape in a string")
                }
            }
            guard current != nil else { throw error("a string is not closed") }
        }

        mutating func hex4() throws(SyntaxError) -> UInt32 {
            guard offset + 4 <= bytes.count else { throw error("a \\u escape needs four hex digits") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[offset]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw error("a \\u escape needs four hex digits")
                }
                value = value << 4 | UInt32(digit)
                offset += 1
            }
            return value
        }

        /// A number as JSON writes it; a whole number that fits 64 bits is kept exact, and
        /// one written with a fraction or exponent counts as whole when its value is.
        mutating func number() throws(SyntaxError) -> JSONValue {
            let start = offset
            if current == UInt8(ascii: "-") { offset += 1 }
            guard let first = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
                throw error("a number needs a digit")
            }
            if first == UInt8(ascii: "0") {
                offset += 1
                if let next = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next) {
                    throw error("a number must not start with 0")
                }
            } else {
                skipDigits()
            }
            var whole = true
            if current == UInt8(ascii: ".") {
                whole = false
                offset += 1
                guard try digitsFollow() else { throw error("a number needs digits after '.'") }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                whole = false
                offset += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { offset += 1 }
                guard try digitsFollow() else { throw error("a number needs digits in its exponent") }
            }
            let text = String(decoding: bytes[start..<offset], as: UTF8.self)
            if whole, let integer = Int64(text) { return .integer(integer) }
            guard let double = Double(text), double.isFinite else {
                throw SyntaxError(offset: start, reason: "a number is too large")
            }
            if double == double.rounded(), let integer = Int64(exactly: double) { return .integer(integer) }
            return .number(double)
        }

        mutating func skipDigits() {
            while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { offset += 1 }
        }

        mutating func digitsFollow() throws(SyntaxError) -> Bool {
            let before = offset
            skipDigits()
            return offset > before
        }
    }
}

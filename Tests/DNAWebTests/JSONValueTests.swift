import Foundation
import Testing

@testable import DNAWeb

/// The JSON reader behind the document checks: what every API body passes before a use case
/// runs, so it must read what JSON allows, exactly, and refuse the rest with a place.
@Suite("JSON reader")
struct JSONValueTests {
    private func parse(_ text: String) throws(JSONValue.SyntaxError) -> JSONValue { try JSONValue.parse(Array(text.utf8)) }

    @Test("reads every kind of value, keeping whole numbers exact")
    func values() throws {
        let value = try parse(
            #" { "a": [1, -0, 2.5, -1e3, 1.0, 9223372036854775807, 9223372036854775808, true, false, null], "b": {"c": ""} } "#)
        #expect(
            value
                == .object([
                    "a": .array([
                        .integer(1), .integer(0), .number(2.5), .integer(-1000), .integer(1), .integer(Int64.max),
                        .number(9_223_372_036_854_775_808), .bool(true), .bool(false), .null,
                    ]),
                    "b": .object(["c": .string("")]),
                ]))
        #expect(try parse("[]") == .array([]))
        #expect(try parse("{}") == .object([:]))
    }

    @Test("decodes escapes, surrogate pairs and UTF-8 as Foundation does")
    func strings() throws {
        let text = #"["a\"b\\c\/d\b\f\n\r\t", "\u00e6\u00F8", "\ud83d\ude00", "æøå 😀", "\u0000"]"#
        let foundation = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String]
        guard case .array(let items) = try parse(text) else {
            Issue.record("not a list")
            return
        }
        let strings = items.map { item -> String? in
            if case .string(let string) = item { return string }
            return nil
        }
        #expect(strings == foundation)
        #expect(strings[2] == "😀")
    }

    @Test(
        "refuses what JSON does not allow, saying what and where",
        arguments: [
            ("", 0, "unexpected end of the body"),
            ("not json", 0, "unexpected character"),
            (#"{"a":1,}"#, 7, "expected a field name in quotes"),
            ("[1,]", 3, "unexpected character"),
            (#"{"a" 1}"#, 5, "expected ':' after a field name"),
            (#"{"a":1 "b":2}"#, 7, "expected ',' or '}' in an object"),
            ("[1 2]", 3, "expected ',' or ']' in a list"),
            (#"{"a":1}x"#, 7, "unexpected text after the JSON value"),
            (#"{"a":1,"a":2}"#, 7, "the field 'a' is given twice"),
            ("\"a\u{01}b\"", 2, "a control character inside a string must be escaped"),
            (#""\x""#, 3, "unknown escape in a string"),
            (#""\u12""#, 3, "a \\u escape needs four hex digits"),
            (#""\ud83d""#, 7, "a \\u escape names half of a character"),
            (#""\ude00""#, 7, "a \\u escape names half of a character"),
            (#""open"#, 5, "a string is not closed"),
            ("01", 1, "a number must not start with 0"),
            ("1.", 2, "a number needs digits after '.'"),
            ("1e", 2, "a number needs digits in its exponent"),
            ("-", 1, "a number needs a digit"),
            ("1e999", 0, "a number is too large"),
            ("tru", 0, "unexpected end of the body"),
            ("nul!", 0, "unexpected character"),
        ])
    func refusals(text: String, offset: Int, reason: String) {
        #expect(throws: JSONValue.SyntaxError(offset: offset, reason: reason)) { try parse(text) }
    }

    @Test("refuses broken UTF-8 inside a string")
    func brokenUTF8() {
        #expect(throws: JSONValue.SyntaxError(offset: 1, reason: "a string is not valid UTF-8")) {
            try JSONValue.parse([0x22, 0xC3, 0x28, 0x22])
        }
    }

    @Test("nests no deeper than its limit, so a hostile body cannot exhaust the stack")
    func depth() throws {
        let limit = JSONValue.maximumDepth
        _ = try parse(String(repeating: "[", count: limit) + String(repeating: "]", count: limit))
        let hostile = String(repeating: "[", count: 100_000)
        #expect(throws: JSONValue.SyntaxError(offset: limit, reason: "nested deeper than \(limit) levels")) { try parse(hostile) }
        let objects = String(repeating: #"{"a":"#, count: limit + 1)
        #expect(throws: JSONValue.SyntaxError(offset: 5 * limit, reason: "nested deeper than \(limit) levels")) { try parse(objects) }
    }
}

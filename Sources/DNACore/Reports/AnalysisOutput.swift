import Foundation

/// The three output formats of `cdna analyze`, rendered from the same results the server
/// shows. JSON numbers are not rounded; Markdown rounds for reading.
public enum OutputFormat: String, Sendable, CaseIterable {
    case json, csv, md
}

public enum AnalysisOutput {
    public static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every number the analyses produce is finite; a failure here is a programming error.
        return String(decoding: try! encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// RFC 4180 CSV: fields with commas, quotes or line breaks are quoted.
    public static func csv(header: [String], rows: [[String]]) -> String {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        return ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    public static func markdownTable(header: [String], rows: [[String]]) -> String {
        func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var lines = ["| " + header.map(cell).joined(separator: " | ") + " |", "|" + header.map { _ in "---|" }.joined()]
        lines += rows.map { "| " + $0.map(cell).joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Full precision for CSV; empty for a missing value.
    public static func exact(_ value: Double?) -> String { value.map { "\($0)" } ?? "" }

    /// Rounded for people; an en dash for a missing value.
    public static func rounded(_ value: Double?, _ digits: Int = 2) -> String {
        guard let value else { return "–" }
        return String(format: "%.\(digits)f", value)
    }

    public static func percent(_ share: Double?) -> String {
        guard let share else { return "–" }
        return String(format: "%.0f%%", share * 100)
    }
}

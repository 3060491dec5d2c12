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

    /// Rounded for people; an en dash for a missing value. A value that rounds to zero is
    /// written without a sign ("0", never "-0").
    public static func rounded(_ value: Double?, _ digits: Int = 2) -> String {
        guard let value else { return "–" }
        let text = String(format: "%.\(digits)f", value)
        return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(text.dropFirst()) : text
    }

    /// `rounded` with thousands separators ("60,213"), for figures shown on their own.
    public static func grouped(_ value: Double?, _ digits: Int = 0) -> String {
        let plain = rounded(value, digits)
        guard value != nil else { return plain }
        let negative = plain.hasPrefix("-")
        let unsigned = negative ? plain.dropFirst() : plain[...]
        let whole = unsigned.prefix { $0 != "." }, fraction = unsigned.dropFirst(whole.count)
        var groups: [Substring] = []
        var end = whole.endIndex
        while end > whole.startIndex {
            let start = whole.index(end, offsetBy: -3, limitedBy: whole.startIndex) ?? whole.startIndex
            groups.insert(whole[start..<end], at: 0)
            end = start
        }
        return (negative ? "-" : "") + groups.joined(separator: ",") + fraction
    }

    /// A share as a percentage for people: whole percent, but a share that is neither none
    /// nor all is never written as "0%" or "100%" (one decimal, or "<0.1%" / ">99.9%").
    public static func percent(_ share: Double?) -> String {
        guard let share else { return "–" }
        let percent = share * 100, whole = rounded(percent, 0)
        guard (whole == "0" && percent > 0) || (whole == "100" && percent < 100) else { return whole + "%" }
        let tenth = rounded(percent, 1)
        if tenth == "0.0" { return "<0.1%" }
        if tenth == "100.0" { return ">99.9%" }
        return tenth + "%"
    }
}

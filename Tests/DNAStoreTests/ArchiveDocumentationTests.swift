import Foundation
import Testing

@testable import DNAStore

/// The README documents the archive so others can write one: its table list must be the one
/// the code reads and writes.
@Suite("Workspace archive documentation")
struct ArchiveDocumentationTests {
    @Test("the README lists every archive table with its columns and types, in order")
    func readmeMatchesSchema() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let section = try #require(
            text.components(separatedBy: "## Workspace archive").dropFirst().first?.components(separatedBy: "\n## ").first)
        let documented = section.split(separator: "\n").compactMap { line -> String? in
            guard let match = line.wholeMatch(of: /- `([a-z_]+)`: (.*)/) else { return nil }
            return String(match.1) + " " + match.2.replacingOccurrences(of: "`", with: "").replacingOccurrences(of: ", ", with: " ")
        }
        let schema = ArchiveSchema.tables.map { table in
            table.name + " "
                + table.columns.map { column in
                    let type: String =
                        switch column.kind {
                        case .text: "text"
                        case .integer: "int"
                        case .real: "real"
                        case .id: "id"
                        case .reference(let target): "ref(\(target))"
                        }
                    return column.name + ":" + type + (column.nullable ? "?" : "")
                }.joined(separator: " ")
        }
        #expect(documented == schema)
    }
}

import Foundation

/// Texts in other languages kept in one TEXT column as a JSON object from language to text;
/// an empty column means none.
enum StoredTranslations {
    static func read(_ column: String) -> [String: String]? {
        guard !column.isEmpty, let texts = try? JSONDecoder().decode([String: String].self, from: Data(column.utf8)), !texts.isEmpty
        else { return nil }
        return texts
    }

    static func text(_ texts: [String: String]?) -> String {
        guard let texts, !texts.isEmpty else { return "" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(texts)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// The column's value for a merge: nil (the file left the key out) keeps what is stored.
    static func column(_ texts: [String: String]?) -> [(String, any Encodable & Sendable)] {
        texts.map { [("translations", text($0))] } ?? []
    }
}

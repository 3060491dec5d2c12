import Foundation

/// The four frameworks CustomerDNA ships with, read from the bundled YAML files.
///
/// Reading resources is the one piece of file access DNACore does; it happens once, and a
/// broken bundled file is a build defect caught by the tests, hence the `fatalError`.
public enum BuiltInFrameworks {
    public static let ids = ["os-canvas", "layers", "empowerment", "obsession"]

    public static let all: [Framework] = ids.map { id in
        guard let url = Bundle.module.url(forResource: id, withExtension: "yaml", subdirectory: "frameworks"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { fatalError("bundled framework \(id).yaml is missing") }
        do {
            return try FrameworkLoader.load(file: "\(id).yaml", text: text)
        } catch {
            fatalError("bundled framework \(id).yaml is invalid:\n\(error)")
        }
    }

    public static func framework(_ id: String) -> Framework? { all.first { $0.id == id } }
}

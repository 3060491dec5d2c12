import Foundation

/// The instruments CustomerDNA ships with, read from the bundled YAML files. A broken bundled
/// file is a build defect caught by the tests, hence the `fatalError`.
public enum BuiltInInstruments {
    public static let ids = ["customer-dna"]

    public static let all: [(instrument: Instrument, source: String)] = ids.map { id in
        guard let url = Bundle.module.url(forResource: id, withExtension: "yaml", subdirectory: "instruments"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { fatalError("bundled instrument \(id).yaml is missing") }
        do {
            return (try InstrumentLoader.load(file: "\(id).yaml", text: text), text)
        } catch {
            fatalError("bundled instrument \(id).yaml is invalid:\n\(error)")
        }
    }

    /// The "Customer DNA assessment".
    public static var customerDNA: Instrument { all[0].instrument }
    public static var customerDNASource: String { all[0].source }
}

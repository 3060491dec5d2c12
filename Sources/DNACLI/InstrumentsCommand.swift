import ArgumentParser
import DNACore

/// `cdna instruments`: the built-in questionnaires, and the check an instrument file passes
/// before a wave uses it, including which texts are missing in which of its languages.
struct InstrumentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instruments", abstract: "List the built-in instruments and check instrument files.",
        subcommands: [List.self, Check.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the built-in instruments with their item counts and languages.")
        func run() async throws {
            for instrument in BuiltInInstruments.all.map(\.instrument) {
                Console.out(
                    "\(instrument.id)\t\(instrument.title)\t\(instrument.items.count) items\t\(instrument.languages.joined(separator: ","))"
                )
            }
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate an instrument file and list the texts missing in each of its languages.",
            discussion: """
                Problems are printed as FILE:LINE:COLUMN: message and fail the check. A text missing in one of the \
                instrument's languages is listed as a warning: respondents reading that language see it in the default \
                language. --strict fails on those too.
                """)
        @Argument(help: "An instrument YAML file.") var file: String
        @Option(help: "Extra framework YAML files the instrument's dimensions may name.") var framework: [String] = []
        @Flag(help: "Fail when a text is missing in one of the instrument's languages.") var strict = false

        func run() async throws {
            try await runCommand {
                let frameworks =
                    try BuiltInFrameworks.all + framework.map { try FrameworkLoader.load(file: $0, text: try readTextFile($0)) }
                let instrument = try InstrumentLoader.load(file: file, text: try readTextFile(file), frameworks: frameworks)
                let missing = instrument.missingTranslations
                for text in missing { Console.error("\(file): warning: \(text)") }
                Console.out(
                    "\(file): instrument '\(instrument.id)' with \(instrument.items.count) items in \(instrument.languages.joined(separator: ", ")) is valid"
                        + (missing.isEmpty
                            ? "; every text is translated."
                            : "; \(missing.count) \(missing.count == 1 ? "text is" : "texts are") not translated."))
                if strict && !missing.isEmpty { throw ExitCode(1) }
            }
        }
    }
}

/// A piece of wording on the analysts' and admins' pages. Those pages are written in English
/// for now, but every word of them goes through the catalogue as one of these, so a
/// translation is a table from key to text and no page has to change for it.
///
/// The key is the English text with `{0}`, `{1}`, … where values were interpolated
/// (`"\(count) participants"` has the key `{0} participants`), the way gettext keys by the
/// source text. Values are filled in after the lookup and never read as placeholders, so a
/// unit named `{0}` stays as written. Written as a string literal where a page expects wording,
/// the literal becomes an `AdminText` by itself; data (names, codes, figures) stays `String`.
public struct AdminText: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public let key: String
    /// What fills `{0}`, `{1}`, …: data as it is, or wording looked up in the same language.
    public let arguments: [Argument]
    /// Data standing where wording usually does (a campaign's name as a page title, a
    /// service's composed message): shown as it is, never looked up.
    public let isVerbatim: Bool

    public enum Argument: Sendable, Hashable {
        case data(String)
        indirect case wording(AdminText)
    }

    public init(stringLiteral value: String) {
        key = value
        arguments = []
        isVerbatim = false
    }

    public init(stringInterpolation: Interpolation) {
        key = stringInterpolation.key
        arguments = stringInterpolation.arguments
        isVerbatim = false
    }

    /// Wording kept in the domain as English (an enum's title, "Strategy", "validated"),
    /// looked up by that English text like a literal.
    public init(wording: String) {
        key = wording
        arguments = []
        isVerbatim = false
    }

    /// Text that is not wording of the pages (a name, a code, a message composed by a
    /// service for every surface alike): shown as it is in every language.
    public init(verbatim text: String) {
        key = text
        arguments = []
        isVerbatim = true
    }

    public struct Interpolation: StringInterpolationProtocol {
        var key = ""
        var arguments: [Argument] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            key.reserveCapacity(literalCapacity + 4 * interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) { key += literal }

        public mutating func appendInterpolation(_ value: some CustomStringConvertible) {
            key += "{\(arguments.count)}"
            arguments.append(.data(value.description))
        }

        /// Wording inside wording ("\(AdminText)") is looked up on its own, in the same language.
        public mutating func appendInterpolation(_ wording: AdminText) {
            key += "{\(arguments.count)}"
            arguments.append(.wording(wording))
        }
    }

    /// Wording that depends on a count: `one` for exactly one, `other` for any other count,
    /// each written out whole so a translation can word both (and a language with more forms
    /// gets them when its table is written).
    public static func plural(_ count: Int, one: AdminText, other: AdminText) -> AdminText { count == 1 ? one : other }

    /// The text in `language`: its translation if the catalogue has one, else the English.
    public func text(in language: String) -> String {
        if isVerbatim { return key }
        let template = AdminCatalogue.template(for: key, in: language)
        let values = arguments.enumerated().map { index, argument in
            switch argument {
            case .data(let text): ("\(index)", text)
            case .wording(let wording): ("\(index)", wording.text(in: language))
            }
        }
        let filled = values.isEmpty ? template : Catalogue.fill(template, Dictionary(uniqueKeysWithValues: values))
        return AdminCatalogue.marked(filled, in: language)
    }

    /// The text in the language of the page being built (`AdminCatalogue.language`).
    public var resolved: String { text(in: AdminCatalogue.language) }

    public var description: String { resolved }

    /// The words joined with `separator`, each looked up on its own.
    public static func joined(_ parts: [AdminText], separator: String) -> String {
        parts.map(\.resolved).joined(separator: separator)
    }
}

/// The catalogue of the admin pages' wording: the language pages are built in, and the
/// translations, none yet. Kept apart from the `Phrase` enums of the public pages because its
/// keys are open-ended (every sentence of forty pages) and English is the only language a
/// page of it must have.
public enum AdminCatalogue {
    /// The language the page being built is written in; set around each request by the web
    /// layer from its configuration.
    @TaskLocal public static var language = "en"

    /// Pseudo-localization: every word that went through the catalogue comes out in ⟦ ⟧, so a
    /// test (or a translator) can see which words of a page did not.
    public static let pseudoLanguage = "qps-ploc"

    /// Language code -> key -> translated template. A language added here translates the
    /// admin pages; a key it lacks stays English.
    static let translations: [String: [String: String]] = [:]

    /// `text` as a page in `language` shows it: in ⟦ ⟧ in the pseudo-language, else as it is.
    /// Both catalogues (this one and the public pages' `Phrase`s) mark through here.
    static func marked(_ text: String, in language: String) -> String {
        language == pseudoLanguage ? "⟦" + text + "⟧" : text
    }

    static func template(for key: String, in language: String) -> String {
        translations[language]?[key] ?? key
    }
}

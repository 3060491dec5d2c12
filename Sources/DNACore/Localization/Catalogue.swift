/// The words of the pages and mails people outside the organization's analysts read, in every
/// language of `LanguageTag.translated`. A phrase is a case of a `Phrase` enum whose `texts`
/// switch is exhaustive, and `Translations` takes all five languages, so a phrase without a
/// translation does not compile. Placeholders are `{name}`, filled by `text(in:_:)`.
public protocol Phrase: Sendable {
    var texts: Translations { get }
}

/// One phrase in each translated language.
public struct Translations: Sendable, Equatable {
    public let en: String, nb: String, de: String, fr: String, es: String

    public init(en: String, nb: String, de: String, fr: String, es: String) {
        (self.en, self.nb, self.de, self.fr, self.es) = (en, nb, de, fr, es)
    }

    /// The text in `language` (a code of `LanguageTag.translated`); English for any other.
    public subscript(language: String) -> String {
        switch language {
        case "nb": nb
        case "de": de
        case "fr": fr
        case "es": es
        default: en
        }
    }

    public var all: [(language: String, text: String)] { [("en", en), ("nb", nb), ("de", de), ("fr", fr), ("es", es)] }
}

extension Phrase {
    /// The phrase in `language` with its `{name}` placeholders filled from `values`. Filled
    /// values are not scanned again, so a name containing braces stays as written.
    public func text(in language: String, _ values: [String: String] = [:]) -> String {
        AdminCatalogue.marked(Catalogue.fill(texts[language], values), in: language)
    }
}

public enum Catalogue {
    /// Each language's name in that language, for the language chooser.
    public static let languageNames = ["en": "English", "nb": "Norsk bokmål", "de": "Deutsch", "fr": "Français", "es": "Español"]

    static func fill(_ template: String, _ values: [String: String]) -> String {
        guard !values.isEmpty, template.contains("{") else { return template }
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}"), let value = values[String(rest[rest.index(after: open)..<close])] else {
                result.append("{")
                rest = rest[rest.index(after: open)...]
                continue
            }
            result += value
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// The placeholder names a template uses, for the check that every language fills the same.
    public static func placeholders(_ template: String) -> Set<String> {
        var names = Set<String>()
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}

/// An instrument's texts in languages other than its default: the title, item texts and scale
/// labels the YAML gives as a map from language to text (DESIGN.md, "Roll-out and
/// administration"). A text without a translation falls back to the default language.
extension Instrument {
    public struct Translation: Codable, Equatable, Sendable {
        public var title: String?
        /// Item texts by item id.
        public var items: [String: String]
        /// The five scale labels; nil where not every label is translated.
        public var labels: [String]?

        public init(title: String? = nil, items: [String: String] = [:], labels: [String]? = nil) {
            self.title = title
            self.items = items
            self.labels = labels
        }
    }

    /// The language the plain texts are written in.
    public var defaultLanguage: String { languages.first ?? "en" }

    /// The instrument as a person reading `language` sees it: every translated text in that
    /// language, the rest in the default language.
    public func localized(to language: String) -> Instrument {
        guard language != defaultLanguage, let translation = translations[language] else { return self }
        var copy = self
        copy.title = translation.title ?? title
        copy.scale.labels = translation.labels ?? scale.labels
        for index in copy.items.indices {
            if let text = translation.items[copy.items[index].id] { copy.items[index].text = text }
        }
        return copy
    }

    /// A text an instrument names a language for but does not give in it.
    public struct MissingTranslation: Equatable, Sendable, CustomStringConvertible {
        public var language: String
        /// `title`, `scale labels` or `item <id>`.
        public var text: String
        public var description: String { "\(language): \(text) is not translated; the \(text) in the default language is shown" }
    }

    /// Every text missing in one of the instrument's `languages`, for the instrument check.
    public var missingTranslations: [MissingTranslation] {
        languages.dropFirst().flatMap { language -> [MissingTranslation] in
            let translation = translations[language] ?? Translation()
            var missing: [MissingTranslation] = []
            if translation.title == nil { missing.append(MissingTranslation(language: language, text: "title")) }
            if translation.labels == nil { missing.append(MissingTranslation(language: language, text: "scale labels")) }
            for item in items where translation.items[item.id] == nil {
                missing.append(MissingTranslation(language: language, text: "item \(item.id)"))
            }
            return missing
        }
    }
}

/// A text in the YAML that is either a plain string (the default language) or a map from
/// language to text.
struct LocalizedText {
    var text: String
    var translations: [String: String]

    static func read(_ node: YAMLNode, _ what: String, languages: [String]) throws(FileProblems) -> LocalizedText {
        guard case .mapping = node.node else { return LocalizedText(text: try node.string(what), translations: [:]) }
        var problems = FileProblems()
        var texts: [String: String] = [:]
        for (key, keyNode, value) in try node.mapping(what) {
            guard languages.contains(key) else {
                problems.append(
                    keyNode.problem(
                        "'\(key)' is not one of the instrument's languages (\(languages.joined(separator: ", "))); list it under languages first"
                    ))
                continue
            }
            do { texts[key] = try value.string("\(what) in \(key)") } catch { problems.append(contentsOf: error) }
        }
        let defaultLanguage = languages.first ?? "en"
        if problems.isEmpty, texts[defaultLanguage] == nil {
            problems.append(node.problem("\(what) needs a text in the default language '\(defaultLanguage)'"))
        }
        try problems.throwIfAny()
        return LocalizedText(text: texts.removeValue(forKey: defaultLanguage)!, translations: texts)
    }
}

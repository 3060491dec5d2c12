/// Reads and validates an instrument file, reporting every mistake with its position:
/// unknown keys, unknown types, duplicate item ids, dimensions no framework defines.
public enum InstrumentLoader {
    public static func load(file: String, text: String, frameworks: [Framework] = BuiltInFrameworks.all) throws(FileProblems) -> Instrument
    {
        let root = try YAMLNode.parse(file: file, text: text)
        var fields = try YAMLFields(root, what: "instrument", allowed: ["id", "title", "languages", "scale", "items"])
        let id = fields.identifier("id", in: "instrument")
        let languages =
            fields.value("languages", in: "instrument") { (node: YAMLNode) throws(FileProblems) -> [String] in
                try readLanguages(node)
            } ?? ["en"]
        let title = fields.value("title", in: "instrument", required: true) { (node: YAMLNode) throws(FileProblems) -> LocalizedText in
            try LocalizedText.read(node, "title", languages: languages)
        }
        let scale = fields.value("scale", in: "instrument") { (node: YAMLNode) throws(FileProblems) -> LocalizedLabels in
            try readScale(node, languages: languages)
        }
        let items =
            fields.value("items", in: "instrument", required: true) {
                (node: YAMLNode) throws(FileProblems) -> [(Instrument.Item, [String: String])] in
                try readItems(node, frameworks: frameworks, languages: languages)
            } ?? []
        try fields.problems.throwIfAny()
        let labels = scale ?? LocalizedLabels.catalogue(languages: languages)
        var translations: [String: Instrument.Translation] = [:]
        for language in Set(languages.dropFirst()).union(labels.translations.keys) {
            translations[language] = Instrument.Translation(
                title: title!.translations[language],
                items: Dictionary(uniqueKeysWithValues: items.compactMap { item, texts in texts[language].map { (item.id, $0) } }),
                labels: labels.translations[language])
        }
        return Instrument(
            id: id!, title: title!.text, scale: Instrument.Scale(min: 1, max: 5, labels: labels.labels), items: items.map(\.0),
            languages: languages, translations: translations)
    }

    /// `languages: [en, nb, ...]`: canonical tags of languages the pages are written in, each
    /// once; the first is the default.
    private static func readLanguages(_ node: YAMLNode) throws(FileProblems) -> [String] {
        var problems = FileProblems()
        var languages: [String] = []
        let entries = try node.sequence("languages")
        if entries.isEmpty { throw FileProblems([node.problem("languages must name at least the default language")]) }
        for entry in entries {
            let text = try entry.string("language")
            switch LanguageTag.canonical(text) {
            case .failure(let problem): problems.append(entry.problem(problem.message))
            case .success(let tag):
                if !LanguageTag.translated.contains(tag) {
                    problems.append(
                        entry.problem(
                            "'\(tag)' is not a language the respondent pages are written in (\(LanguageTag.translated.joined(separator: ", ")))"
                        ))
                } else if languages.contains(tag) {
                    problems.append(entry.problem("'\(tag)' is listed twice"))
                } else {
                    languages.append(tag)
                }
            }
        }
        try problems.throwIfAny()
        return languages
    }

    /// The five scale labels in the default language and their translations.
    struct LocalizedLabels {
        var labels: [String]
        var translations: [String: [String]]

        /// The agreement labels of the catalogue, when the file gives none: in every translated
        /// language, the default one first.
        static func catalogue(languages: [String]) -> LocalizedLabels {
            let words = { (language: String) in (1...5).map { ScalePhrase.agreement($0).text(in: language) } }
            let defaultLanguage = languages.first ?? "en"
            return LocalizedLabels(
                labels: words(defaultLanguage),
                translations: Dictionary(
                    uniqueKeysWithValues: LanguageTag.translated.filter { $0 != defaultLanguage }.map { ($0, words($0)) }))
        }
    }

    private static func readScale(_ node: YAMLNode, languages: [String]) throws(FileProblems) -> LocalizedLabels {
        var fields = try YAMLFields(node, what: "scale", allowed: ["min", "max", "labels"])
        let minimum = fields.value("min", in: "scale") { (node: YAMLNode) throws(FileProblems) -> Double in try node.double("min") }
        let maximum = fields.value("max", in: "scale") { (node: YAMLNode) throws(FileProblems) -> Double in try node.double("max") }
        if (minimum ?? 1) != 1 || (maximum ?? 5) != 5 {
            fields.problems.append(node.problem("scale must run from 1 to 5: the scoring formulas are defined on that range"))
        }
        let labels = fields.value("labels", in: "scale") { (node: YAMLNode) throws(FileProblems) -> LocalizedLabels in
            let labels = try node.sequence("labels").map { (label: YAMLNode) throws(FileProblems) -> LocalizedText in
                try LocalizedText.read(label, "label", languages: languages)
            }
            guard labels.count == 5 else { throw FileProblems([node.problem("labels must list 5 texts, one per scale point")]) }
            // A language counts as translated only when all five labels are.
            let complete = languages.dropFirst().filter { language in labels.allSatisfy { $0.translations[language] != nil } }
            return LocalizedLabels(
                labels: labels.map(\.text),
                translations: Dictionary(
                    uniqueKeysWithValues: complete.map { language in (language, labels.map { $0.translations[language]! }) }))
        }
        try fields.problems.throwIfAny()
        return labels ?? LocalizedLabels.catalogue(languages: languages)
    }

    private static func readItems(
        _ list: YAMLNode, frameworks: [Framework], languages: [String]
    ) throws(FileProblems) -> [(Instrument.Item, [String: String])] {
        var problems = FileProblems()
        var items: [(Instrument.Item, [String: String])] = []
        var firstLine: [String: Int] = [:]
        let nodes = try list.sequence("items")
        if nodes.isEmpty { throw FileProblems([list.problem("an instrument needs at least one item")]) }
        for node in nodes {
            do {
                let (item, translations) = try readItem(node, frameworks: frameworks, languages: languages)
                if let line = firstLine[item.id] {
                    problems.append(node.problem("duplicate item id '\(item.id)' (first on line \(line))"))
                } else {
                    firstLine[item.id] = node.line
                    items.append((item, translations))
                }
            } catch {
                problems.append(contentsOf: error)
            }
        }
        if items.filter({ $0.0.type == .outcome }).count > 1 {
            problems.append(list.problem("an instrument may have only one outcome item"))
        }
        try problems.throwIfAny()
        return items
    }

    private static func readItem(
        _ node: YAMLNode, frameworks: [Framework], languages: [String]
    ) throws(FileProblems) -> (Instrument.Item, [String: String]) {
        var fields = try YAMLFields(node, what: "item", allowed: ["id", "text", "type", "dimensions", "reverse", "options"])
        let id = fields.fileID("id", in: "item")
        let text = fields.value("text", in: "item", required: true) { (node: YAMLNode) throws(FileProblems) -> LocalizedText in
            try LocalizedText.read(node, "text", languages: languages)
        }
        let type = fields.value("type", in: "item") { (node: YAMLNode) throws(FileProblems) -> Instrument.ItemType in
            let name = try node.string("type")
            guard let type = Instrument.ItemType(rawValue: name) else {
                let known = Instrument.ItemType.allCases.map(\.rawValue).joined(separator: ", ")
                throw FileProblems([node.problem("unknown item type '\(name)'; expected one of \(known)")])
            }
            return type
        }
        let dimensions =
            fields.value("dimensions", in: "item") { (node: YAMLNode) throws(FileProblems) -> [DimensionRef] in
                var problems = FileProblems()
                var refs: [DimensionRef] = []
                for entry in try node.sequence("dimensions") {
                    let text = try entry.string("dimension")
                    if let ref = DimensionRef(text), known(ref, in: frameworks) {
                        refs.append(ref)
                    } else {
                        problems.append(
                            entry.problem(
                                "unknown dimension '\(text)'; write framework/dimension, e.g. os-canvas/resources or layers/strategy/customer"
                            ))
                    }
                }
                try problems.throwIfAny()
                return refs
            } ?? []
        let reverse =
            fields.value("reverse", in: "item") { (node: YAMLNode) throws(FileProblems) -> Bool in try node.bool("reverse") } ?? false
        let options =
            fields.value("options", in: "item") { (node: YAMLNode) throws(FileProblems) -> [String] in
                try node.sequence("options").map { (option: YAMLNode) throws(FileProblems) -> String in try option.string("option") }
            } ?? []
        let itemType = type ?? .likert
        if reverse && itemType != .likert { fields.problems.append(node.problem("only likert items can be reverse-scored")) }
        if (itemType == .choice || itemType == .multi) && options.isEmpty {
            fields.problems.append(node.problem("\(itemType.rawValue) items need a list of options"))
        }
        try fields.problems.throwIfAny()
        return (
            Instrument.Item(id: id!, text: text!.text, type: itemType, dimensions: dimensions, reverse: reverse, options: options),
            text!.translations
        )
    }

    static func known(_ ref: DimensionRef, in frameworks: [Framework]) -> Bool {
        guard let framework = frameworks.first(where: { $0.id == ref.framework }), let dimension = framework.dimension(ref.dimension) else {
            return false
        }
        guard let element = ref.element else { return true }
        return dimension.elements.contains { $0.id == element }
    }
}

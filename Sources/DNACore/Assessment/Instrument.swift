/// A questionnaire: items, each mapped to framework dimensions. The YAML file format is part
/// of the public contract (DESIGN.md, "Files").
public struct Instrument: Codable, Equatable, Sendable {
    public var id: String
    public var title: String
    public var scale: Scale
    public var items: [Item]
    /// The languages the instrument is written in; the first is the default, the one its plain
    /// texts are in.
    public var languages: [String]
    /// Texts in the other languages, by language (see `localized(to:)`).
    public var translations: [String: Translation]

    public init(
        id: String, title: String, scale: Scale = .default, items: [Item], languages: [String] = ["en"],
        translations: [String: Translation] = [:]
    ) {
        self.id = id
        self.title = title
        self.scale = scale
        self.items = items
        self.languages = languages
        self.translations = translations
    }

    public enum ItemType: String, Codable, Sendable, CaseIterable {
        case likert, choice, multi, text, outcome
    }

    public struct Item: Codable, Equatable, Sendable {
        public var id: String
        public var text: String
        public var type: ItemType
        public var dimensions: [DimensionRef]
        public var reverse: Bool
        /// Answer options of `choice` and `multi` items.
        public var options: [String]

        /// Whether answers are kept as text (open, choice and multi items).
        public var keepsText: Bool { type == .text || type == .choice || type == .multi }

        public init(
            id: String, text: String, type: ItemType, dimensions: [DimensionRef] = [], reverse: Bool = false, options: [String] = []
        ) {
            self.id = id
            self.text = text
            self.type = type
            self.dimensions = dimensions
            self.reverse = reverse
            self.options = options
        }
    }

    /// The agreement scale. Scoring is defined on 1-5 (reverse = 6 - x, 0-100 = (m - 1) / 4),
    /// so only the labels may change.
    public struct Scale: Codable, Equatable, Sendable {
        public var min: Int
        public var max: Int
        public var labels: [String]

        public static let `default` = Scale(
            min: 1, max: 5, labels: ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"])
    }

    public var likertItems: [Item] { items.filter { $0.type == .likert } }
    public func item(_ id: String) -> Item? { items.first { $0.id == id } }
    public var outcomeItem: Item? { items.first { $0.type == .outcome } }
}

/// A lens on the organization: an ordered list of dimensions, optionally weighted, optionally
/// with elements (the `layers` framework has both). Frameworks are data so that a user can ask
/// "are we using the right model?" and bring their own.
public struct Framework: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var description: String
    public var dimensions: [Dimension]

    public init(id: String, name: String, description: String, dimensions: [Dimension]) {
        self.id = id
        self.name = name
        self.description = description
        self.dimensions = dimensions
    }

    public struct Dimension: Codable, Equatable, Sendable, Identifiable {
        public var id: String
        public var name: String
        public var description: String
        /// Relative influence, used by weighted indexes (the layers' 1–4). Nil means equal.
        public var weight: Double?
        public var elements: [Dimension]

        public init(
            id: String, name: String, description: String, weight: Double? = nil, elements: [Dimension] = []
        ) {
            self.id = id
            self.name = name
            self.description = description
            self.weight = weight
            self.elements = elements
        }
    }

    public func dimension(_ id: String) -> Dimension? { dimensions.first { $0.id == id } }
}

/// A reference to a framework dimension as written in instruments and tags:
/// `framework/dimension` or `framework/dimension/element`.
public struct DimensionRef: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public var framework: String
    public var dimension: String
    public var element: String?

    public init(framework: String, dimension: String, element: String? = nil) {
        self.framework = framework
        self.dimension = dimension
        self.element = element
    }

    /// Parses `a/b` or `a/b/c`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy(Identifier.isValid) else { return nil }
        self.init(framework: parts[0], dimension: parts[1], element: parts.count == 3 ? parts[2] : nil)
    }

    public var description: String {
        [framework, dimension, element].compactMap { $0 }.joined(separator: "/")
    }

    /// The layer-level reference for an element reference (`layers/strategy/customer` ->
    /// `layers/strategy`): a layer's score uses items tagged with it or any of its elements.
    public var parent: DimensionRef? {
        element == nil ? nil : DimensionRef(framework: framework, dimension: dimension)
    }

    public static func < (lhs: DimensionRef, rhs: DimensionRef) -> Bool {
        lhs.description < rhs.description
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let ref = DimensionRef(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad dimension '\(text)'"))
        }
        self = ref
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// The identifiers users write in files and URLs: lower-case letters, digits and dashes.
public enum Identifier {
    public static func isValid(_ text: String) -> Bool {
        guard let first = text.utf8.first, text.utf8.count <= 64 else { return false }
        let isLowerOrDigit: (UInt8) -> Bool = { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }
        return isLowerOrDigit(first)
            && text.utf8.allSatisfy { isLowerOrDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }

    public static let rule = "lower-case letters, digits, '-' or '_', starting with a letter or digit, at most 64 characters"
}

/// Ids of items, roles and the like as files name them (DESIGN.md, "Ids in files"): taken as
/// written and case-sensitive, so an export of a survey tool (`Q1`, `Q2_1`, `G01Q01`) imports
/// without renaming. Framework, dimension and workspace ids keep the stricter `Identifier`.
public enum FileID {
    public static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 64 else { return false }
        return text.utf8.allSatisfy { byte in
            (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
    }

    public static let rule = "letters (any case), digits, '-', '_' or '.', at most 64 characters, as in Q1 or Q2_1"
}

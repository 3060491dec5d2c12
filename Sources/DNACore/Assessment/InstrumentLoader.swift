/// Reads and validates an instrument file, reporting every mistake with its position:
/// unknown keys, unknown types, duplicate item ids, dimensions no framework defines.
public enum InstrumentLoader {
    public static func load(file: String, text: String, frameworks: [Framework] = BuiltInFrameworks.all) throws(FileProblems) -> Instrument
    {
        let root = try YAMLNode.parse(file: file, text: text)
        var fields = try YAMLFields(root, what: "instrument", allowed: ["id", "title", "scale", "items"])
        let id = fields.identifier("id", in: "instrument")
        let title = fields.string("title", in: "instrument", required: true)
        let scale = fields.value("scale", in: "instrument") { (node: YAMLNode) throws(FileProblems) -> Instrument.Scale in
            try readScale(node)
        }
        let items =
            fields.value("items", in: "instrument", required: true) { (node: YAMLNode) throws(FileProblems) -> [Instrument.Item] in
                try readItems(node, frameworks: frameworks)
            } ?? []
        try fields.problems.throwIfAny()
        return Instrument(id: id!, title: title!, scale: scale ?? .default, items: items)
    }

    private static func readScale(_ node: YAMLNode) throws(FileProblems) -> Instrument.Scale {
        var fields = try YAMLFields(node, what: "scale", allowed: ["min", "max", "labels"])
        let minimum = fields.value("min", in: "scale") { (node: YAMLNode) throws(FileProblems) -> Double in try node.double("min") }
        let maximum = fields.value("max", in: "scale") { (node: YAMLNode) throws(FileProblems) -> Double in try node.double("max") }
        if (minimum ?? 1) != 1 || (maximum ?? 5) != 5 {
            fields.problems.append(node.problem("scale must run from 1 to 5: the scoring formulas are defined on that range"))
        }
        let labels = fields.value("labels", in: "scale") { (node: YAMLNode) throws(FileProblems) -> [String] in
            let labels = try node.sequence("labels").map { (label: YAMLNode) throws(FileProblems) -> String in try label.string("label") }
            guard labels.count == 5 else { throw FileProblems([node.problem("labels must list 5 texts, one per scale point")]) }
            return labels
        }
        try fields.problems.throwIfAny()
        return Instrument.Scale(min: 1, max: 5, labels: labels ?? Instrument.Scale.default.labels)
    }

    private static func readItems(_ list: YAMLNode, frameworks: [Framework]) throws(FileProblems) -> [Instrument.Item] {
        var problems = FileProblems()
        var items: [Instrument.Item] = []
        var firstLine: [String: Int] = [:]
        let nodes = try list.sequence("items")
        if nodes.isEmpty { throw FileProblems([list.problem("an instrument needs at least one item")]) }
        for node in nodes {
            do {
                let item = try readItem(node, frameworks: frameworks)
                if let line = firstLine[item.id] {
                    problems.append(node.problem("duplicate item id '\(item.id)' (first on line \(line))"))
                } else {
                    firstLine[item.id] = node.line
                    items.append(item)
                }
            } catch {
                problems.append(contentsOf: error)
            }
        }
        if items.filter({ $0.type == .outcome }).count > 1 {
            problems.append(list.problem("an instrument may have only one outcome item"))
        }
        try problems.throwIfAny()
        return items
    }

    private static func readItem(_ node: YAMLNode, frameworks: [Framework]) throws(FileProblems) -> Instrument.Item {
        var fields = try YAMLFields(node, what: "item", allowed: ["id", "text", "type", "dimensions", "reverse", "options"])
        let id = fields.fileID("id", in: "item")
        let text = fields.string("text", in: "item", required: true)
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
        return Instrument.Item(id: id!, text: text!, type: itemType, dimensions: dimensions, reverse: reverse, options: options)
    }

    static func known(_ ref: DimensionRef, in frameworks: [Framework]) -> Bool {
        guard let framework = frameworks.first(where: { $0.id == ref.framework }), let dimension = framework.dimension(ref.dimension) else {
            return false
        }
        guard let element = ref.element else { return true }
        return dimension.elements.contains { $0.id == element }
    }
}

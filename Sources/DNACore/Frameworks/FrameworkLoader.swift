/// Reads and validates a framework file. Every mistake is reported with its line and column:
/// unknown keys, missing names, duplicate ids, weights that are not positive numbers.
public enum FrameworkLoader {
    public static func load(file: String, text: String) throws(FileProblems) -> Framework {
        let root = try YAMLNode.parse(file: file, text: text)
        var fields = try YAMLFields(root, what: "framework", allowed: ["id", "name", "description", "dimensions"])
        let id = fields.identifier("id", in: "framework")
        let name = fields.string("name", in: "framework", required: true)
        let description = fields.string("description", in: "framework") ?? ""
        let dimensions =
            fields.value("dimensions", in: "framework", required: true) {
                (node: YAMLNode) throws(FileProblems) -> [Framework.Dimension] in
                let dimensions = try readDimensions(node, level: .dimension)
                if dimensions.isEmpty { throw FileProblems([node.problem("a framework needs at least one dimension")]) }
                return dimensions
            } ?? []
        try fields.problems.throwIfAny()
        return Framework(id: id!, name: name!, description: description, dimensions: dimensions)
    }

    private enum Level: String {
        case dimension, element
    }

    private static func readDimensions(_ list: YAMLNode, level: Level) throws(FileProblems) -> [Framework.Dimension] {
        var problems = FileProblems()
        var dimensions: [Framework.Dimension] = []
        var firstLine: [String: Int] = [:]
        for item in try list.sequence("\(level.rawValue)s") {
            do {
                let dimension = try readDimension(item, level: level)
                if let line = firstLine[dimension.id] {
                    problems.append(item.problem("duplicate \(level.rawValue) id '\(dimension.id)' (first on line \(line))"))
                } else {
                    firstLine[dimension.id] = item.line
                    dimensions.append(dimension)
                }
            } catch {
                problems.append(contentsOf: error)
            }
        }
        try problems.throwIfAny()
        return dimensions
    }

    private static func readDimension(_ node: YAMLNode, level: Level) throws(FileProblems) -> Framework.Dimension {
        var allowed: Set<String> = ["id", "name", "description", "weight"]
        if level == .dimension { allowed.insert("elements") }
        let what = level.rawValue
        var fields = try YAMLFields(node, what: what, allowed: allowed)
        let id = fields.identifier("id", in: what)
        let name = fields.string("name", in: what, required: true)
        let description = fields.string("description", in: what) ?? ""
        let weight = fields.value("weight", in: what) { (node: YAMLNode) throws(FileProblems) -> Double in
            let value = try node.double("weight")
            guard value > 0, value.isFinite else {
                throw FileProblems([node.problem("weight must be a positive number, got \(value)")])
            }
            return value
        }
        let elements =
            fields.value("elements", in: what) { (node: YAMLNode) throws(FileProblems) -> [Framework.Dimension] in
                try readDimensions(node, level: .element)
            } ?? []
        try fields.problems.throwIfAny()
        return Framework.Dimension(id: id!, name: name!, description: description, weight: weight, elements: elements)
    }
}

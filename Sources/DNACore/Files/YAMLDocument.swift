import Foundation
import Yams

/// A YAML node with its position, for readers that must name the line of every mistake.
///
/// The file formats of CustomerDNA are small, so reading a composed node tree and checking it
/// key by key costs nothing and gives far better messages than `Decodable` would.
public struct YAMLNode {
    public let node: Node
    public let file: String

    public var line: Int { node.mark?.line ?? 1 }
    public var column: Int { node.mark?.column ?? 1 }

    public static func parse(file: String, text: String) throws(FileProblems) -> YAMLNode {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw FileProblems([FileProblem(file: file, line: 1, column: 1, message: "file is empty")])
            }
            return YAMLNode(node: node, file: file)
        } catch let problems as FileProblems {
            throw problems
        } catch let error as YamlError {
            throw FileProblems([problem(file: file, yamlError: error)])
        } catch {
            throw FileProblems([FileProblem(file: file, line: 1, column: 1, message: "\(error)")])
        }
    }

    private static func problem(file: String, yamlError: YamlError) -> FileProblem {
        switch yamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return FileProblem(file: file, line: max(1, mark.line), column: max(1, mark.column), message: "YAML: \(problem)")
        case .reader(let problem, let offset, _, let yaml):
            let (line, column) = TextPosition.location(of: offset ?? 0, in: Array(yaml.utf8))
            return FileProblem(file: file, line: line, column: column, message: "YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return FileProblem(
                file: file, line: max(1, context.mark.line), column: max(1, context.mark.column),
                message: "YAML: key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) appears twice in one mapping")
        default:
            return FileProblem(file: file, line: 1, column: 1, message: "YAML: \(yamlError)")
        }
    }

    /// Text as a YAML double-quoted scalar, for the files CustomerDNA writes: no wording can
    /// turn into YAML syntax. JSON's string escapes are a subset of YAML's.
    static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return String(decoding: (try? encoder.encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }

    public func problem(_ message: String) -> FileProblem {
        FileProblem(file: file, line: line, column: column, message: message)
    }

    /// The entries of a mapping in file order, or a problem when this is not a mapping.
    public func mapping(_ what: String) throws(FileProblems) -> [(key: String, keyNode: YAMLNode, value: YAMLNode)] {
        guard case .mapping(let mapping) = node else { throw FileProblems([problem("\(what) must be a mapping")]) }
        return mapping.map { pair in
            (pair.key.string ?? "", YAMLNode(node: pair.key, file: file), YAMLNode(node: pair.value, file: file))
        }
    }

    public func sequence(_ what: String) throws(FileProblems) -> [YAMLNode] {
        guard case .sequence(let sequence) = node else { throw FileProblems([problem("\(what) must be a list")]) }
        return sequence.map { YAMLNode(node: $0, file: file) }
    }

    public func string(_ what: String) throws(FileProblems) -> String {
        guard case .scalar(let scalar) = node else { throw FileProblems([problem("\(what) must be text")]) }
        return scalar.string
    }

    public func double(_ what: String) throws(FileProblems) -> Double {
        guard case .scalar = node, let value = node.float ?? node.int.map(Double.init) else {
            throw FileProblems([problem("\(what) must be a number")])
        }
        return value
    }

    public func bool(_ what: String) throws(FileProblems) -> Bool {
        guard case .scalar = node, let value = node.bool else {
            throw FileProblems([problem("\(what) must be true or false")])
        }
        return value
    }
}

/// Reads the keys of one YAML mapping, collecting unknown, missing and mistyped keys together.
public struct YAMLFields {
    public let owner: YAMLNode
    private var entries: [String: (keyNode: YAMLNode, value: YAMLNode)] = [:]
    public var problems = FileProblems()

    public init(_ owner: YAMLNode, what: String, allowed: Set<String>) throws(FileProblems) {
        self.owner = owner
        for entry in try owner.mapping(what) {
            if !allowed.contains(entry.key) {
                let known = allowed.sorted().joined(separator: ", ")
                problems.append(entry.keyNode.problem("unknown key '\(entry.key)' in \(what); known keys: \(known)"))
            } else if entries[entry.key] != nil {
                problems.append(entry.keyNode.problem("key '\(entry.key)' appears twice in \(what)"))
            } else {
                entries[entry.key] = (entry.keyNode, entry.value)
            }
        }
    }

    public func node(_ key: String) -> YAMLNode? { entries[key]?.value }

    public mutating func required(_ key: String, in what: String) -> YAMLNode? {
        guard let node = entries[key]?.value else {
            problems.append(owner.problem("\(what) is missing '\(key)'"))
            return nil
        }
        return node
    }

    /// Runs a typed read and records its problem instead of throwing, so reading goes on.
    public mutating func read<T>(_ body: () throws(FileProblems) -> T) -> T? {
        do { return try body() } catch {
            problems.append(contentsOf: error)
            return nil
        }
    }

    /// Reads `key` with `reader`; a missing required key and a failed read become problems.
    public mutating func value<T>(
        _ key: String, in what: String, required: Bool = false,
        _ reader: (YAMLNode) throws(FileProblems) -> T
    ) -> T? {
        guard let node = required ? self.required(key, in: what) : self.node(key) else { return nil }
        return read { () throws(FileProblems) in try reader(node) }
    }

    public mutating func string(_ key: String, in what: String, required: Bool = false) -> String? {
        value(key, in: what, required: required) { (node: YAMLNode) throws(FileProblems) -> String in try node.string(key) }
    }

    public mutating func identifier(_ key: String, in what: String, required: Bool = true) -> String? {
        checkedID(key, in: what, required: required, isValid: Identifier.isValid, rule: Identifier.rule)
    }

    /// An id as files name items and roles (`FileID`): any case, dots allowed.
    public mutating func fileID(_ key: String, in what: String, required: Bool = true) -> String? {
        checkedID(key, in: what, required: required, isValid: FileID.isValid, rule: FileID.rule)
    }

    private mutating func checkedID(
        _ key: String, in what: String, required: Bool, isValid: (String) -> Bool, rule: String
    ) -> String? {
        value(key, in: what, required: required) { (node: YAMLNode) throws(FileProblems) -> String in
            let text = try node.string(key)
            guard isValid(text) else { throw FileProblems([node.problem("\(what) \(key) '\(text)' is not valid: \(rule)")]) }
            return text
        }
    }
}

import Foundation

/// The customer model as a YAML file, for import and export:
///
/// ```yaml
/// segments: [{code: families, name: Families, description: ...}]
/// jobs: [{code: repair-home, statement: Get a damaged home repaired, situation: ..., step: execute}]
/// outcomes: [{code: report-time, job: repair-home, direction: minimize, metric: the time it takes,
///             object: to report the damage, clarifier: after it happens}]
/// offerings: [{code: claims-app, name: Claims app, kind: app, jobs: [repair-home]}]
/// tasks: [{code: report-claim, title: Report a claim}]
/// ```
///
/// Every section is optional. Reading checks the whole file and reports every problem with its
/// line and column, so a model is fixed in one pass.
public enum CustomerModelDocument {
    /// Reads and checks a model file. `knownJobs` are jobs that exist already where the file
    /// is merged, so a file may add outcomes and offerings to them without repeating them.
    public static func read(file: String, text: String, knownJobs: Set<String> = []) throws(FileProblems) -> CustomerModel {
        let root = try YAMLNode.parse(file: file, text: text)
        var fields = try YAMLFields(root, what: "the customer model", allowed: ["segments", "jobs", "outcomes", "offerings", "tasks"])
        // The root's own problems (unknown keys) are collected with the rest from `fields` below.
        var problems = FileProblems()
        var model = CustomerModel()
        var positions: [String: YAMLNode] = [:]

        func entries(_ key: String) -> [YAMLFields] {
            guard
                let list = fields.value(key, in: "the customer model", { (node: YAMLNode) throws(FileProblems) in try node.sequence(key) })
            else { return [] }
            return list.compactMap { node in
                fields.read { () throws(FileProblems) in try YAMLFields(node, what: "an entry of \(key)", allowed: allowedKeys[key]!) }
            }
        }
        func code(_ entry: inout YAMLFields, _ kind: String) -> String? {
            guard let node = entry.required("code", in: "a \(kind)"),
                let code = entry.read({ () throws(FileProblems) in try node.string("code") })
            else { return nil }
            if let message = UnitCode.problem(code) {
                entry.problems.append(node.problem("\(kind) \(message)"))
                return nil
            }
            if let earlier = positions["\(kind)/\(code)"] {
                entry.problems.append(node.problem("\(kind) code '\(code)' appears twice (first on line \(earlier.line))"))
                return nil
            }
            positions["\(kind)/\(code)"] = node
            return code
        }
        func choice<T: RawRepresentable & CaseIterable>(
            _ entry: inout YAMLFields, _ key: String, _ kind: String, required: Bool
        )
            -> T? where T.RawValue == String
        {
            entry.value(key, in: "a \(kind)", required: required) { (node: YAMLNode) throws(FileProblems) -> T in
                let text = try node.string(key)
                guard let value = T(rawValue: text) else {
                    let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
                    throw FileProblems([node.problem("\(kind) \(key) '\(text)' must be one of: \(allowed)")])
                }
                return value
            }
        }
        func list(_ entry: inout YAMLFields, _ key: String, _ kind: String) -> [(String, YAMLNode)] {
            entry.value(key, in: "a \(kind)") { (node: YAMLNode) throws(FileProblems) -> [(String, YAMLNode)] in
                var values: [(String, YAMLNode)] = []
                for item in try node.sequence(key) { values.append((try item.string(key), item)) }
                return values
            } ?? []
        }

        for var entry in entries("segments") {
            let code = code(&entry, "segment"), name = entry.string("name", in: "a segment", required: true)
            let description = entry.string("description", in: "a segment") ?? ""
            if let code, let name { model.segments.append(.init(code: code, name: name, description: description)) }
            problems.append(contentsOf: entry.problems)
        }
        for var entry in entries("jobs") {
            let code = code(&entry, "job"), statement = entry.string("statement", in: "a job", required: true)
            let situation = entry.string("situation", in: "a job") ?? ""
            let step: CustomerModel.JobStep? = choice(&entry, "step", "job", required: false)
            if let code, let statement { model.jobs.append(.init(code: code, statement: statement, situation: situation, step: step)) }
            problems.append(contentsOf: entry.problems)
        }
        var jobReferences: [(String, YAMLNode)] = []
        for var entry in entries("outcomes") {
            let code = code(&entry, "outcome")
            let direction: CustomerOutcome.Direction? = choice(&entry, "direction", "outcome", required: true)
            let metric = entry.string("metric", in: "an outcome", required: true)
            let object = entry.string("object", in: "an outcome", required: true)
            let clarifier = entry.string("clarifier", in: "an outcome") ?? ""
            let job = entry.string("job", in: "an outcome")
            let translations = Self.translations(&entry, "an outcome")
            if let job, let node = entry.node("job") { jobReferences.append((job, node)) }
            if let code, let direction, let metric, let object {
                model.outcomes.append(
                    .init(
                        code: code, job: job, direction: direction, metric: metric, object: object, clarifier: clarifier,
                        translations: translations))
            }
            problems.append(contentsOf: entry.problems)
        }
        for var entry in entries("offerings") {
            let code = code(&entry, "offering"), name = entry.string("name", in: "an offering", required: true)
            let kind: CustomerModel.OfferingKind? = choice(&entry, "kind", "offering", required: true)
            let description = entry.string("description", in: "an offering") ?? ""
            let jobs = list(&entry, "jobs", "offering")
            jobReferences += jobs
            if let code, let name, let kind {
                model.offerings.append(.init(code: code, name: name, kind: kind, description: description, jobs: jobs.map(\.0)))
            }
            problems.append(contentsOf: entry.problems)
        }
        for var entry in entries("tasks") {
            let code = code(&entry, "task"), title = entry.string("title", in: "a task", required: true)
            let translations = Self.translations(&entry, "a task")
            if let code, let title { model.tasks.append(.init(code: code, title: title, translations: translations)) }
            problems.append(contentsOf: entry.problems)
        }
        problems.append(contentsOf: fields.problems)
        for (job, node) in jobReferences where positions["job/\(job)"] == nil && !knownJobs.contains(job) {
            problems.append(node.problem("unknown job '\(job)'; jobs are named by their code in the jobs section"))
        }
        for (kind, texts) in [
            ("segment", model.segments.map { ($0.code, $0.name) }), ("job", model.jobs.map { ($0.code, $0.statement) }),
            ("offering", model.offerings.map { ($0.code, $0.name) }), ("task", model.tasks.map { ($0.code, $0.title) }),
            ("outcome", model.outcomes.flatMap { [($0.code, $0.metric), ($0.code, $0.object)] }),
        ] {
            for (code, text) in texts where text.trimmingSpaces().isEmpty {
                problems.append(positions["\(kind)/\(code)"]!.problem("\(kind) '\(code)' has an empty text"))
            }
        }
        try problems.sortedByPosition().throwIfAny()
        return model
    }

    private static let allowedKeys: [String: Set<String>] = [
        "segments": ["code", "name", "description"],
        "jobs": ["code", "statement", "situation", "step"],
        "outcomes": ["code", "job", "direction", "metric", "object", "clarifier", "translations"],
        "offerings": ["code", "name", "kind", "description", "jobs"],
        "tasks": ["code", "title", "translations"],
    ]

    /// The model as YAML that `read` accepts again unchanged. Texts are written as
    /// double-quoted scalars, so no wording can turn into YAML syntax.
    public static func yaml(_ model: CustomerModel) -> String {
        var out = "# CustomerDNA customer model\n"
        func section<T>(_ name: String, _ records: [T], _ fields: (T) -> [(String, String?)]) {
            out += "\(name):"
            if records.isEmpty {
                out += " []\n"
                return
            }
            out += "\n"
            for record in records {
                var first = true
                for (key, value) in fields(record) {
                    guard let value else { continue }
                    out += (first ? "  - " : "    ") + "\(key): \(value)\n"
                    first = false
                }
            }
        }
        section("segments", model.segments) {
            [("code", quote($0.code)), ("name", quote($0.name)), ("description", optional($0.description))]
        }
        section("jobs", model.jobs) {
            [
                ("code", quote($0.code)), ("statement", quote($0.statement)), ("situation", optional($0.situation)),
                ("step", $0.step.map { quote($0.rawValue) }),
            ]
        }
        section("outcomes", model.outcomes) {
            [
                ("code", quote($0.code)), ("job", $0.job.map(quote)), ("direction", quote($0.direction.rawValue)),
                ("metric", quote($0.metric)),
                ("object", quote($0.object)), ("clarifier", optional($0.clarifier)), ("translations", translations($0.translations)),
            ]
        }
        section("offerings", model.offerings) {
            [
                ("code", quote($0.code)), ("name", quote($0.name)), ("kind", quote($0.kind.rawValue)),
                ("description", optional($0.description)),
                ("jobs", "[" + $0.jobs.map(quote).joined(separator: ", ") + "]"),
            ]
        }
        section("tasks", model.tasks) {
            [("code", quote($0.code)), ("title", quote($0.title)), ("translations", translations($0.translations))]
        }
        return out
    }

    private static func optional(_ text: String) -> String? { text.isEmpty ? nil : quote(text) }

    /// `{de: "...", nb: "..."}`, or nil to leave the key out.
    private static func translations(_ texts: [String: String]?) -> String? {
        guard let texts, !texts.isEmpty else { return nil }
        return "{" + texts.sorted { $0.key < $1.key }.map { "\($0.key): \(quote($0.value))" }.joined(separator: ", ") + "}"
    }

    /// An entry's `translations` (nil when the key is left out): a map from a language the pages are written in (other than
    /// English, the model's own wording) to the text in it. Located errors otherwise.
    private static func translations(_ entry: inout YAMLFields, _ kind: String) -> [String: String]? {
        entry.value("translations", in: kind) { (node: YAMLNode) throws(FileProblems) -> [String: String]? in
            var problems = FileProblems()
            var texts: [String: String] = [:]
            for (key, keyNode, value) in try node.mapping("translations") {
                guard case .success(let tag) = LanguageTag.canonical(key), let language = LanguageTag.translation(for: tag),
                    language == tag,
                    language != "en"
                else {
                    let others = LanguageTag.translated.dropFirst().joined(separator: ", ")
                    problems.append(
                        keyNode.problem(
                            "translations: '\(key)' is not one of the languages the pages are written in besides English (\(others))"))
                    continue
                }
                do throws(FileProblems) {
                    let text = try value.string("the \(language) text").trimmingSpaces()
                    if text.isEmpty {
                        problems.append(value.problem("translations: the \(language) text is empty"))
                    } else {
                        texts[language] = text
                    }
                } catch { problems.append(contentsOf: error) }
            }
            try problems.throwIfAny()
            // An empty map is kept: on a merge it clears what is stored, where leaving the key
            // out keeps it.
            return texts
        } ?? nil
    }

    private static func quote(_ text: String) -> String { YAMLNode.quoted(text) }
}

/// The outside view of a workspace: who the customers are (segments), what they are trying
/// to get done (jobs), how they judge success (desired outcomes), what the organization
/// offers them to get it done (offerings), and the tasks they come to do (the top-tasks list).
///
/// Every record is named by a code that is unique in its kind; references between records
/// use codes, so a model can be written, read and merged as one YAML file.
public struct CustomerModel: Codable, Equatable, Sendable {
    public struct Segment: Codable, Equatable, Sendable {
        public var code: String
        public var name: String
        public var description: String

        public init(code: String, name: String, description: String = "") {
            self.code = code
            self.name = name
            self.description = description
        }
    }

    /// The universal job map: the steps any job goes through.
    public enum JobStep: String, Codable, Sendable, CaseIterable {
        case define, locate, prepare, confirm, execute, monitor, modify, conclude
    }

    /// A job: verb + object + context ("get a water-damaged home repaired"), the situation it
    /// arises in, and optionally the job-map step it belongs to.
    public struct Job: Codable, Equatable, Sendable {
        public var code: String
        public var statement: String
        public var situation: String
        public var step: JobStep?

        public init(code: String, statement: String, situation: String = "", step: JobStep? = nil) {
            self.code = code
            self.statement = statement
            self.situation = situation
            self.step = step
        }
    }

    public struct Outcome: Codable, Equatable, Sendable {
        public var code: String
        public var job: String?
        public var direction: CustomerOutcome.Direction
        public var metric: String
        public var object: String
        public var clarifier: String
        /// The whole sentence in other languages, by language (`nb`, `de`, ...); nil for none.
        /// A sentence is translated whole: its parts do not translate one by one.
        public var translations: [String: String]?

        public init(
            code: String, job: String? = nil, direction: CustomerOutcome.Direction, metric: String, object: String, clarifier: String = "",
            translations: [String: String]? = nil
        ) {
            self.code = code
            self.job = job
            self.direction = direction
            self.metric = metric
            self.object = object
            self.clarifier = clarifier
            self.translations = translations
        }

        public var sentence: String {
            CustomerOutcome(id: "", workspaceID: "", code: code, direction: direction, metric: metric, object: object, clarifier: clarifier)
                .sentence
        }

        /// The sentence in `language`, or in the model's own wording when not translated.
        public func sentence(in language: String) -> String { translations?[language] ?? sentence }
    }

    public enum OfferingKind: String, Codable, Sendable, CaseIterable {
        case product, service, information, app, channel
    }

    /// Anything customers hire to get a job done, with the jobs it is hired for.
    public struct Offering: Codable, Equatable, Sendable {
        public var code: String
        public var name: String
        public var kind: OfferingKind
        public var description: String
        public var jobs: [String]

        public init(code: String, name: String, kind: OfferingKind, description: String = "", jobs: [String] = []) {
            self.code = code
            self.name = name
            self.kind = kind
            self.description = description
            self.jobs = jobs
        }
    }

    /// One entry of the top-tasks list customers vote on.
    public struct Task: Codable, Equatable, Sendable {
        public var code: String
        public var title: String
        /// The title in other languages, by language; nil for none.
        public var translations: [String: String]?

        public init(code: String, title: String, translations: [String: String]? = nil) {
            self.code = code
            self.title = title
            self.translations = translations
        }
    }

    public var segments: [Segment]
    public var jobs: [Job]
    public var outcomes: [Outcome]
    public var offerings: [Offering]
    public var tasks: [Task]

    public init(segments: [Segment] = [], jobs: [Job] = [], outcomes: [Outcome] = [], offerings: [Offering] = [], tasks: [Task] = []) {
        self.segments = segments
        self.jobs = jobs
        self.outcomes = outcomes
        self.offerings = offerings
        self.tasks = tasks
    }

    /// Jobs that no offering is hired for: needs the organization leaves to others.
    public var unservedJobs: [Job] {
        let served = Set(offerings.flatMap(\.jobs))
        return jobs.filter { !served.contains($0.code) }
    }

    /// The problems of a model that would make it inconsistent, whatever file or form it came
    /// from: empty or repeated codes, empty texts, references to records that do not exist.
    public func problems() -> [String] {
        var problems: [String] = []
        func checkCodes(_ kind: String, _ codes: [String]) {
            var seen = Set<String>()
            for code in codes {
                if let message = UnitCode.problem(code) { problems.append("\(kind) \(message)") }
                if !seen.insert(code).inserted { problems.append("\(kind) code '\(code)' appears twice") }
            }
        }
        checkCodes("segment", segments.map(\.code))
        checkCodes("job", jobs.map(\.code))
        checkCodes("outcome", outcomes.map(\.code))
        checkCodes("offering", offerings.map(\.code))
        checkCodes("task", tasks.map(\.code))
        let jobCodes = Set(jobs.map(\.code))
        for segment in segments where segment.name.trimmingSpaces().isEmpty { problems.append("segment '\(segment.code)' has no name") }
        for job in jobs where job.statement.trimmingSpaces().isEmpty { problems.append("job '\(job.code)' has no statement") }
        for outcome in outcomes {
            if outcome.metric.trimmingSpaces().isEmpty { problems.append("outcome '\(outcome.code)' has no metric") }
            if outcome.object.trimmingSpaces().isEmpty { problems.append("outcome '\(outcome.code)' has no object") }
            if let job = outcome.job, !jobCodes.contains(job) { problems.append("outcome '\(outcome.code)' names unknown job '\(job)'") }
        }
        for offering in offerings {
            if offering.name.trimmingSpaces().isEmpty { problems.append("offering '\(offering.code)' has no name") }
            for job in offering.jobs where !jobCodes.contains(job) {
                problems.append("offering '\(offering.code)' names unknown job '\(job)'")
            }
        }
        for task in tasks where task.title.trimmingSpaces().isEmpty { problems.append("task '\(task.code)' has no title") }
        return problems
    }
}

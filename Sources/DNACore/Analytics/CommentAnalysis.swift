/// `cdna analyze comments` and the open answers on the results page (DESIGN.md, "Deeper
/// analysis"): themes over everyone's open answers, each group's counts by theme, and the
/// answers themselves folded and shuffled, all only where the comment threshold allows.
///
/// The threshold counts people who wrote at least one answer. It is never below the anonymity
/// threshold k, and it works as k does everywhere else (`Anonymity.visibleGroups`): a group
/// under it shows nothing, and when the hidden groups could be recovered by subtracting the
/// shown ones from everyone, the smallest shown groups are hidden too.
public enum CommentAnalysis {
    public struct Options: Sendable {
        public var breakdown: AssessmentScoring.Breakdown
        public var minComments: Int
        public var minGroupSize: Int
        /// The text items read; nil reads every text item of the instrument.
        public var items: [String]?
        public var seed: UInt64

        public init(
            breakdown: AssessmentScoring.Breakdown = .unit, minComments: Int = 10, minGroupSize: Int = 5, items: [String]? = nil,
            seed: UInt64 = 1
        ) {
            self.breakdown = breakdown
            self.minComments = minComments
            self.minGroupSize = minGroupSize
            self.items = items
            self.seed = seed
        }

        public var threshold: Int { max(minComments, minGroupSize) }
    }

    /// One open answer and who wrote it, as far as the breakdown needs to know.
    public struct Answer: Sendable, Equatable {
        public var respondent: String
        public var group: String
        public var text: String

        public init(respondent: String, group: String, text: String) {
            self.respondent = respondent
            self.group = group
            self.text = text
        }
    }

    public struct ThemeSummary: Encodable, Sendable, Equatable {
        public var theme: String
        public var terms: [String]
        public var count: Int
        /// count / every answer analysed, themed or not.
        public var share: Double
        public var examples: [String]
    }

    public struct ThemeCount: Encodable, Sendable, Equatable {
        public var theme: String
        public var count: Int
    }

    public struct Group: Encodable, Sendable, Equatable {
        public var group: String
        public var suppressed: Bool
        /// People in the group who wrote an answer; nil when suppressed.
        public var respondents: Int?
        public var answers: Int?
        public var themes: [ThemeCount]?
        public var comments: [CommentFolding.Folded]?

        enum CodingKeys: String, CodingKey { case group, suppressed, respondents, answers, themes, comments }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(group, forKey: .group)
            if suppressed {
                try container.encode(true, forKey: .suppressed)
                return
            }
            try container.encode(respondents, forKey: .respondents)
            try container.encode(answers, forKey: .answers)
            try container.encode(themes, forKey: .themes)
            try container.encode(comments, forKey: .comments)
        }
    }

    public struct Report: Encodable, Sendable, Equatable {
        /// The comment threshold applied: max(--min-comments, k).
        public var minComments: Int
        /// Everyone's answers are under the threshold: nothing else is shown.
        public var suppressed: Bool
        public var respondents: Int?
        public var answers: Int?
        public var unthemed: Int?
        public var themes: [ThemeSummary]
        public var comments: [CommentFolding.Folded]
        public var groups: [Group]

        enum CodingKeys: String, CodingKey {
            case minComments = "min_comments", suppressed, respondents, answers, unthemed, themes, comments, groups
        }
    }

    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// The open answers of a response file: every text item's, or the named ones'.
    public static func answers(
        instrument: Instrument, responses: AssessmentResponses, items: [String]?, breakdown: AssessmentScoring.Breakdown
    ) throws(Problem) -> [Answer] {
        let textItems = instrument.items.filter { $0.type == .text }.map(\.id)
        if let items {
            if let unknown = items.first(where: { !textItems.contains($0) }) {
                throw Problem(
                    description:
                        "--item \(unknown): not a text item of the instrument (its text items: \(textItems.isEmpty ? "none" : textItems.joined(separator: ", ")))"
                )
            }
        } else if textItems.isEmpty {
            throw Problem(description: "the instrument has no text items, so there are no open answers to analyse")
        }
        let read = items ?? textItems
        return responses.respondents.flatMap { respondent in
            read.compactMap { item -> Answer? in
                guard let text = respondent.texts[item]?.trimmingSpaces(), !text.isEmpty else { return nil }
                let group = breakdown == .role ? respondent.role : breakdown == .unit ? respondent.unit : ""
                return Answer(respondent: respondent.id, group: group, text: text)
            }
        }
    }

    public static func analyze(_ given: [Answer], options: Options) -> Report {
        // The themes must not depend on the order answers arrive in (a file's, or a database's
        // collation), so they are taken in one order of their own.
        let answers = given.sorted { ($0.text, $0.respondent, $0.group) < ($1.text, $1.respondent, $1.group) }
        let threshold = options.threshold
        let writers = Set(answers.map(\.respondent)).count
        var report = Report(
            minComments: threshold, suppressed: true, respondents: nil, answers: nil, unthemed: nil, themes: [], comments: [],
            groups: [])
        var byGroup: [String: [Int]] = [:]
        if options.breakdown != .none {
            for (index, answer) in answers.enumerated() { byGroup[answer.group, default: []].append(index) }
        }
        let names = byGroup.keys.sorted()
        let sizes = names.map { Set(byGroup[$0]!.map { answers[$0].respondent }).count }
        let visibility = Anonymity.visibleGroups(parentSize: writers, childSizes: sizes, minGroupSize: threshold)
        guard visibility.parentShown else {
            report.groups = names.map { Group(group: $0, suppressed: true) }
            return report
        }
        let found = CommentThemes.find(answers.map(\.text), seed: options.seed)
        report.suppressed = false
        report.respondents = writers
        report.answers = answers.count
        report.unthemed = found.themeOf.filter { $0 == nil }.count
        report.themes = found.themes.map { theme in
            ThemeSummary(
                theme: theme.label, terms: theme.terms, count: theme.members.count,
                share: Double(theme.members.count) / Double(answers.count), examples: theme.examples.map { answers[$0].text })
        }
        report.comments = CommentFolding.fold(answers.map(\.text), seed: options.seed)
        report.groups = names.enumerated().map { position, name in
            guard visibility.childShown[position] else { return Group(group: name, suppressed: true) }
            let members = byGroup[name]!
            let counts = found.themes.indices.map { theme in members.filter { found.themeOf[$0] == theme }.count }
            return Group(
                group: name, suppressed: false, respondents: sizes[position], answers: members.count,
                themes: zip(found.themes, counts).map { ThemeCount(theme: $0.label, count: $1) },
                comments: CommentFolding.fold(members.map { answers[$0].text }, seed: options.seed))
        }
        return report
    }
}

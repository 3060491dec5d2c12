/// One customer a study or vote is mailed to: checked, the e-mail in lower case, the language
/// tag canonical, empty fields as nil.
public struct CustomerAddress: Codable, Equatable, Sendable {
    public var email: String
    public var name: String
    public var language: String?
    /// The segment the customer's link is issued for, so the page need not ask.
    public var segment: String?

    public init(email: String, name: String = "", language: String? = nil, segment: String? = nil) {
        self.email = email
        self.name = name
        self.language = language
        self.segment = segment
    }
}

/// The customer address list `email,name,language,segment` a study or vote is sent to (only
/// `email` required). Read and checked as a whole, so sending is all or nothing and every
/// problem is located before anything is written.
public enum CustomerAddressFile {
    public static let required = ["email"]
    public static let optional = ["name", "language", "segment"]

    /// `segments` are the workspace's segment codes a row may name.
    public static func parse(file: String, text: String, segments: Set<String>) throws(FileProblems) -> [CustomerAddress] {
        let table = try CSVTable(reader: CSVReader(file: file, text: text), required: required, optional: optional)
        let emailColumn = table.index(of: "email")!, nameColumn = table.index(of: "name")
        let languageColumn = table.index(of: "language"), segmentColumn = table.index(of: "segment")
        var problems = FileProblems()
        var addresses: [CustomerAddress] = []
        var lineOfEmail: [String: Int] = [:]
        table.forEachRecord(&problems) { record, problems in
            let field = { (index: Int?) in index.map { record[$0].trimmingSpaces() } ?? "" }
            var rowProblems: [FileProblem] = []
            let email = PeopleFields.email(field(emailColumn), table, record, emailColumn, seen: &lineOfEmail, &rowProblems)
            let language = PeopleFields.language(field(languageColumn), table, record, languageColumn, &rowProblems)
            let segment = field(segmentColumn)
            if let segmentColumn, !segment.isEmpty, !segments.contains(segment) {
                let known = segments.isEmpty ? "the customer model has none" : "known: \(segments.sorted().joined(separator: ", "))"
                rowProblems.append(
                    table.problem(record, column: segmentColumn, "segment '\(segment)' is not a segment of this workspace (\(known))"))
            }
            if rowProblems.isEmpty {
                addresses.append(
                    CustomerAddress(
                        email: email, name: field(nameColumn), language: language,
                        segment: segment.isEmpty ? nil : segment))
            }
            for problem in rowProblems { problems.append(problem) }
        }
        try problems.sortedByPosition().throwIfAny()
        if addresses.isEmpty { throw FileProblems([FileProblem(file: file, line: 1, column: 1, message: "the list has no addresses")]) }
        return addresses
    }
}

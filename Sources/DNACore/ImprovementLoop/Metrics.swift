/// A metric of the improvement loop: what it measures, whether it is value to the customer or
/// value to the business, which way is better and the target.
public struct MetricDefinition: Codable, Equatable, Sendable {
    public enum ValueKind: String, Codable, Sendable, CaseIterable {
        case customerValue = "customer-value"
        case businessValue = "business-value"

        public var title: String { self == .customerValue ? "value to the customer" : "value to the business" }
    }

    public enum Direction: String, Codable, Sendable, CaseIterable {
        case up, down
    }

    public var code: String
    public var name: String
    public var kind: ValueKind
    public var unit: String
    public var direction: Direction
    public var target: Double?
    /// The line-of-sight node it measures.
    public var node: String?

    public init(
        code: String, name: String, kind: ValueKind, unit: String = "", direction: Direction = .up, target: Double? = nil,
        node: String? = nil
    ) {
        self.code = code
        self.name = name
        self.kind = kind
        self.unit = unit
        self.direction = direction
        self.target = target
        self.node = node
    }

    public var problem: String? {
        if let message = UnitCode.problem(code) { return "metric \(message)" }
        if name.trimmingSpaces().isEmpty { return "the metric needs a name" }
        if let target, !target.isFinite { return "the target must be a number" }
        return nil
    }

    /// Whether `value` meets the target in the better direction; nil without a target.
    public func meetsTarget(_ value: Double) -> Bool? {
        target.map { direction == .up ? value >= $0 : value <= $0 }
    }
}

/// One value of a metric on a day.
public struct MetricValue: Codable, Equatable, Sendable {
    public var metric: String
    /// `YYYY-MM-DD`.
    public var date: String
    public var value: Double

    public init(metric: String, date: String, value: Double) {
        self.metric = metric
        self.date = date
        self.value = value
    }
}

/// An objective pairs one metric of value to the customer with one of value to the business,
/// so neither is pursued at the cost of the other.
public struct Objective: Codable, Equatable, Sendable {
    public var code: String
    public var title: String
    public var customerMetric: String
    public var businessMetric: String
    /// The strategy node it belongs to.
    public var strategy: String?

    public init(code: String, title: String, customerMetric: String, businessMetric: String, strategy: String? = nil) {
        self.code = code
        self.title = title
        self.customerMetric = customerMetric
        self.businessMetric = businessMetric
        self.strategy = strategy
    }

    /// Checks the pair against the definitions: one of each kind.
    public func problem(metrics: [String: MetricDefinition]) -> String? {
        if let message = UnitCode.problem(code) { return "objective \(message)" }
        if title.trimmingSpaces().isEmpty { return "the objective needs a title" }
        guard let customer = metrics[customerMetric] else { return "no metric '\(customerMetric)'" }
        guard let business = metrics[businessMetric] else { return "no metric '\(businessMetric)'" }
        if customer.kind != .customerValue { return "'\(customer.code)' measures value to the business; pair a customer-value metric" }
        if business.kind != .businessValue { return "'\(business.code)' measures value to the customer; pair a business-value metric" }
        return nil
    }

    enum CodingKeys: String, CodingKey {
        case code, title, strategy
        case customerMetric = "customer_metric"
        case businessMetric = "business_metric"
    }
}

/// Reads measurements as CSV `metric,date,value`, one value per metric and day.
public enum Measurements {
    public static let header = ["metric", "date", "value"]

    /// All problems with their positions: unknown metrics, bad dates and values, a metric
    /// given twice on one day.
    public static func read(_ table: CSVTable, knownMetrics: Set<String>) throws(FileProblems) -> [MetricValue] {
        let columns = header.map { table.index(of: $0)! }
        var problems = FileProblems()
        var values: [MetricValue] = []
        var firstLine: [String: Int] = [:]
        table.forEachRecord(&problems) { record, problems in
            let fields = columns.map { record[$0].trimmingSpaces() }
            let count = problems.total
            if !knownMetrics.contains(fields[0]) {
                problems.append(
                    table.problem(
                        record, column: columns[0],
                        fields[0].isEmpty ? "metric is empty" : "unknown metric '\(fields[0])'; define it on the metrics page first"))
            }
            if CalendarDay.start(fields[1]) == nil {
                problems.append(table.problem(record, column: columns[1], "date '\(fields[1])' must be written YYYY-MM-DD"))
            }
            let value = Double(fields[2])
            if value == nil || !(value!.isFinite) {
                problems.append(table.problem(record, column: columns[2], "value '\(fields[2])' is not a number"))
            }
            let key = fields[0] + "\u{0}" + fields[1]
            if let line = firstLine[key] {
                problems.append(
                    table.problem(record, column: columns[1], "metric '\(fields[0])' has a value on \(fields[1]) already (line \(line))"))
            }
            firstLine[key] = firstLine[key] ?? record.line
            guard problems.total == count, let value else { return }
            values.append(MetricValue(metric: fields[0], date: fields[1], value: value))
        }
        try problems.throwIfAny()
        return values
    }
}

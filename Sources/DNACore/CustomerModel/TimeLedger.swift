/// The customer time ledger: what a journey costs customers and the organization in hours a
/// year, and what each change did to both. Simplicity means saving the customer's time; a
/// change that saves the organization time by handing work to customers is cost-shifting and
/// is flagged, however good it looks on the organization's books.
public enum TimeLedger {
    /// One step of a journey, as it is today.
    public struct Step: Codable, Equatable, Sendable {
        public var name: String
        public var customerMinutes: Double
        public var organizationMinutes: Double
        /// How often one customer goes through the step in a year.
        public var frequencyPerYear: Double
        public var customers: Int

        public init(name: String, customerMinutes: Double, organizationMinutes: Double, frequencyPerYear: Double, customers: Int) {
            self.name = name
            self.customerMinutes = customerMinutes
            self.organizationMinutes = organizationMinutes
            self.frequencyPerYear = frequencyPerYear
            self.customers = customers
        }

        var occurrences: Double { frequencyPerYear * Double(customers) }
        public var annualCustomerHours: Double { customerMinutes * occurrences / 60 }
        public var annualOrganizationHours: Double { organizationMinutes * occurrences / 60 }

        /// What makes a step impossible to count: negative minutes, frequency or customers.
        public var problem: String? {
            if name.trimmingSpaces().isEmpty { return "the step has no name" }
            for (label, value) in [
                ("customer minutes", customerMinutes), ("organization minutes", organizationMinutes), ("frequency", frequencyPerYear),
            ] where !(value >= 0 && value.isFinite) {
                return "\(label) must be a number, 0 or more"
            }
            return customers >= 0 ? nil : "customers affected must be 0 or more"
        }
    }

    /// A change to one step, with the minutes before and after and the volume it applied to.
    public struct Change: Codable, Equatable, Sendable {
        public var title: String
        /// `YYYY-MM-DD`.
        public var date: String
        public var step: String
        public var customerMinutesBefore: Double
        public var customerMinutesAfter: Double
        public var organizationMinutesBefore: Double
        public var organizationMinutesAfter: Double
        public var frequencyPerYear: Double
        public var customers: Int

        public init(
            title: String, date: String, step: String, customerMinutesBefore: Double, customerMinutesAfter: Double,
            organizationMinutesBefore: Double, organizationMinutesAfter: Double, frequencyPerYear: Double, customers: Int
        ) {
            self.title = title
            self.date = date
            self.step = step
            self.customerMinutesBefore = customerMinutesBefore
            self.customerMinutesAfter = customerMinutesAfter
            self.organizationMinutesBefore = organizationMinutesBefore
            self.organizationMinutesAfter = organizationMinutesAfter
            self.frequencyPerYear = frequencyPerYear
            self.customers = customers
        }

        var occurrences: Double { frequencyPerYear * Double(customers) }
        /// Hours a year customers spend more (positive) or less (negative) after the change.
        public var customerHoursChange: Double { (customerMinutesAfter - customerMinutesBefore) * occurrences / 60 }
        public var organizationHoursChange: Double { (organizationMinutesAfter - organizationMinutesBefore) * occurrences / 60 }
        /// The organization saves time and customers pay for it.
        public var isCostShifting: Bool { organizationHoursChange < 0 && customerHoursChange > 0 }
    }

    public struct Journey: Codable, Equatable, Sendable {
        public var name: String
        public var steps: [Step]

        public init(name: String, steps: [Step]) {
            self.name = name
            self.steps = steps
        }

        public var annualCustomerHours: Double { steps.map(\.annualCustomerHours).reduce(0, +) }
        public var annualOrganizationHours: Double { steps.map(\.annualOrganizationHours).reduce(0, +) }
    }

    /// The running total of customer hours a year saved by changes up to each change's date
    /// (positive = saved), in date order.
    public struct Balance: Codable, Equatable, Sendable {
        public var date: String
        public var title: String
        public var customerHoursSaved: Double
        public var cumulativeCustomerHoursSaved: Double
        public var costShifting: Bool

        enum CodingKeys: String, CodingKey {
            case date, title
            case customerHoursSaved = "customer_hours_saved"
            case cumulativeCustomerHoursSaved = "cumulative_customer_hours_saved"
            case costShifting = "cost_shifting"
        }
    }

    public static func balance(_ changes: [Change]) -> [Balance] {
        var total = 0.0
        return changes.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map { _, change in
            total -= change.customerHoursChange
            return Balance(
                date: change.date, title: change.title, customerHoursSaved: -change.customerHoursChange,
                cumulativeCustomerHoursSaved: total,
                costShifting: change.isCostShifting)
        }
    }
}

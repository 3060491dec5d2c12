import DNACore
import DNAStore

extension APIResponse {
    struct SurveyInfo: Encodable {
        var id: String
        var kind: CustomerSurvey.Kind
        var name: String
        var publicTitle: String
        var opensAt: Int64
        var closesAt: Int64?
        var state: Campaign.State
        var openLink: String?
        var longNeck: Double
        var top: Double
        var items: [CustomerSurvey.Item]
        var progress: SurveyProgress?

        init(_ survey: CustomerSurvey, now: Int64, openLinkURL: String?, progress: SurveyProgress?) {
            id = survey.id
            kind = survey.kind
            name = survey.name
            publicTitle = survey.titleForCustomers
            opensAt = survey.opensAt
            closesAt = survey.closesAt
            state = survey.state(at: now)
            openLink = openLinkURL
            longNeck = survey.thresholds.longNeck
            top = survey.thresholds.top
            items = survey.items
            self.progress = progress
        }
    }

    /// A journey with its hours a year and each change's effect, as the ledger computes them.
    struct JourneyInfo: Encodable {
        struct Step: Encodable {
            var id: String
            var name: String
            var customerMinutes: Double
            var organizationMinutes: Double
            var frequency: Double
            var customers: Int
            var annualCustomerHours: Double
            var annualOrganizationHours: Double
        }
        struct Change: Encodable {
            var id: String
            var title: String
            var date: String
            var step: String
            var customerMinutesBefore: Double
            var customerMinutesAfter: Double
            var organizationMinutesBefore: Double
            var organizationMinutesAfter: Double
            var customerHoursChange: Double
            var organizationHoursChange: Double
            var costShifting: Bool
        }
        var id: String
        var code: String
        var name: String
        var segment: String
        var annualCustomerHours: Double
        var annualOrganizationHours: Double
        var steps: [Step]
        var changes: [Change]

        init(_ journey: JourneyRecord) {
            id = journey.id
            code = journey.code
            name = journey.name
            segment = journey.segment
            annualCustomerHours = journey.ledger.annualCustomerHours
            annualOrganizationHours = journey.ledger.annualOrganizationHours
            steps = journey.steps.map {
                Step(
                    id: $0.id, name: $0.step.name, customerMinutes: $0.step.customerMinutes,
                    organizationMinutes: $0.step.organizationMinutes,
                    frequency: $0.step.frequencyPerYear, customers: $0.step.customers, annualCustomerHours: $0.step.annualCustomerHours,
                    annualOrganizationHours: $0.step.annualOrganizationHours)
            }
            changes = journey.changes.map {
                let change = $0.change
                return Change(
                    id: $0.id, title: change.title, date: change.date, step: change.step,
                    customerMinutesBefore: change.customerMinutesBefore,
                    customerMinutesAfter: change.customerMinutesAfter, organizationMinutesBefore: change.organizationMinutesBefore,
                    organizationMinutesAfter: change.organizationMinutesAfter, customerHoursChange: change.customerHoursChange,
                    organizationHoursChange: change.organizationHoursChange, costShifting: change.isCostShifting)
            }
        }
    }

}

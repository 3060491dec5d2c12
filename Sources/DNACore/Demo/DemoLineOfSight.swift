/// Harbor Mutual's line of sight for the demo. Four strategies: win on claims, be the easiest
/// insurer for brokers, move routine service online, and a cost programme that has no
/// evidence behind it. Twenty-six initiatives, of which the data-lake migration, the CRM
/// upgrade, the office move and the intranet reach no customer outcome (inside-out), and the
/// two pricing projects reach business impact only around the customer. A year of monthly
/// measurements shows claims getting faster after photo claims shipped and the repeat
/// contacts falling after the single customer view. Decisions cite evidence more often as the
/// year goes on, IT and finance least, and the time from signal to shipped shortens.
public enum DemoLineOfSight {
    public struct Content: Sendable {
        public var nodes: [LineOfSightGraph.Node]
        public var edges: [LineOfSightModel.Edge]
        public var metrics: [MetricDefinition]
        public var measurements: [MetricValue]
        public var objectives: [Objective]
        public var evidence: [EvidenceItem]
        public var hypotheses: [Hypothesis]
        public var decisions: [DecisionRecord]
    }

    /// Everything dated relative to `now` (seconds), so the demo always covers the last year.
    public static func content(now: Int64) -> Content {
        func day(_ daysAgo: Int) -> String { CalendarDay.string(now - Int64(daysAgo) * 86_400) }
        var nodes: [LineOfSightGraph.Node] = [
            .init(
                code: "claims-first", type: .strategy, title: "Win on claims",
                description: "Customers judge an insurer by its worst day; a fast, clear claim keeps them for years."),
            .init(
                code: "broker-ease", type: .strategy, title: "Easiest insurer for brokers",
                description: "Brokers place business where quoting is quick and the appetite is clear."),
            .init(
                code: "self-service", type: .strategy, title: "Routine service online",
                description: "Customers prefer doing simple things themselves, at any hour, if it works first time."),
            .init(
                code: "cost-programme", type: .strategy, title: "Cut the expense ratio by five points",
                description: "Fewer offices and systems lower cost without customers noticing."),
            .init(code: "claims-platform", type: .capability, title: "Claims handling platform"),
            .init(code: "claim-visibility", type: .capability, title: "Claim status for customers"),
            .init(code: "broker-quoting", type: .capability, title: "Broker quoting"),
            .init(code: "self-service-portal", type: .capability, title: "Self-service portal"),
            .init(code: "data-platform", type: .capability, title: "Data platform"),
            .init(code: "pricing", type: .capability, title: "Pricing engine"),
        ]
        // (code, title, effort in person-months, budget in k€, days ago shipped or nil, status)
        let initiatives: [(String, String, Double, Double, Int?, LineOfSightGraph.Status)] = [
            ("photo-claims", "Report a claim with photos", 14, 380, 215, .shipped),
            ("claim-tracker", "Claim tracker in the app", 10, 260, 150, .shipped),
            ("fast-track", "Fast-track settlement under €2,000", 6, 90, 250, .shipped),
            ("repair-audit", "Repair network quality audit", 4, 60, 120, .shipped),
            ("single-view", "Single customer view for agents", 18, 520, 180, .shipped),
            ("emergency-line", "24/7 emergency line", 8, 210, 300, .shipped),
            ("handler-training", "Explain-the-decision training for handlers", 3, 40, 95, .shipped),
            ("quote-api", "Quote API for broker systems", 12, 340, 60, .shipped),
            ("appetite-guide", "Published risk appetite guide", 2, 25, 200, .shipped),
            ("document-checklist", "One document checklist per trade", 2, 20, nil, .active),
            ("online-renewal", "Renew online in three steps", 9, 230, 90, .shipped),
            ("renewal-letter", "Renewal price a month ahead", 3, 45, 40, .shipped),
            ("policy-change", "Change a policy online", 8, 200, nil, .active),
            ("plain-policies", "Plain-language policy documents", 5, 80, nil, .active),
            ("cover-compare", "Cover comparison tool", 6, 150, nil, .planned),
            ("paperless-billing", "Paperless billing", 4, 70, 270, .shipped),
            ("chat-assistant", "Chat assistant for common questions", 7, 190, nil, .active),
            ("leak-sensors", "Leak sensor pilot for households", 5, 110, nil, .active),
            ("storm-alerts", "Storm alerts with preparation steps", 3, 35, 20, .shipped),
            ("evidence-upload", "Upload evidence from the tracker", 4, 70, nil, .planned),
            ("data-lake", "Data lake migration", 20, 900, nil, .active),
            ("crm-upgrade", "CRM version upgrade", 15, 640, 45, .shipped),
            ("office-move", "Consolidate two offices", 6, 480, nil, .active),
            ("intranet", "Intranet refresh", 4, 120, 160, .shipped),
            ("pricing-rebuild", "Pricing engine rebuild", 16, 700, nil, .active),
            ("price-optimisation", "Renewal price optimisation", 5, 150, 75, .shipped),
        ]
        nodes += initiatives.map {
            .init(code: $0.0, type: .initiative, title: $0.1, effort: $0.2, budget: $0.3, status: $0.5, shippedOn: $0.4.map(day))
        }
        let outcomes = [
            "report-claim-time", "evidence-effort", "claim-status-unknown", "next-step-time", "settlement-time", "repair-quality",
            "repeat-details", "reach-help", "after-hours-help", "decision-reason", "broker-quote-time", "appetite-clarity",
            "client-documents", "renewal-effort", "renewal-reminder", "price-surprise", "change-effort", "cover-understanding",
            "exclusions-surprise", "compare-options", "payment-errors", "leak-warning", "storm-preparation",
        ]
        // Titles of outcome nodes come from the customer model when stored.
        nodes += outcomes.map { .init(code: $0, type: .outcome, title: $0) }
        nodes += [
            .init(code: "retention", type: .impact, title: "Policy retention"),
            .init(code: "claims-cost", type: .impact, title: "Claims handling cost"),
            .init(code: "broker-premium", type: .impact, title: "New premium through brokers"),
            .init(code: "expense-ratio", type: .impact, title: "Expense ratio"),
            .init(code: "cost-to-serve", type: .impact, title: "Cost to serve"),
        ]
        let pairs: [(String, [String])] = [
            ("claims-first", ["claims-platform", "claim-visibility", "handler-training", "emergency-line"]),
            ("broker-ease", ["broker-quoting"]),
            ("self-service", ["self-service-portal", "chat-assistant", "paperless-billing"]),
            ("cost-programme", ["data-platform", "pricing", "office-move", "intranet", "crm-upgrade"]),
            ("claims-platform", ["photo-claims", "fast-track", "repair-audit", "single-view", "evidence-upload"]),
            ("claim-visibility", ["claim-tracker"]),
            ("broker-quoting", ["quote-api", "appetite-guide", "document-checklist"]),
            ("self-service-portal", ["online-renewal", "renewal-letter", "policy-change", "plain-policies", "cover-compare"]),
            ("data-platform", ["data-lake", "leak-sensors", "storm-alerts"]),
            ("pricing", ["pricing-rebuild", "price-optimisation"]),
            ("photo-claims", ["report-claim-time", "evidence-effort"]),
            ("evidence-upload", ["evidence-effort"]),
            ("claim-tracker", ["claim-status-unknown", "next-step-time"]),
            ("fast-track", ["settlement-time"]),
            ("repair-audit", ["repair-quality"]),
            ("single-view", ["repeat-details"]),
            ("emergency-line", ["reach-help", "after-hours-help"]),
            ("handler-training", ["decision-reason"]),
            ("quote-api", ["broker-quote-time"]),
            ("appetite-guide", ["appetite-clarity"]),
            ("document-checklist", ["client-documents"]),
            ("online-renewal", ["renewal-effort"]),
            ("renewal-letter", ["renewal-reminder", "price-surprise"]),
            ("policy-change", ["change-effort"]),
            ("plain-policies", ["cover-understanding", "exclusions-surprise"]),
            ("cover-compare", ["compare-options"]),
            ("paperless-billing", ["payment-errors"]),
            ("chat-assistant", ["repeat-details"]),
            ("leak-sensors", ["leak-warning"]),
            ("storm-alerts", ["storm-preparation"]),
            ("pricing-rebuild", ["expense-ratio"]),
            ("price-optimisation", ["retention"]),
            ("report-claim-time", ["retention"]), ("evidence-effort", ["claims-cost"]),
            ("claim-status-unknown", ["retention", "cost-to-serve"]), ("next-step-time", ["cost-to-serve"]),
            ("settlement-time", ["retention"]), ("repair-quality", ["retention", "claims-cost"]),
            ("repeat-details", ["cost-to-serve"]), ("reach-help", ["retention"]), ("after-hours-help", ["retention"]),
            ("decision-reason", ["retention"]), ("broker-quote-time", ["broker-premium"]), ("appetite-clarity", ["broker-premium"]),
            ("client-documents", ["broker-premium"]), ("renewal-effort", ["retention", "cost-to-serve"]),
            ("renewal-reminder", ["retention"]), ("price-surprise", ["retention"]), ("change-effort", ["cost-to-serve"]),
            ("cover-understanding", ["retention"]), ("exclusions-surprise", ["retention"]), ("payment-errors", ["cost-to-serve"]),
            ("leak-warning", ["claims-cost"]), ("storm-preparation", ["claims-cost"]),
        ]
        let edges = pairs.flatMap { from, targets in targets.map { LineOfSightModel.Edge(from: from, to: $0) } }

        var content = loop(day: day)
        content.nodes = nodes
        content.edges = edges
        return content
    }
}

extension DemoLineOfSight {
    /// The improvement loop around the demo graph: metrics with a year of values and the
    /// objectives that pair them, evidence, hypotheses and the decision log. Nodes and edges
    /// are left empty for `content(now:)` to fill.
    static func loop(day: (Int) -> String) -> Content {
        let metrics: [MetricDefinition] = [
            .init(code: "claims-nps", name: "NPS after a claim", kind: .customerValue, unit: "NPS", target: 40, node: "claims-first"),
            .init(
                code: "report-minutes", name: "Minutes to report a claim", kind: .customerValue, unit: "min", direction: .down, target: 10,
                node: "report-claim-time"),
            .init(
                code: "status-calls", name: "Claims with a 'where is my claim' call", kind: .customerValue, unit: "%", direction: .down,
                target: 20, node: "claim-status-unknown"),
            .init(
                code: "settlement-days", name: "Days from acceptance to payment", kind: .customerValue, unit: "days", direction: .down,
                target: 7, node: "settlement-time"),
            .init(
                code: "first-time-repairs", name: "Repairs right the first time", kind: .customerValue, unit: "%", target: 95,
                node: "repair-quality"),
            .init(
                code: "repeat-contacts", name: "Contacts where details were asked again", kind: .customerValue, unit: "%", direction: .down,
                target: 15, node: "repeat-details"),
            .init(
                code: "emergency-answer", name: "Seconds to answer an emergency call", kind: .customerValue, unit: "s", direction: .down,
                target: 60, node: "reach-help"),
            .init(
                code: "broker-quote-hours", name: "Hours to a broker quote", kind: .customerValue, unit: "h", direction: .down, target: 4,
                node: "broker-quote-time"),
            .init(
                code: "renewal-ces", name: "Renewal effort score (CES)", kind: .customerValue, unit: "1-7", target: 5.5,
                node: "renewal-effort"),
            .init(code: "retention-rate", name: "Policies renewed", kind: .businessValue, unit: "%", target: 88, node: "retention"),
            .init(
                code: "cost-per-claim", name: "Handling cost per claim", kind: .businessValue, unit: "€", direction: .down, target: 420,
                node: "claims-cost"),
            .init(
                code: "broker-premium-m", name: "New broker premium per month", kind: .businessValue, unit: "€ m", target: 12,
                node: "broker-premium"),
            .init(
                code: "expense-ratio-pct", name: "Expense ratio", kind: .businessValue, unit: "%", direction: .down, target: 24,
                node: "expense-ratio"),
            .init(
                code: "cost-per-policy", name: "Cost to serve a policy per year", kind: .businessValue, unit: "€", direction: .down,
                target: 38, node: "cost-to-serve"),
        ]
        // Twelve monthly values ending this month: a start, an end, the month the change
        // lands (0-11) and a small wobble, so the charts show a story and not a ruler.
        let shapes: [String: (start: Double, end: Double, from: Int, wobble: Double)] = [
            "claims-nps": (12, 31, 5, 2.5), "report-minutes": (27, 11, 5, 1.2), "status-calls": (44, 26, 7, 2),
            "settlement-days": (16, 9, 3, 0.8), "first-time-repairs": (86, 91, 8, 0.8), "repeat-contacts": (38, 21, 6, 1.5),
            "emergency-answer": (140, 55, 2, 8), "broker-quote-hours": (30, 9, 10, 1.5), "renewal-ces": (4.1, 5.2, 9, 0.1),
            "retention-rate": (83.5, 86.2, 6, 0.4), "cost-per-claim": (510, 455, 6, 6), "broker-premium-m": (9.2, 10.1, 10, 0.3),
            "expense-ratio-pct": (29.5, 28.8, 4, 0.2), "cost-per-policy": (47, 41, 6, 0.7),
        ]
        var measurements: [MetricValue] = []
        for metric in metrics {
            guard let shape = shapes[metric.code] else { continue }
            for month in 0..<12 {
                let progress = month < shape.from ? 0 : Double(month - shape.from + 1) / Double(12 - shape.from)
                let wobble = shape.wobble * Double((month * 7 + metric.code.count) % 5 - 2) / 2
                let value = shape.start + (shape.end - shape.start) * progress + wobble
                measurements.append(MetricValue(metric: metric.code, date: day((11 - month) * 30 + 1), value: (value * 10).rounded() / 10))
            }
        }
        let objectives: [Objective] = [
            .init(
                code: "claims-loyalty", title: "Claim customers stay and recommend us", customerMetric: "claims-nps",
                businessMetric: "retention-rate", strategy: "claims-first"),
            .init(
                code: "repairs-once", title: "Repairs done right once", customerMetric: "first-time-repairs",
                businessMetric: "cost-per-claim", strategy: "claims-first"),
            .init(
                code: "brokers-first", title: "Brokers place with us first", customerMetric: "broker-quote-hours",
                businessMetric: "broker-premium-m", strategy: "broker-ease"),
            .init(
                code: "service-that-works", title: "Service that costs less because it works", customerMetric: "repeat-contacts",
                businessMetric: "cost-per-policy", strategy: "self-service"),
        ]

        typealias Ev = (String, EvidenceItem.Kind, EvidenceItem.Source, String, String, Int, String, [String], [EvidenceLink])
        let items: [Ev] = [
            (
                "E1", .quote, .interview, "\"I spent forty minutes on hold to report a leak\"",
                "Household customer, burst pipe in January.", 350, "households", ["os-canvas/workflow", "obsession/simplicity"],
                [
                    .init(target: .node, code: "claims-first"), .init(target: .outcome, code: "report-claim-time"),
                    .init(target: .job, code: "recover"),
                ]
            ),
            (
                "E2", .dataPoint, .analytics, "42% of claim calls ask where the claim stands", "Contact reasons, last quarter.", 340, "",
                ["os-canvas/information"],
                [.init(target: .node, code: "claims-first"), .init(target: .outcome, code: "claim-status-unknown")]
            ),
            (
                "E3", .observation, .support, "Agents re-key customer details from three systems", "Shadowing in customer service.", 330,
                "", ["os-canvas/workflow", "layers/data-technology"], [.init(target: .outcome, code: "repeat-details")]
            ),
            (
                "E4", .quote, .interview, "\"Quotes take two days; I go where I get an answer today\"", "Broker, commercial property.", 320,
                "brokers", ["os-canvas/strategy"],
                [.init(target: .node, code: "broker-ease"), .init(target: .outcome, code: "broker-quote-time")]
            ),
            (
                "E5", .dataPoint, .survey, "Outcome study: claim status is the most underserved outcome", "Opportunity score above 12.",
                110, "", ["layers/strategy/customer"], [.init(target: .outcome, code: "claim-status-unknown")]
            ),
            (
                "E6", .dataPoint, .analytics, "61% of renewals start online and finish on the phone", "Web analytics, renewal funnel.", 300,
                "households", ["os-canvas/workflow"],
                [.init(target: .node, code: "self-service"), .init(target: .outcome, code: "renewal-effort")]
            ),
            (
                "E7", .quote, .review, "\"Paid the claim quickly but nobody told me why it was reduced\"", "App store review.", 290,
                "households", ["obsession/humility"], [.init(target: .outcome, code: "decision-reason")]
            ),
            (
                "E8", .observation, .sales, "Brokers cannot tell which trades Harbor will insure", "Sales call notes.", 280, "brokers",
                ["os-canvas/information"], [.init(target: .outcome, code: "appetite-clarity"), .init(target: .node, code: "broker-ease")]
            ),
            (
                "E9", .dataPoint, .analytics, "Photo claims take 9 minutes against 31 by phone", "First month after launch.", 200, "",
                ["os-canvas/innovation"], [.init(target: .outcome, code: "report-claim-time")]
            ),
            (
                "E10", .quote, .interview, "\"The renewal letter came after the money had gone\"", "Small business owner.", 260,
                "small-business", ["os-canvas/information"],
                [.init(target: .outcome, code: "price-surprise"), .init(target: .outcome, code: "renewal-reminder")]
            ),
            (
                "E11", .observation, .support, "Emergency calls after 6 pm go to voicemail", "Complaint review.", 310, "",
                ["os-canvas/workflow"], [.init(target: .outcome, code: "reach-help")]
            ),
            (
                "E12", .dataPoint, .survey, "Customers who renew online rate effort 5.1 vs 3.9 by phone", "Post-renewal CES.", 85, "",
                ["obsession/simplicity"], [.init(target: .outcome, code: "renewal-effort")]
            ),
            (
                "E13", .quote, .interview, "\"I want to fix things myself at ten at night\"", "Household customer.", 240, "households",
                ["obsession/agility"], [.init(target: .node, code: "self-service")]
            ),
            (
                "E14", .dataPoint, .analytics, "Water damage is 38% of household claims cost", "Claims data, last year.", 230, "households",
                ["layers/data-technology/data"], [.init(target: .outcome, code: "leak-warning"), .init(target: .job, code: "prevent-loss")]
            ),
            (
                "E15", .observation, .review, "Customers praise the tracker but ask for next steps", "Reviews after the tracker launch.",
                120, "", ["os-canvas/information"], [.init(target: .outcome, code: "next-step-time")]
            ),
            (
                "E16", .dataPoint, .analytics, "Tracker users call 40% less about status", "Cohort comparison.", 100, "",
                ["os-canvas/information"], [.init(target: .outcome, code: "claim-status-unknown")]
            ),
            (
                "E17", .quote, .sales, "\"The quote API saves my team a day per client\"", "Broker partner.", 45, "brokers",
                ["os-canvas/strategy"], [.init(target: .outcome, code: "broker-quote-time")]
            ),
            (
                "E18", .observation, .interview, "Customers do not read policy wording until they claim", "Interviews on cover.", 210, "",
                ["obsession/simplicity"],
                [.init(target: .outcome, code: "cover-understanding"), .init(target: .outcome, code: "exclusions-surprise")]
            ),
            (
                "E19", .dataPoint, .analytics, "Chat assistant resolves 18% of questions without an agent", "Pilot data.", 60, "",
                ["layers/data-technology/ai"], [.init(target: .outcome, code: "repeat-details")]
            ),
            (
                "E20", .quote, .interview, "\"I had to send the same photos twice\"", "Motor claim customer.", 70, "households",
                ["os-canvas/workflow"], [.init(target: .outcome, code: "evidence-effort")]
            ),
            (
                "E21", .dataPoint, .survey, "Renewal price optimisation raised lapses among loyal customers",
                "Renewal survey after price changes.", 50, "households", ["obsession/humility"],
                [.init(target: .outcome, code: "price-surprise")]
            ),
            (
                "E22", .observation, .support, "Storm warnings reduced the calls the day after", "Storm in October.", 15, "",
                ["os-canvas/innovation"], [.init(target: .outcome, code: "storm-preparation")]
            ),
            (
                "E23", .quote, .interview, "\"Repairs were redone twice before the roof stopped leaking\"", "Household customer.", 190,
                "households", ["layers/experience/product-service"], [.init(target: .outcome, code: "repair-quality")]
            ),
            (
                "E24", .dataPoint, .analytics, "Emergency line answers in 58 seconds at night", "After the 24/7 line launched.", 30, "",
                ["os-canvas/workflow"], [.init(target: .outcome, code: "reach-help"), .init(target: .outcome, code: "after-hours-help")]
            ),
        ]
        var evidence = items.map {
            EvidenceItem(
                code: $0.0, kind: $0.1, source: $0.2, title: $0.3, text: $0.4, capturedOn: day($0.5), segment: $0.6, tags: $0.7, links: $0.8
            )
        }
        // E21 contradicts the pricing theory behind price optimisation.
        evidence[20].links.append(.init(target: .node, code: "price-optimisation", stance: .contradicts))

        let hypotheses: [Hypothesis] = [
            .init(
                code: "H1", change: "reporting a claim with photos in the app", segment: "households", outcome: "report a claim in minutes",
                impact: "retention", metric: "report-minutes", from: 27, to: 12, by: day(120), status: .validated, strategy: "claims-first",
                initiative: "photo-claims",
                learning: .init(
                    believed: "Photos would replace the phone call for most claims.",
                    observed: "Median report time fell from 27 to 11 minutes; 64% used photos.",
                    learned: "Customers adopt a faster path at once when it is the default.",
                    next: "Let customers add evidence later from the tracker."),
                createdOn: day(330), closedOn: day(130)),
            .init(
                code: "H2", change: "a claim tracker with every step", segment: "", outcome: "know where a claim stands without calling",
                impact: "cost to serve", metric: "status-calls", from: 44, to: 20, by: day(30), status: .validated,
                strategy: "claims-first",
                initiative: "claim-tracker",
                learning: .init(
                    believed: "Status calls come from not knowing.", observed: "Status calls fell to 26%, not 20%.",
                    learned: "Knowing the status is not enough; customers want the next step and its date.",
                    next: "Add next steps to the tracker."),
                createdOn: day(280), closedOn: day(35)),
            .init(
                code: "H3", change: "renewal price optimisation", segment: "households", outcome: "keep paying a fair price",
                impact: "retention", metric: "retention-rate", from: 84, to: 86, by: day(20), status: .invalidated,
                strategy: "cost-programme",
                initiative: "price-optimisation",
                learning: .init(
                    believed: "Customers would not notice small price steps.",
                    observed: "Lapses rose among customers of five years and more.",
                    learned: "Loyal customers notice; price surprise is an outcome, not a lever.",
                    next: "Stop optimisation; send the price a month ahead."),
                createdOn: day(200), closedOn: day(25)),
            .init(
                code: "H4", change: "a chat assistant for simple questions", segment: "",
                outcome: "get an answer without repeating details",
                impact: "cost to serve", metric: "repeat-contacts", from: 30, to: 22, by: day(-60), status: .testing,
                strategy: "self-service",
                initiative: "chat-assistant", createdOn: day(90)),
            .init(
                code: "H5", change: "a quote API for broker systems", segment: "brokers", outcome: "get a quote the same day",
                impact: "new broker premium", metric: "broker-quote-hours", from: 30, to: 6, by: day(-90), status: .testing,
                strategy: "broker-ease",
                initiative: "quote-api", createdOn: day(150)),
            .init(
                code: "H6", change: "leak sensors in pilot homes", segment: "households", outcome: "be warned before water does damage",
                impact: "claims cost", metric: "cost-per-claim", from: 455, to: 430, by: day(-180), status: .proposed,
                strategy: "claims-first",
                initiative: "leak-sensors", createdOn: day(40)),
            .init(
                code: "H7", change: "a cover comparison tool", segment: "small-business", outcome: "compare cover options in minutes",
                impact: "new premium", status: .proposed, strategy: "self-service", initiative: "cover-compare", createdOn: day(20)),
            .init(
                code: "H8", change: "moving the emergency line to voicemail after hours", segment: "",
                outcome: "get help by the next morning",
                impact: "cost to serve", metric: "emergency-answer", from: 140, to: 300, by: day(280), status: .invalidated,
                strategy: "cost-programme",
                learning: .init(
                    believed: "Emergencies at night can wait until the morning.",
                    observed: "Complaints doubled and two claims grew much worse overnight.",
                    learned: "An emergency cannot wait; the cost moved to customers and came back as claims.",
                    next: "Open a 24/7 emergency line."),
                createdOn: day(345), closedOn: day(305)),
        ]

        // (code, title, options, chosen, involvement, decided by, unit, days ago, initiative, evidence)
        let log: [(String, String, [String], String, DecisionRecord.Involvement, String, String, Int, String?, [String])] = [
            (
                "D1", "Open a 24/7 emergency line", ["Voicemail after hours", "24/7 line"], "24/7 line", .counterweight, "Head of service",
                "service", 305, "emergency-line", ["E11", "E1"]
            ),
            (
                "D2", "Migrate the warehouse to a data lake", ["Stay on the warehouse", "Data lake"], "Data lake", .none, "CIO", "it", 330,
                "data-lake", []
            ),
            (
                "D3", "Build photo claims before a new claims core", ["New claims core", "Photo claims first"], "Photo claims first",
                .partner, "Claims director", "claims", 325, "photo-claims", ["E1"]
            ),
            (
                "D4", "Fast-track small settlements", ["Keep one process", "Fast-track under €2,000"], "Fast-track under €2,000", .none,
                "Claims director", "claims", 320, "fast-track", ["E2"]
            ),
            (
                "D5", "Consolidate two offices", ["Keep both", "Consolidate"], "Consolidate", .none, "CFO", "finance", 300, "office-move",
                []
            ),
            (
                "D6", "Paperless billing by default", ["Opt in", "Default with opt out"], "Default with opt out", .none,
                "Head of finance operations", "finance", 290, "paperless-billing", []
            ),
            (
                "D7", "Give agents a single customer view", ["Train agents", "Single view"], "Single view", .counterweight,
                "Head of service", "service", 285, "single-view", ["E3"]
            ),
            ("D8", "Upgrade the CRM", ["Upgrade", "Replace"], "Upgrade", .none, "CIO", "it", 250, "crm-upgrade", []),
            (
                "D9", "Publish the risk appetite to brokers", ["Keep internal", "Publish"], "Publish", .partner, "Head of broker sales",
                "sales", 245, "appetite-guide", ["E8", "E4"]
            ),
            (
                "D10", "Build a claim tracker", ["More call agents", "Tracker in the app"], "Tracker in the app", .partner,
                "Product lead claims", "digital", 240, "claim-tracker", ["E2", "E5"]
            ),
            ("D11", "Refresh the intranet", ["Keep", "Refresh"], "Refresh", .none, "Head of people", "people", 230, "intranet", []),
            (
                "D12", "Renew online in three steps", ["Improve the phone script", "Three-step renewal"], "Three-step renewal", .partner,
                "Product lead policies", "digital", 200, "online-renewal", ["E6", "E13"]
            ),
            (
                "D13", "Optimise renewal prices", ["Flat increase", "Optimised increase"], "Optimised increase", .none, "Chief actuary",
                "underwriting", 190, "price-optimisation", []
            ),
            (
                "D14", "Audit the repair network", ["Trust the network", "Audit"], "Audit", .counterweight, "Claims director", "claims",
                180, "repair-audit", ["E23"]
            ),
            (
                "D15", "Train handlers to explain decisions", ["Letter template", "Training"], "Training", .partner, "Claims director",
                "claims", 170, "handler-training", ["E7"]
            ),
            (
                "D16", "Build a quote API for brokers", ["Portal only", "API"], "API", .partner, "Head of broker sales", "sales", 150,
                "quote-api", ["E4", "E8"]
            ),
            (
                "D17", "Send the renewal price a month ahead", ["Keep timing", "A month ahead"], "A month ahead", .counterweight,
                "Product lead policies", "digital", 80, "renewal-letter", ["E10", "E21"]
            ),
            (
                "D18", "Storm alerts with preparation steps", ["Generic warnings", "Alerts with steps"], "Alerts with steps", .partner,
                "Head of data", "data", 65, "storm-alerts", ["E14"]
            ),
            (
                "D19", "Pilot leak sensors", ["Wait", "Pilot with 500 homes"], "Pilot with 500 homes", .partner, "Product lead home",
                "digital", 55, "leak-sensors", ["E14"]
            ),
            (
                "D20", "Rebuild the pricing engine", ["Patch", "Rebuild"], "Rebuild", .none, "Chief actuary", "underwriting", 50,
                "pricing-rebuild", []
            ),
            (
                "D21", "Let customers upload evidence in the tracker", ["Email", "Tracker upload"], "Tracker upload", .partner,
                "Product lead claims", "digital", 40, "evidence-upload", ["E20", "E15"]
            ),
            ("D22", "Stop renewal price optimisation", ["Continue", "Stop"], "Stop", .counterweight, "CEO", "exec", 25, nil, ["E21"]),
            ("D23", "Move storage costs to the cloud", ["Stay", "Move"], "Move", .none, "CIO", "it", 10, nil, []),
        ]
        let decisions = log.map {
            DecisionRecord(
                code: $0.0, title: $0.1, options: $0.2, chosen: $0.3, involvement: $0.4, decidedBy: $0.5, unit: $0.6, decidedOn: day($0.7),
                initiative: $0.8, evidence: $0.9)
        }
        return Content(
            nodes: [], edges: [], metrics: metrics, measurements: measurements, objectives: objectives, evidence: evidence,
            hypotheses: hypotheses, decisions: decisions)
    }
}

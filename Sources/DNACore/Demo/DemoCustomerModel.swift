/// Harbor Mutual's outside view for the demo: its customers' jobs and desired outcomes, what
/// it offers, an outcome study, a top-tasks vote, two rounds of task tests, a time ledger and
/// a year of NPS/CSAT/CES answers. Everything is generated from fixed seeds.
///
/// The story: claims are where customers hurt. Knowing where a claim stands, reaching help in
/// an emergency and not repeating details are the most underserved outcomes; cover documents
/// are over-polished. Customers come to report and follow claims, yet the website leads with
/// products. The claims redesign made reporting faster between the two task-test rounds,
/// while the online claim form saved the contact centre time by handing typing to customers:
/// a cost-shifting change. Nobody offers help to prevent damage in the first place.
public enum DemoCustomerModel {
    public static let model = CustomerModel(
        segments: [
            .init(code: "households", name: "Households", description: "Home and motor policy holders"),
            .init(code: "small-business", name: "Small businesses", description: "Owners insuring premises, stock and vehicles"),
            .init(code: "brokers", name: "Brokers", description: "Independent brokers placing business clients"),
        ],
        jobs: [
            .init(
                code: "recover", statement: "Get life back to normal after damage or an accident",
                situation: "when a home, car or shop is damaged",
                step: .execute),
            .init(
                code: "follow-claim", statement: "Know what happens next with a claim", situation: "while waiting for a decision",
                step: .monitor),
            .init(
                code: "choose-cover", statement: "Choose cover that protects what matters",
                situation: "when buying a home, a car or starting a business", step: .define),
            .init(
                code: "keep-cover-right", statement: "Keep cover right as life changes", situation: "when moving, renovating or hiring",
                step: .modify),
            .init(code: "pay-renew", statement: "Pay for and renew cover without hassle", situation: "every policy year", step: .conclude),
            .init(
                code: "get-help", statement: "Get help quickly in an emergency", situation: "when something has just gone wrong",
                step: .execute),
            .init(
                code: "place-client", statement: "Get a business client insured", situation: "when a broker takes on a new client",
                step: .prepare),
            .init(
                code: "prevent-loss", statement: "Prevent damage before it happens", situation: "through the seasons and on trips",
                step: .monitor),
        ],
        outcomes: outcomes,
        offerings: [
            .init(code: "home-policy", name: "Home insurance", kind: .product, jobs: ["recover", "choose-cover", "keep-cover-right"]),
            .init(code: "motor-policy", name: "Motor insurance", kind: .product, jobs: ["recover", "choose-cover"]),
            .init(code: "business-package", name: "Business package", kind: .product, jobs: ["choose-cover", "place-client"]),
            .init(
                code: "claims-app", name: "Claims app", kind: .app, description: "Report and follow claims",
                jobs: ["recover", "follow-claim"]),
            .init(code: "contact-centre", name: "Contact centre", kind: .channel, jobs: ["get-help", "follow-claim", "pay-renew"]),
            .init(code: "repair-network", name: "Repair network", kind: .service, jobs: ["recover"]),
            .init(code: "broker-portal", name: "Broker portal", kind: .app, jobs: ["place-client"]),
            .init(
                code: "cover-guide", name: "Cover guide", kind: .information, description: "Plain-language policy guides",
                jobs: ["choose-cover"]),
            .init(code: "online-account", name: "Online account", kind: .app, jobs: ["pay-renew", "keep-cover-right"]),
        ],
        tasks: tasks.map { CustomerModel.Task(code: $0.code, title: $0.title) })

    /// The outcomes the assessment already offers, each with its job, and more to reach 28.
    static let outcomes: [CustomerModel.Outcome] = {
        let jobOf: [String: String] = [
            "report-claim-time": "recover", "claim-status-unknown": "follow-claim", "settlement-time": "recover",
            "repair-quality": "recover", "cover-understanding": "choose-cover", "right-cover": "keep-cover-right",
            "renewal-effort": "pay-renew", "price-surprise": "pay-renew", "repeat-details": "get-help", "reach-help": "get-help",
            "broker-quote-time": "place-client", "payment-errors": "pay-renew",
        ]
        let assessed = DemoOrganization.outcomes.map {
            CustomerModel.Outcome(
                code: $0.code, job: jobOf[$0.code], direction: $0.direction, metric: $0.metric, object: $0.object, clarifier: $0.clarifier)
        }
        let more: [(String, String, CustomerOutcome.Direction, String, String, String)] = [
            ("evidence-effort", "recover", .minimize, "the effort it takes", "to provide evidence of the damage", "for a claim"),
            ("temporary-housing", "recover", .minimize, "the time it takes", "to find somewhere to stay", "when a home is unliveable"),
            ("courtesy-car", "recover", .minimize, "the time", "without a car", "while it is repaired"),
            ("decision-reason", "follow-claim", .increase, "the likelihood", "of understanding why a claim was decided as it was", ""),
            ("next-step-time", "follow-claim", .minimize, "the time it takes", "to learn the next step of a claim", "after each change"),
            ("compare-options", "choose-cover", .minimize, "the time it takes", "to compare cover options", "before deciding"),
            ("exclusions-surprise", "choose-cover", .minimize, "the likelihood", "of discovering an exclusion", "only when claiming"),
            ("change-effort", "keep-cover-right", .minimize, "the effort it takes", "to change a policy", "after a life event"),
            ("renewal-reminder", "pay-renew", .increase, "the likelihood", "of knowing what renewal will cost", "a month ahead"),
            ("after-hours-help", "get-help", .increase, "the likelihood", "of getting practical help", "outside office hours"),
            ("client-documents", "place-client", .minimize, "the number of documents", "a broker must collect", "for a quote"),
            (
                "appetite-clarity", "place-client", .increase, "the likelihood", "of knowing which risks Harbor will accept",
                "before quoting"
            ),
            ("leak-warning", "prevent-loss", .increase, "the likelihood", "of being warned about a leak or frost", "before damage is done"),
            ("security-advice", "prevent-loss", .minimize, "the effort it takes", "to find out how to secure a home or shop", ""),
            ("theft-risk", "prevent-loss", .minimize, "the likelihood", "of a vehicle being stolen", "when parked overnight"),
            (
                "storm-preparation", "prevent-loss", .minimize, "the time it takes", "to prepare a property for a storm",
                "once one is forecast"
            ),
        ]
        return (assessed + more.map { .init(code: $0.0, job: $0.1, direction: $0.2, metric: $0.3, object: $0.4, clarifier: $0.5) })
            .map { outcome in
                var outcome = outcome
                outcome.translations = bokmål[outcome.code].map { ["nb": $0] }
                return outcome
            }
    }()

    /// Every demo outcome in bokmål, so a Norwegian respondent or customer reads the whole
    /// page in their language (the line-of-sight question and the outcome study both show them).
    static let bokmål: [String: String] = [
        "report-claim-time": "Redusere tiden det tar å melde en skade etter en hendelse",
        "claim-status-unknown": "Redusere risikoen for ikke å vite hvor en skadesak står mens man venter på en avgjørelse",
        "settlement-time": "Redusere tiden det tar å få utbetaling når en skadesak er godkjent",
        "repair-quality": "Øke sannsynligheten for at en reparasjon blir gjort riktig første gang etter en skade",
        "cover-understanding": "Øke sannsynligheten for å forstå hva en forsikring dekker før man kjøper den",
        "right-cover": "Redusere risikoen for å være underforsikret når livet endrer seg",
        "renewal-effort": "Redusere innsatsen det krever å fornye en forsikring hvert år",
        "price-surprise": "Redusere risikoen for en uventet prisøkning ved fornyelse",
        "repeat-details": "Redusere antall ganger kunder må gjenta opplysningene sine når de kontakter oss",
        "reach-help": "Redusere tiden det tar å nå noen som kan hjelpe i en nødssituasjon",
        "broker-quote-time": "Redusere tiden det tar for en megler å få et tilbud til en bedriftskunde",
        "payment-errors": "Redusere antall feil i fakturaer og betalinger gjennom et forsikringsår",
        "evidence-effort": "Redusere innsatsen det krever å dokumentere skaden i en skadesak",
        "temporary-housing": "Redusere tiden det tar å finne et sted å bo når hjemmet ikke er beboelig",
        "courtesy-car": "Redusere tiden man er uten bil mens den repareres",
        "decision-reason": "Øke sannsynligheten for å forstå hvorfor en skadesak ble avgjort som den ble",
        "next-step-time": "Redusere tiden det tar å få vite neste steg i en skadesak etter hver endring",
        "compare-options": "Redusere tiden det tar å sammenligne forsikringsalternativer før man bestemmer seg",
        "exclusions-surprise": "Redusere risikoen for å oppdage et unntak først når man melder en skade",
        "change-effort": "Redusere innsatsen det krever å endre en forsikring etter en endring i livet",
        "renewal-reminder": "Øke sannsynligheten for å vite hva fornyelsen vil koste en måned i forveien",
        "after-hours-help": "Øke sannsynligheten for å få praktisk hjelp utenom kontortid",
        "client-documents": "Redusere antall dokumenter en megler må samle inn for et tilbud",
        "appetite-clarity": "Øke sannsynligheten for å vite hvilke risikoer Harbor vil ta før man gir et tilbud",
        "leak-warning": "Øke sannsynligheten for å bli varslet om lekkasje eller frost før skaden skjer",
        "security-advice": "Redusere innsatsen det krever å finne ut hvordan man sikrer et hjem eller en butikk",
        "theft-risk": "Redusere risikoen for at et kjøretøy blir stjålet når det står parkert over natten",
        "storm-preparation": "Redusere tiden det tar å forberede en eiendom på storm når det er meldt uvær",
    ]

    /// The outcomes of the demo study, with the chance that a customer rates each 4-5 on
    /// importance and on satisfaction.
    public static let studyOutcomes: [(code: String, importance: Double, satisfaction: Double)] = [
        ("claim-status-unknown", 0.88, 0.22), ("reach-help", 0.92, 0.35), ("repeat-details", 0.80, 0.18),
        ("settlement-time", 0.86, 0.45), ("report-claim-time", 0.78, 0.50), ("next-step-time", 0.74, 0.28),
        ("decision-reason", 0.70, 0.40), ("repair-quality", 0.84, 0.70), ("evidence-effort", 0.62, 0.36),
        ("after-hours-help", 0.66, 0.30), ("price-surprise", 0.72, 0.44), ("renewal-effort", 0.48, 0.66),
        ("cover-understanding", 0.58, 0.74), ("compare-options", 0.40, 0.62), ("payment-errors", 0.52, 0.80),
        ("exclusions-surprise", 0.76, 0.52), ("right-cover", 0.64, 0.58), ("leak-warning", 0.60, 0.08),
        ("broker-quote-time", 0.30, 0.50), ("client-documents", 0.28, 0.46),
    ]

    /// (respondent, segment, outcome, importance, satisfaction) for about 320 customers.
    public static func studyRatings() -> [OutcomeStudy.Rating] {
        var random = SeededRandom(seed: 0x0C05_7DEE)
        let segments = ["households", "households", "households", "small-business", "small-business", "brokers"]
        var ratings: [OutcomeStudy.Rating] = []
        for number in 1...320 {
            let segment = segments[random.below(segments.count)]
            for outcome in studyOutcomes {
                var importance = outcome.importance, satisfaction = outcome.satisfaction
                // Brokers judge the broker outcomes; households barely care about them.
                if outcome.code.hasPrefix("broker") || outcome.code == "client-documents" {
                    importance = segment == "brokers" ? 0.94 : 0.12
                    satisfaction = segment == "brokers" ? 0.30 : satisfaction
                }
                if random.uniform() < 0.04 { continue }
                ratings.append(
                    OutcomeStudy.Rating(
                        respondent: "c\(number)", segment: segment, outcome: outcome.code, importance: point(importance, &random),
                        satisfaction: random.uniform() < 0.03 ? nil : point(satisfaction, &random)))
            }
        }
        return ratings
    }

    /// A 1-5 answer that is 4 or 5 with probability `top`.
    private static func point(_ top: Double, _ random: inout SeededRandom) -> Int {
        random.uniform() < top ? 4 + random.below(2) : 1 + random.below(3)
    }

    /// The top-tasks list: what customers come to Harbor to do, with a weight that makes the
    /// first few take a quarter of the votes.
    static let tasks: [(code: String, title: String, weight: Double)] = [
        ("report-claim", "Report a claim", 30), ("claim-status", "Check the status of a claim", 26),
        ("emergency-help", "Get emergency help (breakdown, burst pipe, break-in)", 22), ("proof-of-cover", "Get proof of insurance", 16),
        ("renew", "Renew a policy", 14), ("change-address", "Change my address", 12), ("add-driver", "Add a driver to my car policy", 10),
        ("upload-photos", "Send photos or receipts for a claim", 10), ("pay-bill", "Pay a bill", 9), ("cancel", "Cancel a policy", 8),
        ("get-quote-home", "Get a home insurance quote", 7), ("get-quote-car", "Get a car insurance quote", 7),
        ("what-covered", "Check what my policy covers", 7), ("change-car", "Change the car on my policy", 6),
        ("repair-shop", "Find an approved repair shop", 6), ("documents", "Download my policy documents", 5),
        ("payment-date", "Change my payment date", 4), ("contact", "Find a phone number", 4), ("complaint", "Make a complaint", 3.5),
        ("travel-cover", "Add travel cover", 3), ("valuables", "Insure valuable items", 3), ("excess", "Understand my excess", 3),
        ("renovation", "Tell Harbor about a renovation", 2.5), ("no-claims", "Check my no-claims discount", 2.5),
        ("business-quote", "Get a quote for my business", 2.5), ("liability", "Understand liability cover", 2),
        ("employees", "Add employees to business cover", 2), ("stock", "Change the value of my stock", 2),
        ("broker-find", "Find a broker", 2), ("claim-history", "See my claim history", 2), ("courtesy-car", "Book a courtesy car", 2),
        ("temporary-stay", "Arrange a place to stay after damage", 1.5), ("windscreen", "Repair a windscreen", 1.5),
        ("bike", "Insure a bicycle", 1.2), ("pet", "Insure a pet", 1.2), ("student", "Cover a student's belongings", 1),
        ("holiday-home", "Insure a holiday home", 1), ("landlord", "Get landlord cover", 1),
        ("flood-advice", "Protect my home from flooding", 1),
        ("frost-advice", "Prepare my home for frost", 0.8), ("theft-advice", "Prevent car theft", 0.8),
        ("green-card", "Get a green card for driving abroad", 0.8),
        ("young-driver", "Insure a young driver", 0.8), ("electric-car", "Insure an electric car", 0.7),
        ("solar-panels", "Insure solar panels", 0.6),
        ("home-business", "Run a business from home", 0.6), ("events", "Insure an event", 0.5), ("boat", "Insure a boat", 0.5),
        ("legal-help", "Get legal help", 0.5), ("donate", "Learn about Harbor's community fund", 0.3),
        ("careers", "Find a job at Harbor", 0.3),
        ("annual-report", "Read the annual report", 0.2), ("press", "Read press releases", 0.2),
        ("sustainability", "Read about sustainability", 0.3),
        ("newsletter", "Sign up for the newsletter", 0.2), ("app-download", "Download the app", 0.8),
        ("password", "Reset my password", 1.2),
        ("language", "Read the site in another language", 0.4), ("accessibility", "Get documents in large print", 0.3),
        ("feedback", "Give feedback about the website", 0.3),
    ]

    /// (voter, task) picks of about 480 customers, each picking 1-5 tasks by weight.
    public static func votes() -> [TopTasks.Vote] {
        var random = SeededRandom(seed: 0x7A5C_5001)
        let total = tasks.map(\.weight).reduce(0, +)
        var votes: [TopTasks.Vote] = []
        for number in 1...480 {
            var picked: [String] = []
            let wanted = 1 + random.below(5)
            while picked.count < wanted {
                var target = random.uniform() * total
                for task in tasks {
                    target -= task.weight
                    if target <= 0 {
                        if !picked.contains(task.code) { picked.append(task.code) }
                        break
                    }
                }
            }
            votes += picked.map { TopTasks.Vote(voter: "v\(number)", task: $0) }
        }
        return votes
    }

    public static let taskTests: [TaskTest] = [
        TaskTest(
            code: "tt-report", taskCode: "report-claim",
            question: "Your car was scratched in a car park yesterday. Report it and note the claim number.",
            answer: "A claim number starting with HC-", targetSeconds: 240),
        TaskTest(
            code: "tt-status", taskCode: "claim-status",
            question: "Find out whether claim HC-2291 has been approved and what happens next.",
            answer: "Approved; the repair shop will call within 2 days", targetSeconds: 90),
        TaskTest(
            code: "tt-emergency", taskCode: "emergency-help", question: "A pipe has burst in your kitchen. Find who to call right now.",
            answer: "The 24/7 home emergency line", targetSeconds: 60),
        TaskTest(
            code: "tt-proof", taskCode: "proof-of-cover", question: "Get a document that proves your car is insured.",
            answer: "The insurance certificate PDF", targetSeconds: 60),
        TaskTest(
            code: "tt-renew", taskCode: "renew", question: "Find what your home insurance will cost next year.",
            answer: "The renewal price in the account",
            targetSeconds: 120),
    ]

    /// Two rounds, before and after the claims redesign: (round, held on, attempts).
    public static func taskRounds() -> [(name: String, heldOn: String, attempts: [TaskTests.Attempt])] {
        // (success, disaster, time factor) per test and round: reporting and status got easier.
        let profile: [String: [(Double, Double, Double)]] = [
            "tt-report": [(0.55, 0.10, 1.9), (0.85, 0.03, 1.1)], "tt-status": [(0.40, 0.20, 2.4), (0.75, 0.05, 1.3)],
            "tt-emergency": [(0.70, 0.10, 1.5), (0.72, 0.08, 1.4)], "tt-proof": [(0.80, 0.02, 1.2), (0.82, 0.02, 1.2)],
            "tt-renew": [(0.65, 0.05, 1.4), (0.50, 0.12, 1.8)],
        ]
        var random = SeededRandom(seed: 0x7E57_0002)
        return [("Before the claims redesign", "2026-03-12"), ("After the claims redesign", "2026-09-24")].enumerated().map {
            index, round in
            var attempts: [TaskTests.Attempt] = []
            for participant in 1...18 {
                for test in taskTests {
                    let (success, disaster, factor) = profile[test.code]![index]
                    let draw = random.uniform()
                    let result: TaskTests.Outcome = draw < success ? .success : draw < success + disaster ? .disaster : .failure
                    let seconds = (test.targetSeconds * factor * (0.6 + 0.8 * random.uniform())).rounded()
                    attempts.append(
                        TaskTests.Attempt(
                            participant: "p\(index + 1)-\(participant)", task: test.code, result: result, seconds: seconds,
                            targetSeconds: test.targetSeconds))
                }
            }
            return (round.0, round.1, attempts)
        }
    }

    /// The ledger: journeys with steps as they were before the changes, and the changes as
    /// (journey, step name, title, date, customer minutes after, organization minutes after).
    public static let journeys: [(code: String, name: String, segment: String, steps: [TimeLedger.Step])] = [
        (
            "motor-claim", "Report and settle a motor claim", "households",
            [
                .init(name: "Report the claim", customerMinutes: 20, organizationMinutes: 25, frequencyPerYear: 0.12, customers: 180_000),
                .init(name: "Send evidence", customerMinutes: 45, organizationMinutes: 15, frequencyPerYear: 0.12, customers: 180_000),
                .init(name: "Assessment visit", customerMinutes: 120, organizationMinutes: 90, frequencyPerYear: 0.05, customers: 180_000),
                .init(name: "Chase progress", customerMinutes: 35, organizationMinutes: 12, frequencyPerYear: 0.12, customers: 180_000),
            ]
        ),
        (
            "home-renewal", "Renew a home policy", "households",
            [
                .init(name: "Read the renewal letter", customerMinutes: 10, organizationMinutes: 0, frequencyPerYear: 1, customers: 95_000),
                .init(name: "Update details", customerMinutes: 15, organizationMinutes: 6, frequencyPerYear: 0.4, customers: 95_000),
                .init(name: "Pay", customerMinutes: 5, organizationMinutes: 1, frequencyPerYear: 1, customers: 95_000),
            ]
        ),
    ]

    public static let changes:
        [(journey: String, step: String, title: String, date: String, customerAfter: Double, organizationAfter: Double)] = [
            ("motor-claim", "Assessment visit", "Photo assessment instead of an adjuster visit", "2026-04-01", 15, 20),
            ("motor-claim", "Report the claim", "Online claim form replaces phone intake", "2026-06-15", 35, 5),
            ("home-renewal", "Update details", "Renewal pre-filled from the account", "2026-08-01", 4, 2),
            ("motor-claim", "Chase progress", "Claim status in the app, updated at every step", "2026-10-01", 8, 4),
        ]

    /// A year of NPS, CSAT, CES and time-to-first-value answers, improving after the summer.
    public static func metricAnswers(year: Int = 2026) -> [CustomerMetrics.Answer] {
        var random = SeededRandom(seed: 0x0E75_2026)
        var answers: [CustomerMetrics.Answer] = []
        let segments = ["households", "households", "small-business", "brokers"]
        for month in 1...11 {
            let lift = month >= 7 ? 0.12 : 0.0
            for number in 1...40 {
                let respondent = "m\(month)-\(number)", segment = segments[random.below(segments.count)]
                let date = "\(year)-\(month < 10 ? "0" : "")\(month)-\(10 + random.below(15))"
                let draw = random.uniform()
                let nps = draw < 0.30 + lift ? 9 + random.below(2) : draw < 0.62 + lift / 2 ? 7 + random.below(2) : random.below(7)
                let csat = random.uniform() < 0.68 + lift ? 4 + random.below(2) : 1 + random.below(3)
                let ces = random.uniform() < 0.55 + lift ? 5 + random.below(3) : 1 + random.below(4)
                answers.append(.init(respondent: respondent, segment: segment, date: date, metric: .nps, value: Double(nps)))
                answers.append(.init(respondent: respondent, segment: segment, date: date, metric: .csat, value: Double(csat)))
                answers.append(.init(respondent: respondent, segment: segment, date: date, metric: .ces, value: Double(ces)))
                if number <= 10 {
                    let days = (month >= 7 ? 3.0 : 6.0) + Double(random.below(8))
                    answers.append(.init(respondent: respondent, segment: segment, date: date, metric: .ttfv, value: days))
                }
            }
        }
        return answers
    }
}

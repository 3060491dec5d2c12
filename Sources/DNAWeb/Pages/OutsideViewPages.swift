import DNACore
import DNAStore
import Plot

/// Task performance: task tests, rounds, results and whether top tasks get easier.
enum TaskTestsPage {
    struct Model {
        var workspace: Workspace
        var tests: [TaskTest]
        var tasks: [CustomerModel.Task]
        var rounds: [TaskRound]
        var trend: [TaskTests.Trend]
        var canEdit: Bool
        var csrfToken: String?
        var today: String
        var notice: String?
        var problems: [FileProblem] = []
        var submittedText = ""
    }

    struct View: PageView {
        let model: Model
        var title: String { "Task tests" }
        var workspace: Workspace? { model.workspace }

        func content() -> Node<HTML.BodyContext> {
            let slug = model.workspace.slug
            var html = "<h1>Task tests</h1>" + CustomerNavigation.html(slug, current: "Task tests")
            html +=
                "<p>Customers are given a top task with an answer that shows whether they did it. An attempt scores 0 when it fails or ends in a disaster (a wrong answer given with confidence), else 100 × min(1, target time / actual time); a task's score is the mean. Test again after a change to see whether the task got easier.</p>"
            html += Markup.notice(model.notice, problems: model.problems)
            let questions = Dictionary(uniqueKeysWithValues: model.tests.map { ($0.code, $0.question) })
            if model.trend.isEmpty {
                html += "<p>No results yet.</p>"
            } else {
                html += "<h2>Results by round</h2>"
                var rows: [[String]] = []
                for task in model.trend {
                    for (index, round) in task.rounds.enumerated() {
                        let r = round.result
                        rows.append([
                            index == 0
                                ? Markup.text(questions[task.task] ?? task.task) + " <span class=\"code\">\(Markup.text(task.task))</span>"
                                : "",
                            Markup.text(round.round), "\(r.n)", AnalysisOutput.percent(r.successRate),
                            AnalysisOutput.percent(r.disasterRate),
                            AnalysisOutput.rounded(r.medianSeconds, 0) + " s", AnalysisOutput.rounded(r.score, 1),
                            index == task.rounds.count - 1 ? easier(task) : "",
                        ])
                    }
                }
                html += Markup.table(
                    header: ["Task", "Round", "Attempts", "Success", "Disaster", "Median time", "Score", "Easier?"], rows: rows,
                    className: "task-trend")
                let changes = model.trend.compactMap { task in task.scoreChange.map { (task.task, $0, false) } }
                if !changes.isEmpty {
                    html += Charts.bars(
                        title: "Score change from the first to the last round, per task test", rows: changes,
                        maximum: changes.map { abs($0.1) }.max(), format: { ($0 >= 0 ? "+" : "") + AnalysisOutput.rounded($0, 1) })
                }
            }
            html += "<h2>Task tests</h2>"
            html += Markup.table(
                header: ["Code", "Task", "Verifiable answer", "Target"],
                rows: model.tests.map {
                    [
                        "<span class=\"code\">\(Markup.text($0.code))</span>", Markup.text($0.question), Markup.text($0.answer),
                        AnalysisOutput.rounded($0.targetSeconds, 0) + " s",
                    ]
                })
            if model.canEdit { html += forms() }
            return .raw(html)
        }

        private func easier(_ task: TaskTests.Trend) -> String {
            switch task.easier {
            case .some(true): "<strong>yes</strong>"
            case .some(false): "no"
            case .none: "–"
            }
        }

        private func forms() -> String {
            let slug = model.workspace.slug, csrf = model.csrfToken
            var html = "<details><summary>Add or update a task test</summary>"
            html += Markup.form(
                action: SiteURL.taskTests(slug).path, csrf: csrf, submit: "Save task test",
                html: Markup.input("Code", name: "code", id: "test-code", required: true)
                    + Markup.select(
                        "Top task it tests", name: "task", id: "test-task", options: model.tasks.map { ($0.code, $0.title) },
                        blank: "(none)")
                    + Markup.input("Task given to the participant", name: "question", id: "test-question", required: true)
                    + Markup.input("Answer that shows success", name: "answer", id: "test-answer", required: true)
                    + Markup.input(
                        "Target time (seconds)", name: "target", id: "test-target", type: "number", required: true,
                        extra: "min=\"1\" step=\"any\""))
            html += "</details><details><summary>Start a round</summary>"
            html += Markup.form(
                action: SiteURL.taskRounds(slug).path, csrf: csrf, submit: "Create round",
                html: Markup.input("Name", name: "name", id: "round-name", required: true, extra: "placeholder=\"After the redesign\"")
                    + Markup.input("Held on", name: "held_on", id: "round-date", type: "date", value: model.today, required: true))
            html += "</details>"
            for round in model.rounds {
                html +=
                    "<details><summary>Round: \(Markup.text(round.name)) (\(Markup.text(round.heldOn))): enter or import results</summary><div class=\"split\">"
                let prefix = "r\(round.id.prefix(8))-"
                html += Markup.form(
                    action: SiteURL.taskRoundAttempts(slug, round.id).path, csrf: csrf, submit: "Record result",
                    html: Markup.input("Participant", name: "participant", id: prefix + "participant", required: true)
                        + Markup.select("Task test", name: "test", id: prefix + "test", options: model.tests.map { ($0.code, $0.code) })
                        + Markup.select(
                            "Result", name: "result", id: prefix + "result",
                            options: TaskTests.Outcome.allCases.map { ($0.rawValue, $0.rawValue) })
                        + Markup.input(
                            "Time taken (seconds)", name: "seconds", id: prefix + "seconds", type: "number", required: true,
                            extra: "min=\"1\" step=\"any\""))
                html += Markup.form(
                    action: SiteURL.taskRoundImport(slug, round.id).path, csrf: csrf, submit: "Import results",
                    html: "<p>CSV: <code>participant,task,result,seconds,target_seconds</code>; all or nothing.</p>"
                        + Markup.textarea("Results CSV", name: "csv", id: prefix + "csv", value: model.submittedText, rows: 6))
                html += "</div></details>"
            }
            return html
        }
    }
}

/// The customer time ledger: journeys, their steps' annual hours, and the changes made.
enum TimeLedgerPage {
    struct Model {
        var workspace: Workspace
        var journeys: [JourneyRecord]
        var segments: [CustomerModel.Segment]
        var canEdit: Bool
        var csrfToken: String?
        var today: String
        var notice: String?
        var problems: [FileProblem] = []
        var submittedText = ""
    }

    static func hours(_ value: Double) -> String { AnalysisOutput.grouped(value, 0) + " h" }

    struct View: PageView {
        let model: Model
        var title: String { "Customer time ledger" }
        var workspace: Workspace? { model.workspace }

        func content() -> Node<HTML.BodyContext> {
            let slug = model.workspace.slug
            var html = "<h1>Customer time ledger</h1>" + CustomerNavigation.html(slug, current: "Time ledger")
            html +=
                "<p>What each journey costs customers and the organization in hours a year (minutes × times a year × customers ÷ 60), and what every change did to both. A change that saves the organization time by adding customer time is <strong>cost-shifting</strong>.</p>"
            html += Markup.notice(model.notice)
            let changes = model.journeys.flatMap(\.changes).map(\.change)
            let balance = TimeLedger.balance(changes)
            html += Markup.cards([
                (TimeLedgerPage.hours(model.journeys.map(\.ledger.annualCustomerHours).reduce(0, +)), "customer hours a year today"),
                (
                    TimeLedgerPage.hours(model.journeys.map(\.ledger.annualOrganizationHours).reduce(0, +)),
                    "organization hours a year today"
                ),
                (TimeLedgerPage.hours(balance.last?.cumulativeCustomerHoursSaved ?? 0), "customer hours a year saved by changes"),
                ("\(changes.filter(\.isCostShifting).count)", "cost-shifting changes"),
            ])
            if !balance.isEmpty {
                html += "<h2>Changes over time</h2>"
                html += Charts.bars(
                    title: "Customer hours a year saved (negative: added) by each change; cost-shifting hatched",
                    rows: balance.map { ("\($0.date) \($0.title)", $0.customerHoursSaved, $0.costShifting) }, format: TimeLedgerPage.hours)
                html += Markup.table(
                    header: ["Date", "Change", "Customer hours a year saved", "Running total"],
                    rows: balance.map {
                        [
                            Markup.text($0.date),
                            Markup.text($0.title) + ($0.costShifting ? " <strong class=\"flag\">cost-shifting</strong>" : ""),
                            TimeLedgerPage.hours($0.customerHoursSaved), TimeLedgerPage.hours($0.cumulativeCustomerHoursSaved),
                        ]
                    }, className: "ledger-balance")
            }
            for journey in model.journeys { html += section(journey) }
            if model.canEdit {
                html += "<h2>New journey</h2>"
                html += Markup.form(
                    action: SiteURL.timeLedger(slug).path, csrf: model.csrfToken, submit: "Add journey",
                    html: Markup.input("Code", name: "code", id: "journey-code", required: true)
                        + Markup.input("Name", name: "name", id: "journey-name", required: true)
                        + Markup.select(
                            "Segment", name: "segment", id: "journey-segment", options: model.segments.map { ($0.code, $0.name) },
                            blank: "(all customers)"))
            }
            return .raw(html)
        }

        private func section(_ journey: JourneyRecord) -> String {
            let slug = model.workspace.slug, ledger = journey.ledger
            var html = "<section><h2>\(Markup.text(journey.name)) <span class=\"code\">\(Markup.text(journey.code))</span></h2>"
            var rows = journey.steps.map(\.step).map { step -> [String] in
                [
                    Markup.text(step.name), AnalysisOutput.rounded(step.customerMinutes, 1),
                    AnalysisOutput.rounded(step.organizationMinutes, 1),
                    AnalysisOutput.rounded(step.frequencyPerYear, 2), "\(step.customers)", TimeLedgerPage.hours(step.annualCustomerHours),
                    TimeLedgerPage.hours(step.annualOrganizationHours),
                ]
            }
            rows.append([
                "<strong>Total</strong>", "", "", "", "", "<strong>\(TimeLedgerPage.hours(ledger.annualCustomerHours))</strong>",
                "<strong>\(TimeLedgerPage.hours(ledger.annualOrganizationHours))</strong>",
            ])
            html += Markup.table(
                header: [
                    "Step", "Customer min", "Organization min", "Times a year", "Customers", "Customer hours a year",
                    "Organization hours a year",
                ], rows: rows)
            if !journey.changes.isEmpty {
                html += Markup.table(
                    caption: "Changes",
                    header: ["Date", "Change", "Step", "Customer min", "Organization min", "Customer h/yr", "Organization h/yr", ""],
                    rows: journey.changes.map(\.change).map {
                        [
                            Markup.text($0.date), Markup.text($0.title), Markup.text($0.step),
                            "\(AnalysisOutput.rounded($0.customerMinutesBefore, 1)) → \(AnalysisOutput.rounded($0.customerMinutesAfter, 1))",
                            "\(AnalysisOutput.rounded($0.organizationMinutesBefore, 1)) → \(AnalysisOutput.rounded($0.organizationMinutesAfter, 1))",
                            signed($0.customerHoursChange), signed($0.organizationHoursChange),
                            $0.isCostShifting ? "<strong class=\"flag\">cost-shifting</strong>" : "",
                        ]
                    })
            }
            if model.canEdit {
                let prefix = journey.code + "-"
                html += "<details><summary>Add a step or record a change</summary><div class=\"split\">"
                html += Markup.form(
                    action: SiteURL.journeySteps(slug, journey.code).path, csrf: model.csrfToken, submit: "Add step",
                    html: Markup.input("Step", name: "name", id: prefix + "step-name", required: true)
                        + Markup.input(
                            "Customer minutes", name: "customer_minutes", id: prefix + "step-customer", type: "number", required: true,
                            extra: "min=\"0\" step=\"any\"")
                        + Markup.input(
                            "Organization minutes", name: "organization_minutes", id: prefix + "step-organization", type: "number",
                            required: true, extra: "min=\"0\" step=\"any\"")
                        + Markup.input(
                            "Times a year per customer", name: "frequency", id: prefix + "step-frequency", type: "number", required: true,
                            extra: "min=\"0\" step=\"any\"")
                        + Markup.input(
                            "Customers affected", name: "customers", id: prefix + "step-customers", type: "number", required: true,
                            extra: "min=\"0\""))
                html += Markup.form(
                    action: SiteURL.journeyChanges(slug, journey.code).path, csrf: model.csrfToken, submit: "Record change",
                    html: Markup.select(
                        "Step changed", name: "step", id: prefix + "change-step", options: journey.steps.map { ($0.id, $0.step.name) })
                        + Markup.input("Change", name: "title", id: prefix + "change-title", required: true)
                        + Markup.input("Date", name: "date", id: prefix + "change-date", type: "date", value: model.today, required: true)
                        + Markup.input(
                            "Customer minutes after", name: "customer_after", id: prefix + "change-customer", type: "number",
                            required: true, extra: "min=\"0\" step=\"any\"")
                        + Markup.input(
                            "Organization minutes after", name: "organization_after", id: prefix + "change-organization", type: "number",
                            required: true, extra: "min=\"0\" step=\"any\""))
                html += "</div></details>"
            }
            return html + "</section>"
        }

        private func signed(_ value: Double) -> String { (value > 0 ? "+" : "") + TimeLedgerPage.hours(value) }
    }
}

/// NPS, CSAT, CES and time to first value from imported answers, overall, by month and by
/// segment.
enum CustomerMetricsPage {
    struct Model {
        var workspace: Workspace
        var answers: [CustomerMetrics.Answer]
        var segments: [CustomerModel.Segment]
        var canEdit: Bool
        var csrfToken: String?
        var notice: String?
        var problems: [FileProblem] = []
        var submittedText = ""
    }

    /// NPS is read with its sign: "+12", "-8", and "0" for a score that rounds to none.
    static func withSign(_ rounded: String) -> String { rounded == "0" || rounded.hasPrefix("-") ? rounded : "+" + rounded }

    static func format(_ figure: CustomerMetrics.Figure) -> String {
        switch figure.metric {
        case .nps: withSign(AnalysisOutput.rounded(figure.score, 0))
        case .csat: AnalysisOutput.rounded(figure.score, 0) + "%"
        case .ces: AnalysisOutput.rounded(figure.score, 2)
        case .ttfv: AnalysisOutput.rounded(figure.score, 1) + " days"
        }
    }

    struct View: PageView {
        let model: Model
        var title: String { "Customer metrics" }
        var workspace: Workspace? { model.workspace }

        func content() -> Node<HTML.BodyContext> {
            let slug = model.workspace.slug
            var html = "<h1>Customer metrics</h1>" + CustomerNavigation.html(slug, current: "Customer metrics")
            html +=
                "<p>NPS = % answering 9–10 minus % answering 0–6. CSAT = % answering 4–5 on 1–5. CES = mean of the 1–7 “made it easy” scale, with the share answering 5–7. Time to first value = median days.</p>"
            html += Markup.notice(model.notice, problems: model.problems)
            let overall = CustomerMetrics.figures(model.answers)
            if overall.isEmpty {
                html += "<p>No answers yet.</p>"
            } else {
                html += Markup.cards(overall.map { (CustomerMetricsPage.format($0), "\($0.metric.title), \($0.n) answers") })
                let monthly = CustomerMetrics.figures(model.answers, byMonth: true)
                for kind in CustomerMetrics.Kind.allCases {
                    let points = monthly.filter { $0.metric == kind }
                    guard !points.isEmpty else { continue }
                    let values = points.map(\.score)
                    let range: ClosedRange<Double> =
                        switch kind {
                        case .nps: -100...100
                        case .csat: 0...100
                        case .ces: 1...7
                        case .ttfv: 0...max(values.max() ?? 1, 1)
                        }
                    html += "<section><h2>\(Markup.text(kind.title)) by month</h2>"
                    html += Charts.line(
                        title: "\(kind.title) by month", points: points.map { ($0.period ?? "", $0.score) }, range: range,
                        format: { value in CustomerMetricsPage.format(CustomerMetrics.Figure(metric: kind, n: 1, score: value, mean: value))
                        })
                    html += "</section>"
                }
                let names = Dictionary(uniqueKeysWithValues: model.segments.map { ($0.code, $0.name) })
                html += "<h2>By segment</h2>"
                html += Markup.table(
                    header: ["Metric", "Segment", "Answers", "Figure"],
                    rows: CustomerMetrics.figures(model.answers, bySegment: true).map {
                        [
                            Markup.text($0.metric.title),
                            Markup.text(names[$0.segment ?? ""] ?? ($0.segment?.isEmpty == false ? $0.segment! : "not given")), "\($0.n)",
                            CustomerMetricsPage.format($0),
                        ]
                    }, className: "metrics-by-segment")
            }
            if model.canEdit {
                html +=
                    "<h2>Import answers</h2><p>CSV: <code>respondent,segment,date,metric,value</code> with <code>metric</code> one of nps, csat, ces, ttfv. All or nothing.</p>"
                html += Markup.form(
                    action: SiteURL.customerMetricsImport(slug).path, csrf: model.csrfToken, submit: "Import",
                    html: Markup.textarea("Answers CSV", name: "csv", value: model.submittedText))
            }
            return .raw(html)
        }
    }
}

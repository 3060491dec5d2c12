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
        var notice: AdminText?
        var problems: [FileProblem] = []
        var submittedText = ""
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { "Task tests" }
        var workspace: Workspace? { model.workspace }

        func content() -> ComponentGroup {
            let slug = model.workspace.slug
            PageHeader(
                title: "Task tests", navigation: CustomerNavigation(slug: slug, current: "Task tests"),
                lead:
                    "Customers are given a top task with an answer that shows whether they did it. An attempt scores 0 when it fails or ends in a disaster (a wrong answer given with confidence), else 100 × min(1, target time / actual time); a task's score is the mean. Test again after a change to see whether the task got easier."
            )
            Notice(message: model.notice, problems: model.problems)
            let questions = Dictionary(uniqueKeysWithValues: model.tests.map { ($0.code, $0.question) })
            if model.trend.isEmpty {
                EmptyState(
                    what: "No results yet.",
                    start: "Add a task test below, start a round, then enter or import what participants did.",
                    readOnly: "An analyst or admin runs task tests here.", canEdit: model.canEdit)
            } else {
                El("h2") { "Results by round" }
                DataTable(
                    columns: ["Task", "Round", "Attempts", "Success", "Disaster", "Median time", "Score", "Easier?"],
                    rows: model.trend.flatMap { task in
                        task.rounds.enumerated().map { index, round -> [Component] in
                            let r = round.result
                            return [
                                index == 0 ? CodedName(questions[task.task] ?? task.task, code: task.task) : "", round.round, "\(r.n)",
                                AnalysisOutput.percent(r.successRate), AnalysisOutput.percent(r.disasterRate),
                                AnalysisOutput.rounded(r.medianSeconds, 0) + " s", AnalysisOutput.rounded(r.score, 1),
                                index == task.rounds.count - 1 ? easier(task) : "",
                            ]
                        }
                    }, className: "task-trend")
                let changes = model.trend.compactMap { task in task.scoreChange.map { (task.task, $0, false) } }
                if !changes.isEmpty {
                    ChartFrame(
                        title: "Score change from the first to the last round, per task test",
                        svg: Charts.bars(
                            title: "Score change from the first to the last round, per task test", rows: changes,
                            maximum: changes.map { abs($0.1) }.max(), format: { ($0 >= 0 ? "+" : "") + AnalysisOutput.rounded($0, 1) }),
                        caption: "Points of the 0–100 task score; the table above has every round.")
                }
            }
            El("h2") { "Task tests" }
            if !model.tests.isEmpty {
                DataTable(
                    columns: ["Code", "Task", "Verifiable answer", "Target"],
                    rows: model.tests.map { test in
                        [
                            El("span", .class("code")) { test.code }, test.question, test.answer,
                            AnalysisOutput.rounded(test.targetSeconds, 0) + " s",
                        ]
                    })
            }
            if model.canEdit { forms() }
        }

        private func easier(_ task: TaskTests.Trend) -> Component {
            switch task.easier {
            case .some(true): El("strong") { "yes" }
            case .some(false): "no"
            case .none: "–"
            }
        }

        @HTMLBuilder private func forms() -> ComponentGroup {
            let slug = model.workspace.slug, csrf = model.csrfToken
            El("details") {
                El("summary") { "Add or update a task test" }
                PostForm(action: SiteURL.taskTests(slug).path, csrf: csrf, submit: "Save task test") {
                    Field.input("Code", name: "code", id: "test-code", required: true)
                    Field.select(
                        "Top task it tests", name: "task", id: "test-task", options: model.tasks.map { ($0.code, $0.title) },
                        blank: "(none)")
                    Field.input("Task given to the participant", name: "question", id: "test-question", required: true)
                    Field.input("Answer that shows success", name: "answer", id: "test-answer", required: true)
                    Field.input(
                        "Target time (seconds)", name: "target", id: "test-target", type: "number", required: true, .min("1"),
                        Attr("step", "any"))
                }
            }
            El("details") {
                El("summary") { "Start a round" }
                PostForm(action: SiteURL.taskRounds(slug).path, csrf: csrf, submit: "Create round") {
                    Field.input("Name", name: "name", id: "round-name", required: true, .placeholder("After the redesign"))
                    Field.input("Held on", name: "held_on", id: "round-date", type: "date", value: model.today, required: true)
                }
            }
            for round in model.rounds {
                let prefix = "r\(round.id.prefix(8))-"
                El("details") {
                    El("summary") { "Round: \(round.name) (\(round.heldOn)): enter or import results" }
                    El("div", .class("split")) {
                        PostForm(action: SiteURL.taskRoundAttempts(slug, round.id).path, csrf: csrf, submit: "Record result") {
                            Field.input("Participant", name: "participant", id: prefix + "participant", required: true)
                            Field.select("Task test", name: "test", id: prefix + "test", options: model.tests.map { ($0.code, $0.code) })
                            Field.select(
                                "Result", name: "result", id: prefix + "result",
                                options: TaskTests.Outcome.allCases.map { ($0.rawValue, $0.wording) })
                            Field.input(
                                "Time taken (seconds)", name: "seconds", id: prefix + "seconds", type: "number", required: true, .min("1"),
                                Attr("step", "any"))
                        }
                        PostForm(action: SiteURL.taskRoundImport(slug, round.id).path, csrf: csrf, submit: "Import results") {
                            El("p") {
                                "CSV: "
                                El("code") { "participant,task,result,seconds,target_seconds" }
                                "; all or nothing."
                            }
                            Field.textarea("Results CSV", name: "csv", id: prefix + "csv", value: model.submittedText, rows: 6)
                        }
                    }
                }
            }
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
        var notice: AdminText?
        var problems: [FileProblem] = []
        var submittedText = ""
    }

    static func hours(_ value: Double) -> String { AnalysisOutput.grouped(value, 0) + " h" }

    struct View: PageView {
        let model: Model
        var title: AdminText { "Customer time ledger" }
        var workspace: Workspace? { model.workspace }

        func content() -> ComponentGroup {
            let slug = model.workspace.slug
            PageHeader(title: "Customer time ledger", navigation: CustomerNavigation(slug: slug, current: "Time ledger"))
            El("p") {
                "What each journey costs customers and the organization in hours a year (minutes × times a year × customers ÷ 60), and what every change did to both. A change that saves the organization time by adding customer time is "
                El("strong") { "cost-shifting" }
                "."
            }
            Notice(message: model.notice, problems: model.problems)
            let changes = model.journeys.flatMap(\.changes).map(\.change)
            let balance = TimeLedger.balance(changes)
            StatCards([
                (TimeLedgerPage.hours(model.journeys.map(\.ledger.annualCustomerHours).reduce(0, +)), "customer hours a year today"),
                (
                    TimeLedgerPage.hours(model.journeys.map(\.ledger.annualOrganizationHours).reduce(0, +)),
                    "organization hours a year today"
                ),
                (TimeLedgerPage.hours(balance.last?.cumulativeCustomerHoursSaved ?? 0), "customer hours a year saved by changes"),
                ("\(changes.filter(\.isCostShifting).count)", "cost-shifting changes"),
            ])
            if model.journeys.isEmpty {
                EmptyState(
                    what: "No journeys yet.",
                    start: "Add a journey below, then its steps with the minutes they take customers and the organization.",
                    readOnly: "An analyst or admin keeps the time ledger here.", canEdit: model.canEdit)
            }
            if !balance.isEmpty {
                El("h2") { "Changes over time" }
                ChartFrame(
                    title: "Customer hours a year saved by each change",
                    svg: Charts.bars(
                        title: "Customer hours a year saved (negative: added) by each change; cost-shifting hatched",
                        rows: balance.map { ("\($0.date) \($0.title)", $0.customerHoursSaved, $0.costShifting) },
                        format: TimeLedgerPage.hours),
                    caption:
                        "A negative bar is time added to customers; hatched bars are cost-shifting. The table below has the running total.")
                DataTable(
                    columns: ["Date", "Change", "Customer hours a year saved", "Running total"],
                    rows: balance.map { entry in
                        [
                            entry.date,
                            Group {
                                entry.title
                                if entry.costShifting { costShifting }
                            },
                            TimeLedgerPage.hours(entry.customerHoursSaved), TimeLedgerPage.hours(entry.cumulativeCustomerHoursSaved),
                        ]
                    }, className: "ledger-balance")
            }
            for journey in model.journeys { section(journey) }
            if model.canEdit {
                El("h2") { "New journey" }
                PostForm(action: SiteURL.timeLedger(slug).path, csrf: model.csrfToken, submit: "Add journey") {
                    Field.input("Code", name: "code", id: "journey-code", required: true)
                    Field.input("Name", name: "name", id: "journey-name", required: true)
                    Field.select(
                        "Segment", name: "segment", id: "journey-segment", options: model.segments.map { ($0.code, $0.name) },
                        blank: "(all customers)")
                }
            }
        }

        private var costShifting: Component {
            Group {
                " "
                El("strong", .class("flag")) { "cost-shifting" }
            }
        }

        private func section(_ journey: JourneyRecord) -> Component {
            let ledger = journey.ledger
            let total = { (text: String) in El("strong") { text } }
            return El("section") {
                El("h2") { CodedName(journey.name, code: journey.code) }
                DataTable(
                    columns: [
                        "Step", "Customer min", "Organization min", "Times a year", "Customers", "Customer hours a year",
                        "Organization hours a year",
                    ],
                    rows: journey.steps.map(\.step).map { step -> [Component] in
                        [
                            step.name, AnalysisOutput.rounded(step.customerMinutes, 1), AnalysisOutput.rounded(step.organizationMinutes, 1),
                            AnalysisOutput.rounded(step.frequencyPerYear, 2), "\(step.customers)",
                            TimeLedgerPage.hours(step.annualCustomerHours), TimeLedgerPage.hours(step.annualOrganizationHours),
                        ]
                    } + [
                        [
                            total("Total"), "", "", "", "", total(TimeLedgerPage.hours(ledger.annualCustomerHours)),
                            total(TimeLedgerPage.hours(ledger.annualOrganizationHours)),
                        ]
                    ])
                if !journey.changes.isEmpty {
                    DataTable(
                        caption: "Changes",
                        columns: ["Date", "Change", "Step", "Customer min", "Organization min", "Customer h/yr", "Organization h/yr", ""],
                        rows: journey.changes.map(\.change).map {
                            [
                                $0.date, $0.title, $0.step,
                                "\(AnalysisOutput.rounded($0.customerMinutesBefore, 1)) → \(AnalysisOutput.rounded($0.customerMinutesAfter, 1))",
                                "\(AnalysisOutput.rounded($0.organizationMinutesBefore, 1)) → \(AnalysisOutput.rounded($0.organizationMinutesAfter, 1))",
                                signed($0.customerHoursChange), signed($0.organizationHoursChange),
                                $0.isCostShifting ? costShifting : "",
                            ]
                        })
                }
                if model.canEdit { journeyForms(journey) }
            }
        }

        private func journeyForms(_ journey: JourneyRecord) -> Component {
            let slug = model.workspace.slug, prefix = journey.code + "-"
            return El("details") {
                El("summary") { "Add a step or record a change" }
                El("div", .class("split")) {
                    PostForm(action: SiteURL.journeySteps(slug, journey.code).path, csrf: model.csrfToken, submit: "Add step") {
                        Field.input("Step", name: "name", id: prefix + "step-name", required: true)
                        Field.input(
                            "Customer minutes", name: "customer_minutes", id: prefix + "step-customer", type: "number", required: true,
                            .min("0"), Attr("step", "any"))
                        Field.input(
                            "Organization minutes", name: "organization_minutes", id: prefix + "step-organization", type: "number",
                            required: true, .min("0"), Attr("step", "any"))
                        Field.input(
                            "Times a year per customer", name: "frequency", id: prefix + "step-frequency", type: "number", required: true,
                            .min("0"), Attr("step", "any"))
                        Field.input(
                            "Customers affected", name: "customers", id: prefix + "step-customers", type: "number", required: true,
                            .min("0"))
                    }
                    PostForm(action: SiteURL.journeyChanges(slug, journey.code).path, csrf: model.csrfToken, submit: "Record change") {
                        Field.select(
                            "Step changed", name: "step", id: prefix + "change-step", options: journey.steps.map { ($0.id, $0.step.name) })
                        Field.input("Change", name: "title", id: prefix + "change-title", required: true)
                        Field.input("Date", name: "date", id: prefix + "change-date", type: "date", value: model.today, required: true)
                        Field.input(
                            "Customer minutes after", name: "customer_after", id: prefix + "change-customer", type: "number",
                            required: true,
                            .min("0"), Attr("step", "any"))
                        Field.input(
                            "Organization minutes after", name: "organization_after", id: prefix + "change-organization", type: "number",
                            required: true, .min("0"), Attr("step", "any"))
                    }
                }
            }
        }

        private func signed(_ value: Double) -> String { (value > 0 ? "+" : "") + TimeLedgerPage.hours(value) }
    }
}

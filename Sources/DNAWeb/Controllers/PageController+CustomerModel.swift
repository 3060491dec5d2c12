import DNAApp
import DNACore
import DNAStore
import Foundation
import Hummingbird

/// A page model that can show the outcome of a posted action.
protocol ActionPageModel {
    var notice: AdminText? { get set }
    var problems: [FileProblem] { get set }
    /// The text a failed import sent, so the person can fix it in place.
    var submittedText: String { get set }
}

/// The outside-view pages: the customer model, task tests, the time ledger and customer
/// metrics. Studies and votes are in `PageController+Surveys`.
extension PageController {
    func addCustomerModelRoutes(to router: Router<AppContext>) {
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .customerModel(w) })) { request, context in
            try await page(request, context) { workspace, access, identity in
                CustomerModelPage.View(model: try await customerModelPage(workspace, access, identity)).response(identity: identity)
            }
        }
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .customerModelExport(w) })) { request, context in
            try await page(request, context) { workspace, _, identity in
                let yaml = CustomerModelDocument.yaml(
                    try await CustomerModelService(store: store).model(identity.pageCaller, workspace: workspace.slug))
                return Self.attachment(
                    yaml, contentType: "application/yaml; charset=utf-8", filename: "customer-model-\(workspace.slug).yaml")
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, kind in .customerRecord(w, kind) })) { request, context in
            try await postAction(request, context, load: customerModelPage, view: CustomerModelPage.View.init) { form, workspace in
                let kind = try context.parameter("id")
                let record = try Self.customerRecord(kind: kind, form: form)
                let summary = try await CustomerModelService(store: store).mergeModel(context.caller, workspace: workspace.slug, record)
                return "\(summary.added == 1 ? "Added" : "Updated") \(kind) '\(form.text("code") ?? "")'."
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .customerRecordDelete(w) })) { request, context in
            try await postAction(request, context, load: customerModelPage, view: CustomerModelPage.View.init) { form, workspace in
                guard let kind = CustomerRecordKind(rawValue: form["kind"] ?? "") else {
                    throw FieldProblem("kind", "choose what kind of record to remove")
                }
                try await CustomerModelService(store: store).deleteRecord(
                    context.caller, workspace: workspace.slug, kind: kind, code: form.text("code") ?? "")
                return "Removed \(kind.rawValue) '\(form.text("code") ?? "")'."
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .customerModelImport(w) })) { request, context in
            try await postAction(request, context, load: customerModelPage, view: CustomerModelPage.View.init, submitted: "yaml") {
                form, workspace in
                let summary = try await CustomerModelService(store: store).importModel(
                    context.caller, workspace: workspace.slug, file: "model.yaml", text: form["yaml"] ?? "")
                return "Imported: \(summary.added) records added, \(summary.updated) updated."
            }
        }
        addTaskTestRoutes(to: router)
        addLedgerRoutes(to: router)
        addSurveyRoutes(to: router)
    }

    /// Runs a posted form's action and shows the page again with what happened. A refused
    /// action (a store rule, a file with problems) changes nothing and answers 400 with the
    /// reasons and the submitted text.
    func postAction<Model: ActionPageModel, View: PageView>(
        _ request: Request, _ context: AppContext, load: (Workspace, Access, Identity) async throws -> Model, view: (Model) -> View,
        submitted field: String = "csv", _ action: (FormBody, Workspace) async throws -> AdminText
    ) async throws -> Response {
        try await postAction(
            request, context, loadAfter: { _, workspace, access, identity in try await load(workspace, access, identity) }, view: view,
            submitted: field, action)
    }

    /// The same, for a page shown again as the form left it (the line of sight keeps the
    /// node an edge was drawn from chosen).
    func postAction<Model: ActionPageModel, View: PageView>(
        _ request: Request, _ context: AppContext, loadAfter load: (FormBody, Workspace, Access, Identity) async throws -> Model,
        view: (Model) -> View, submitted field: String = "csv", _ action: (FormBody, Workspace) async throws -> AdminText
    ) async throws -> Response {
        try await page(request, context, minimum: .analyst) { workspace, access, identity in
            let form = try await postedForm(request, context, identity)
            var notice: AdminText?, problems: [FileProblem] = [], fieldErrors: [String: String] = [:], failed = false
            do {
                notice = try await action(form, workspace)
            } catch StoreError.notFound(let message) {
                throw StoreError.notFound(message)
            } catch let error as FileProblems {
                notice = AdminText.plural(
                    error.total, one: "Nothing was imported: 1 problem in the file.",
                    other: "Nothing was imported: \(error.total) problems in the file.")
                problems = error.problems
                failed = true
            } catch {
                guard let refusal = Refusal(error) else { throw error }
                notice = "Not saved: \(refusal.message)"
                fieldErrors = refusal.fieldErrors
                failed = true
            }
            var model = try await load(form, workspace, access, identity)
            model.notice = notice
            model.problems = problems
            guard failed else { return view(model).response(status: .ok, identity: identity) }
            model.submittedText = form[field] ?? ""
            return view(model).refused(form, postedTo: request, identity: identity, fieldErrors: fieldErrors)
        }
    }

    /// One record of the customer model from its page form.
    static func customerRecord(kind: String, form: FormBody) throws -> CustomerModel {
        let code = form.text("code") ?? ""
        let text = { (name: String) in form.text(name) ?? "" }
        switch CustomerRecordKind(rawValue: kind) {
        case .segment: return CustomerModel(segments: [.init(code: code, name: text("name"), description: text("description"))])
        case .job:
            return CustomerModel(
                jobs: [
                    .init(
                        code: code, statement: text("statement"), situation: text("situation"),
                        step: CustomerModel.JobStep(rawValue: text("step")))
                ])
        case .outcome:
            guard let direction = CustomerOutcome.Direction(rawValue: text("direction")) else {
                throw FieldProblem("direction", "direction must be minimize or increase")
            }
            return CustomerModel(
                outcomes: [
                    .init(
                        code: code, job: form.text("job"), direction: direction, metric: text("metric"), object: text("object"),
                        clarifier: text("clarifier"))
                ])
        case .offering:
            guard let kind = CustomerModel.OfferingKind(rawValue: text("kind")) else {
                throw FieldProblem("kind", "choose the kind of offering")
            }
            return CustomerModel(offerings: [
                .init(code: code, name: text("name"), kind: kind, description: text("description"), jobs: form.all("jobs"))
            ])
        case .task: return CustomerModel(tasks: [.init(code: code, title: text("title"))])
        case nil: throw StoreError.notFound("no kind of record '\(kind)'")
        }
    }

    func customerModelPage(_ workspace: Workspace, _ access: Access, _ identity: Identity) async throws -> CustomerModelPage.Model {
        let view = try await CustomerModelService(store: store).modelView(identity.pageCaller, workspace: workspace.slug)
        let graph = view.graph
        let initiatives = Set(graph.nodes.filter { $0.type == .initiative }.map(\.code))
        let outcomes = Set(graph.nodes.filter { $0.type == .outcome }.map(\.code))
        return CustomerModelPage.Model(
            workspace: workspace, model: view.model,
            coverageCampaign: view.coverageCampaign?.name,
            coverage: view.coverage,
            unitNames: Dictionary(uniqueKeysWithValues: view.units.map { ($0.code, $0.name) }),
            addressedOutcomes: Set(graph.edges.filter { initiatives.contains($0.from) && outcomes.contains($0.to) }.map(\.to)),
            canEdit: view.access >= .analyst, csrfToken: identity.csrfToken)
    }

    private func addTaskTestRoutes(to router: Router<AppContext>) {
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .taskTests(w) })) { request, context in
            try await page(request, context) { workspace, access, identity in
                TaskTestsPage.View(model: try await taskTestsPage(workspace, access, identity)).response(identity: identity)
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .taskTests(w) })) { request, context in
            try await postAction(request, context, load: taskTestsPage, view: TaskTestsPage.View.init) { form, workspace in
                guard let target = form.text("target").flatMap(Double.init) else {
                    throw FieldProblem("target", "the target time must be a number of seconds")
                }
                let test = TaskTest(
                    code: form.text("code") ?? "", taskCode: form.text("task"), question: form.text("question") ?? "",
                    answer: form.text("answer") ?? "",
                    targetSeconds: target)
                _ = try await CustomerModelService(store: store).saveTaskTest(context.caller, workspace: workspace.slug, test)
                return "Saved task test '\(test.code)'."
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .taskRounds(w) })) { request, context in
            try await postAction(request, context, load: taskTestsPage, view: TaskTestsPage.View.init) { form, workspace in
                let round = try await CustomerModelService(store: store).createTaskRound(
                    context.caller, workspace: workspace.slug, name: form.text("name") ?? "", heldOn: form.text("held_on") ?? "",
                    now: clock.now())
                return "Started round '\(round.name)'."
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, id in .taskRoundAttempts(w, id) })) { request, context in
            try await postAction(request, context, load: taskTestsPage, view: TaskTestsPage.View.init) { form, workspace in
                guard let test = form.text("test") else { throw FieldProblem("test", "choose a task test") }
                guard let result = TaskTests.Outcome(rawValue: form["result"] ?? "") else {
                    throw FieldProblem("result", "choose success, failure or disaster")
                }
                guard let seconds = form.text("seconds").flatMap(Double.init) else {
                    throw FieldProblem("seconds", "the time must be a number of seconds")
                }
                _ = try await CustomerModelService(store: store).recordAttempts(
                    context.caller, workspace: workspace.slug, round: try context.parameter("id"),
                    [(participant: form.text("participant") ?? "", task: test, result: result, seconds: seconds)])
                return "Recorded a \(result.rawValue) on '\(test)'."
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, id in .taskRoundImport(w, id) })) { request, context in
            try await postAction(request, context, load: taskTestsPage, view: TaskTestsPage.View.init) { form, workspace in
                let count = try await CustomerModelService(store: store).importAttempts(
                    context.caller, workspace: workspace.slug, round: try context.parameter("id"), file: "results.csv",
                    bytes: Array((form["csv"] ?? "").utf8))
                return "Imported \(count) results."
            }
        }
    }

    func taskTestsPage(_ workspace: Workspace, _ access: Access, _ identity: Identity) async throws -> TaskTestsPage.Model {
        let service = CustomerModelService(store: store), caller = identity.pageCaller
        let (rounds, trend) = try await service.taskTrend(caller, workspace: workspace.slug)
        return TaskTestsPage.Model(
            workspace: workspace, tests: try await service.taskTests(caller, workspace: workspace.slug),
            tasks: try await service.model(caller, workspace: workspace.slug).tasks, rounds: rounds, trend: trend,
            canEdit: access >= .analyst,
            csrfToken: identity.csrfToken, today: Day.string(clock.now()))
    }

    private func addLedgerRoutes(to router: Router<AppContext>) {
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .timeLedger(w) })) { request, context in
            try await page(request, context) { workspace, access, identity in
                TimeLedgerPage.View(model: try await ledgerPage(workspace, access, identity)).response(identity: identity)
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .timeLedger(w) })) { request, context in
            try await postAction(request, context, load: ledgerPage, view: TimeLedgerPage.View.init) { form, workspace in
                _ = try await CustomerModelService(store: store).addJourney(
                    context.caller, workspace: workspace.slug, code: form.text("code") ?? "", name: form.text("name") ?? "",
                    segment: form.text("segment") ?? "")
                return "Added journey '\(form.text("name") ?? "")'."
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, code in .journeySteps(w, code) })) { request, context in
            try await postAction(request, context, load: ledgerPage, view: TimeLedgerPage.View.init) { form, workspace in
                let numbers = try ["customer_minutes", "organization_minutes", "frequency", "customers"].map { name in
                    guard let value = form.text(name).flatMap(Double.init) else {
                        throw FieldProblem(name, "\(name.replacingOccurrences(of: "_", with: " ")) must be a number")
                    }
                    return value
                }
                guard numbers[3] == numbers[3].rounded() else {
                    throw FieldProblem("customers", "customers affected must be a whole number")
                }
                try await CustomerModelService(store: store).addJourneyStep(
                    context.caller, workspace: workspace.slug, journey: try context.parameter("id"),
                    .init(
                        name: form.text("name") ?? "", customerMinutes: numbers[0], organizationMinutes: numbers[1],
                        frequencyPerYear: numbers[2],
                        customers: Int(numbers[3])))
                return "Added step '\(form.text("name") ?? "")'."
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, code in .journeyChanges(w, code) })) { request, context in
            try await postAction(request, context, load: ledgerPage, view: TimeLedgerPage.View.init) { form, workspace in
                guard let customer = form.text("customer_after").flatMap(Double.init) else {
                    throw FieldProblem("customer_after", "minutes after the change must be a number")
                }
                guard let organization = form.text("organization_after").flatMap(Double.init) else {
                    throw FieldProblem("organization_after", "minutes after the change must be a number")
                }
                let change = try await CustomerModelService(store: store).recordJourneyChange(
                    context.caller, workspace: workspace.slug, journey: try context.parameter("id"), stepID: form["step"] ?? "",
                    title: form.text("title") ?? "",
                    date: form.text("date") ?? "", customerMinutesAfter: customer, organizationMinutesAfter: organization, now: clock.now())
                return change.isCostShifting
                    ? "Recorded '\(change.title)'. It is cost-shifting: the organization saves time and customers pay for it."
                    : "Recorded '\(change.title)'."
            }
        }
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .customerMetrics(w) })) { request, context in
            try await page(request, context) { workspace, access, identity in
                CustomerMetricsPage.View(model: try await metricsPage(workspace, access, identity)).response(identity: identity)
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .customerMetricsImport(w) })) { request, context in
            try await postAction(request, context, load: metricsPage, view: CustomerMetricsPage.View.init) { form, workspace in
                let count = try await CustomerModelService(store: store).importCustomerMetrics(
                    context.caller, workspace: workspace.slug, file: "answers.csv", bytes: Array((form["csv"] ?? "").utf8))
                return "Imported \(count) answers."
            }
        }
    }

    func ledgerPage(_ workspace: Workspace, _ access: Access, _ identity: Identity) async throws -> TimeLedgerPage.Model {
        let service = CustomerModelService(store: store), caller = identity.pageCaller
        return TimeLedgerPage.Model(
            workspace: workspace, journeys: try await service.journeys(caller, workspace: workspace.slug),
            segments: try await service.model(caller, workspace: workspace.slug).segments, canEdit: access >= .analyst,
            csrfToken: identity.csrfToken, today: Day.string(clock.now()))
    }

    func metricsPage(_ workspace: Workspace, _ access: Access, _ identity: Identity) async throws -> CustomerMetricsPage.Model {
        let service = CustomerModelService(store: store), caller = identity.pageCaller
        return CustomerMetricsPage.Model(
            workspace: workspace, answers: try await service.customerMetricAnswers(caller, workspace: workspace.slug),
            segments: try await service.model(caller, workspace: workspace.slug).segments, canEdit: access >= .analyst,
            csrfToken: identity.csrfToken)
    }
}

extension CustomerModelPage.Model: ActionPageModel {}
extension TaskTestsPage.Model: ActionPageModel {}
extension TimeLedgerPage.Model: ActionPageModel {}
extension CustomerMetricsPage.Model: ActionPageModel {}

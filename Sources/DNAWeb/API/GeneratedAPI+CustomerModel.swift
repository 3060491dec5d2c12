import DNAAPI
import DNAApp
import DNACore
import DNAStore
import OpenAPIRuntime

/// The outside view: the customer model, studies and votes, task tests, the time ledger and
/// customer metrics.
extension GeneratedAPI {
    func getWorkspacesCustomerModel(
        _ input: Operations.GetWorkspacesCustomerModel.Input
    ) async throws
        -> Operations.GetWorkspacesCustomerModel.Output
    {
        let (workspace, _) = try await resolve(input.path.workspace)
        let model = try await store.customerModel(workspaceID: workspace.id)
        guard input.query.format == .yaml else { return .ok(.init(body: .json(try documented(model)))) }
        return .ok(.init(body: .yaml(HTTPBody(CustomerModelDocument.yaml(model)))))
    }

    func postWorkspacesCustomerModel(
        _ input: Operations.PostWorkspacesCustomerModel.Input
    ) async throws
        -> Operations.PostWorkspacesCustomerModel.Output
    {
        let (workspace, _) = try await resolve(input.path.workspace, minimum: .analyst)
        guard case .yaml(let body) = input.body else { throw WebError.badRequest("the body must be YAML") }
        let summary = try await store.importCustomerModel(workspaceID: workspace.id, file: "request body", text: try await body.text())
        return .ok(.init(body: .json(try documented(summary))))
    }

    func deleteWorkspacesCustomerModelById(
        _ input: Operations.DeleteWorkspacesCustomerModelById.Input
    ) async throws
        -> Operations.DeleteWorkspacesCustomerModelById.Output
    {
        let (workspace, _) = try await resolve(input.path.workspace, minimum: .analyst)
        let name = input.path.kind
        guard let kind = CustomerRecordKind(rawValue: name) else {
            throw WebError.notFound("no kind of record '\(name)'; kinds: segment, job, outcome, offering, task")
        }
        try await store.deleteCustomerRecord(workspaceID: workspace.id, kind: kind, code: input.path.code)
        return .noContent(.init())
    }

    func getWorkspacesSurveys(_ input: Operations.GetWorkspacesSurveys.Input) async throws -> Operations.GetWorkspacesSurveys.Output {
        let (workspace, _) = try await resolve(input.path.workspace)
        var items: [APIResponse.SurveyInfo] = []
        for survey in try await store.surveys(workspaceID: workspace.id) {
            items.append(surveyInfo(survey, progress: try await store.surveyProgress(surveyID: survey.id)))
        }
        return .ok(.init(body: .json(try documented(ItemList(items: items)))))
    }

    func postWorkspacesSurveys(_ input: Operations.PostWorkspacesSurveys.Input) async throws -> Operations.PostWorkspacesSurveys.Output {
        let (workspace, _) = try await resolve(input.path.workspace, minimum: .analyst)
        guard case .json(let json) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let body = try self.input(json, as: APIRequest.NewSurvey.self)
        let survey = try await store.createSurvey(
            workspaceID: workspace.id, kind: body.kind, name: body.name, opensAt: body.opensAt, closesAt: body.closesAt,
            itemCodes: body.items ?? [], thresholds: TopTasks.Thresholds(longNeck: body.longNeck ?? 0.25, top: body.top ?? 0.5), now: now)
        return .created(.init(body: .json(try documented(surveyInfo(survey, progress: nil)))))
    }

    func getWorkspacesSurveysById(
        _ input: Operations.GetWorkspacesSurveysById.Input
    ) async throws
        -> Operations.GetWorkspacesSurveysById.Output
    {
        let (_, survey) = try await survey(input.path.workspace, input.path.id)
        let info = surveyInfo(survey, progress: try await store.surveyProgress(surveyID: survey.id))
        return .ok(.init(body: .json(try documented(info))))
    }

    func postWorkspacesSurveysClose(
        _ input: Operations.PostWorkspacesSurveysClose.Input
    ) async throws
        -> Operations.PostWorkspacesSurveysClose.Output
    {
        let (workspace, survey) = try await survey(input.path.workspace, input.path.id, minimum: .analyst)
        try await store.setSurveyClose(workspaceID: workspace.id, id: survey.id, closesAt: max(now, survey.opensAt))
        let closed = try await store.survey(workspaceID: workspace.id, id: survey.id)
        return .ok(.init(body: .json(try documented(surveyInfo(closed, progress: nil)))))
    }

    func postWorkspacesSurveysLinks(
        _ input: Operations.PostWorkspacesSurveysLinks.Input
    ) async throws
        -> Operations.PostWorkspacesSurveysLinks.Output
    {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let tokens = try await LinkService(store: store).customerLinks(
            caller, workspace: input.path.workspace, survey: input.path.id, segment: body.segment, count: body.count, now: now)
        let base = publicURL
        let links = APIResponse.Links(links: tokens.map { base + SiteURL.customerSurvey($0).path })
        return .created(.init(body: .json(try documented(links))))
    }

    func postWorkspacesSurveysResponses(
        _ input: Operations.PostWorkspacesSurveysResponses.Input
    ) async throws
        -> Operations.PostWorkspacesSurveysResponses.Output
    {
        let (workspace, survey) = try await survey(input.path.workspace, input.path.id, minimum: .analyst)
        guard case .json(let json) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let body = try self.input(json, as: APIRequest.NewSurveyResponse.self)
        var ratings: [String: SurveyRating] = [:]
        for rating in body.ratings ?? [] {
            if ratings[rating.outcome] != nil { throw WebError.badRequest("ratings: outcome '\(rating.outcome)' is rated twice") }
            ratings[rating.outcome] = SurveyRating(importance: rating.importance, satisfaction: rating.satisfaction)
        }
        try await store.addSurveyResponse(
            workspaceID: workspace.id, surveyID: survey.id, respondent: body.respondent, segment: body.segment ?? "", ratings: ratings,
            picks: body.picks ?? [], now: now)
        return .created(.init())
    }

    func postWorkspacesSurveysResponsesImport(
        _ input: Operations.PostWorkspacesSurveysResponsesImport.Input
    ) async throws
        -> Operations.PostWorkspacesSurveysResponsesImport.Output
    {
        let (workspace, survey) = try await survey(input.path.workspace, input.path.id, minimum: .analyst)
        guard case .csv(let body) = input.body else { throw WebError.badRequest("the body must be CSV") }
        let count = try await store.importSurveyAnswers(
            workspaceID: workspace.id, surveyID: survey.id, file: "request body", bytes: Array(try await body.text().utf8), now: now)
        return .ok(.init(body: .json(try documented(APIResponse.Imported(imported: count)))))
    }

    func getWorkspacesSurveysResults(
        _ input: Operations.GetWorkspacesSurveysResults.Input
    ) async throws
        -> Operations.GetWorkspacesSurveysResults.Output
    {
        let (_, survey) = try await survey(input.path.workspace, input.path.id)
        let results = try await SurveyResults.load(store: store, survey: survey, segment: input.query.segment)
        return .ok(.init(body: .json(try documented(results))))
    }

    func getWorkspacesTaskTests(_ input: Operations.GetWorkspacesTaskTests.Input) async throws -> Operations.GetWorkspacesTaskTests.Output {
        let (workspace, _) = try await resolve(input.path.workspace)
        return .ok(.init(body: .json(try documented(ItemList(items: try await store.taskTests(workspaceID: workspace.id))))))
    }

    func postWorkspacesTaskTests(
        _ input: Operations.PostWorkspacesTaskTests.Input
    ) async throws -> Operations.PostWorkspacesTaskTests.Output {
        let (workspace, _) = try await resolve(input.path.workspace, minimum: .analyst)
        guard case .json(let json) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let body = try self.input(json, as: APIRequest.NewTaskTest.self)
        let test = TaskTest(
            code: body.code, taskCode: body.task, question: body.question, answer: body.answer, targetSeconds: body.targetSeconds)
        try await store.saveTaskTest(workspaceID: workspace.id, test)
        return .created(.init(body: .json(try documented(test))))
    }

    func getWorkspacesTaskTestsTrend(
        _ input: Operations.GetWorkspacesTaskTestsTrend.Input
    ) async throws
        -> Operations.GetWorkspacesTaskTestsTrend.Output
    {
        let (workspace, _) = try await resolve(input.path.workspace)
        let (rounds, trend) = try await store.taskTrend(workspaceID: workspace.id)
        return .ok(.init(body: .json(try documented(APIResponse.TaskTrend(rounds: rounds, trend: trend)))))
    }

    func postWorkspacesTaskRounds(
        _ input: Operations.PostWorkspacesTaskRounds.Input
    ) async throws -> Operations.PostWorkspacesTaskRounds.Output {
        let (workspace, _) = try await resolve(input.path.workspace, minimum: .analyst)
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let round = try await store.createTaskRound(workspaceID: workspace.id, name: body.name, heldOn: body.heldOn, now: now)
        return .created(.init(body: .json(try documented(round))))
    }

    func postWorkspacesTaskRoundsAttempts(
        _ input: Operations.PostWorkspacesTaskRoundsAttempts.Input
    ) async throws
        -> Operations.PostWorkspacesTaskRoundsAttempts.Output
    {
        let (workspace, _) = try await resolve(input.path.workspace, minimum: .analyst)
        guard case .json(let json) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let body = try self.input(json, as: APIRequest.NewAttempts.self)
        let targets = Dictionary(
            uniqueKeysWithValues: try await store.taskTests(workspaceID: workspace.id).map { ($0.code, $0.targetSeconds) })
        let attempts = try body.attempts.map { attempt in
            guard let target = targets[attempt.task] else { throw WebError.badRequest("attempts: no task test '\(attempt.task)'") }
            return TaskTests.Attempt(
                participant: attempt.participant, task: attempt.task, result: attempt.result, seconds: attempt.seconds,
                targetSeconds: target)
        }
        try await store.recordAttempts(workspaceID: workspace.id, roundID: input.path.id, attempts)
        return .created(.init(body: .json(try documented(APIResponse.Imported(imported: attempts.count)))))
    }

    func postWorkspacesTaskRoundsAttemptsImport(
        _ input: Operations.PostWorkspacesTaskRoundsAttemptsImport.Input
    ) async throws
        -> Operations.PostWorkspacesTaskRoundsAttemptsImport.Output
    {
        let (workspace, _) = try await resolve(input.path.workspace, minimum: .analyst)
        guard case .csv(let body) = input.body else { throw WebError.badRequest("the body must be CSV") }
        let count = try await store.importAttempts(
            workspaceID: workspace.id, roundID: input.path.id, file: "request body", bytes: Array(try await body.text().utf8))
        return .ok(.init(body: .json(try documented(APIResponse.Imported(imported: count)))))
    }

    func getWorkspacesJourneys(_ input: Operations.GetWorkspacesJourneys.Input) async throws -> Operations.GetWorkspacesJourneys.Output {
        let (workspace, _) = try await resolve(input.path.workspace)
        let journeys = try await store.journeys(workspaceID: workspace.id)
        let ledger = APIResponse.TimeLedgerInfo(
            journeys: journeys.map(APIResponse.JourneyInfo.init), balance: TimeLedger.balance(journeys.flatMap(\.changes).map(\.change)))
        return .ok(.init(body: .json(try documented(ledger))))
    }

    func postWorkspacesJourneys(_ input: Operations.PostWorkspacesJourneys.Input) async throws -> Operations.PostWorkspacesJourneys.Output {
        let (workspace, _) = try await resolve(input.path.workspace, minimum: .analyst)
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let id = try await store.addJourney(workspaceID: workspace.id, code: body.code, name: body.name, segment: body.segment ?? "")
        return .created(.init(body: .json(try documented(APIResponse.Created(id: id)))))
    }

    func postWorkspacesJourneysSteps(
        _ input: Operations.PostWorkspacesJourneysSteps.Input
    ) async throws
        -> Operations.PostWorkspacesJourneysSteps.Output
    {
        let (workspace, _) = try await resolve(input.path.workspace, minimum: .analyst)
        guard case .json(let json) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let body = try self.input(json, as: APIRequest.NewJourneyStep.self)
        try await store.addJourneyStep(
            workspaceID: workspace.id, journey: input.path.code,
            .init(
                name: body.name, customerMinutes: body.customerMinutes, organizationMinutes: body.organizationMinutes,
                frequencyPerYear: body.frequency, customers: body.customers))
        return .created(.init())
    }

    func postWorkspacesJourneysChanges(
        _ input: Operations.PostWorkspacesJourneysChanges.Input
    ) async throws
        -> Operations.PostWorkspacesJourneysChanges.Output
    {
        let (workspace, _) = try await resolve(input.path.workspace, minimum: .analyst)
        guard case .json(let json) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let body = try self.input(json, as: APIRequest.NewJourneyChange.self)
        let change = try await store.recordJourneyChange(
            workspaceID: workspace.id, journey: input.path.code, stepID: body.stepId, title: body.title, date: body.date,
            customerMinutesAfter: body.customerMinutesAfter, organizationMinutesAfter: body.organizationMinutesAfter, now: now)
        return .created(.init(body: .json(try documented(TimeLedger.balance([change])[0]))))
    }

    func getWorkspacesCustomerMetrics(
        _ input: Operations.GetWorkspacesCustomerMetrics.Input
    ) async throws
        -> Operations.GetWorkspacesCustomerMetrics.Output
    {
        let (workspace, _) = try await resolve(input.path.workspace)
        let answers = try await store.customerMetricAnswers(workspaceID: workspace.id)
        let figures = APIResponse.CustomerMetricsInfo(
            overall: CustomerMetrics.figures(answers), byMonth: CustomerMetrics.figures(answers, byMonth: true),
            bySegment: CustomerMetrics.figures(answers, bySegment: true))
        return .ok(.init(body: .json(try documented(figures))))
    }

    func postWorkspacesCustomerMetricsImport(
        _ input: Operations.PostWorkspacesCustomerMetricsImport.Input
    ) async throws
        -> Operations.PostWorkspacesCustomerMetricsImport.Output
    {
        let (workspace, _) = try await resolve(input.path.workspace, minimum: .analyst)
        guard case .csv(let body) = input.body else { throw WebError.badRequest("the body must be CSV") }
        let count = try await store.importCustomerMetricAnswers(
            workspaceID: workspace.id, file: "request body", bytes: Array(try await body.text().utf8))
        return .ok(.init(body: .json(try documented(APIResponse.Imported(imported: count)))))
    }

    private func survey(_ slug: String, _ id: String, minimum: Access = .viewer) async throws -> (Workspace, CustomerSurvey) {
        let (workspace, _) = try await resolve(slug, minimum: minimum)
        return (workspace, try await store.survey(workspaceID: workspace.id, id: id))
    }

    private func surveyInfo(_ survey: CustomerSurvey, progress: SurveyProgress?) -> APIResponse.SurveyInfo {
        APIResponse.SurveyInfo(
            survey, now: now, openLinkURL: survey.openLink.map { publicURL + SiteURL.customerOpenLink($0).path }, progress: progress)
    }
}

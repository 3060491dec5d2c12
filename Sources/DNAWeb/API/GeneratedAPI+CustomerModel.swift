import DNAAPI
import DNAApp
import DNACore
import DNAStore
import OpenAPIRuntime

/// The outside view, through `CustomerModelService` and `SurveyService`: the customer model,
/// studies and votes, task tests, the time ledger and customer metrics.
extension GeneratedAPI {
    var customers: CustomerModelService { CustomerModelService(store: store) }
    var surveys: SurveyService { SurveyService(store: store) }

    func getWorkspacesCustomerModel(_ input: Ops.GetWorkspacesCustomerModel.Input) async throws -> Ops.GetWorkspacesCustomerModel.Output {
        let model = try await customers.model(caller, workspace: input.path.workspace)
        guard input.query.format == .yaml else { return .ok(.init(body: .json(try documented(model)))) }
        return .ok(.init(body: .yaml(HTTPBody(CustomerModelDocument.yaml(model)))))
    }

    func postWorkspacesCustomerModel(_ input: Ops.PostWorkspacesCustomerModel.Input) async throws -> Ops.PostWorkspacesCustomerModel.Output
    {
        guard case .yaml(let body) = input.body else { throw WebError.badRequest("the body must be YAML") }
        let summary = try await customers.importModel(
            caller, workspace: input.path.workspace, file: "request body", text: try await body.text())
        return .ok(.init(body: .json(try documented(summary))))
    }

    func deleteWorkspacesCustomerModelById(
        _ input: Ops.DeleteWorkspacesCustomerModelById.Input
    ) async throws
        -> Ops.DeleteWorkspacesCustomerModelById.Output
    {
        guard let kind = CustomerRecordKind(rawValue: input.path.kind) else {
            _ = try await resolve(input.path.workspace, minimum: .analyst)
            throw WebError.notFound("no kind of record '\(input.path.kind)'; kinds: segment, job, outcome, offering, task")
        }
        try await customers.deleteRecord(caller, workspace: input.path.workspace, kind: kind, code: input.path.code)
        return .noContent(.init())
    }

    func getWorkspacesSurveys(_ input: Ops.GetWorkspacesSurveys.Input) async throws -> Ops.GetWorkspacesSurveys.Output {
        let items = try await surveys.surveys(caller, workspace: input.path.workspace).map { surveyInfo($0.survey, progress: $0.progress) }
        return .ok(.init(body: .json(try documented(ItemList(items: items)))))
    }

    func postWorkspacesSurveys(_ input: Ops.PostWorkspacesSurveys.Input) async throws -> Ops.PostWorkspacesSurveys.Output {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let survey = try await surveys.createSurvey(
            caller, workspace: input.path.workspace, kind: try domain(body.kind), name: body.name, opensAt: Int64(body.opensAt),
            closesAt: body.closesAt.map(Int64.init),
            itemCodes: body.items ?? [], thresholds: TopTasks.Thresholds(longNeck: body.longNeck ?? 0.25, top: body.top ?? 0.5),
            publicTitle: body.publicTitle ?? "", now: now)
        return .created(.init(body: .json(try documented(surveyInfo(survey, progress: nil)))))
    }

    func getWorkspacesSurveysById(_ input: Ops.GetWorkspacesSurveysById.Input) async throws -> Ops.GetWorkspacesSurveysById.Output {
        let found = try await surveys.survey(caller, workspace: input.path.workspace, id: input.path.id)
        return .ok(.init(body: .json(try documented(surveyInfo(found.survey, progress: found.progress)))))
    }

    func postWorkspacesSurveysClose(_ input: Ops.PostWorkspacesSurveysClose.Input) async throws -> Ops.PostWorkspacesSurveysClose.Output {
        let closed = try await surveys.setOpen(caller, workspace: input.path.workspace, survey: input.path.id, open: false, now: now)
        return .ok(.init(body: .json(try documented(surveyInfo(closed, progress: nil)))))
    }

    func postWorkspacesSurveysLinks(_ input: Ops.PostWorkspacesSurveysLinks.Input) async throws -> Ops.PostWorkspacesSurveysLinks.Output {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let tokens = try await LinkService(store: store).customerLinks(
            caller, workspace: input.path.workspace, survey: input.path.id, segment: body.segment, count: body.count, now: now)
        let base = publicURL
        let links = Components.Schemas.Links(links: tokens.map { base + SiteURL.customerSurvey($0).path })
        return .created(.init(body: .json(links)))
    }

    func postWorkspacesSurveysResponses(
        _ input: Ops.PostWorkspacesSurveysResponses.Input
    ) async throws
        -> Ops.PostWorkspacesSurveysResponses.Output
    {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        try await surveys.addResponse(
            caller, workspace: input.path.workspace, survey: input.path.id, respondent: body.respondent, segment: body.segment ?? "",
            ratings: (body.ratings ?? []).map {
                (
                    $0.outcome,
                    SurveyRating(importance: $0.importance, satisfaction: $0.satisfaction, notApplicable: $0.notApplicable ?? false)
                )
            },
            picks: body.picks ?? [], now: now)
        return .created(.init())
    }

    func postWorkspacesSurveysResponsesImport(
        _ input: Ops.PostWorkspacesSurveysResponsesImport.Input
    ) async throws
        -> Ops.PostWorkspacesSurveysResponsesImport.Output
    {
        guard case .csv(let body) = input.body else { throw WebError.badRequest("the body must be CSV") }
        let count = try await surveys.importAnswers(
            caller, workspace: input.path.workspace, survey: input.path.id, file: "request body", bytes: Array(try await body.text().utf8),
            now: now)
        return .ok(.init(body: .json(Components.Schemas.Imported(imported: count))))
    }

    func getWorkspacesSurveysResults(_ input: Ops.GetWorkspacesSurveysResults.Input) async throws -> Ops.GetWorkspacesSurveysResults.Output
    {
        let results = try await surveys.results(
            caller, workspace: input.path.workspace, survey: input.path.id, segment: input.query.segment)
        return .ok(.init(body: .json(try documented(results))))
    }

    func getWorkspacesTaskTests(_ input: Ops.GetWorkspacesTaskTests.Input) async throws -> Ops.GetWorkspacesTaskTests.Output {
        .ok(.init(body: .json(try documented(ItemList(items: try await customers.taskTests(caller, workspace: input.path.workspace))))))
    }

    func postWorkspacesTaskTests(_ input: Ops.PostWorkspacesTaskTests.Input) async throws -> Ops.PostWorkspacesTaskTests.Output {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let test = TaskTest(
            code: body.code, taskCode: body.task, question: body.question, answer: body.answer, targetSeconds: body.targetSeconds)
        return .created(.init(body: .json(try documented(try await customers.saveTaskTest(caller, workspace: input.path.workspace, test)))))
    }

    func getWorkspacesTaskTestsTrend(_ input: Ops.GetWorkspacesTaskTestsTrend.Input) async throws -> Ops.GetWorkspacesTaskTestsTrend.Output
    {
        let (rounds, trend) = try await customers.taskTrend(caller, workspace: input.path.workspace)
        return .ok(.init(body: .json(Components.Schemas.TaskTrend(rounds: try documented(rounds), trend: try documented(trend)))))
    }

    func postWorkspacesTaskRounds(_ input: Ops.PostWorkspacesTaskRounds.Input) async throws -> Ops.PostWorkspacesTaskRounds.Output {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let round = try await customers.createTaskRound(
            caller, workspace: input.path.workspace, name: body.name, heldOn: body.heldOn, now: now)
        return .created(.init(body: .json(try documented(round))))
    }

    func postWorkspacesTaskRoundsAttempts(
        _ input: Ops.PostWorkspacesTaskRoundsAttempts.Input
    ) async throws
        -> Ops.PostWorkspacesTaskRoundsAttempts.Output
    {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let count = try await customers.recordAttempts(
            caller, workspace: input.path.workspace, round: input.path.id,
            try body.attempts.map { ($0.participant, $0.task, try domain($0.result), $0.seconds) })
        return .created(.init(body: .json(Components.Schemas.Imported(imported: count))))
    }

    func postWorkspacesTaskRoundsAttemptsImport(
        _ input: Ops.PostWorkspacesTaskRoundsAttemptsImport.Input
    ) async throws
        -> Ops.PostWorkspacesTaskRoundsAttemptsImport.Output
    {
        guard case .csv(let body) = input.body else { throw WebError.badRequest("the body must be CSV") }
        let count = try await customers.importAttempts(
            caller, workspace: input.path.workspace, round: input.path.id, file: "request body", bytes: Array(try await body.text().utf8))
        return .ok(.init(body: .json(Components.Schemas.Imported(imported: count))))
    }

    func getWorkspacesJourneys(_ input: Ops.GetWorkspacesJourneys.Input) async throws -> Ops.GetWorkspacesJourneys.Output {
        let journeys = try await customers.journeys(caller, workspace: input.path.workspace)
        let ledger = Components.Schemas.TimeLedger(
            balance: try documented(TimeLedger.balance(journeys.flatMap(\.changes).map(\.change))),
            journeys: try documented(journeys.map(APIResponse.JourneyInfo.init)))
        return .ok(.init(body: .json(ledger)))
    }

    func postWorkspacesJourneys(_ input: Ops.PostWorkspacesJourneys.Input) async throws -> Ops.PostWorkspacesJourneys.Output {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let id = try await customers.addJourney(
            caller, workspace: input.path.workspace, code: body.code, name: body.name, segment: body.segment ?? "")
        return .created(.init(body: .json(Components.Schemas.Created(id: id))))
    }

    func postWorkspacesJourneysSteps(_ input: Ops.PostWorkspacesJourneysSteps.Input) async throws -> Ops.PostWorkspacesJourneysSteps.Output
    {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        try await customers.addJourneyStep(
            caller, workspace: input.path.workspace, journey: input.path.code,
            .init(
                name: body.name, customerMinutes: body.customerMinutes, organizationMinutes: body.organizationMinutes,
                frequencyPerYear: body.frequency, customers: body.customers))
        return .created(.init())
    }

    func postWorkspacesJourneysChanges(
        _ input: Ops.PostWorkspacesJourneysChanges.Input
    ) async throws
        -> Ops.PostWorkspacesJourneysChanges.Output
    {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let change = try await customers.recordJourneyChange(
            caller, workspace: input.path.workspace, journey: input.path.code, stepID: body.stepId, title: body.title, date: body.date,
            customerMinutesAfter: body.customerMinutesAfter, organizationMinutesAfter: body.organizationMinutesAfter, now: now)
        return .created(.init(body: .json(try documented(TimeLedger.balance([change])[0]))))
    }

    func getWorkspacesCustomerMetrics(
        _ input: Ops.GetWorkspacesCustomerMetrics.Input
    ) async throws
        -> Ops.GetWorkspacesCustomerMetrics.Output
    {
        let answers = try await customers.customerMetricAnswers(caller, workspace: input.path.workspace)
        let figures = Components.Schemas.CustomerMetrics(
            byMonth: try documented(CustomerMetrics.figures(answers, byMonth: true)),
            bySegment: try documented(CustomerMetrics.figures(answers, bySegment: true)),
            overall: try documented(CustomerMetrics.figures(answers)))
        return .ok(.init(body: .json(figures)))
    }

    func postWorkspacesCustomerMetricsImport(
        _ input: Ops.PostWorkspacesCustomerMetricsImport.Input
    ) async throws
        -> Ops.PostWorkspacesCustomerMetricsImport.Output
    {
        guard case .csv(let body) = input.body else { throw WebError.badRequest("the body must be CSV") }
        let count = try await customers.importCustomerMetrics(
            caller, workspace: input.path.workspace, file: "request body", bytes: Array(try await body.text().utf8))
        return .ok(.init(body: .json(Components.Schemas.Imported(imported: count))))
    }

    private func surveyInfo(_ survey: CustomerSurvey, progress: SurveyProgress?) -> APIResponse.SurveyInfo {
        APIResponse.SurveyInfo(
            survey, now: now, openLinkURL: survey.openLink.map { publicURL + SiteURL.customerOpenLink($0).path }, progress: progress)
    }
}

import DNAApp
import DNACore
import DNAStore
import Foundation
import Hummingbird

/// API routes of the outside view: the customer model, studies and votes, task tests, the
/// time ledger and customer metrics.
extension APIController {
    func addCustomerModelRoutes(_ api: RouterGroup<AppContext>) {
        api.get("workspaces/{workspace}/customer-model") { request, context in
            let (workspace, _) = try await resolve(context)
            let model = try await store.customerModel(workspaceID: workspace.id)
            guard request.uri.queryParameters.get("format") == "yaml" else { return try jsonResponse(model) }
            return Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: CustomerModelDocument.yaml(model))))
        }
        api.post("workspaces/{workspace}/customer-model") { request, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            let summary = try await store.importCustomerModel(
                workspaceID: workspace.id, file: "request body", text: try await bodyText(request, context))
            return try jsonResponse(summary)
        }
        api.delete("workspaces/{workspace}/customer-model/{kind}/{code}") { _, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            let name = try context.parameter("kind")
            guard let kind = CustomerRecordKind(rawValue: name) else {
                throw WebError.notFound("no kind of record '\(name)'; kinds: segment, job, outcome, offering, task")
            }
            try await store.deleteCustomerRecord(workspaceID: workspace.id, kind: kind, code: try context.parameter("code"))
            return Response(status: .noContent)
        }
        addSurveyRoutes(api)
        addTaskTestRoutes(api)
        addLedgerRoutes(api)
    }

    private func addSurveyRoutes(_ api: RouterGroup<AppContext>) {
        api.get("workspaces/{workspace}/surveys") { request, context in
            let (workspace, _) = try await resolve(context)
            var items: [APIResponse.SurveyInfo] = []
            for survey in try await store.surveys(workspaceID: workspace.id) {
                items.append(surveyInfo(survey, request, progress: try await store.surveyProgress(surveyID: survey.id)))
            }
            return try jsonResponse(APIResponse.List(items: items))
        }
        api.post("workspaces/{workspace}/surveys") { request, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            let body = try await request.decodeStrict(APIRequest.NewSurvey.self, context: context)
            let survey = try await store.createSurvey(
                workspaceID: workspace.id, kind: body.kind, name: body.name, opensAt: body.opensAt, closesAt: body.closesAt,
                itemCodes: body.items ?? [], thresholds: TopTasks.Thresholds(longNeck: body.longNeck ?? 0.25, top: body.top ?? 0.5),
                now: accounts.clock.now())
            return try jsonResponse(surveyInfo(survey, request, progress: nil), status: .created)
        }
        api.get("workspaces/{workspace}/surveys/{id}") { request, context in
            let (_, survey) = try await survey(context)
            return try jsonResponse(surveyInfo(survey, request, progress: try await store.surveyProgress(surveyID: survey.id)))
        }
        api.post("workspaces/{workspace}/surveys/{id}/close") { request, context in
            let (workspace, survey) = try await survey(context, minimum: .analyst)
            try await store.setSurveyClose(workspaceID: workspace.id, id: survey.id, closesAt: max(accounts.clock.now(), survey.opensAt))
            return try jsonResponse(surveyInfo(try await store.survey(workspaceID: workspace.id, id: survey.id), request, progress: nil))
        }
        api.post("workspaces/{workspace}/surveys/{id}/links") { request, context in
            let (workspace, survey) = try await survey(context, minimum: .analyst)
            let body = try await request.decodeStrict(APIRequest.NewSurveyLinks.self, context: context)
            let tokens = try await LinkService(store: store).customerLinks(
                context.caller, workspace: workspace.slug, survey: survey.id, segment: body.segment, count: body.count,
                now: accounts.clock.now())
            let base = publicURL
            return try jsonResponse(APIResponse.Links(links: tokens.map { base + SiteURL.customerSurvey($0).path }), status: .created)
        }
        api.post("workspaces/{workspace}/surveys/{id}/responses") { request, context in
            let (workspace, survey) = try await survey(context, minimum: .analyst)
            let body = try await request.decodeStrict(APIRequest.NewSurveyResponse.self, context: context)
            var ratings: [String: SurveyRating] = [:]
            for rating in body.ratings ?? [] {
                if ratings[rating.outcome] != nil { throw WebError.badRequest("ratings: outcome '\(rating.outcome)' is rated twice") }
                ratings[rating.outcome] = SurveyRating(importance: rating.importance, satisfaction: rating.satisfaction)
            }
            try await store.addSurveyResponse(
                workspaceID: workspace.id, surveyID: survey.id, respondent: body.respondent, segment: body.segment ?? "", ratings: ratings,
                picks: body.picks ?? [], now: accounts.clock.now())
            return Response(status: .created)
        }
        api.post("workspaces/{workspace}/surveys/{id}/responses/import") { request, context in
            let (workspace, survey) = try await survey(context, minimum: .analyst)
            let count = try await store.importSurveyAnswers(
                workspaceID: workspace.id, surveyID: survey.id, file: "request body",
                bytes: Array(try await bodyText(request, context).utf8),
                now: accounts.clock.now())
            return try jsonResponse(APIResponse.Imported(imported: count))
        }
        api.get("workspaces/{workspace}/surveys/{id}/results") { request, context in
            let (_, survey) = try await survey(context)
            let results = try await SurveyResults.load(
                store: store, survey: survey, segment: request.uri.queryParameters.get("segment").map { String($0) })
            return try jsonResponse(results)
        }
    }

    private func addTaskTestRoutes(_ api: RouterGroup<AppContext>) {
        api.get("workspaces/{workspace}/task-tests") { _, context in
            let (workspace, _) = try await resolve(context)
            return try jsonResponse(APIResponse.List(items: try await store.taskTests(workspaceID: workspace.id)))
        }
        api.post("workspaces/{workspace}/task-tests") { request, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            let body = try await request.decodeStrict(APIRequest.NewTaskTest.self, context: context)
            let test = TaskTest(
                code: body.code, taskCode: body.task, question: body.question, answer: body.answer, targetSeconds: body.targetSeconds)
            try await store.saveTaskTest(workspaceID: workspace.id, test)
            return try jsonResponse(test, status: .created)
        }
        api.get("workspaces/{workspace}/task-tests/trend") { _, context in
            let (workspace, _) = try await resolve(context)
            let (rounds, trend) = try await store.taskTrend(workspaceID: workspace.id)
            return try jsonResponse(APIResponse.TaskTrend(rounds: rounds, trend: trend))
        }
        api.post("workspaces/{workspace}/task-rounds") { request, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            let body = try await request.decodeStrict(APIRequest.NewTaskRound.self, context: context)
            let round = try await store.createTaskRound(
                workspaceID: workspace.id, name: body.name, heldOn: body.heldOn, now: accounts.clock.now())
            return try jsonResponse(round, status: .created)
        }
        api.post("workspaces/{workspace}/task-rounds/{id}/attempts") { request, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            let body = try await request.decodeStrict(APIRequest.NewAttempts.self, context: context)
            let targets = Dictionary(
                uniqueKeysWithValues: try await store.taskTests(workspaceID: workspace.id).map { ($0.code, $0.targetSeconds) })
            let attempts = try body.attempts.map { attempt in
                guard let target = targets[attempt.task] else { throw WebError.badRequest("attempts: no task test '\(attempt.task)'") }
                return TaskTests.Attempt(
                    participant: attempt.participant, task: attempt.task, result: attempt.result, seconds: attempt.seconds,
                    targetSeconds: target)
            }
            try await store.recordAttempts(workspaceID: workspace.id, roundID: try context.parameter("id"), attempts)
            return try jsonResponse(APIResponse.Imported(imported: attempts.count), status: .created)
        }
        api.post("workspaces/{workspace}/task-rounds/{id}/attempts/import") { request, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            let count = try await store.importAttempts(
                workspaceID: workspace.id, roundID: try context.parameter("id"), file: "request body",
                bytes: Array(try await bodyText(request, context).utf8))
            return try jsonResponse(APIResponse.Imported(imported: count))
        }
    }

    private func addLedgerRoutes(_ api: RouterGroup<AppContext>) {
        api.get("workspaces/{workspace}/journeys") { _, context in
            let (workspace, _) = try await resolve(context)
            let journeys = try await store.journeys(workspaceID: workspace.id)
            return try jsonResponse(
                APIResponse.TimeLedgerInfo(
                    journeys: journeys.map(APIResponse.JourneyInfo.init),
                    balance: TimeLedger.balance(journeys.flatMap(\.changes).map(\.change))))
        }
        api.post("workspaces/{workspace}/journeys") { request, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            let body = try await request.decodeStrict(APIRequest.NewJourney.self, context: context)
            let id = try await store.addJourney(workspaceID: workspace.id, code: body.code, name: body.name, segment: body.segment ?? "")
            return try jsonResponse(APIResponse.Created(id: id), status: .created)
        }
        api.post("workspaces/{workspace}/journeys/{code}/steps") { request, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            let body = try await request.decodeStrict(APIRequest.NewJourneyStep.self, context: context)
            try await store.addJourneyStep(
                workspaceID: workspace.id, journey: try context.parameter("code"),
                .init(
                    name: body.name, customerMinutes: body.customerMinutes, organizationMinutes: body.organizationMinutes,
                    frequencyPerYear: body.frequency, customers: body.customers))
            return Response(status: .created)
        }
        api.post("workspaces/{workspace}/journeys/{code}/changes") { request, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            let body = try await request.decodeStrict(APIRequest.NewJourneyChange.self, context: context)
            let change = try await store.recordJourneyChange(
                workspaceID: workspace.id, journey: try context.parameter("code"), stepID: body.stepId, title: body.title, date: body.date,
                customerMinutesAfter: body.customerMinutesAfter, organizationMinutesAfter: body.organizationMinutesAfter,
                now: accounts.clock.now())
            return try jsonResponse(TimeLedger.balance([change])[0], status: .created)
        }
        api.get("workspaces/{workspace}/customer-metrics") { _, context in
            let (workspace, _) = try await resolve(context)
            let answers = try await store.customerMetricAnswers(workspaceID: workspace.id)
            return try jsonResponse(
                APIResponse.CustomerMetricsInfo(
                    overall: CustomerMetrics.figures(answers), byMonth: CustomerMetrics.figures(answers, byMonth: true),
                    bySegment: CustomerMetrics.figures(answers, bySegment: true)))
        }
        api.post("workspaces/{workspace}/customer-metrics/import") { request, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            let count = try await store.importCustomerMetricAnswers(
                workspaceID: workspace.id, file: "request body", bytes: Array(try await bodyText(request, context).utf8))
            return try jsonResponse(APIResponse.Imported(imported: count))
        }
    }

    private func survey(_ context: AppContext, minimum: Access = .viewer) async throws -> (Workspace, CustomerSurvey) {
        let (workspace, _) = try await resolve(context, minimum: minimum)
        return (workspace, try await store.survey(workspaceID: workspace.id, id: try context.parameter("id")))
    }

    private func surveyInfo(_ survey: CustomerSurvey, _ request: Request, progress: SurveyProgress?) -> APIResponse.SurveyInfo {
        APIResponse.SurveyInfo(
            survey, now: accounts.clock.now(),
            openLinkURL: survey.openLink.map { publicURL + SiteURL.customerOpenLink($0).path },
            progress: progress)
    }
}

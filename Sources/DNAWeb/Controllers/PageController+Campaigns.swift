import DNAApp
import DNACore
import DNAStore
import Foundation
import Hummingbird

/// Campaign pages: list and create, one campaign (links, window, import), results and the
/// report downloads.
extension PageController {
    func addCampaignRoutes(to router: Router<AppContext>) {
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .campaigns(w) })) { request, context in
            try await page(request, context) { workspace, access, identity in
                CampaignsPage.View(model: try await campaignsModel(context, workspace, access, identity)).response(identity: identity)
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .campaigns(w) })) { request, context in
            try await page(request, context, minimum: .analyst) { workspace, access, identity in
                let form = try await postedForm(request, context, identity)
                do {
                    let campaign = try await createCampaign(from: form, workspace: workspace, caller: context.caller)
                    return Response.redirect(to: SiteURL.campaign(workspace.slug, campaign.id).path, type: .found)
                } catch let problems as FileProblems {
                    var model = try await campaignsModel(context, workspace, access, identity)
                    model.error = AdminText.plural(
                        problems.total, one: "The instrument has 1 problem; nothing was created.",
                        other: "The instrument has \(problems.total) problems; nothing was created.")
                    model.problems = problems.problems
                    return CampaignsPage.View(model: model).refused(form, postedTo: request, identity: identity)
                } catch {
                    guard let refusal = Refusal(error) else { throw error }
                    var model = try await campaignsModel(context, workspace, access, identity)
                    model.error = AdminText(verbatim: refusal.message)
                    return CampaignsPage.View(model: model).refused(
                        form, postedTo: request, identity: identity, fieldErrors: refusal.fieldErrors)
                }
            }
        }
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, id in .campaign(w, id) })) { request, context in
            try await campaignPage(request, context) { _ in }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, id in .campaignWindow(w, id) })) { request, context in
            try await campaignAction(request, context) { form, workspace, campaignID in
                _ = try await CampaignService(store: store).setOpen(
                    context.caller, workspace: workspace.slug, campaign: campaignID, open: form["action"] == "reopen", now: clock.now())
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, id in .campaignOpenLink(w, id) })) { request, context in
            try await campaignAction(request, context) { form, workspace, campaignID in
                try await CampaignService(store: store).setOpenLink(
                    context.caller, workspace: workspace.slug, campaign: campaignID, on: form["action"] != "remove")
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, id in .campaignLinks(w, id) })) { request, context in
            let form = try await FormBody.read(request)
            return try await campaignPage(request, context, minimum: .analyst, csrf: form[AuthMiddleware.csrfField]) { model in
                let unitCode = form["unit"] ?? ""
                do {
                    model.newLinks = try await LinkService(store: store).respondentLinks(
                        context.caller, workspace: model.workspace.slug, campaign: model.campaign.id, unitCode: unitCode,
                        count: form["count"].flatMap(Int.init) ?? 0, now: clock.now())
                } catch StoreError.invalid(let message) {
                    model.notice = AdminText(verbatim: message)
                    return
                }
                model.newLinksUnit = model.units.first { $0.code == unitCode }?.name
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, id in .campaignImport(w, id) })) { request, context in
            let form = try await FormBody.read(request)
            return try await campaignPage(request, context, minimum: .analyst, csrf: form[AuthMiddleware.csrfField]) { model in
                let csv = form["csv"] ?? ""
                do {
                    let count = try await ResponseService(store: store).importResponses(
                        context.caller, workspace: model.workspace.slug, campaign: model.campaign.id, file: "responses.csv", text: csv,
                        now: clock.now())
                    model.notice = "Imported \(count) responses."
                } catch let problems as FileProblems {
                    model.notice = AdminText.plural(
                        problems.total, one: "Nothing was imported: 1 problem in the file.",
                        other: "Nothing was imported: \(problems.total) problems in the file.")
                    model.problems = problems.problems
                    model.submittedCSV = csv
                }
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, id in .campaignInvite(w, id) })) { request, context in
            try await invitationAction(request, context) { service, model, identity in
                let count = try await service.invite(
                    context.caller, workspace: model.workspace.slug, campaign: model.campaign.id, contact: identity.user.email,
                    now: clock.now())
                return AdminText.plural(
                    count, one: "Invited 1 participant; the mails are in the outbox.",
                    other: "Invited \(count) participants; the mails are in the outbox.")
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, id in .campaignRemind(w, id) })) { request, context in
            try await invitationAction(request, context) { service, model, identity in
                let count = try await service.remind(
                    context.caller, workspace: model.workspace.slug, campaign: model.campaign.id, contact: identity.user.email,
                    now: clock.now())
                return AdminText.plural(
                    count, one: "Reminded 1 participant who has not handed in.",
                    other: "Reminded \(count) participants who have not handed in.")
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, id in .campaignReminderDays(w, id) })) { request, context in
            let form = try await FormBody.read(request)
            return try await campaignPage(request, context, minimum: .analyst, csrf: form[AuthMiddleware.csrfField], form: form) { model in
                let days = try Self.reminderDays(form["days"] ?? "")
                let saved: [ReminderDay]
                do {
                    saved = try await CampaignService(store: store).setReminderDays(
                        context.caller, workspace: model.workspace.slug, campaign: model.campaign.id, days: days, now: clock.now())
                } catch StoreError.invalid(let message) {
                    throw FieldProblem("days", message)
                }
                let coming = saved.filter { $0.ranAt == nil }.map { "\($0.day)" }
                model.notice =
                    coming.isEmpty
                    ? "No reminder days to come." : "Reminders will go out \(coming.joined(separator: ", ")) days after opening."
            }
        }
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, id in .campaignResults(w, id) })) { request, context in
            try await page(request, context) { workspace, _, identity in
                let (scorecard, frameworks, frameworkID) = try await scorecard(request, context, workspace, trendOfEveryGroup: false)
                let drill = UnitDrill(scorecard: scorecard, open: request.uri.queryParameters.get("open"))
                let figures = ScorecardFigures(scorecard: scorecard, frameworks: frameworks, frameworkID: frameworkID, drill: drill)
                let service = CampaignService(store: store)
                let openAnswers = try await service.openAnswers(
                    context.caller, workspace: workspace.slug, campaign: scorecard.campaign.id, breakdown: scorecard.breakdown)
                // An instrument without forces or a line-of-sight item has no drivers to show.
                var drivers: DriverAnalysis.Report?
                do {
                    drivers = try await service.drivers(
                        context.caller, workspace: workspace.slug, campaign: scorecard.campaign.id,
                        options: .init(target: "line-of-sight", breakdown: .none))
                } catch StoreError.invalid {
                    drivers = nil
                }
                let actions = try await ActionPlanService(store: store).actions(
                    context.caller, workspace: workspace.slug, today: Day.string(clock.now()), wave: scorecard.campaign.id)
                return ResultsPage.View(
                    model: .init(
                        workspace: workspace, figures: figures, campaignID: scorecard.campaign.id, openAnswers: openAnswers,
                        drivers: drivers, actions: actions)
                ).response(identity: identity)
            }
        }
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, id in .campaignReport(w, id) })) { request, context in
            try await page(request, context) { workspace, _, _ in
                let format = LeadershipReport.Format(rawValue: request.uri.queryParameters.get("format") ?? "html") ?? .html
                let (scorecard, frameworks, frameworkID) = try await scorecard(request, context, workspace)
                let actions = try await ActionPlanService(store: store).actions(
                    context.caller, workspace: workspace.slug, today: Day.string(clock.now()), wave: scorecard.campaign.id)
                if format == .pdf {
                    let bytes = try await GeneratedAPI.pdf(
                        scorecard: scorecard, workspaceName: workspace.name, frameworks: frameworks, frameworkID: frameworkID,
                        actions: actions)
                    return Self.attachment(
                        ByteBuffer(bytes: bytes), contentType: format.contentType,
                        filename: "customer-dna-\(workspace.slug)-\(scorecard.campaign.id).pdf")
                }
                let body = LeadershipReport.render(
                    format, scorecard: scorecard, workspaceName: workspace.name, frameworks: frameworks, frameworkID: frameworkID,
                    actions: actions)
                return Self.download(body, format: format, name: "customer-dna-\(workspace.slug)-\(scorecard.campaign.id)")
            }
        }
    }

    static func download(_ body: String, format: LeadershipReport.Format, name: String) -> Response {
        attachment(body, contentType: format.contentType, filename: "\(name).\(format.rawValue)")
    }

    /// A file to save rather than a page to show.
    static func attachment(_ body: String, contentType: String, filename: String) -> Response {
        attachment(ByteBuffer(string: body), contentType: contentType, filename: filename)
    }

    static func attachment(_ body: ByteBuffer, contentType: String, filename: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: contentType, .contentDisposition: "attachment; filename=\"\(SecurityHeaders.fileName(filename))\"",
                .init("X-Content-Type-Options")!: "nosniff", .contentSecurityPolicy: SecurityHeaders.reportPolicy,
            ],
            body: .init(byteBuffer: body))
    }

    private func scorecard(
        _ request: Request, _ context: AppContext, _ workspace: Workspace, trendOfEveryGroup: Bool = true
    ) async throws -> (Scorecard, [Framework], String) {
        let breakdown = AssessmentScoring.Breakdown(rawValue: request.uri.queryParameters.get("by") ?? "unit") ?? .unit
        let report = try await CampaignService(store: store).report(
            context.caller, workspace: workspace.slug, campaign: try context.parameter("id"), breakdown: breakdown,
            trendOfEveryGroup: trendOfEveryGroup)
        return (report.scorecard, report.frameworks, request.uri.queryParameters.get("framework") ?? "os-canvas")
    }

    private func campaignsModel(
        _ context: AppContext, _ workspace: Workspace, _ access: Access, _ identity: Identity
    ) async throws -> CampaignsPage.Model {
        let now = clock.now()
        let overview = try await CampaignService(store: store).overview(context.caller, workspace: workspace.slug)
        return CampaignsPage.Model(
            workspace: workspace,
            rows: overview.waves.map { .init(campaign: $0.campaign, state: $0.campaign.state(at: now), progress: $0.progress) },
            units: overview.units, canEdit: access >= .analyst, csrfToken: identity.csrfToken, today: Day.string(now))
    }

    /// The window a form's `opens` and `closes` days give: from the start of the first day to
    /// the end of the last (none when `closes` is left empty).
    static func window(from form: FormBody) throws -> (opens: Int64, closes: Int64?) {
        guard let opens = form.text("opens").flatMap(Day.start) else { throw FieldProblem("opens", "give the opening date as YYYY-MM-DD") }
        guard let text = form.text("closes") else { return (opens, nil) }
        guard let day = Day.start(text) else { throw FieldProblem("closes", "give the closing date as YYYY-MM-DD") }
        return (opens, day + 86_400)
    }

    private func createCampaign(from form: FormBody, workspace: Workspace, caller: Caller?) async throws -> Campaign {
        let (opens, closes) = try Self.window(from: form)
        // The form has a field per unit, named by its id; the use case takes unit codes.
        let codes = Dictionary(
            uniqueKeysWithValues: try await OrganizationService(store: store).units(caller, workspace: workspace.slug).map {
                ($0.id, $0.code)
            })
        var population: [String: Int] = [:]
        for (name, values) in form.values where name.hasPrefix("invited-") {
            guard let text = values.first?.trimmingSpaces(), !text.isEmpty else { continue }
            guard let count = Int(text), count >= 0 else {
                throw FieldProblem(name, "the number invited must be a whole number, 0 or more")
            }
            let id = String(name.dropFirst("invited-".count))
            guard let code = codes[id] else { throw StoreError.invalid("'\(id)' is not a unit of this workspace") }
            if count > 0 { population[code] = count }
        }
        return try await CampaignService(store: store).createCampaign(
            caller, workspace: workspace.slug, name: form["name"] ?? "",
            instrument: form.text("instrument_yaml").map { .file(name: "instrument.yaml", source: $0) }
                ?? .builtIn(form["instrument"] ?? "customer-dna"), opensAt: opens,
            closesAt: closes, population: population, now: clock.now())
    }

    /// Renders the campaign page after `change` has adjusted its model (a notice, new links).
    private func campaignPage(
        _ request: Request, _ context: AppContext, minimum: Access = .viewer, csrf: String? = nil, form: FormBody? = nil,
        _ change: (inout CampaignPage.Model) async throws -> Void
    ) async throws -> Response {
        try await page(request, context, minimum: minimum) { workspace, access, identity in
            if minimum > .viewer { try FormCSRF.check(csrf, identity: identity) }
            let campaigns = CampaignService(store: store)
            let detail = try await campaigns.detail(context.caller, workspace: workspace.slug, campaign: try context.parameter("id"))
            var model = CampaignPage.Model(
                workspace: workspace, campaign: detail.campaign, state: detail.campaign.state(at: clock.now()), progress: detail.progress,
                units: detail.units, population: detail.invitedUnitIDs, instrument: detail.instrument, canEdit: access >= .analyst,
                csrfToken: identity.csrfToken, baseURL: publicURL)
            model.canDelete = access == .admin
            var fieldErrors: [String: String] = [:]
            do {
                try await change(&model)
            } catch {
                guard let refusal = Refusal(error) else { throw error }
                model.notice = AdminText(verbatim: refusal.message)
                model.problems = [FileProblem(file: "form", line: 1, column: 1, message: refusal.message)]
                fieldErrors = refusal.fieldErrors
            }
            // Counts may have changed (an import, an invitation).
            model.progress = try await campaigns.campaign(context.caller, workspace: workspace.slug, id: detail.campaign.id).progress
            if access >= .analyst { model.mail = try await invitationMail(context, workspace, campaign: detail.campaign) }
            // A refused form comes back with what was typed into it and the field at fault.
            if let form, !model.problems.isEmpty {
                return CampaignPage.View(model: model).refused(form, postedTo: request, identity: identity, fieldErrors: fieldErrors)
            }
            let status: HTTPResponse.Status = model.problems.isEmpty ? .ok : .badRequest
            return CampaignPage.View(model: model).response(status: status, identity: identity)
        }
    }

    /// The wave's invitations and their mail, for an analyst.
    private func invitationMail(
        _ context: AppContext, _ workspace: Workspace, campaign: Campaign
    ) async throws -> CampaignPage.InvitationMail {
        let campaignID = campaign.id
        let statuses = try await store.invitations.statuses(workspaceID: workspace.id, campaignID: campaignID)
        let mails =
            try await store.mailOutbox.mails(workspaceID: workspace.id, purpose: "invitation:" + campaignID)
            + store.mailOutbox.mails(workspaceID: workspace.id, purpose: "reminder:" + campaignID)
        let population = Set(try await store.campaigns.campaignPopulation(campaignID: campaignID).map(\.unitID))
        let participants = try await store.participants.all(workspaceID: workspace.id).filter { population.contains($0.unitID) }
        let invited = Set(statuses.map(\.participantID))
        return CampaignPage.InvitationMail(
            statuses: statuses, mails: mails, notInvited: participants.filter { !invited.contains($0.id) }.count,
            canInvite: linkKey != nil, sendsMail: sendsMail, reminderDays: try await store.invitations.reminderDays(campaign: campaign))
    }

    /// Invites or reminds from the campaign page, as the signed-in analyst, and shows the page
    /// with what happened.
    private func invitationAction(
        _ request: Request, _ context: AppContext,
        _ action: (InvitationService, CampaignPage.Model, Identity) async throws -> AdminText
    ) async throws -> Response {
        let form = try await FormBody.read(request)
        return try await campaignPage(request, context, minimum: .analyst, csrf: form[AuthMiddleware.csrfField]) { model in
            guard let linkKey else { throw StoreError.invalid("this server has no link key; set CDNA_LINK_KEY to invite by e-mail") }
            guard let identity = context.identity else { return }
            let service = InvitationService(store: store, linkKey: linkKey, publicURL: publicURL)
            model.notice = try await action(service, model, identity)
        }
    }

    /// A form post that changes the campaign and goes back to its page. The use case finds
    /// the campaign (or answers 404) itself.
    private func campaignAction(
        _ request: Request, _ context: AppContext, _ action: (FormBody, Workspace, _ campaignID: String) async throws -> Void
    ) async throws -> Response {
        try await page(request, context, minimum: .analyst) { workspace, _, identity in
            let form = try await postedForm(request, context, identity)
            let campaignID = try context.parameter("id")
            try await action(form, workspace, campaignID)
            return Response.redirect(to: SiteURL.campaign(workspace.slug, campaignID).path, type: .found)
        }
    }

    /// "3, 7" as days; anything but whole numbers is refused at the field.
    static func reminderDays(_ text: String) throws -> [Int] {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map(String.init)
        if parts.count > 20 { throw FieldProblem("days", "at most 10 reminder days; \(parts.count) were given") }
        return try parts.map { part in
            guard let day = Int(part) else { throw FieldProblem("days", "'\(part.prefix(20))' is not a whole number of days") }
            return day
        }
    }
}

import DNACore
import SQLKit

extension Store {
    /// Loads the demo organization in one transaction, once; later calls find it and return
    /// it unchanged. A failure leaves no half-made demo behind.
    public func loadDemo(now: Int64) async throws -> Workspace {
        if let existing = try? await workspaces.workspace(slug: DemoOrganization.slug) {
            // Written earlier (`cdna demo` before the first administrator existed): the rule
            // for a workspace no person made applies to whoever administers the instance now.
            try await write { db in try await WorkspaceRepository.grantFirstAdmins(db, workspaceID: existing.id, creator: nil) }
            return existing
        }
        let workspace = Workspace(id: makeID(), slug: DemoOrganization.slug, name: DemoOrganization.name, createdAt: now)
        let makeID = self.makeID
        try await write { db in
            try await WorkspaceRepository.insert(workspace, into: db)
            try await WorkspaceRepository.grantFirstAdmins(db, workspaceID: workspace.id, creator: nil)
            _ = try await OrganizationRepository.importOrgChart(
                db, workspaceID: workspace.id, file: "demo org chart", text: DemoOrganization.orgChartCSV, makeID: makeID)
            let unitIDs = Dictionary(
                uniqueKeysWithValues: try await OrganizationRepository.units(db, workspaceID: workspace.id).map { ($0.code, $0.id) })
            for role in DemoOrganization.roles {
                let record = Role(id: makeID(), workspaceID: workspace.id, code: role.code, name: role.name, unitID: unitIDs[role.unit])
                try await OrganizationRepository.insert(record, into: db)
            }
            _ = try await CustomerModelRepository.mergeCustomerModel(db, workspaceID: workspace.id, DemoCustomerModel.model, makeID: makeID)
            let roleIDs = Dictionary(
                uniqueKeysWithValues: try await OrganizationRepository.roles(db, workspaceID: workspace.id).map { ($0.code, $0.id) })
            let people = try await ParticipantRepository.context(db, workspaceID: workspace.id)
            _ = try await ParticipantRepository.merge(
                db, workspaceID: workspace.id, try people.parse(file: "demo participants", text: DemoParticipants.csv), into: people,
                makeID: makeID)
            try await Self.insertDemoWaves(db, workspaceID: workspace.id, unitIDs: unitIDs, roleIDs: roleIDs, now: now, makeID: makeID)
            try await Self.insertDemoChange(db, workspaceID: workspace.id, now: now, makeID: makeID)
            try await Self.insertDemoOutsideView(db, workspaceID: workspace.id, now: now, makeID: makeID)
            try await Self.insertDemoLineOfSight(db, workspaceID: workspace.id, now: now, makeID: makeID)
            try await Self.insertDemoActions(db, workspaceID: workspace.id, now: now, makeID: makeID)
        }
        return workspace
    }

    private static func insertDemoWaves(
        _ db: any SQLDatabase, workspaceID: String, unitIDs: [String: String], roleIDs: [String: String], now: Int64,
        makeID: @Sendable () -> String
    ) async throws {
        let day: Int64 = 86_400
        for (number, wave) in DemoAssessment.waves().enumerated() {
            let campaignID = makeID()
            try await db.insert(into: "campaigns")
                .columns("id", "workspace_id", "name", "instrument_code", "instrument_source", "opens_at", "closes_at", "created_at")
                .values(
                    SQLBind(campaignID), SQLBind(workspaceID), SQLBind(wave.name), SQLBind(BuiltInInstruments.customerDNA.id),
                    SQLBind(BuiltInInstruments.customerDNASource), SQLBind(now - Int64(wave.openedDaysAgo) * day),
                    SQLBind(now - Int64(wave.closedDaysAgo) * day), SQLBind(now - Int64(wave.openedDaysAgo + 1) * day)
                ).run()
            for (unit, invited) in wave.invited.sorted(by: { $0.key < $1.key }) {
                try await db.insert(into: "campaign_units").columns("campaign_id", "unit_id", "invited")
                    .values(SQLBind(campaignID), SQLBind(unitIDs[unit]!), SQLBind(invited)).run()
            }
            let submitted = now - Int64(wave.closedDaysAgo + 2) * day
            try await CampaignRepository.insertResponses(
                db,
                wave.respondents.enumerated().map { index, respondent in
                    CampaignRepository.ResponseRow(
                        id: makeID(), campaignID: campaignID, respondentKey: "w\(number + 1)-\(index + 1)",
                        unitID: unitIDs[respondent.unit],
                        roleID: respondent.role.isEmpty ? nil : roleIDs[respondent.role], likert: respondent.likert,
                        outcome: respondent.outcome, source: "import", startedAt: submitted - Int64(index / 300) * 3600,
                        submittedAt: submitted, texts: respondent.texts)
                }, summed: false)
        }
    }

    /// A tension and an experiment on the Resources and Authority forces, so the force pages
    /// show how the assessment turns into change.
    private static func insertDemoChange(
        _ db: any SQLDatabase, workspaceID: String, now: Int64, makeID: @Sendable () -> String
    )
        async throws
    {
        let items:
            [(
                force: String, tension: String,
                experiment: (practice: String, hypothesis: String, participants: String, days: Int, review: String, outcome: String?)?
            )] = [
                (
                    "authority", "Claims above the handler's limit wait days for approval while the customer has no car.",
                    (
                        "Handlers may settle claims up to twice their limit and tell their lead afterwards.",
                        "Customers with mid-size claims will be paid days sooner without more leakage.", "Claims team B (12 handlers)", 42,
                        "2026-10-15", "Median time to settle mid-size claims fell from 9 to 4 days; leakage unchanged."
                    )
                ),
                (
                    "resources", "Budgets are fixed by department a year ahead, so money cannot follow what customers need.",
                    (
                        "A quarterly review moves up to 10% of the change budget to the customer outcome with the biggest gap.",
                        "Money will reach the outcomes customers rate most underserved within a quarter.", "Finance, Product & digital", 90,
                        "2027-01-20", nil
                    )
                ),
                ("compensation", "The bonus scheme rewards sales volume, not whether customers stay and are well covered.", nil),
            ]
        for item in items {
            let tensionID = makeID()
            try await db.insert(into: "tensions")
                .columns("id", "workspace_id", "campaign_id", "framework", "dimension", "text", "source", "created_at")
                .values(
                    SQLBind(tensionID), SQLBind(workspaceID), SQLBind(String?.none), SQLBind("os-canvas"), SQLBind(item.force),
                    SQLBind(item.tension), SQLBind("open-answer"), SQLBind(now - 200 * 86_400)
                ).run()
            guard let experiment = item.experiment else { continue }
            try await db.insert(into: "experiments")
                .columns(
                    "id", "workspace_id", "tension_id", "framework", "dimension", "practice", "hypothesis", "participants", "duration_days",
                    "review_on", "outcome", "created_at"
                )
                .values(
                    SQLBind(makeID()), SQLBind(workspaceID), SQLBind(tensionID), SQLBind("os-canvas"), SQLBind(item.force),
                    SQLBind(experiment.practice), SQLBind(experiment.hypothesis), SQLBind(experiment.participants),
                    SQLBind(experiment.days), SQLBind(experiment.review), SQLBind(experiment.outcome), SQLBind(now - 190 * 86_400)
                ).run()
        }
    }

    /// The outside view: a closed outcome study and top-tasks vote, two task-test rounds, the
    /// time ledger with its changes and a year of customer-metric answers.
    private static func insertDemoOutsideView(
        _ db: any SQLDatabase, workspaceID: String, now: Int64, makeID: @escaping @Sendable () -> String
    ) async throws {
        let day: Int64 = 86_400
        let model = DemoCustomerModel.model
        let outcomes = Dictionary(uniqueKeysWithValues: model.outcomes.map { ($0.code, $0) })
        let study = CustomerSurvey(
            id: makeID(), workspaceID: workspaceID, kind: .outcomeStudy, name: "Claims and cover outcome study 2026",
            opensAt: now - 120 * day,
            closesAt: now - 90 * day, openLink: nil, thresholds: TopTasks.Thresholds(), createdAt: now - 121 * day,
            items: DemoCustomerModel.studyOutcomes.map {
                CustomerSurvey.Item(code: $0.code, text: outcomes[$0.code]!.sentence, translations: outcomes[$0.code]!.translations)
            },
            publicTitle: "When something happens to your home or car: what matters to you?")
        try await SurveyRepository.insertSurvey(db, study)
        try await SurveyRepository.insertSurveyRespondents(
            db,
            SurveyRespondentRow.imported(ratings: DemoCustomerModel.studyRatings(), surveyID: study.id, at: now - 100 * day, makeID: makeID)
        )

        let vote = CustomerSurvey(
            id: makeID(), workspaceID: workspaceID, kind: .topTasks, name: "Top tasks 2026", opensAt: now - 80 * day,
            closesAt: now - 60 * day,
            openLink: nil, thresholds: TopTasks.Thresholds(), createdAt: now - 81 * day,
            items: model.tasks.map { CustomerSurvey.Item(code: $0.code, text: $0.title, translations: $0.translations) },
            publicTitle: "What do you come to \(DemoOrganization.name) for?")
        try await SurveyRepository.insertSurvey(db, vote)
        var random = SeededRandom(seed: 0x5407_7135)
        // Each voter saw the list in an order of their own, as on the vote page.
        let voters = SurveyRespondentRow.imported(votes: DemoCustomerModel.votes(), surveyID: vote.id, at: now - 70 * day, makeID: makeID)
            .map {
                var row = $0
                row.order = vote.items.map(\.code).shuffled(using: &random)
                return row
            }
        try await SurveyRepository.insertSurveyRespondents(db, voters)

        for test in DemoCustomerModel.taskTests {
            try await db.insert(into: "task_tests").columns(
                "id", "workspace_id", "code", "task_code", "question", "answer", "target_seconds"
            )
            .values(
                SQLBind(makeID()), SQLBind(workspaceID), SQLBind(test.code), SQLBind(test.taskCode), SQLBind(test.question),
                SQLBind(test.answer), SQLBind(test.targetSeconds)
            ).run()
        }
        for round in DemoCustomerModel.taskRounds() {
            let roundID = makeID()
            try await db.insert(into: "task_rounds").columns("id", "workspace_id", "name", "held_on", "created_at")
                .values(SQLBind(roundID), SQLBind(workspaceID), SQLBind(round.name), SQLBind(round.heldOn), SQLBind(now)).run()
            try await SurveyRepository.insertAttempts(db, roundID: roundID, round.attempts)
        }

        var stepIDs: [String: String] = [:]
        var journeyIDs: [String: String] = [:]
        for journey in DemoCustomerModel.journeys {
            let journeyID = makeID()
            journeyIDs[journey.code] = journeyID
            try await db.insert(into: "journeys").columns("id", "workspace_id", "code", "name", "segment")
                .values(SQLBind(journeyID), SQLBind(workspaceID), SQLBind(journey.code), SQLBind(journey.name), SQLBind(journey.segment))
                .run()
            for (position, step) in journey.steps.enumerated() {
                let stepID = makeID()
                stepIDs[journey.code + "/" + step.name] = stepID
                try await db.insert(into: "journey_steps")
                    .columns("id", "journey_id", "position", "name", "customer_minutes", "organization_minutes", "frequency", "customers")
                    .values(
                        SQLBind(stepID), SQLBind(journeyID), SQLBind(position), SQLBind(step.name), SQLBind(step.customerMinutes),
                        SQLBind(step.organizationMinutes), SQLBind(step.frequencyPerYear), SQLBind(step.customers)
                    ).run()
            }
        }
        for change in DemoCustomerModel.changes {
            _ = try await CustomerModelRepository.recordJourneyChange(
                db, journeyID: journeyIDs[change.journey]!, journey: change.journey, stepID: stepIDs[change.journey + "/" + change.step]!,
                title: change.title, date: change.date, customerMinutesAfter: change.customerAfter,
                organizationMinutesAfter: change.organizationAfter, now: now, id: makeID())
        }
        try await SurveyRepository.insertMetricAnswers(db, workspaceID: workspaceID, DemoCustomerModel.metricAnswers())
    }

    /// The line of sight and the improvement loop, through the same store functions the
    /// pages and the API use, so the demo obeys every rule they do.
    private static func insertDemoLineOfSight(
        _ db: any SQLDatabase, workspaceID: String, now: Int64, makeID: @escaping @Sendable () -> String
    ) async throws {
        let demo = DemoLineOfSight.content(now: now)
        for node in demo.nodes { _ = try await LineOfSightRepository.saveNode(db, workspaceID: workspaceID, node, makeID: makeID) }
        for edge in demo.edges { try await LineOfSightRepository.addEdge(db, workspaceID: workspaceID, from: edge.from, to: edge.to) }
        for metric in demo.metrics {
            let nodeID = try await metric.node.asyncMap { try await LineOfSightRepository.node(db, workspaceID: workspaceID, code: $0).id }
            try await LineOfSightRepository.insertMetric(db, workspaceID: workspaceID, id: makeID(), metric, nodeID: nodeID)
        }
        try await LineOfSightRepository.insertMeasurements(db, workspaceID: workspaceID, demo.measurements)
        for objective in demo.objectives {
            try await LineOfSightRepository.saveObjective(db, workspaceID: workspaceID, objective, id: makeID())
        }
        for card in demo.hypotheses { try await LineOfSightRepository.insertHypothesis(db, workspaceID: workspaceID, card, id: makeID()) }
        // Evidence first without decision links (the decisions are not there yet); the log
        // then cites it.
        for item in demo.evidence {
            _ = try await LineOfSightRepository.addEvidence(
                db, workspaceID: workspaceID, item, id: makeID(), frameworks: BuiltInFrameworks.all)
        }
        for decision in demo.decisions {
            _ = try await LineOfSightRepository.logDecision(db, workspaceID: workspaceID, decision, id: makeID())
        }
    }
}

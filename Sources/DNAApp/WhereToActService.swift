import DNACore
import DNAStore

/// Where to act (`WhereToAct`): the newest outcome study with answers, the newest wave with
/// answers, their drivers and the line of sight, read for the page and `GET .../where-to-act`.
public struct WhereToActService: WorkspaceUseCases {
    let store: Store

    public init(store: Store) { self.store = store }

    public func report(_ caller: Caller?, workspace slug: String) async throws -> WhereToAct.Report {
        try await access.reading(slug, caller) { workspace in
            let id = workspace.id
            var study: (name: String, scores: [OutcomeStudy.Score])?
            for survey in try await store.surveys.all(workspaceID: id).filter({ $0.kind == .outcomeStudy })
                .sorted(by: { $0.opensAt > $1.opensAt })
            {
                let scores = OutcomeStudy.score(try await store.surveys.outcomeRatings(surveyID: survey.id), bySegment: false)
                if !scores.isEmpty {
                    study = (survey.name, scores)
                    break
                }
            }
            let frameworks = try await store.frameworks.all(workspaceID: id)
            // The newest wave with answers, found by counting them; its answers are read once.
            var wave: (campaign: Campaign, instrument: Instrument, responses: AssessmentResponses)?
            for campaign in try await store.campaigns.all(workspaceID: id).sorted(by: { $0.opensAt > $1.opensAt })
            where try await store.campaigns.submittedCount(campaignID: campaign.id) > 0 {
                let instrument = try await store.campaigns.instrument(of: campaign)
                wave = (campaign, instrument, try await store.campaigns.assessmentResponses(campaign: campaign, instrument: instrument))
                break
            }
            var drivers: DriverAnalysis.Report?
            if let wave {
                do {
                    drivers = try await KeyDrivers.report(
                        store, workspace: workspace, campaign: wave.campaign, options: .init(target: "line-of-sight", breakdown: .unit),
                        responses: wave.responses)
                } catch StoreError.invalid {
                    drivers = nil  // a wave without forces or a line-of-sight item: the rest stands
                }
            }
            let model = try await store.customerModels.model(workspaceID: id)
            return WhereToAct.build(
                .init(
                    study: study?.name, scores: study?.scores ?? [],
                    outcomeText: Dictionary(model.outcomes.map { ($0.code, $0.sentence) }, uniquingKeysWith: { first, _ in first }),
                    campaign: wave?.campaign.name, instrument: wave?.instrument, responses: wave?.responses,
                    unitNames: Dictionary(
                        try await store.organization.units(workspaceID: id).map { ($0.code, $0.name) },
                        uniquingKeysWith: { first, _ in first }),
                    frameworks: frameworks, drivers: drivers, graph: try await store.lineOfSight.model(workspaceID: id),
                    minGroupSize: workspace.minGroupSize))
        }
    }
}

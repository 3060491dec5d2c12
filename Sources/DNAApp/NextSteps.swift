import DNACore
import DNAStore

/// What a workspace's people should do next, most pressing first: what the home page shows
/// instead of bare counters. Each step names the record it is about, so the page can link to
/// where the work is done.
public enum NextStep: Sendable, Equatable {
    /// Nothing to work with yet: the org chart, a first wave or the customer model.
    case start(Start)
    /// A wave taking answers, with how many of those invited have handed in.
    case waveRunning(campaignID: String, name: String, submitted: Int, invited: Int)
    /// The newest closed wave with enough answers to show results.
    case resultsReady(campaignID: String, name: String, submitted: Int)
    /// An outcome the newest study found underserved that no initiative of the line of sight
    /// works on.
    case underservedWithoutInitiative(outcome: String, text: String, opportunity: Double)
    /// A hypothesis still open after the day it was to be settled by.
    case hypothesisOverdue(code: String, change: String, by: String)

    public enum Start: String, Sendable {
        case orgChart, firstWave, customerModel
    }
}

/// The workspace home: the counts, and the next steps.
public struct WorkspaceHomeView: Sendable {
    public var summary: WorkspaceSummary
    public var steps: [NextStep]
}

extension WorkspaceService {
    /// The workspace's home: what it holds and what to do next, as of `now`.
    public func home(_ caller: Caller?, slug: String, now: Int64) async throws -> WorkspaceHomeView {
        let (summary, waves) = try await summaryAndWaves(caller, slug: slug)
        return WorkspaceHomeView(summary: summary, steps: try await NextSteps(store: store).steps(summary, waves: waves, now: now))
    }
}

/// Works out the next steps from the workspace's waves, studies, line of sight and hypotheses.
struct NextSteps {
    let store: Store
    /// Underserved outcomes listed at most, so the home stays short.
    static let outcomesShown = 3

    func steps(_ summary: WorkspaceSummary, waves: [Campaign], now: Int64) async throws -> [NextStep] {
        let workspace = summary.workspace
        var steps: [NextStep] = []
        if summary.units == 0 { steps.append(.start(.orgChart)) }
        if summary.units > 0, summary.campaigns == 0 { steps.append(.start(.firstWave)) }

        var newestClosed: (Campaign, CampaignProgress)?
        for campaign in waves.sorted(by: { $0.opensAt > $1.opensAt }) {
            switch campaign.state(at: now) {
            case .open:
                let progress = try await store.campaigns.campaignProgress(workspace: workspace, campaignID: campaign.id)
                steps.append(
                    .waveRunning(campaignID: campaign.id, name: campaign.name, submitted: progress.submitted, invited: progress.invited))
            case .closed where newestClosed == nil:
                newestClosed = (campaign, try await store.campaigns.campaignProgress(workspace: workspace, campaignID: campaign.id))
            default:
                break
            }
        }
        if let (campaign, progress) = newestClosed, progress.submitted >= workspace.minGroupSize {
            steps.append(.resultsReady(campaignID: campaign.id, name: campaign.name, submitted: progress.submitted))
        }

        let model = try await store.customerModels.model(workspaceID: workspace.id)
        if model.outcomes.isEmpty { steps.append(.start(.customerModel)) }
        steps += try await underservedWithoutInitiative(workspace, model)

        let today = CalendarDay.string(now)
        for hypothesis in try await store.lineOfSight.hypotheses(workspaceID: workspace.id).sorted(by: {
            ($0.by ?? "", $0.code) < ($1.by ?? "", $1.code)
        })
        where !hypothesis.status.isClosed {
            if let by = hypothesis.by, by < today {
                steps.append(.hypothesisOverdue(code: hypothesis.code, change: hypothesis.change, by: by))
            }
        }
        return steps
    }

    /// The newest outcome study's underserved outcomes, most underserved first, that no
    /// initiative has an edge to.
    private func underservedWithoutInitiative(_ workspace: Workspace, _ model: CustomerModel) async throws -> [NextStep] {
        let studies = try await store.surveys.all(workspaceID: workspace.id).filter { $0.kind == .outcomeStudy }
        for study in studies.sorted(by: { $0.opensAt > $1.opensAt }) {
            let scores = OutcomeStudy.score(try await store.surveys.outcomeRatings(surveyID: study.id), bySegment: false)
            guard !scores.isEmpty else { continue }
            let graph = try await store.lineOfSight.model(workspaceID: workspace.id)
            let initiatives = Set(graph.nodes.filter { $0.type == .initiative }.map(\.code))
            let served = Set(graph.edges.filter { initiatives.contains($0.from) }.map(\.to))
            let sentences = Dictionary(model.outcomes.map { ($0.code, $0.sentence) }, uniquingKeysWith: { first, _ in first })
            return
                scores
                .filter { $0.status == .underserved && !served.contains($0.outcome) }
                .sorted { ($0.opportunity, $1.outcome) > ($1.opportunity, $0.outcome) }
                .prefix(Self.outcomesShown)
                .map {
                    .underservedWithoutInitiative(
                        outcome: $0.outcome, text: sentences[$0.outcome] ?? $0.outcome, opportunity: $0.opportunity)
                }
        }
        return []
    }
}

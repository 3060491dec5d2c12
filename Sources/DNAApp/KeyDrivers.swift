import DNACore
import DNAStore
import Foundation
import Synchronization

/// Key drivers of a wave from its stored responses (`DriverAnalysis`, the code of `cdna analyze
/// drivers`), for the results page and the API.
extension CampaignService {
    public func drivers(
        _ caller: Caller?, workspace slug: String, campaign id: String, options given: DriverAnalysis.Options
    ) async throws -> DriverAnalysis.Report {
        try await access.reading(slug, caller) { workspace in
            try await KeyDrivers.report(
                store, workspace: workspace, campaign: try await store.campaigns.campaign(workspaceID: workspace.id, id: id), options: given
            )
        }
    }
}

enum KeyDrivers {
    /// `responses`, when the caller has read them already, are not read again.
    static func report(
        _ store: Store, workspace: Workspace, campaign: Campaign, options given: DriverAnalysis.Options,
        responses read: AssessmentResponses? = nil
    ) async throws -> DriverAnalysis.Report {
        let frameworks = try await store.frameworks.all(workspaceID: workspace.id)
        var options = given
        options.minGroupSize = workspace.minGroupSize
        options.frameworks = frameworks
        options.parallelism = ProcessInfo.processInfo.activeProcessorCount
        // A target or framework the instrument lacks is refused before anything else is read:
        // a results page asks for line of sight whether the wave has the item or not.
        let instrument = try await store.campaigns.instrument(of: campaign)
        do {
            try DriverAnalysis.check(instrument: instrument, options: options)
        } catch {
            throw fieldProblem(error)
        }
        // Handed-in responses are only ever added, so their count (with the number of units
        // and roles they are grouped by) says whether a kept analysis still holds.
        let key = KeyDriverCache.Key(
            campaign: campaign.id, target: options.target, framework: options.framework, breakdown: options.breakdown,
            minGroupSize: options.minGroupSize, seed: options.seed,
            submitted: try await store.campaigns.submittedCount(campaignID: campaign.id),
            organization: try await store.campaigns.groupCount(workspaceID: workspace.id))
        if let kept = KeyDriverCache.shared.value(for: key) { return kept }
        let responses: AssessmentResponses
        if let read {
            responses = read
        } else {
            responses = try await store.campaigns.assessmentResponses(campaign: campaign, instrument: instrument)
        }
        let report: DriverAnalysis.Report
        do {
            report = try DriverAnalysis.analyze(instrument: instrument, responses: responses, options: options)
        } catch {
            throw fieldProblem(error)
        }
        KeyDriverCache.shared.keep(report, for: key)
        return report
    }

    /// The analysis names the command's option ("--target x: ..."); here it is a field.
    static func fieldProblem(_ problem: DriverAnalysis.Problem) -> StoreError {
        .invalid(String(problem.description.trimmingPrefix("--")))
    }
}

/// Analyses that take a second or more on a large wave or study (a bootstrap, a clustering),
/// while a results page is read far more often than its data change: the last ones are kept
/// in this process, each under what it was computed from, so a changed input is a new key.
final class KeptAnalyses<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// Analyses kept at most; past it the cache starts again empty.
    static var capacity: Int { 64 }
    private let values = Mutex<[Key: Value]>([:])

    func value(for key: Key) -> Value? { values.withLock { $0[key] } }

    func keep(_ value: Value, for key: Key) {
        values.withLock { values in
            if values.count >= Self.capacity { values.removeAll() }
            values[key] = value
        }
    }
}

enum KeyDriverCache {
    struct Key: Hashable, Sendable {
        var campaign, target, framework: String
        var breakdown: AssessmentScoring.Breakdown
        var minGroupSize: Int
        var seed: UInt64
        var submitted, organization: Int
    }

    static let shared = KeptAnalyses<Key, DriverAnalysis.Report>()
}

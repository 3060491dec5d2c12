import DNACore
import DNAStore
import Foundation
import Logging

/// A wave's reminder days (set through `CampaignService`) are run by whichever `cdna serve`
/// that sends mail gets to them first.
extension InvitationService {
    /// One reminder day that ran, and how many it reminded.
    public struct ReminderRun: Equatable, Sendable {
        public var campaignID: String
        public var day: Int
        public var reminded: Int
    }

    /// Runs every reminder day that has come, once each across all servers: the invited who
    /// have not handed in get the reminder in their language, naming `contact`. A wave that
    /// fails (it was deleted meanwhile) does not stop the others.
    public func remindDue(now: Int64, contact: String, logger: Logger? = nil) async throws -> [ReminderRun] {
        var runs: [ReminderRun] = []
        for due in try await store.invitations.dueReminders(now: now) {
            do {
                let workspace = try await store.workspaces.workspace(id: due.workspaceID)
                let campaign = try await store.campaigns.campaign(workspaceID: workspace.id, id: due.campaignID)
                let key = linkKey
                let compose = try await composer(workspace: workspace, campaign: campaign, contact: contact, reminder: true, now: now)
                let reminded = try await Caller.scheduler.acting {
                    try await store.invitations.remind(
                        workspaceID: workspace.id, campaignID: campaign.id, now: now, day: due.day,
                        link: { Self.secret(for: $0, key: key) }, compose: compose)
                }
                if let reminded { runs.append(ReminderRun(campaignID: campaign.id, day: due.day, reminded: reminded)) }
            } catch {
                logger?.error(
                    "a reminder day failed", metadata: ["campaign": "\(due.campaignID)", "day": "\(due.day)", "error": "\(error)"])
            }
        }
        return runs
    }

    /// Runs due reminder days every `interval` seconds until cancelled.
    public func runReminders(contact: String, now: @escaping @Sendable () -> Int64, interval: Double = 60, logger: Logger) async {
        await repeating(every: interval, logger: logger, failure: "could not read the reminder days") {
            for run in try await remindDue(now: now(), contact: contact, logger: logger) {
                logger.info(
                    "reminded by schedule", metadata: ["campaign": "\(run.campaignID)", "day": "\(run.day)", "reminded": "\(run.reminded)"])
            }
        }
    }
}

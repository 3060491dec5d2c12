import ArgumentParser
import DNAApp
import DNACore
import DNAStore
import Foundation

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show a workspace's audit log, newest first: who changed what, when, and through what (page, api, cli).")
    @Option(help: "Only entries at or after this time: unix seconds or a date YYYY-MM-DD (UTC).") var since: String?
    @Option(help: "At most this many entries (1-\(AuditLogRepository.auditPageLimit)).") var limit: Int = 100
    @Flag(help: "One JSON object per line (keys at, actor, via, action, record, summary) instead of columns.") var json = false
    @OptionGroup var workspace: WorkspaceOptions

    func validate() throws {
        guard (1...AuditLogRepository.auditPageLimit).contains(limit) else {
            throw ValidationError("--limit must be from 1 to \(AuditLogRepository.auditPageLimit)")
        }
        if let since, Int64(since) == nil, CalendarDay.start(since) == nil {
            throw ValidationError("--since must be unix seconds or a date written YYYY-MM-DD")
        }
    }

    func run() async throws {
        try await runCommand {
            try await workspace.database.withStore { store in
                let start = since.flatMap { Int64($0) ?? CalendarDay.start($0) }
                let entries = try await WorkspaceService(store: store).auditLog(
                    .commandLine, workspace: workspace.workspace, since: start, limit: limit)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                for entry in entries {
                    if json {
                        Console.out(String(decoding: try encoder.encode(entry), as: UTF8.self))
                    } else {
                        let time = Date(timeIntervalSince1970: TimeInterval(entry.at)).formatted(.iso8601)
                        let columns = [time, entry.actor, entry.via.rawValue, entry.action, entry.record, entry.summary]
                        Console.out(columns.map(Self.oneLine).joined(separator: "\t"))
                    }
                }
            }
        }
    }

    /// A column as one line: names people typed may hold tabs or line breaks, which would
    /// break the columns (and could fake an entry).
    static func oneLine(_ text: String) -> String {
        String(text.unicodeScalars.map { CharacterSet.controlCharacters.contains($0) ? " " : Character($0) })
    }
}

import DNACore
import DNAStore
import DNATestSupport
import Foundation
import Testing

@testable import DNAApp

/// The workspace archive: a whole workspace as one document, moved between databases and
/// back without a difference, and refused whole when any part of it is wrong.
@Suite("Workspace archive")
struct WorkspaceArchiveTests {
    static let now: Int64 = 1_800_000_000
    static let operatorCaller = Caller.commandLine(login: "ops")

    /// The demo goes SQLite -> PostgreSQL -> SQLite (SQLite -> SQLite -> SQLite where no
    /// PostgreSQL runs): each export is the first apart from `exported_at`, and the
    /// scorecards, study results and line-of-sight check read the same everywhere.
    @Test("the demo moves SQLite -> PostgreSQL -> SQLite with the same document and the same results")
    func roundTrip() async throws {
        let middle = TestDatabase.available.last!
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = directory + "/first.json", second = directory + "/second.json", third = directory + "/third.json"
        let original = try await TestDatabase.sqlite.withStore { store in
            let demo = try await store.loadDemo(now: Self.now)
            // What the demo does not set up travels too: the groups single sign-on maps.
            let workspace = try await store.workspaces.workspace(slug: demo.slug)
            try await store.singleSignOn.setGroupRole(workspaceID: workspace.id, group: "harbor-leads", access: .admin)
            try await store.singleSignOn.setGroupRole(workspaceID: workspace.id, group: "Harbor \"analysts\"", access: .analyst)
            let summary = try await Self.export(store, demo.slug, to: first)
            #expect(summary.rows.first { $0.table == "responses" }!.count > 500)
            #expect(summary.rows.first { $0.table == "sso_group_roles" }?.count == 2)
            return try await Self.results(store, demo.slug)
        }
        let moved = try await middle.withStore { store in
            _ = try await store.accounts.createUser(email: "ops@x.test", name: "Ops", passwordHash: "-", instanceAdmin: true, now: 1)
            let summary = try await WorkspaceService(store: store).importArchive(Self.operatorCaller, path: first)
            #expect(summary.workspace.slug == DemoOrganization.slug)
            _ = try await Self.export(store, summary.workspace.slug, to: second)
            return try await Self.results(store, summary.workspace.slug)
        }
        let back = try await TestDatabase.sqlite.withStore { store in
            let summary = try await WorkspaceService(store: store).importArchive(Self.operatorCaller, path: second)
            _ = try await Self.export(store, summary.workspace.slug, to: third)
            return try await Self.results(store, summary.workspace.slug)
        }
        let documents = try [first, second, third].map { try Self.withoutExportTime(String(contentsOfFile: $0, encoding: .utf8)) }
        #expect(documents[0] == documents[1], "the export after \(middle) differs from the original")
        #expect(documents[0] == documents[2], "the export after the way back differs from the original")
        #expect(original == moved && original == back)
        #expect(original.count >= 4 && original.allSatisfy { $0.count > 100 })
    }

    @Test("a copy beside the original gets new ids and no links of the original; the original stays as it was")
    func copyBeside() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/demo.json"
        try await TestDatabase.sqlite.withStore { store in
            let demo = try await store.loadDemo(now: Self.now)
            _ = try await Self.export(store, demo.slug, to: path)
            let service = WorkspaceService(store: store)
            // The same slug is refused with the way out named.
            await #expect(throws: StoreError.self) { _ = try await service.importArchive(Self.operatorCaller, path: path) }
            let copy = try await service.importArchive(Self.operatorCaller, path: path, slug: "harbor-copy")
            #expect(copy.workspace.slug == "harbor-copy" && copy.workspace.id != demo.id)
            // The same figures; where they name a unit or a wave by its id, the copy's id stands.
            let copied = try await Self.results(store, "harbor-copy").map(Self.withoutIDs)
            #expect(copied == (try await Self.results(store, demo.slug)).map(Self.withoutIDs))
            // The copy's archive holds none of the original's row ids.
            let copyPath = path + ".copy"
            _ = try await Self.export(store, "harbor-copy", to: copyPath)
            let originalIDs = Self.ids(try String(contentsOfFile: path, encoding: .utf8))
            let copyIDs = Self.ids(try String(contentsOfFile: copyPath, encoding: .utf8))
            #expect(!copyIDs.isEmpty && originalIDs.isDisjoint(with: copyIDs))
        }
    }

    @Test("a file name ending in .gz is written and read compressed; a cut one is refused")
    func gzip() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let plain = directory + "/demo.json", packed = directory + "/demo.json.gz", cut = directory + "/cut.json.gz"
        try await TestDatabase.sqlite.withStore { store in
            let demo = try await store.loadDemo(now: Self.now)
            _ = try await Self.export(store, demo.slug, to: plain)
            let exported = try await Self.export(store, demo.slug, to: packed)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: packed))
            #expect(bytes.prefix(2) == Data([0x1f, 0x8b]))
            #expect(bytes.count * 4 < (try Data(contentsOf: URL(fileURLWithPath: plain))).count)
            try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: cut))
            let service = WorkspaceService(store: store)
            let copy = try await service.importArchive(Self.operatorCaller, path: packed, slug: "packed")
            #expect(copy.totalRows == exported.totalRows && copy.rows.map(\.count) == exported.rows.map(\.count))
            do {
                _ = try await service.importArchive(Self.operatorCaller, path: cut, slug: "cut")
                Issue.record("a cut gzip file was imported")
            } catch {
                #expect("\(error)".contains("cannot be decompressed"), "\(error)")
            }
            #expect(try await store.workspaces.all().map(\.slug).sorted() == ["harbor", "packed"])
        }
    }

    @Test("a damaged, foreign, newer or wrong archive imports nothing and says where", arguments: TestDatabase.available)
    func refused(database: TestDatabase) async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let good = directory + "/good.json"
        let text = try await TestDatabase.sqlite.withStore { store in
            let demo = try await store.loadDemo(now: Self.now)
            _ = try await Self.export(store, demo.slug, to: good)
            return try String(contentsOfFile: good, encoding: .utf8)
        }
        let lines = text.components(separatedBy: "\n")
        let responseLine = lines.firstIndex { $0.hasPrefix("{\"id\":") && $0.contains("\"likert\":") }!
        var badType = lines
        badType[responseLine] = badType[responseLine].replacingOccurrences(
            of: #""started_at":[0-9]+"#, with: #""started_at":"soon""#, options: .regularExpression)
        var unknownColumn = lines
        unknownColumn[responseLine] = "{\"mood\":\"fine\"," + unknownColumn[responseLine].dropFirst()
        var badReference = lines
        let roleLine = lines.firstIndex { $0.contains("\"unit_id\":") && $0.contains("\"code\":") && !$0.contains("\"email\":") }!
        badReference[roleLine] = badReference[roleLine].replacingOccurrences(
            of: #""unit_id":"[^"]*""#, with: #""unit_id":"no-such-unit""#, options: .regularExpression)
        let cases: [(name: String, content: String, says: String)] = [
            ("cut", String(text.prefix(text.count / 2)), "ends in the middle"),
            ("foreign", #"{"format":"something-else","version":1,"tables":{}}"#, "is not a CustomerDNA workspace archive"),
            ("newer", text.replacingOccurrences(of: "\"version\":1,", with: "\"version\":2,"), "newer CustomerDNA (archive version 2)"),
            ("type", badType.joined(separator: "\n"), "table responses, row 1: started_at must be a whole number"),
            ("column", unknownColumn.joined(separator: "\n"), "unknown column \"mood\""),
            ("reference", badReference.joined(separator: "\n"), "unit_id 'no-such-unit' is not a row of units"),
            (
                "unknown table", text.replacingOccurrences(of: "\"units\":[", with: "\"unicorns\":[]],\"units\":["),
                "unknown table \"unicorns\""
            ),
        ]
        try await database.withStore { store in
            let service = WorkspaceService(store: store)
            for (name, content, says) in cases {
                let path = directory + "/\(name).json"
                try content.write(toFile: path, atomically: true, encoding: .utf8)
                do {
                    _ = try await service.importArchive(Self.operatorCaller, path: path)
                    Issue.record("the \(name) archive was imported")
                } catch {
                    #expect("\(error)".contains(says), "\(name): \(error)")
                }
                // Nothing of it stayed.
                #expect(try await store.workspaces.all().isEmpty, "\(name) left a workspace behind")
            }
            // A person who is not an instance administrator may not restore.
            let ann = try await store.accounts.createUser(email: "ann@x.test", name: "Ann", passwordHash: "-", instanceAdmin: false, now: 1)
            await #expect(throws: AccessError.self) { _ = try await service.importArchive(.person(ann, via: .api), path: good) }
        }
    }

    // MARK: - helpers

    static func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cdna-archive-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func export(_ store: Store, _ slug: String, to path: String) async throws -> ArchiveSummary {
        let (output, close) = try ArchiveOutput.file(path)
        defer { try? close() }
        return try await WorkspaceService(store: store).exportArchive(operatorCaller, workspace: slug, to: output, now: now)
    }

    static func withoutExportTime(_ document: String) -> String {
        document.replacingOccurrences(of: #""exported_at":"[^"]*""#, with: "", options: .regularExpression)
    }

    static func withoutIDs(_ text: String) -> String {
        text.replacingOccurrences(
            of: "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", with: "ID", options: .regularExpression)
    }

    static func ids(_ document: String) -> Set<String> {
        Set(document.matches(of: /"id":"([^"]+)"/).map { String($0.1) })
    }

    /// Every wave's scorecard by unit, every study's results and the line-of-sight check, as
    /// JSON: what an analyst reads, which must not change with the database.
    static func results(_ store: Store, _ slug: String) async throws -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var out: [String] = []
        for campaign in try await CampaignService(store: store).campaigns(operatorCaller, workspace: slug).sorted(by: { $0.name < $1.name })
        {
            let scorecard = try await CampaignService(store: store).scorecard(
                operatorCaller, workspace: slug, campaign: campaign.id, breakdown: .unit)
            out.append(campaign.name + ": " + String(decoding: try encoder.encode(scorecard.result), as: UTF8.self))
        }
        let surveys = try await SurveyService(store: store).surveys(operatorCaller, workspace: slug)
        for (survey, _) in surveys.sorted(by: { $0.survey.name < $1.survey.name }) {
            let results = try await SurveyService(store: store).results(operatorCaller, workspace: slug, survey: survey.id, segment: nil)
            out.append(survey.name + ": " + String(decoding: try encoder.encode(results), as: UTF8.self))
        }
        let check = try await LineOfSightService(store: store).check(operatorCaller, workspace: slug)
        out.append("check: " + String(decoding: try encoder.encode(check), as: UTF8.self))
        return out
    }
}

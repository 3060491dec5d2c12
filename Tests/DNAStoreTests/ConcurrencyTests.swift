import DNACore
import DNATestSupport
import Foundation
import Synchronization
import Testing

@testable import DNAStore

/// Many writers at once must neither hang nor fail (issue 12): on SQLite they queue at the
/// store's gate instead of spinning inside SQLite on the few threads that run it.
@Suite("Concurrent writers")
struct ConcurrencyTests {
    // Alone it takes under a second; beside the whole suite on two busy cores it has taken
    // 25 s to over 60 s (every store's SQLite calls share one thread pool). The limit is there
    // to catch a writer that never finishes, which is what this guards against.
    @Test("64 concurrent write transactions and reads all finish", .timeLimit(.minutes(3)), arguments: TestDatabase.available)
    func manyWriters(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await store.workspaces.create(slug: "acme", name: "Acme", now: 1)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<64 {
                    group.addTask {
                        _ = try await store.organization.importOrgChart(
                            workspaceID: workspace.id, file: "org.csv", text: "unit,parent,name\nu\(index),,Unit \(index)\n")
                        _ = try await store.organization.units(workspaceID: workspace.id)
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await store.organization.units(workspaceID: workspace.id).count == 64)
        }
    }

    @Test("the gate admits one writer at a time, in order, and refuses past its limit")
    func gate() async throws {
        let gate = WriteGate(limit: 1)
        try await gate.acquire()
        let order = OrderLog()
        let waiter = Task {
            try await gate.acquire()
            await order.append("second")
            gate.release()
        }
        while gate.waiting == 0 { await Task.yield() }
        await #expect(throws: StoreError.busy("too many writes are waiting; try again in a moment")) { try await gate.acquire() }
        await order.append("first")
        gate.release()
        try await waiter.value
        #expect(await order.entries == ["first", "second"])
        try await gate.acquire()
        gate.release()
    }
}

actor OrderLog {
    var entries: [String] = []
    func append(_ entry: String) { entries.append(entry) }
}

/// The streaming import (P4): a file read in small chunks keeps the rules of a file read at once.
@Suite("Streaming import")
struct StreamingImportTests {
    @Test("a repeat in a later chunk is found, located, and nothing is written", arguments: TestDatabase.available)
    func repeatAcrossChunks(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup: 40 respondents read 256 bytes at a time; r7 comes back on line 42
            let setup = try await AssessmentStoreTests.setUp(store)
            let people = (1...40).map { ("r\($0)", "sales", ["4", "5", "2"]) } + [("r7", "team", ["1", "1", "1"])]
            let csv = AssessmentStoreTests.csv(people)
            let source = ResponseFileSource(CSVChunks(file: "big.csv", bytes: Array(csv.utf8), chunkSize: 256))
            let reports = Reports()
            // MUT
            let problems = await #expect(throws: FileProblems.self) {
                try await store.campaigns.importResponses(
                    workspaceID: setup.workspace.id, campaignID: setup.campaign.id, source: source, now: 1_000_000
                ) { rows, bytes in reports.add(rows, bytes) }
            }
            // validation
            #expect(problems?.description == "big.csv:42:1: respondent 'r7' is already in this campaign; each respondent is imported once")
            #expect(
                try await store.campaigns.assessmentResponses(campaign: setup.campaign, instrument: AssessmentStoreTests.instrument)
                    .respondents
                    .isEmpty)
            #expect(reports.count > 3, "progress is reported after every chunk")

            let good = ResponseFileSource(
                CSVChunks(file: "good.csv", bytes: Array(AssessmentStoreTests.csv(Array(people.dropLast())).utf8), chunkSize: 256))
            #expect(
                try await store.campaigns.importResponses(
                    workspaceID: setup.workspace.id, campaignID: setup.campaign.id, source: good, now: 1_000_000) == 40)
        }
    }

    @Test("an import that fails while the next chunk is being read stops reading before it returns", arguments: TestDatabase.available)
    func stopsReadingOnFailure(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup: r1...r60 are stored already; the file names them again first, then 240 more,
            // 64 bytes a read, so the report is full (50) long before the end of the file
            let setup = try await AssessmentStoreTests.setUp(store)
            let first = AssessmentStoreTests.csv((1...60).map { ("r\($0)", "sales", ["4", "4", "4"]) })
            _ = try await store.campaigns.importResponses(
                workspaceID: setup.workspace.id, campaignID: setup.campaign.id, file: "a.csv", text: first, now: 1)
            let bytes = Array(AssessmentStoreTests.csv((1...300).map { ("r\($0)", "sales", ["4", "5", "2"]) }).utf8)
            let counter = ReadCounter()
            var offset = 0
            let source = ResponseFileSource(
                CSVChunks(file: "b.csv", chunkSize: 64) { count in
                    counter.read()
                    defer { offset = min(bytes.count, offset + count) }
                    return Array(bytes[offset..<min(bytes.count, offset + count)])
                })
            // MUT
            await #expect(throws: FileProblems.self) {
                _ = try await store.campaigns.importResponses(
                    workspaceID: setup.workspace.id, campaignID: setup.campaign.id, source: source, now: 1)
            }
            counter.importReturned()
            try await Task.sleep(for: .milliseconds(200))
            // validation: it stopped early, and read nothing once it had returned
            #expect(counter.reads > 1 && counter.reads < bytes.count / 64)
            #expect(counter.late == 0)
        }
    }

    @Test(
        "a file bad on every row, read in small chunks while earlier ones are written, reports its first 50 problems in order",
        arguments: TestDatabase.available)
    func firstFiftyProblems(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup: 400 respondents, every one with an answer of 7, read 256 bytes at a time
            let setup = try await AssessmentStoreTests.setUp(store)
            let csv = AssessmentStoreTests.csv((1...400).map { ("r\($0)", "sales", ["7", "4", "4"]) })
            let source = ResponseFileSource(CSVChunks(file: "bad.csv", bytes: Array(csv.utf8), chunkSize: 256))
            // MUT
            let problems = await #expect(throws: FileProblems.self) {
                try await store.campaigns.importResponses(
                    workspaceID: setup.workspace.id, campaignID: setup.campaign.id, source: source, now: 1)
            }
            // validation: lines 2-51, one each, and reading stopped soon after (not all 400)
            #expect(problems?.problems.map(\.line) == Array(2...51))
            #expect((problems?.total ?? 0) < 100)
            #expect(
                try await store.campaigns.assessmentResponses(campaign: setup.campaign, instrument: AssessmentStoreTests.instrument)
                    .respondents
                    .isEmpty)
        }
    }
}

/// Counts the reads of a file, and which of them came after the import returned.
final class ReadCounter: Sendable {
    private let state = Mutex<(reads: Int, returned: Bool, late: Int)>((0, false, 0))
    func read() {
        state.withLock {
            $0.reads += 1; if $0.returned { $0.late += 1 }
        }
    }
    func importReturned() { state.withLock { $0.returned = true } }
    var late: Int { state.withLock { $0.late } }
    var reads: Int { state.withLock { $0.reads } }
}

final class Reports: Sendable {
    private let entries = Mutex<[(Int, Int)]>([])
    func add(_ rows: Int, _ bytes: Int) { entries.withLock { $0.append((rows, bytes)) } }
    var count: Int { entries.withLock { $0.count } }
}

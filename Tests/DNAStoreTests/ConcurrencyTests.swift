import DNACore
import DNATestSupport
import Foundation
import Testing

@testable import DNAStore

/// Many writers at once must neither hang nor fail (issue 12): on SQLite they queue at the
/// store's gate instead of spinning inside SQLite on the few threads that run it.
@Suite("Concurrent writers")
struct ConcurrencyTests {
    @Test("64 concurrent write transactions and reads all finish", .timeLimit(.minutes(1)), arguments: TestDatabase.available)
    func manyWriters(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await store.createWorkspace(slug: "acme", name: "Acme", now: 1)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<64 {
                    group.addTask {
                        _ = try await store.importOrgChart(
                            workspaceID: workspace.id, file: "org.csv", text: "unit,parent,name\nu\(index),,Unit \(index)\n")
                        _ = try await store.units(workspaceID: workspace.id)
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await store.units(workspaceID: workspace.id).count == 64)
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

import Synchronization

/// Lets one SQLite write transaction run at a time in this process, in arrival order.
///
/// SQLite allows one writer per database. Without a gate, every waiting writer sits inside
/// `sqlite3_step` on one of the few threads that run SQLite calls, so the writer holding the
/// lock may find no thread free to COMMIT and the server stops for good. Waiting here costs
/// no thread. When `limit` writers already wait, the next is refused at once
/// (`StoreError.busy`), which the server answers with 503 and Retry-After instead of queueing
/// without end.
final class WriteGate: Sendable {
    private struct State {
        var busy = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())
    let limit: Int

    init(limit: Int) { self.limit = limit }

    func acquire() async throws(StoreError) {
        enum Admission { case now, wait, refused }
        let admission: Admission = state.withLock { state in
            if !state.busy {
                state.busy = true
                return .now
            }
            return state.waiters.count >= limit ? .refused : .wait
        }
        switch admission {
        case .now: return
        case .refused: throw StoreError.busy("too many writes are waiting; try again in a moment")
        case .wait:
            await withCheckedContinuation { continuation in
                let admitted = state.withLock { state -> Bool in
                    // The holder may have left between the two locks.
                    if !state.busy {
                        state.busy = true
                        return true
                    }
                    state.waiters.append(continuation)
                    return false
                }
                if admitted { continuation.resume() }
            }
        }
    }

    /// How many writers wait (for tests and metrics).
    var waiting: Int { state.withLock { $0.waiters.count } }

    /// Hands the gate to the longest waiter, or opens it.
    func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiters.isEmpty {
                state.busy = false
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.resume()
    }
}

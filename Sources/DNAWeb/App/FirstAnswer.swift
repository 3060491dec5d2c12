import Synchronization

/// Waits for `work` at most `limit`, then answers `fallback` and leaves `work` to finish on
/// its own. Unlike a task group, which waits for every child, this never waits longer than
/// the limit, even when `work` is stuck in a blocking call.
enum FirstAnswer {
    static func within<T: Sendable>(
        _ limit: Duration, default fallback: T, _ work: @escaping @Sendable () async -> T
    ) async -> T {
        await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
            let pending = Mutex<CheckedContinuation<T, Never>?>(continuation)
            let answer: @Sendable (T) -> Void = { value in pending.withLock { $0.take() }?.resume(returning: value) }
            Task { answer(await work()) }
            Task {
                try? await Task.sleep(for: limit)
                answer(fallback)
            }
        }
    }
}

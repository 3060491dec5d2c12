import Synchronization

/// Answers to the reads every API call repeats (which user a token acts for, where a response
/// goes), kept for a moment so a burst of calls is not a burst of reads (P3 in BENCHMARKS.md).
///
/// An answer is dropped at once when this process changes anything (`Store.write` moves the
/// store's change count, and an entry read before that change no longer matches it), and in
/// any case after `lifetime`, which bounds how long a change made by another process sharing
/// the database (a revoked token, a removed member, a closed wave) can go unseen.
final class ShortLivedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        var value: Value
        var expires: ContinuousClock.Instant
        var changeCount: UInt64
    }
    private let entries = Mutex<[Key: Entry]>([:])
    let lifetime: Duration
    /// Entries kept at most; past it the cache starts again empty, which bounds its memory
    /// whatever keys callers send (a flood of made-up tokens stores nothing, see `value`).
    let capacity: Int

    init(lifetime: Duration, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The kept answer for `key` if it was read after the last change this process made and
    /// is younger than `lifetime`.
    func value(for key: Key, changeCount: UInt64) -> Value? {
        let now = ContinuousClock.now
        return entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            guard entry.changeCount == changeCount, entry.expires > now else {
                entries[key] = nil
                return nil
            }
            return entry.value
        }
    }

    /// Keeps `value`, read when the store's change count was `changeCount` (taken before the
    /// read began, so a change committed during the read makes the entry stale at once).
    func keep(_ value: Value, for key: Key, changeCount: UInt64) {
        let expires = ContinuousClock.now + lifetime
        entries.withLock { entries in
            if entries.count >= capacity, entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(value: value, expires: expires, changeCount: changeCount)
        }
    }

    /// Changes a kept answer in place (for example a token's last use just recorded).
    func update(_ key: Key, _ change: (inout Value) -> Void) {
        entries.withLock { entries in
            guard var entry = entries[key] else { return }
            change(&entry.value)
            entries[key] = entry
        }
    }
}

/// Group commit for responses sent one by one (`POST .../responses`): each waits while the
/// batch before it commits, then everything that arrived meanwhile is written in one
/// transaction, and each is acknowledged only after that commit. One commit serves many
/// responses, so SQLite's single writer is not the limit of how many can be taken per second.
/// A batch that fails is written again one response at a time, so one bad response (a
/// respondent already in the campaign) fails alone.
actor ResponseBatcher {
    private unowned let store: Store
    private var pending: [(row: CampaignRepository.ResponseRow, done: CheckedContinuation<Void, any Error>)] = []
    private var flushing = false
    static let maximumBatch = 500

    init(store: Store) { self.store = store }

    func submit(_ row: CampaignRepository.ResponseRow) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            pending.append((row, continuation))
            if !flushing {
                flushing = true
                Task { await flush() }
            }
        }
    }

    private func flush() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(Self.maximumBatch))
            pending.removeFirst(batch.count)
            let rows = batch.map(\.row)
            do {
                try await store.write(changingCachedReads: false) { db in
                    try await CampaignRepository.insertResponses(db, rows, summed: false)
                }
                for entry in batch { entry.done.resume() }
            } catch {
                for entry in batch {
                    do {
                        let row = entry.row
                        try await store.write(changingCachedReads: false) { db in
                            try await CampaignRepository.insertResponses(db, [row], summed: false)
                        }
                        entry.done.resume()
                    } catch {
                        entry.done.resume(throwing: error)
                    }
                }
            }
        }
        flushing = false
    }
}

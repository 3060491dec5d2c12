import Logging

/// Runs `body` now and then every `interval` seconds until the task is cancelled, for the
/// server's own jobs. A run that fails is logged as `failure` and the next one still comes: a
/// database that is away for a minute must not stop a job for good.
func repeating(every interval: Double, logger: Logger, failure: String, _ body: () async throws -> Void) async {
    while !Task.isCancelled {
        do {
            try await body()
        } catch {
            logger.warning("\(failure)", metadata: ["error": "\(error)"])
        }
        try? await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000))
    }
}

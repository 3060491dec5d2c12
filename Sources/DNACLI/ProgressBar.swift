import Foundation
import Synchronization

/// A one-line progress report on standard error (rows, MB/s, time left), redrawn at most five
/// times a second. It stays quiet when standard error is not a terminal, so piped and logged
/// runs get only the final summary.
final class ProgressBar: Sendable {
    private struct State {
        var lastDrawn: TimeInterval = 0
        var drew = false
    }

    private let totalBytes: Int?
    private let started = Date()
    private let enabled = isatty(STDERR_FILENO) == 1
    private let state = Mutex(State())

    init(totalBytes: Int?) { self.totalBytes = totalBytes }

    func update(rows: Int, bytes: Int) {
        guard enabled else { return }
        let elapsed = Date().timeIntervalSince(started)
        let line: String? = state.withLock { state in
            guard elapsed - state.lastDrawn >= 0.2 else { return nil }
            state.lastDrawn = elapsed
            state.drew = true
            return Self.line(rows: rows, bytes: bytes, total: totalBytes, elapsed: elapsed)
        }
        if let line { FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K").utf8)) }
    }

    func finish() {
        if state.withLock({ $0.drew }) { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    static func line(rows: Int, bytes: Int, total: Int?, elapsed: TimeInterval) -> String {
        let megabytes = Double(bytes) / 1_000_000
        let rate = elapsed > 0 ? megabytes / elapsed : 0
        var text = "\(rows.formatted()) rows · \(String(format: "%.1f", rate)) MB/s"
        if let total, total > 0 {
            let share = min(1, Double(bytes) / Double(total))
            let left = rate > 0 ? (Double(total - bytes) / 1_000_000) / rate : 0
            text += String(format: " · %.0f%% · %d:%02d left", share * 100, Int(left) / 60, Int(left) % 60)
        }
        return text
    }
}

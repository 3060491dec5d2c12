import DNAApp
import DNACore
import Foundation

/// Prints an HTML document to PDF with headless Chromium, when it is installed: the report's
/// own print rules (page size, margins, the organization's name and page numbers) apply, and
/// Chromium's header and footer (which would show a temporary file's path) are off.
public enum PDFPrinter {
    public enum Failure: Error, CustomStringConvertible {
        case noBrowser
        case failed(String)

        public var description: String {
            switch self {
            case .noBrowser:
                "a PDF needs headless Chromium, which is not installed here: install it (Debian: apt-get install chromium) or set CDNA_CHROMIUM to its path"
            case .failed(let why): "Chromium could not print the report: \(why)"
            }
        }
    }

    /// The longest a print may take before Chromium is stopped.
    static let timeout: Double = 90

    /// `CDNA_CHROMIUM` when set (it must then exist), else the first of the usual names on
    /// the PATH.
    static func browser(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let files = FileManager.default
        if let configured = environment["CDNA_CHROMIUM"], !configured.isEmpty {
            return files.isExecutableFile(atPath: configured) ? configured : nil
        }
        let directories = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            if let found = directories.map({ $0 + "/" + name }).first(where: files.isExecutableFile(atPath:)) { return found }
        }
        return nil
    }

    static func print(html: String) async throws -> [UInt8] {
        guard let browser = browser() else { throw Failure.noBrowser }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cdna-pdf-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("report.html"), pdf = directory.appendingPathComponent("report.pdf")
        try Data(html.utf8).write(to: page)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        // Its own profile directory, so prints running at once do not share a lock; no
        // sandbox, which needs privileges a server's user may not have (the page is ours and
        // fetches nothing: its Content-Security-Policy forbids it).
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-pdf-header-footer",
            "--user-data-dir=" + directory.appendingPathComponent("profile").path, "--print-to-pdf=" + pdf.path, page.absoluteString,
        ]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: Failure.failed("\(error)")) }
            // A print that hangs is stopped; its continuation still resumes through the handler.
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { if process.isRunning { process.terminate() } }
        }
        let detail = String(decoding: errors.fileHandleForReading.readDataToEndOfFile().suffix(400), as: UTF8.self)
        guard status == 0, let bytes = FileManager.default.contents(atPath: pdf.path), bytes.starts(with: Data("%PDF-".utf8)) else {
            throw Failure.failed("exit status \(status)" + (detail.isEmpty ? "" : ": \(detail)"))
        }
        return [UInt8](bytes)
    }
}

extension GeneratedAPI {
    /// The PDF report for the page and the API; no Chromium here is the server's lack, so
    /// 503 with what to install, and a failed print is logged in detail and answered 503 too.
    static func pdf(
        scorecard: Scorecard, workspaceName: String, frameworks: [Framework], frameworkID: String, actions: [ActionPlanService.Item] = []
    ) async throws -> [UInt8] {
        do {
            return try await LeadershipReport.pdf(
                scorecard: scorecard, workspaceName: workspaceName, frameworks: frameworks, frameworkID: frameworkID, actions: actions)
        } catch let failure as PDFPrinter.Failure {
            throw WebError(.serviceUnavailable, failure.description)
        }
    }
}

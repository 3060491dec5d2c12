import Foundation

/// Archives whose file name ends in `.gz` are gzip-compressed. The work is done by the system's
/// `gzip` (an essential package on Debian, so always there) in a pipe beside us: the archive is
/// still written and read a piece at a time, and no compression library joins the build.
enum Gzip {
    static func isCompressed(_ path: String) -> Bool { path.hasSuffix(".gz") }

    private static let executable = URL(
        fileURLWithPath: FileManager.default.isExecutableFile(atPath: "/usr/bin/gzip") ? "/usr/bin/gzip" : "/bin/gzip")

    /// A handle to write the uncompressed archive to, and what to call when it is all written:
    /// `gzip` compresses into `file` (which it closes).
    static func compressing(into file: FileHandle) throws -> (input: FileHandle, finish: @Sendable () throws -> Void) {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["-c"]
        let pipe = Pipe(), errors = Pipe()
        process.standardInput = pipe
        process.standardOutput = file
        process.standardError = errors
        try process.run()
        let writer = pipe.fileHandleForWriting
        return (
            writer,
            {
                try writer.close()
                process.waitUntilExit()
                try file.close()
                guard process.terminationStatus == 0 else {
                    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                    throw StoreError.failure("gzip failed: \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
                }
            }
        )
    }

    /// The uncompressed content of the file at `path`, as a pipe to read, and a check to make
    /// at its end: nil when `gzip` read the file whole, else what it said was wrong.
    static func decompressing(_ path: String) throws -> (output: FileHandle, check: () -> String?, stop: () -> Void) {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["-dc", "--", path]
        let pipe = Pipe(), errors = Pipe()
        process.standardOutput = pipe
        process.standardError = errors
        try process.run()
        return (
            pipe.fileHandleForReading,
            {
                process.waitUntilExit()
                guard process.terminationStatus != 0 else { return nil }
                let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                return message.replacingOccurrences(of: "gzip: \(path): ", with: "").trimmingCharacters(in: .whitespacesAndNewlines)
            },
            { if process.isRunning { process.terminate() } }
        )
    }
}

import ArgumentParser
import DNAApp
import DNACore
import DNAStore
import Foundation
import Logging

/// How commands report: results to standard output, problems to standard error, one line each.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Writes text as it is, for rendered reports that end with their own newline.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// True when standard error is a terminal, so progress can be shown without polluting
    /// piped output.
    static var isInteractive: Bool { isatty(STDERR_FILENO) != 0 }
}

enum CLILogging {
    static let bootstrap: Void = {
        let level = ProcessInfo.processInfo.environment["CDNA_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }()

    static func logger(_ label: String) -> Logger {
        _ = bootstrap
        return Logger(label: label)
    }
}

/// Runs a command body and turns known errors into clear messages and exit codes:
/// 1 for a refused operation, 2 for bad input files or settings. What the body changes is
/// written to the audit log as done by `actor`: by default the operating-system user who ran
/// the command.
func runCommand(as actor: AuditActor = .commandLine, _ body: () async throws -> Void) async throws {
    do {
        try await AuditActor.$current.withValue(actor) { try await body() }
    } catch let problems as FileProblems {
        Console.error(problems.description)
        throw ExitCode(2)
    } catch let error as ArchiveError {
        Console.error("error: \(error)")
        throw ExitCode(2)
    } catch let error as ConfigurationError {
        Console.error(error.description)
        throw ExitCode(2)
    } catch let error as StoreError {
        Console.error("error: \(error)")
        throw ExitCode(1)
    } catch let error as AccessError {
        Console.error("error: \(error.message)")
        throw ExitCode(1)
    } catch let error as CLIError {
        Console.error("error: \(error.message)")
        throw ExitCode(1)
    }
}

struct CLIError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// Reads a whole file as UTF-8, with a message that names the file.
func readTextFile(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
    let bytes = [UInt8](data)
    if let problem = TextPosition.invalidUTF8(file: path, bytes: bytes) { throw CLIError(problem.description) }
    return String(decoding: bytes, as: UTF8.self)
}

/// Reads a whole file as bytes, with a message that names the file.
func readBytes(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
    return [UInt8](data)
}

/// The start of a day given to a command option as YYYY-MM-DD.
func day(_ text: String, _ option: String) throws -> Int64 {
    guard let start = CalendarDay.start(text) else { throw CLIError("\(option) \(text): write the date as YYYY-MM-DD") }
    return start
}

func nowSeconds() -> Int64 { Int64(Date().timeIntervalSince1970) }

extension Caller {
    /// Whoever runs `cdna` here: the login name, which is all a command line knows of them.
    static var commandLine: Caller {
        let environment = ProcessInfo.processInfo.environment
        return .commandLine(login: environment["USER"] ?? environment["LOGNAME"] ?? NSUserName())
    }
}

extension AuditActor {
    static var commandLine: AuditActor { Caller.commandLine.actor }
}

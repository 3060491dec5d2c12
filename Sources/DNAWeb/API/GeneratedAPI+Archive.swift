import DNAAPI
import DNAApp
import DNACore
import DNAStore
import Foundation
import OpenAPIRuntime

extension GeneratedAPI {
    /// The workspace archive, written to a temporary file from one snapshot and sent from
    /// there: memory stays small however large the workspace, and a slow client holds no
    /// database connection.
    func getWorkspacesArchive(_ input: Operations.GetWorkspacesArchive.Input) async throws -> Operations.GetWorkspacesArchive.Output {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cdna-archive-\(UUID().uuidString).json").path
        let summary: ArchiveSummary
        do {
            let (output, close) = try ArchiveOutput.file(path)
            defer { try? close() }
            summary = try await workspaces.exportArchive(caller, workspace: input.path.workspace, to: output, now: now)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        let day = Date(timeIntervalSince1970: TimeInterval(now)).formatted(.iso8601.year().month().day())
        let name = SecurityHeaders.fileName("customerdna-\(summary.workspace.slug)-\(day).json")
        return .ok(
            .init(
                headers: .init(contentDisposition: "attachment; filename=\"\(name)\""),
                body: .applicationVnd_customerdna_workspace(try FileChunks.body(of: path))))
    }
}

/// A file sent in pieces and gone once read: it is removed as soon as it is open, so no copy
/// stays behind whether the client reads it to the end or not.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ArraySlice<UInt8>
    let handle: FileHandle

    static func body(of path: String) throws -> HTTPBody {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw StoreError.failure("the archive cannot be read back") }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        try? FileManager.default.removeItem(atPath: path)
        return HTTPBody(FileChunks(handle: handle), length: size.map { .known(Int64($0)) } ?? .unknown, iterationBehavior: .single)
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let handle: FileHandle

        mutating func next() async throws -> ArraySlice<UInt8>? {
            guard let data = try handle.read(upToCount: 1 << 16), !data.isEmpty else {
                try? handle.close()
                return nil
            }
            return ArraySlice(data)
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(handle: handle) }
}

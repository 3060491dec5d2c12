import DNAApp
import DNACore
import DNAStore
import Foundation
import Hummingbird

extension PageController {
    /// Restoring a workspace from its archive through the workspace list, for instance
    /// administrators: the uploaded file (held to the file limit; `cdna workspace import`
    /// takes any size) is written to a temporary file and imported all or nothing from there.
    func addRestoreRoute(to router: Router<AppContext>) {
        router.post(RouterPath(stringLiteral: SiteURL.workspaceRestore.path)) { request, context in
            guard let identity = context.identity else { throw AccessError.signInNeeded }
            let form = try await FormBody.read(request, limit: .file)
            try FormCSRF.check(form[AuthMiddleware.csrfField], identity: identity)
            let service = WorkspaceService(store: store)
            let upload = form.files["archive"]
            let name = upload.map { $0.filename.isEmpty ? "archive" : $0.filename } ?? "archive"
            func refused(_ message: String) async throws -> Response {
                try await workspaceIndex(identity, notice: "Nothing was restored: \(message)").refused(
                    form, postedTo: request, identity: identity)
            }
            guard let bytes = upload?.bytes, !bytes.isEmpty else { return try await refused("choose the archive file to restore") }
            let slug = (form["slug"] ?? "").trimmingSpaces()
            // gzip by its first two bytes, whatever the file is called.
            let suffix = bytes.starts(with: [0x1f, 0x8b]) ? ".json.gz" : ".json"
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("cdna-restore-\(UUID().uuidString)\(suffix)").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
                throw WebError(.internalServerError, "no room for the upload")
            }
            do {
                let summary = try await service.importArchive(context.caller, path: path, slug: slug.isEmpty ? nil : slug)
                return Response.redirect(to: SiteURL.workspace(summary.workspace.slug).path, type: .normal)
            } catch let error as ArchiveError {
                return try await refused("\(name):\(error.line): \(error.message)")
            } catch {
                guard let refusal = Refusal(error) else { throw error }
                return try await refused(refusal.message)
            }
        }
    }
}

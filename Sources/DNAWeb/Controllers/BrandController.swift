import DNAApp
import DNACore
import DNAStore
import Foundation
import Hummingbird

/// What respondent and customer pages need to look like their organization, served to anyone:
/// a logo by its SHA-256 (so it never changes under its address and may be cached for a
/// year) and the stylesheet that sets an accent colour (the pages allow no inline style).
struct BrandController {
    let store: Store

    func addRoutes(to router: Router<AppContext>) {
        router.get("/logo/{digest}") { request, context in
            let digest = try context.parameter("digest")
            guard let logo = try await BrandingService(store: store).logo(digest: digest) else {
                throw WebError.notFound("no such logo")
            }
            let tag = "\"\(digest.lowercased())\""
            var headers = Self.immutable
            headers[.contentType] = logo.contentType
            headers[.eTag] = tag
            if request.headers[.ifNoneMatch] == tag { return Response(status: .notModified, headers: headers) }
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: logo.bytes)))
        }
        router.get("/accent/{file}") { _, context in
            let file = try context.parameter("file")
            guard file.hasSuffix(".css"), let url = SiteURL.accentStylesheet("#" + file.dropLast(4)) else {
                throw WebError.notFound("no such stylesheet")
            }
            var headers = Self.immutable
            headers[.contentType] = "text/css; charset=utf-8"
            let hex = url.path.dropFirst("/accent/".count).dropLast(4)
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: ":root { --accent: #\(hex); }\n")))
        }
    }

    static let immutable: HTTPFields = [
        .cacheControl: "public, max-age=31536000, immutable", .init("X-Content-Type-Options")!: "nosniff",
        .contentSecurityPolicy: "default-src 'none'",
    ]
}

import Foundation
import Hummingbird

/// The static files: the API's document (byte for byte as committed), the stylesheet and the
/// one script (`UnsavedLinksScript`).
/// Liveness, readiness and metrics are generated from the document like the API
/// (`GeneratedAPI+System.swift`).
struct SystemController {
    func addRoutes(to router: Router<AppContext>) {
        router.get("/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.json)))
        }
        router.get(RouterPath(stringLiteral: SiteURL.stylesheet.path)) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css)))
        }
        router.get(RouterPath(stringLiteral: SiteURL.unsavedLinksScript.path)) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: UnsavedLinksScript.javaScript)))
        }
    }
}

import DNAStore
import Foundation
import Hummingbird
import Prometheus

/// Endpoints for operators and tools: liveness, readiness, metrics, the API description and
/// the stylesheet.
struct SystemController {
    let store: Store
    let registry: PrometheusCollectorRegistry

    func addRoutes(to router: Router<AppContext>) {
        router.get("/healthz") { _, _ in try jsonResponse(["status": "ok"]) }
        router.get("/readyz") { _, _ in
            // A database that does not answer within two seconds is not ready, whatever the
            // reason: the probe itself must never hang with it.
            let answered = await FirstAnswer.within(.seconds(2), default: false) { (try? await store.ping()) != nil }
            guard answered else { throw WebError(.serviceUnavailable, "the database is not reachable", retryAfter: 1) }
            return try jsonResponse(["status": "ready", "database": store.kind.rawValue])
        }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
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
    }
}

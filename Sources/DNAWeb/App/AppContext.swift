import DNAApp
import DNACore
import Foundation
import Hummingbird
import NIOCore

/// Who is making a request, resolved once by `AuthMiddleware`.
public struct Identity: Sendable {
    public var user: User
    /// The CSRF token of the browser session; nil when the request used an API token.
    public var csrfToken: String?
    public var viaAPIToken: Bool { csrfToken == nil }

    /// This person as the application layer sees a request through `channel`.
    public func caller(via channel: AuditChannel) -> Caller { .person(user, via: channel, viaToken: viaAPIToken) }

    /// This person as the application layer sees a page's request.
    public var pageCaller: Caller { caller(via: .page) }
}

/// The request context of every route: the core storage plus the caller's identity.
public struct AppContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Identity?
    /// The identity as the application layer sees it: who, and through what (page or API).
    public var caller: Caller?
    /// The peer's IP address, used to rate-limit sign-in attempts.
    public let remoteIP: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteIP = source.channel.remoteAddress?.ipAddress
    }

    /// The largest body any route takes; each route reads its body with its own, usually
    /// smaller, `BodyLimit`.
    public var maxUploadSize: Int { BodyLimit.file.rawValue }
}

extension AppContext {
    /// Pages post url-encoded forms; the API posts JSON. The content type decides.
    public var requestDecoder: FormOrJSONDecoder { FormOrJSONDecoder() }
}

public struct FormOrJSONDecoder: RequestDecoder {
    public func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        do {
            if contentType.hasPrefix("application/x-www-form-urlencoded") {
                return try await URLEncodedFormDecoder().decode(type, from: request, context: context)
            }
            return try await JSONDecoder().decode(type, from: request, context: context)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw error
        } catch {
            throw WebError.badRequest("the form is incomplete or malformed")
        }
    }
}

import DNAAPI
import DNAApp
import DNACore
import DNAStore
import Foundation
import HTTPTypes
import Hummingbird
import OpenAPIHummingbird
import OpenAPIRuntime
import Prometheus

/// The request context of the call a generated handler serves. The generated `APIProtocol`
/// methods take only their typed input, so `CurrentRequestMiddleware`, the last middleware,
/// hands the caller (resolved by `AuthMiddleware`) down as a task-local value.
enum CurrentRequest {
    @TaskLocal static var context: AppContext?
}

struct CurrentRequestMiddleware: RouterMiddleware {
    typealias Context = AppContext

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        try await CurrentRequest.$context.withValue(context) { try await next(request, context) }
    }
}

/// The API operations served by the code generated from `Sources/DNAAPI/openapi.json`: the
/// generated layer decodes and checks each request against the document (unknown fields,
/// types, enumerations) before a method here runs, and encodes what it returns. Each method
/// is an adapter: it calls one use case and states the result in the document's types.
struct GeneratedAPI: APIProtocol {
    let store: Store
    let accounts: Accounts
    /// The configured public address that respondent and customer links start with.
    let publicURL: String
    let registry: PrometheusCollectorRegistry

    var access: WorkspaceAccess { WorkspaceAccess(store: store) }
    var organization: OrganizationService { OrganizationService(store: store) }
    var participants: ParticipantService { ParticipantService(store: store) }
    var workspaces: WorkspaceService { WorkspaceService(store: store) }
    var lineOfSight: LineOfSightService { LineOfSightService(store: store) }
    var loop: ImprovementLoopService { ImprovementLoopService(store: store) }
    var now: Int64 { accounts.clock.now() }

    /// Registers every generated route on `router`, behind its middleware.
    func register(on router: Router<AppContext>) throws {
        try registerHandlers(
            on: router, configuration: Configuration(jsonEncodingOptions: [.sortedKeys]),
            middlewares: [
                APIResponseHeaders(), WorkspaceGateMiddleware(store: store), RequestValidation(),
            ])
    }

    var caller: Caller? { CurrentRequest.context?.caller }

    func identity() throws -> Identity {
        guard let identity = CurrentRequest.context?.identity else { throw AccessError.signInNeeded }
        return identity
    }

    func resolve(_ slug: String, minimum: Access = .viewer) async throws -> (Workspace, Access) {
        try await access.resolve(slug, caller: caller, minimum: minimum)
    }
}

/// A domain value in the document's type: the value's JSON as the API has always written it
/// (snake_case keys), read back by the generated decoder. That decoder refuses a field the
/// document does not list and a value of the wrong type, so a response that drifts from the
/// document fails here, in every test, instead of reaching a client.
func documented<T: Decodable>(_ value: some Encodable, as type: T.Type = T.self) throws -> T {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    do {
        return try JSONDecoder().decode(T.self, from: try encoder.encode(value))
    } catch {
        throw DocumentDrift(type: "\(T.self)", detail: String(describing: error))
    }
}

/// A response that does not match its schema in the document: a defect of the server, so it
/// is logged in detail and answered with a plain 500.
struct DocumentDrift: Error, CustomStringConvertible {
    var type: String
    var detail: String
    var description: String { "the response does not match the document's \(type): \(detail)" }
}

/// The list wrapper every collection route answers with (`{"items": [...]}`).
struct ItemList<Item: Encodable>: Encodable {
    var items: [Item]
}

extension HTTPBody {
    /// A text body (CSV, YAML) as a string; `RequestValidation` cut it at its route's limit.
    func text() async throws -> String {
        let bytes = try await [UInt8](collecting: self, upTo: .max)
        guard let text = String(validating: bytes, as: UTF8.self) else { throw WebError.badRequest("the body must be UTF-8 text") }
        return text
    }
}

/// Headers every generated response carries: no content sniffing, and the report's HTML,
/// which styles itself inline and is saved to disk, under the report's own policy.
struct APIResponseHeaders: ServerMiddleware {
    func intercept(
        _ request: HTTPTypes.HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: (HTTPTypes.HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPTypes.HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPTypes.HTTPResponse, HTTPBody?) {
        var (response, body) = try await next(request, body, metadata)
        response.headerFields[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        // The runtime percent-encodes header values, as OpenAPI asks of parameters; a browser
        // reads `attachment%3B%20filename...` as no file name. Ours are made by
        // `SecurityHeaders.fileName` (letters, digits, `.-_`), so decoding gives back exactly
        // what the handler set and nothing a client chose.
        if let disposition = response.headerFields[.contentDisposition], let plain = disposition.removingPercentEncoding {
            response.headerFields[.contentDisposition] = plain
        }
        if response.headerFields[.contentType]?.hasPrefix("text/html") == true {
            response.headerFields[.contentSecurityPolicy] = SecurityHeaders.reportPolicy
        }
        return (response, body)
    }
}

/// Makes every refusal of a workspace route say "no such workspace" to a caller who is not
/// a member: when the request fails for any reason (a body the document does not allow, a
/// missing record, a rule), the caller's membership is checked before the failure is
/// reported, so an outsider learns nothing from how a request is refused, not even that the
/// workspace exists. A request that succeeds was checked by its use case and costs no
/// second read.
struct WorkspaceGateMiddleware: ServerMiddleware {
    let store: Store

    func intercept(
        _ request: HTTPTypes.HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: (HTTPTypes.HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPTypes.HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPTypes.HTTPResponse, HTTPBody?) {
        do {
            return try await next(request, body, metadata)
        } catch {
            if let slug = metadata.pathParameters["workspace"] {
                _ = try await WorkspaceAccess(store: store).resolve(
                    String(slug).removingPercentEncoding ?? String(slug), caller: CurrentRequest.context?.caller, minimum: .viewer)
            }
            throw error
        }
    }
}

/// A value of one of the document's enumerations as the domain's enumeration of the same
/// names (`CustomerOutcome.Direction` for `NewOutcome.DirectionPayload`): the document and
/// the domain spell them alike, and a case only one of them knows is a defect, not bad input.
func domain<T: RawRepresentable<String>>(_ value: some RawRepresentable<String>, as type: T.Type = T.self) throws -> T {
    guard let converted = T(rawValue: value.rawValue) else {
        throw DocumentDrift(type: "\(T.self)", detail: "no case '\(value.rawValue)'")
    }
    return converted
}

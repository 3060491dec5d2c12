import DNAApp
import DNACore
import DNAStore
import Foundation
import Hummingbird

/// SCIM 2.0 under `/scim/v2` (RFC 7643/7644): the workspace's participants as Users and its
/// units as Groups, for the directory holding the workspace's SCIM token. Every answer,
/// errors included, is `application/scim+json` in SCIM's own shapes.
struct ScimController {
    let store: Store
    let clock: any AppClock
    /// Where `meta.location` points: the configured public address, never the request's.
    let base: String

    static let prefix = "/scim/v2"
    static let contentType = "application/scim+json"
    static let pageLimit = 200

    init(store: Store, clock: any AppClock, publicURL: String) {
        self.store = store
        self.clock = clock
        self.base = publicURL + Self.prefix
    }

    func addRoutes(to router: Router<AppContext>) {
        let scim = ScimService(store: store)
        let group = router.group(RouterPath(stringLiteral: Self.prefix))
        group.get("ServiceProviderConfig") { request, _ in
            try await answer(request) { _ in (200, ScimDocuments.serviceProviderConfig(base)) }
        }
        group.get("Schemas") { request, _ in try await answer(request) { _ in (200, ScimDocuments.schemas) } }
        group.get("ResourceTypes") { request, _ in try await answer(request) { _ in (200, ScimDocuments.resourceTypes(base)) } }

        group.get("Users") { request, _ in
            try await answer(request) { directory in
                let (start, count) = try Self.paging(request)
                let filter = try ScimPatch.userFilter(request.uri.queryParameters.get("filter"))
                let page = try await scim.users(directory, where: filter, startIndex: start, count: count)
                return (200, ScimJSON.list(page.users.map { ScimJSON.user($0, base: base) }, total: page.total, startIndex: start))
            }
        }
        group.post("Users") { request, _ in
            try await answer(request) { directory in
                let input = try ScimJSON.userInput(try await Self.body(request))
                return (201, ScimJSON.user(try await scim.save(directory, id: nil, input, now: clock.now()), base: base))
            }
        }
        group.get("Users/{id}") { request, context in
            try await answer(request) { directory in
                (200, ScimJSON.user(try await scim.user(directory, id: try context.parameter("id")), base: base))
            }
        }
        group.put("Users/{id}") { request, context in
            try await answer(request) { directory in
                let input = try ScimJSON.userInput(try await Self.body(request))
                return (
                    200, ScimJSON.user(try await scim.save(directory, id: try context.parameter("id"), input, now: clock.now()), base: base)
                )
            }
        }
        group.patch("Users/{id}") { request, context in
            try await answer(request) { directory in
                let id = try context.parameter("id")
                let operations = try ScimPatch.operations(try await Self.body(request))
                let input = try ScimPatch.apply(operations, to: try await scim.user(directory, id: id))
                return (200, ScimJSON.user(try await scim.save(directory, id: id, input, now: clock.now()), base: base))
            }
        }
        group.delete("Users/{id}") { request, context in
            try await answer(request) { directory in
                try await scim.deleteUser(directory, id: try context.parameter("id"))
                return (204, nil)
            }
        }
        addGroupRoutes(to: group, scim)
    }

    private func addGroupRoutes(to group: RouterGroup<AppContext>, _ scim: ScimService) {
        group.get("Groups") { request, _ in
            try await answer(request) { directory in
                let (start, count) = try Self.paging(request)
                var name: String?
                if let filter = request.uri.queryParameters.get("filter"), !filter.isEmpty {
                    let (attribute, value) = try ScimPatch.equality(filter)
                    guard attribute == "displayname" else {
                        throw ScimJSON.Failure(status: 400, scimType: "invalidFilter", detail: "groups can be filtered by displayName")
                    }
                    name = value
                }
                let all = try await scim.groups(directory, displayName: name)
                let page = all.dropFirst(start - 1).prefix(count)
                return (200, ScimJSON.list(page.map { ScimJSON.group($0, base: base) }, total: all.count, startIndex: start))
            }
        }
        group.post("Groups") { request, _ in
            try await answer(request) { directory in
                let body = try await Self.body(request)
                guard let name = try ScimJSON.string(body["displayname"], "displayName") else {
                    throw ScimJSON.Failure.invalidValue("displayName is required")
                }
                let created = try await scim.createGroup(directory, name: name, memberIDs: try ScimPatch.memberIDs(body["members"]))
                return (201, ScimJSON.group(created, base: base))
            }
        }
        group.get("Groups/{id}") { request, context in
            try await answer(request) { directory in
                (200, ScimJSON.group(try await scim.group(directory, id: try context.parameter("id")), base: base))
            }
        }
        group.put("Groups/{id}") { request, context in
            try await answer(request) { directory in
                let body = try await Self.body(request)
                let updated = try await scim.updateGroup(
                    directory, id: try context.parameter("id"), name: try ScimJSON.string(body["displayname"], "displayName"),
                    add: try ScimPatch.memberIDs(body["members"]))
                return (200, ScimJSON.group(updated, base: base))
            }
        }
        group.patch("Groups/{id}") { request, context in
            try await answer(request) { directory in
                var name: String?
                var members: [String] = []
                for operation in try ScimPatch.operations(try await Self.body(request)) where operation.op != "remove" {
                    let fields = operation.path.map { [$0: operation.value as Any] } ?? (operation.value as? [String: Any] ?? [:])
                    for (path, value) in fields {
                        switch path {
                        case "displayname": name = try ScimJSON.string(value, "displayName")
                        case "members": members += try ScimPatch.memberIDs(value)
                        case "externalid", "schemas", "id": break
                        default:
                            throw ScimJSON.Failure(status: 400, scimType: "invalidPath", detail: "'\(path)' cannot be changed on a group")
                        }
                    }
                }
                // Removing a member leaves the person in the unit: everyone is in some unit,
                // and the directory's next add places them elsewhere.
                let updated = try await scim.updateGroup(directory, id: try context.parameter("id"), name: name, add: members)
                return (200, ScimJSON.group(updated, base: base))
            }
        }
        group.delete("Groups/{id}") { request, context in
            try await answer(request) { directory in
                try await scim.deleteGroup(directory, id: try context.parameter("id"))
                return (204, nil)
            }
        }
    }

    /// Authenticates the directory, runs `body` and writes its answer or SCIM's error.
    private func answer(
        _ request: Request, _ body: (ScimService.Directory) async throws -> (Int, [String: Any]?)
    ) async throws -> Response {
        do {
            let header = request.headers[.authorization] ?? ""
            guard header.lowercased().hasPrefix("bearer "),
                let directory = try await ScimService(store: store).directory(
                    token: String(header.dropFirst(7)).trimmingSpaces(), now: clock.now())
            else { throw ScimJSON.Failure(status: 401, scimType: nil, detail: "a valid SCIM bearer token is needed") }
            let (status, document) = try await body(directory)
            return Self.response(status, document)
        } catch let failure as ScimJSON.Failure {
            return Self.response(failure.status, ScimJSON.error(failure))
        } catch let error as StoreError {
            let failure: ScimJSON.Failure =
                switch error {
                case .notFound(let detail): .init(status: 404, scimType: nil, detail: detail)
                case .conflict(let detail): .init(status: 409, scimType: "uniqueness", detail: detail)
                case .invalid(let detail): .invalidValue(detail)
                default: .init(status: 503, scimType: nil, detail: "the database is busy; try again")
                }
            return Self.response(failure.status, ScimJSON.error(failure))
        } catch let error as WebError {
            return Self.response(
                Int(error.status.code), ScimJSON.error(.init(status: Int(error.status.code), scimType: nil, detail: error.message)))
        }
    }

    static func response(_ status: Int, _ document: [String: Any]?) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        guard let document else { return Response(status: .init(code: status), headers: headers) }
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func body(_ request: Request) async throws -> [String: Any] {
        try ScimJSON.object(Data(buffer: try await request.collectBody(.json)))
    }

    /// `startIndex` from 1 and `count` up to `pageLimit` (RFC 7644 3.4.2.4: out-of-range
    /// values are taken as the nearest allowed).
    static func paging(_ request: Request) throws(ScimJSON.Failure) -> (start: Int, count: Int) {
        let query = request.uri.queryParameters
        func number(_ name: String, default value: Int) throws(ScimJSON.Failure) -> Int {
            guard let text = query.get(name) else { return value }
            guard let number = Int(text) else { throw .invalidValue("\(name) must be a whole number") }
            return number
        }
        return (max(1, try number("startIndex", default: 1)), min(pageLimit, max(0, try number("count", default: 100))))
    }
}

import DNAStore
import Hummingbird

/// `since` and `limit` of an audit log read, as the API and the page take them.
struct AuditQuery {
    var since: Int64?
    var limit = 100

    init(_ request: Request) throws {
        let parameters = request.uri.queryParameters
        if let text = parameters.get("since"), !text.isEmpty {
            guard let value = Int64(text), value >= 0 else { throw WebError.badRequest("since must be unix seconds, 0 or more") }
            since = value
        }
        if let text = parameters.get("limit"), !text.isEmpty {
            guard let value = Int(text), (1...Store.auditPageLimit).contains(value) else {
                throw WebError.badRequest("limit must be a whole number from 1 to \(Store.auditPageLimit)")
            }
            limit = value
        }
    }
}

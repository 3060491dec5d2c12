import DNAStore
import Hummingbird

/// `since` and `limit` of an audit log read, as the API and the page take them.
struct AuditQuery {
    var since: Int64?
    var limit = 100

    init(_ request: Request) throws {
        let parameters = request.uri.queryParameters
        try self.init(sinceText: parameters.get("since").map { String($0) }, limitText: parameters.get("limit").map { String($0) })
    }

    init(sinceText: String?, limitText: String?) throws {
        if let text = sinceText, !text.isEmpty {
            guard let value = Int64(text), value >= 0 else { throw WebError.badRequest("since must be unix seconds, 0 or more") }
            since = value
        }
        if let text = limitText, !text.isEmpty {
            guard let value = Int(text), (1...AuditLogRepository.auditPageLimit).contains(value) else {
                throw WebError.badRequest("limit must be a whole number from 1 to \(AuditLogRepository.auditPageLimit)")
            }
            limit = value
        }
    }
}

import DNACore
import SQLKit

extension AccountRepository {
    public func createAPIToken(userID: String, name: String, tokenHash: String, now: Int64) async throws -> APIToken {
        guard !name.trimmingSpaces().isEmpty else { throw StoreError.invalid("name is empty") }
        let token = APIToken(id: makeID(), userID: userID, name: name.trimmingSpaces(), createdAt: now)
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: nil, action: "token.create", record: "user:\(userID)", summary: "made API token '\(token.name)'")
            try await db.insert(into: "api_tokens").columns("id", "user_id", "name", "token_hash", "created_at")
                .values(SQLBind(token.id), SQLBind(userID), SQLBind(token.name), SQLBind(tokenHash), SQLBind(now)).run()
        }
        return token
    }

    public func apiTokens(userID: String) async throws -> [APIToken] {
        try await read { db in
            try await db.select().columns("id", "user_id", "name", "created_at", "last_used_at").from("api_tokens")
                .where("user_id", .equal, SQLBind(userID)).orderBy("created_at").all()
                .map { try $0.record(APIToken.self) }
        }
    }

    /// The user a token acts for. Reading a token is a read: its last use is recorded at most
    /// once a minute, after the request's own work and outside its way, so a burst of calls
    /// with one token is not a burst of writes to one row. The answer is kept for a moment
    /// (`tokenUsers`); an unknown token is not, so made-up tokens cannot fill the cache.
    public func userForAPIToken(tokenHash: String, now: Int64) async throws -> User? {
        let changeCount = self.changeCount
        let found: TokenUse
        if let kept = store.tokenUsers.value(for: tokenHash, changeCount: changeCount) {
            found = kept
        } else {
            let read = try await read { db -> TokenUse? in
                let query: SQLQueryString = """
                    SELECT u.id, u.email, u.name, u.instance_admin, u.created_at, t.last_used_at
                    FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = \(bind: tokenHash)
                    """
                guard let row = try await db.raw(query).first() else { return nil }
                return TokenUse(user: try Self.user(row), lastUsedAt: try row.decode(column: "last_used_at", as: Int64?.self))
            }
            guard let read else { return nil }
            store.tokenUsers.keep(read, for: tokenHash, changeCount: changeCount)
            found = read
        }
        if (found.lastUsedAt ?? 0) < now - Self.tokenUseResolution {
            store.tokenUsers.update(tokenHash) { $0.lastUsedAt = now }
            Task.detached { [self] in try? await recordAPITokenUse(tokenHash: tokenHash, now: now) }
        }
        return found.user
    }

    /// Records a token's use unless one was recorded within the last minute.
    public func recordAPITokenUse(tokenHash: String, now: Int64) async throws {
        try await write(changingCachedReads: false) { db in
            try await db.update("api_tokens").set("last_used_at", to: SQLBind(now)).where("token_hash", .equal, SQLBind(tokenHash))
                .where { group in
                    group.where("last_used_at", .is, SQLLiteral.null)
                        .orWhere("last_used_at", .lessThan, SQLBind(now - Self.tokenUseResolution))
                }
                .run()
        }
    }

    /// Seconds between two recordings of a token's last use.
    static let tokenUseResolution: Int64 = 60

    public func deleteAPIToken(userID: String, id: String) async throws {
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: nil, action: "token.delete", record: "user:\(userID)", summary: "revoked API token \(id)")
            let rows = try await db.delete(from: "api_tokens").where("user_id", .equal, SQLBind(userID))
                .where("id", .equal, SQLBind(id)).returning("id").all()
            if rows.isEmpty { throw StoreError.notFound("no API token '\(id)'") }
        }
    }
}

/// A token's user and when the token was last used, as `userForAPIToken` reads and keeps them.
struct TokenUse: Sendable {
    var user: User
    var lastUsedAt: Int64?
}

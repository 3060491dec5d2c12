import DNACore
import SQLKit

/// The people an organization's directory provisions into a workspace over SCIM: its
/// participants, seen with the directory's user name and id and whether they are active. A
/// participant who came from a file is there too (their user name is their e-mail), so a
/// directory finds and takes over the people a file brought in.
extension ScimRepository {
    /// The attributes a list can be filtered on, with `eq`.
    public enum UserAttribute: String, Sendable, CaseIterable {
        case userName, externalId, email, id
    }

    /// One page of the workspace's people, ordered by e-mail: `startIndex` counts from 1, as
    /// SCIM does. Returns the number that match and the page.
    public func users(
        workspaceID: String, where filter: (UserAttribute, String)? = nil, startIndex: Int = 1, count: Int = 100
    ) async throws -> (total: Int, users: [DirectoryUser]) {
        try await read { db in
            let condition = Self.condition(filter)
            let total =
                try await db.raw("SELECT COUNT(*) AS n FROM \(Self.joined) WHERE p.workspace_id = \(bind: workspaceID)\(condition)")
                .first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await db.raw(
                """
                SELECT \(Self.columns) FROM \(Self.joined) WHERE p.workspace_id = \(bind: workspaceID)\(condition)
                ORDER BY p.email LIMIT \(literal: max(0, count)) OFFSET \(literal: max(0, startIndex - 1))
                """
            ).all()
            return (total, try rows.map(Self.user))
        }
    }

    public func user(workspaceID: String, id: String) async throws -> DirectoryUser {
        guard let found = try await users(workspaceID: workspaceID, where: (.id, id), count: 1).users.first else {
            throw StoreError.notFound("no user '\(id)'")
        }
        return found
    }

    /// Creates the person (`id` nil) or replaces everything the directory says of them, all
    /// checked inside the write: the address and user name free, the department a unit, the
    /// manager a participant who is not managed by this person in turn.
    public func save(workspaceID: String, id: String?, _ input: DirectoryUserInput, now: Int64) async throws -> DirectoryUser {
        let email = EmailAddress.normalized(input.email)
        if let problem = EmailAddress.problem(email) { throw StoreError.invalid("emails: \(problem)") }
        let userName = input.userName.trimmingSpaces()
        guard !userName.isEmpty, userName.count <= 254 else { throw StoreError.invalid("userName must be 1 to 254 characters") }
        guard input.name.count <= 200, (input.externalID?.count ?? 0) <= 254 else {
            throw StoreError.invalid("name (at most 200 characters) or externalId (at most 254) is too long")
        }
        let makeID = self.makeID
        let savedID = try await write { db -> String in
            var stored: Stored?
            if let id {
                guard let found = try await Self.stored(db, workspaceID: workspaceID, id: id) else {
                    throw StoreError.notFound("no user '\(id)'")
                }
                stored = found
            }
            try await Self.checkFree(db, workspaceID: workspaceID, email: email, userName: userName, except: id)
            let unitID = try await Self.unitID(db, workspaceID: workspaceID, department: input.department, current: stored?.unitID)
            let manager = try await Self.managerEmail(db, workspaceID: workspaceID, managerID: input.managerID, email: email)
            let participantID = id ?? makeID()
            if stored == nil {
                try await db.insert(into: "participants")
                    .columns("id", "workspace_id", "email", "name", "unit_id", "language", "manager_email")
                    .values(
                        SQLBind(participantID), SQLBind(workspaceID), SQLBind(email), SQLBind(input.name), SQLBind(unitID),
                        SQLBind(input.language), SQLBind(manager)
                    ).run()
            } else {
                // Those who named the old address as their manager follow the person.
                if let old = stored?.email, old != email {
                    try await db.update("participants").set("manager_email", to: SQLBind(email))
                        .where("workspace_id", .equal, SQLBind(workspaceID)).where("manager_email", .equal, SQLBind(old)).run()
                }
                try await db.update("participants").set("email", to: SQLBind(email)).set("name", to: SQLBind(input.name))
                    .set("unit_id", to: SQLBind(unitID)).set("language", to: SQLBind(input.language))
                    .set("manager_email", to: SQLBind(manager)).where("id", .equal, SQLBind(participantID)).run()
            }
            try await db.delete(from: "scim_identities").where("participant_id", .equal, SQLBind(participantID)).run()
            try await db.insert(into: "scim_identities")
                .columns("participant_id", "workspace_id", "user_name", "external_id", "active", "created_at", "updated_at")
                .values(
                    SQLBind(participantID), SQLBind(workspaceID), SQLBind(userName), SQLBind(input.externalID),
                    SQLBind(input.active ? 1 : 0),
                    SQLBind(stored?.createdAt ?? now), SQLBind(now)
                ).run()
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: stored == nil ? "participant.provision" : "participant.update",
                record: "participant:\(participantID)",
                summary: (stored == nil ? "provisioned a participant" : "updated a participant") + (input.active ? "" : " (inactive)"))
            return participantID
        }
        return try await user(workspaceID: workspaceID, id: savedID)
    }
}

extension ScimRepository {
    /// The participant left-joined with what the directory said of them and their manager's id.
    static let joined: SQLQueryString = """
        participants p LEFT JOIN scim_identities s ON s.participant_id = p.id JOIN units u ON u.id = p.unit_id
        LEFT JOIN participants m ON m.workspace_id = p.workspace_id AND m.email = p.manager_email
        """
    static let columns: SQLQueryString = """
        p.id AS id, p.email AS email, p.name AS name, p.language AS language, COALESCE(s.user_name, p.email) AS user_name,
        s.external_id AS external_id, COALESCE(s.active, 1) AS active, s.created_at AS created_at, s.updated_at AS updated_at,
        m.id AS manager_id, u.id AS unit_id, u.workspace_id AS unit_workspace_id, u.code AS unit_code, u.parent_id AS unit_parent_id,
        u.name AS unit_name
        """

    /// SCIM compares user names and addresses without case; ids and external ids exactly.
    static func condition(_ filter: (UserAttribute, String)?) -> SQLQueryString {
        guard let (attribute, value) = filter else { return "" }
        return switch attribute {
        case .userName: " AND LOWER(COALESCE(s.user_name, p.email)) = \(bind: value.lowercased())"
        case .email: " AND p.email = \(bind: EmailAddress.normalized(value))"
        case .externalId: " AND s.external_id = \(bind: value)"
        case .id: " AND p.id = \(bind: value)"
        }
    }

    static func user(_ row: any SQLRow) throws -> DirectoryUser {
        let unit = OrgUnit(
            id: try row.decode(column: "unit_id", as: String.self),
            workspaceID: try row.decode(column: "unit_workspace_id", as: String.self),
            code: try row.decode(column: "unit_code", as: String.self),
            parentID: try row.decode(column: "unit_parent_id", as: String?.self),
            name: try row.decode(column: "unit_name", as: String.self))
        return DirectoryUser(
            id: try row.decode(column: "id", as: String.self), userName: try row.decode(column: "user_name", as: String.self),
            externalID: try row.decode(column: "external_id", as: String?.self), email: try row.decode(column: "email", as: String.self),
            name: try row.decode(column: "name", as: String.self), language: try row.decode(column: "language", as: String?.self),
            active: try row.decode(column: "active", as: Int.self) == 1, unit: unit,
            managerID: try row.decode(column: "manager_id", as: String?.self),
            createdAt: try row.decode(column: "created_at", as: Int64?.self),
            updatedAt: try row.decode(column: "updated_at", as: Int64?.self))
    }

    struct Stored {
        var email: String
        var unitID: String
        var createdAt: Int64?
    }

    static func stored(_ db: any SQLDatabase, workspaceID: String, id: String) async throws -> Stored? {
        guard
            let row = try await db.raw(
                """
                SELECT p.email AS email, p.unit_id AS unit_id, s.created_at AS created_at FROM participants p
                LEFT JOIN scim_identities s ON s.participant_id = p.id WHERE p.workspace_id = \(bind: workspaceID) AND p.id = \(bind: id)
                """
            ).first()
        else { return nil }
        return Stored(
            email: try row.decode(column: "email", as: String.self), unitID: try row.decode(column: "unit_id", as: String.self),
            createdAt: try row.decode(column: "created_at", as: Int64?.self))
    }

    static func checkFree(_ db: any SQLDatabase, workspaceID: String, email: String, userName: String, except id: String?) async throws {
        let others = try await db.raw(
            """
            SELECT p.id AS id FROM participants p LEFT JOIN scim_identities s ON s.participant_id = p.id
            WHERE p.workspace_id = \(bind: workspaceID) AND p.id <> \(bind: id ?? "")
            AND (p.email = \(bind: email) OR LOWER(COALESCE(s.user_name, p.email)) = \(bind: userName.lowercased()))
            """
        ).all()
        if !others.isEmpty { throw StoreError.conflict("another participant has this userName or e-mail address") }
    }

    /// The unit a department names (by code, else by name, without case), the current one
    /// when it names none, else the top of the tree.
    static func unitID(_ db: any SQLDatabase, workspaceID: String, department: String?, current: String?) async throws -> String {
        let units = try await OrganizationRepository.units(db, workspaceID: workspaceID)
        if let department = department?.trimmingSpaces(), !department.isEmpty {
            let key = department.lowercased()
            guard let unit = units.first(where: { $0.code.lowercased() == key }) ?? units.first(where: { $0.name.lowercased() == key })
            else { throw StoreError.invalid("department '\(department)' is neither the code nor the name of a unit of this workspace") }
            return unit.id
        }
        if let current { return current }
        guard let top = units.filter({ $0.parentID == nil }).min(by: { $0.code < $1.code }) else {
            throw StoreError.invalid("this workspace has no units yet: import its org chart before provisioning people")
        }
        return top.id
    }

    /// The manager's e-mail from their participant id, refusing a chain that comes back to
    /// this person.
    static func managerEmail(_ db: any SQLDatabase, workspaceID: String, managerID: String?, email: String) async throws -> String? {
        guard let managerID, !managerID.isEmpty else { return nil }
        guard let manager = try await stored(db, workspaceID: workspaceID, id: managerID) else {
            throw StoreError.invalid("manager '\(managerID)' is not a user of this workspace")
        }
        // Only who manages whom: a directory sets managers one person at a time, so reading
        // the whole participants context (units, roles, every record) each time would not scale.
        var chain: [String: String] = [:]
        for row in try await db.raw(
            "SELECT email, manager_email FROM participants WHERE workspace_id = \(bind: workspaceID) AND manager_email IS NOT NULL"
        ).all() {
            chain[try row.decode(column: "email", as: String.self)] = try row.decode(column: "manager_email", as: String.self)
        }
        chain[email] = manager.email
        if let cycle = ManagerChain.cycles(chain).first(where: { $0.contains(email) }) {
            throw StoreError.invalid("manager: managers would form a cycle: \((cycle + [cycle[0]]).joined(separator: " -> "))")
        }
        return manager.email
    }
}

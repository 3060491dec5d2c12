import DNACore
import SQLKit

extension ParticipantRepository {
    /// The workspace's participants, by e-mail.
    public func all(workspaceID: String) async throws -> [Participant] {
        try await read { db in try await Self.all(db, workspaceID: workspaceID) }
    }

    static func all(_ db: any SQLDatabase, workspaceID: String) async throws -> [Participant] {
        try await db.select().columns("id", "email", "name", "unit_id", "role_id", "language", "manager_email").from("participants")
            .where("workspace_id", .equal, SQLBind(workspaceID)).orderBy("email").all()
            .map { try $0.record(Participant.self) }
    }

    /// What a participants file is checked against: the workspace's unit and role codes and
    /// the manager of everyone already stored.
    struct Context: Equatable {
        var unitIDs: [String: String]
        var roleIDs: [String: String]
        var managers: [String: String]
        var stored: [String: Participant]

        static func == (a: Context, b: Context) -> Bool {
            a.unitIDs == b.unitIDs && a.roleIDs == b.roleIDs && a.managers == b.managers
        }

        func parse(file: String, text: String) throws(FileProblems) -> ParticipantsFile.Contents {
            try ParticipantsFile.parse(
                file: file, text: text, units: Set(unitIDs.keys), roles: Set(roleIDs.keys), managers: managers)
        }
    }

    static func context(_ db: any SQLDatabase, workspaceID: String) async throws -> Context {
        let units = try await OrganizationRepository.units(db, workspaceID: workspaceID)
        let roles = try await OrganizationRepository.roles(db, workspaceID: workspaceID)
        let stored = try await all(db, workspaceID: workspaceID)
        return Context(
            unitIDs: Dictionary(uniqueKeysWithValues: units.map { ($0.code, $0.id) }),
            roleIDs: Dictionary(uniqueKeysWithValues: roles.map { ($0.code, $0.id) }),
            managers: Dictionary(uniqueKeysWithValues: stored.compactMap { person in person.managerEmail.map { (person.email, $0) } }),
            stored: Dictionary(uniqueKeysWithValues: stored.map { ($0.email, $0) }))
    }

    /// Merges a participants file by e-mail, all or nothing: new addresses are added, known
    /// ones take the file's name, unit, role, language and manager; people not in the file
    /// stay as they are. Problems are thrown as `FileProblems` before anything is written.
    public func importFile(workspaceID: String, file: String, text: String) async throws -> (added: Int, updated: Int) {
        let makeID = self.makeID
        // Read and checked before the write transaction, so a large or broken file never holds
        // the writer; checked again inside only if the units, roles or managers changed.
        let before = try await read { db in try await Self.context(db, workspaceID: workspaceID) }
        let parsed = try before.parse(file: file, text: text)
        return try await write { db in
            let context = try await Self.context(db, workspaceID: workspaceID)
            let contents = context == before ? parsed : try context.parse(file: file, text: text)
            let (added, updated) = try await Self.merge(db, workspaceID: workspaceID, contents, into: context, makeID: makeID)
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "participants.import", record: "file:\(file)",
                summary: "imported participants: \(added) added, \(updated) changed")
            return (added, updated)
        }
    }

    /// Writes checked file contents, inside the caller's transaction: new addresses inserted,
    /// known ones updated where the file changes them.
    static func merge(
        _ db: any SQLDatabase, workspaceID: String, _ contents: ParticipantsFile.Contents, into context: Context,
        makeID: @Sendable () -> String
    ) async throws -> (added: Int, updated: Int) {
        var updated = 0
        var inserts: [Participant] = []
        for row in contents.rows {
            let unitID = context.unitIDs[row.unit]!, roleID = row.role.flatMap { context.roleIDs[$0] }
            guard let stored = context.stored[row.email] else {
                inserts.append(
                    Participant(
                        id: makeID(), email: row.email, name: row.name, unitID: unitID, roleID: roleID, language: row.language,
                        managerEmail: row.managerEmail))
                continue
            }
            // A column the file leaves out keeps what is stored; an empty field clears it.
            let changed = Participant(
                id: stored.id, email: row.email, name: contents.has("name") ? row.name : stored.name, unitID: unitID,
                roleID: contents.has("role") ? roleID : stored.roleID, language: contents.has("language") ? row.language : stored.language,
                managerEmail: contents.has("manager_email") ? row.managerEmail : stored.managerEmail)
            guard changed != stored else { continue }
            try await db.update("participants").set("name", to: SQLBind(changed.name)).set("unit_id", to: SQLBind(changed.unitID))
                .set("role_id", to: SQLBind(changed.roleID)).set("language", to: SQLBind(changed.language))
                .set("manager_email", to: SQLBind(changed.managerEmail)).where("id", .equal, SQLBind(stored.id)).run()
            updated += 1
        }
        // Many rows to a statement: one statement per person made a large file slow.
        for batch in inserts.chunked(into: 500) {
            var insert = db.insert(into: "participants")
                .columns("id", "workspace_id", "email", "name", "unit_id", "role_id", "language", "manager_email")
            for person in batch {
                insert = insert.values(
                    SQLBind(person.id), SQLBind(workspaceID), SQLBind(person.email), SQLBind(person.name), SQLBind(person.unitID),
                    SQLBind(person.roleID), SQLBind(person.language), SQLBind(person.managerEmail))
            }
            try await insert.run()
        }
        return (inserts.count, updated)
    }
}

extension ParticipantRepository {
    /// The workspaces in which someone lists `email` as their manager, for a manager's "my
    /// teams" without a membership.
    public func workspacesManaged(by email: String) async throws -> [Workspace] {
        try await read { db in
            try await db.raw(
                """
                SELECT DISTINCT \(WorkspaceRepository.aliasedColumns) FROM workspaces w
                JOIN participants p ON p.workspace_id = w.id WHERE p.manager_email = \(bind: EmailAddress.normalized(email))
                ORDER BY w.name
                """
            ).all().map { try WorkspaceRepository.workspace($0) }
        }
    }
}

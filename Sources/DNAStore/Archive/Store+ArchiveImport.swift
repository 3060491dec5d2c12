import DNACore
import Foundation
import SQLKit

extension Store {
    /// Restores the workspace archived in the file at `path`, all or nothing, reading it a row
    /// at a time. The rows keep their ids, so moving a workspace to another database and back
    /// gives the same archive. When the workspace's id is already taken here (a copy beside the
    /// original) or `slug` names a new one, every id is replaced, and the copy's personal and
    /// open links are left out: they belong to the original.
    public func importWorkspace(path: String, slug newSlug: String? = nil) async throws -> ArchiveSummary {
        let makeID = self.makeID
        return try await write { db in
            var reader = try JSONStreamReader(path: path)
            defer { reader.close() }
            var importer = ArchiveImporter(db: db, makeID: makeID, newSlug: newSlug)
            try await importer.read(&reader)
            // Kept with the instance, not the workspace: its own log stays as the archive has it,
            // so exporting the restored workspace gives the same document.
            try await AuditLogRepository.audit(
                db, workspaceID: nil, action: "workspace.import", record: "workspace:\(importer.summary.workspace.slug)",
                summary: "restored workspace '\(importer.summary.workspace.name)' from an archive (\(importer.summary.totalRows) rows)")
            return importer.summary
        }
    }
}

/// One import's state: the ids seen per table (every reference must point at a row of the
/// archive) and, for a copy, the new id of each old one.
private struct ArchiveImporter {
    let db: any SQLDatabase
    let makeID: @Sendable () -> String
    let newSlug: String?
    var summary = ArchiveSummary(workspace: Workspace(id: "", slug: "", name: "", minGroupSize: 5, createdAt: 0), rows: [])
    var workspaceID = ""
    private var copying = false
    private var ids: [String: Set<String>] = [:]
    private var newIDs: [String: String] = [:]
    private static let batch = 200

    init(db: any SQLDatabase, makeID: @escaping @Sendable () -> String, newSlug: String?) {
        self.db = db
        self.makeID = makeID
        self.newSlug = newSlug
    }

    mutating func read(_ reader: inout JSONStreamReader) async throws {
        try reader.expect(UInt8(ascii: "{"), "the archive to start with {")
        var header: [String: Any] = [:]
        var sawTables = false
        repeat {
            let key = try reader.key()
            if key == "tables" {
                try checkHeader(header, reader)
                try await insertWorkspace(header, reader)
                try await readTables(&reader)
                sawTables = true
            } else {
                header[key] = try reader.value()
            }
        } while try reader.more(close: UInt8(ascii: "}"))
        guard sawTables else { throw reader.error("has no \"tables\"") }
        try await addMembers(header["members"], reader)
    }

    private func checkHeader(_ header: [String: Any], _ reader: JSONStreamReader) throws {
        guard header["format"] as? String == ArchiveSchema.format else {
            throw reader.error(
                "is not a CustomerDNA workspace archive: \"format\" must be \"\(ArchiveSchema.format)\" and come before \"tables\"")
        }
        guard let version = header["version"] as? Int else { throw reader.error("\"version\" must be a whole number before \"tables\"") }
        guard version <= ArchiveSchema.version else {
            throw reader.error(
                "was written by a newer CustomerDNA (archive version \(version)); this one reads version \(ArchiveSchema.version) and older"
            )
        }
    }

    /// The retention period, absent in archives written before it existed.
    private static func retentionDays(_ fields: [String: Any], _ reader: JSONStreamReader) throws -> Int? {
        switch fields["open_answer_retention_days"] {
        case nil, is NSNull: return nil
        case let days as Int where days >= 1: return days
        default: throw reader.error("\"open_answer_retention_days\" must be a whole number of days from 1, or null")
        }
    }

    /// The comment threshold, absent in archives written before it existed (then the default).
    private static func commentThreshold(_ fields: [String: Any], _ reader: JSONStreamReader) throws -> Int {
        switch fields["comment_threshold"] {
        case nil: return 10
        case let threshold as Int where threshold >= 1: return threshold
        default: throw reader.error("\"comment_threshold\" must be a whole number of people from 1")
        }
    }

    private mutating func insertWorkspace(_ header: [String: Any], _ reader: JSONStreamReader) async throws {
        guard let fields = header["workspace"] as? [String: Any], let id = fields["id"] as? String, let slug = fields["slug"] as? String,
            let name = fields["name"] as? String, let minGroupSize = fields["min_group_size"] as? Int,
            let createdAt = (fields["created_at"] as? NSNumber)?.int64Value
        else {
            throw reader.error("\"workspace\" must hold id, slug, name, min_group_size and created_at before \"tables\"")
        }
        let taken = try await db.select().column("id").from("workspaces").where("id", .equal, SQLBind(id)).first() != nil
        copying = taken || newSlug != nil
        let workspace = Workspace(
            id: copying ? makeID() : id, slug: newSlug ?? slug, name: name, minGroupSize: minGroupSize, createdAt: createdAt,
            openAnswerRetentionDays: try Self.retentionDays(fields, reader), commentThreshold: try Self.commentThreshold(fields, reader))
        guard Identifier.isValid(workspace.slug) else {
            throw StoreError.invalid("slug '\(workspace.slug)' is not valid: \(Identifier.rule)")
        }
        if try await db.select().column("id").from("workspaces").where("slug", .equal, SQLBind(workspace.slug)).first() != nil {
            throw StoreError.conflict(
                "a workspace '\(workspace.slug)' exists already; import with --slug NEW to restore it as a copy beside it")
        }
        try await WorkspaceRepository.insert(workspace, into: db)
        workspaceID = workspace.id
        summary.workspace = workspace
    }

    private mutating func readTables(_ reader: inout JSONStreamReader) async throws {
        try reader.expect(UInt8(ascii: "{"), "\"tables\" to be an object")
        var remaining = ArchiveSchema.tables
        if try reader.peek() == UInt8(ascii: "}") {
            _ = try reader.more(close: UInt8(ascii: "}"))
        } else {
            repeat {
                let name = try reader.key()
                guard let index = remaining.firstIndex(where: { $0.name == name }) else {
                    throw reader.error(
                        ArchiveSchema.table(named: name) == nil
                            ? "has an unknown table \"\(name)\"" : "has table \"\(name)\" twice or after a table that points at it")
                }
                // Tables come in the schema's order; one may be left out (no rows).
                remaining.removeSubrange(remaining.startIndex...index)
                let count = try await readRows(of: ArchiveSchema.tables.first { $0.name == name }!, &reader)
                summary.rows.append((name, count))
            } while try reader.more(close: UInt8(ascii: "}"))
        }
    }

    private mutating func readRows(of table: ArchiveSchema.Table, _ reader: inout JSONStreamReader) async throws -> Int {
        try reader.expect(UInt8(ascii: "["), "table \"\(table.name)\" to be an array of rows")
        var pending: [[any Encodable & Sendable]] = []
        var selfReferences: [(id: String, parent: String, original: String, at: ArchiveError)] = []
        var count = 0
        if try reader.peek() == UInt8(ascii: "]") {
            _ = try reader.more(close: UInt8(ascii: "]"))
            return 0
        }
        repeat {
            count += 1
            let line = reader.line
            guard let row = try reader.value() as? [String: Any] else {
                throw reader.error("table \(table.name), row \(count): expected an object of columns")
            }
            let file = reader.file, number = count
            let located = { (message: String) in ArchiveError(file: file, line: line, "table \(table.name), row \(number): \(message)") }
            var values = try checked(row, of: table, located)
            if table.name == "units", let parent = values[2] as? String {
                // A unit's parent may come after it: linked once all units are in.
                selfReferences.append((values[0] as! String, parent, row["parent_id"] as? String ?? "", located("")))
                values[2] = String?.none
            }
            pending.append(values)
            if pending.count == Self.batch { try await insert(&pending, into: table) }
        } while try reader.more(close: UInt8(ascii: "]"))
        try await insert(&pending, into: table)
        for link in selfReferences {
            guard ids["units"]?.contains(link.original) == true else {
                throw ArchiveError(
                    file: link.at.file, line: link.at.line,
                    link.at.message + "parent_id '\(link.original)' is not a row of units in this archive")
            }
            try await db.update("units").set("parent_id", to: SQLBind(link.parent)).where("id", .equal, SQLBind(link.id)).run()
        }
        return count
    }

    /// The row's values in the schema's column order, typed, with ids replaced on a copy.
    private mutating func checked(
        _ row: [String: Any], of table: ArchiveSchema.Table, _ located: (String) -> ArchiveError
    ) throws -> [any Encodable & Sendable] {
        if let unknown = row.keys.first(where: { table.column($0) == nil }) { throw located("unknown column \"\(unknown)\"") }
        var values: [any Encodable & Sendable] = []
        for column in table.columns {
            let value = row[column.name]
            if value == nil || value is NSNull {
                guard column.nullable else { throw located("\(column.name) is missing or null") }
                values.append(Self.null(column.kind))
                continue
            }
            switch column.kind {
            case .text:
                guard let text = value as? String else { throw located("\(column.name) must be text") }
                values.append(text)
            case .integer:
                guard let number = value as? NSNumber, Double(number.int64Value) == number.doubleValue else {
                    throw located("\(column.name) must be a whole number")
                }
                values.append(number.int64Value)
            case .real:
                guard let number = value as? NSNumber, number.doubleValue.isFinite else { throw located("\(column.name) must be a number") }
                values.append(number.doubleValue)
            case .id:
                guard let id = value as? String, !id.isEmpty else { throw located("\(column.name) must be an id") }
                guard ids[table.name, default: []].insert(id).inserted else { throw located("\(column.name) '\(id)' appears twice") }
                values.append(copying ? newID(for: id) : id)
            case .reference(let target):
                guard let id = value as? String else { throw located("\(column.name) must be an id") }
                guard ids[target]?.contains(id) == true || (target == table.name && target == "units") else {
                    throw located("\(column.name) '\(id)' is not a row of \(target) in this archive")
                }
                values.append(copying ? newID(for: id) : id)
            }
        }
        return values
    }

    private mutating func newID(for id: String) -> String {
        if let known = newIDs[id] { return known }
        let made = makeID()
        newIDs[id] = made
        return made
    }

    private static func null(_ kind: ArchiveSchema.Kind) -> any Encodable & Sendable {
        switch kind {
        case .integer: Int64?.none
        case .real: Double?.none
        default: String?.none
        }
    }

    private mutating func insert(_ rows: inout [[any Encodable & Sendable]], into table: ArchiveSchema.Table) async throws {
        guard !rows.isEmpty else { return }
        defer { rows.removeAll(keepingCapacity: true) }
        var columns = table.columns.map(\.name)
        var extra: [any Encodable & Sendable] = []
        if case .workspace = table.scope {
            columns.append("workspace_id")
            extra.append(workspaceID)
        }
        if table.name == "responses" {
            // The kept sums are not in the archive: the responses count as summed and the
            // campaign rebuilds its sums from them on first read.
            columns.append("summed")
            extra.append(Int64(1))
        }
        var kept = rows
        if copying {
            kept = try copyRows(rows, of: table)
            guard !kept.isEmpty else { return }
        }
        var insert = db.insert(into: table.name).columns(columns)
        for row in kept { insert = insert.values((row + extra).map { SQLBind($0) }) }
        do {
            try await insert.run()
        } catch {
            throw StoreError.invalid("table \(table.name): the rows cannot be stored: \(StoreError.translate(error))")
        }
    }

    /// A copy does not take over the original's links: single-use links are left out, open
    /// links cleared and invitation hashes replaced, so no link of the original opens the copy.
    private func copyRows(_ rows: [[any Encodable & Sendable]], of table: ArchiveSchema.Table) throws -> [[any Encodable & Sendable]] {
        switch table.name {
        case "respondent_tokens", "survey_tokens": return []
        case "campaigns", "customer_surveys", "invitations", "survey_invitations":
            let cleared = table.columns.enumerated().filter { $0.element.name == "open_link" || $0.element.name == "token_hash" }
            return rows.map { row in
                var row = row
                for (index, column) in cleared {
                    row[index] = column.name == "open_link" ? String?.none : "copy-" + makeID()
                }
                return row
            }
        default: return rows
        }
    }

    private mutating func addMembers(_ members: Any?, _ reader: JSONStreamReader) async throws {
        guard let members = members as? [[String: Any]] else { return }
        for member in members {
            guard let email = member["email"] as? String, let accessName = member["access"] as? String,
                let access = Access(rawValue: accessName)
            else { throw reader.error("each of \"members\" must have an e-mail and an access of admin, analyst or viewer") }
            guard let user = try await db.select().column("id").from("users").where("email", .equal, SQLBind(email.lowercased())).first()
            else {
                summary.membersWithoutAccount.append(email)
                continue
            }
            try await db.insert(into: "memberships").columns("workspace_id", "user_id", "access")
                .values(SQLBind(workspaceID), SQLBind(try user.decode(column: "id", as: String.self)), SQLBind(access.rawValue)).run()
        }
    }
}

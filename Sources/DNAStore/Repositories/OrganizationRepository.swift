import DNACore
import SQLKit

extension OrganizationRepository {
    public func units(workspaceID: String) async throws -> [OrgUnit] {
        try await read { db in try await Self.units(db, workspaceID: workspaceID) }
    }

    public func unit(workspaceID: String, id: String) async throws -> OrgUnit {
        guard let unit = try await units(workspaceID: workspaceID).first(where: { $0.id == id }) else {
            throw StoreError.notFound("no unit '\(id)'")
        }
        return unit
    }

    /// Adds one unit under `parentID` (a unit of the same workspace, or nil for a root).
    public func addUnit(workspaceID: String, code: String, name: String, parentID: String?) async throws -> OrgUnit {
        if let message = UnitCode.problem(code) { throw StoreError.invalid("unit \(message)") }
        guard !name.trimmingSpaces().isEmpty else { throw StoreError.invalid("name is empty") }
        let unit = OrgUnit(id: makeID(), workspaceID: workspaceID, code: code, parentID: parentID, name: name.trimmingSpaces())
        do {
            try await write { db in
                try await AuditLogRepository.audit(
                    db, workspaceID: workspaceID, action: "unit.add", record: "unit:\(code)", summary: "added unit '\(unit.name)'")
                if let parentID {
                    let parents = try await Self.units(db, workspaceID: workspaceID)
                    guard parents.contains(where: { $0.id == parentID }) else {
                        throw StoreError.invalid("parent '\(parentID)' is not a unit of this workspace")
                    }
                }
                try await Self.insert(unit, into: db)
            }
        } catch StoreError.conflict {
            throw StoreError.conflict("a unit with code '\(code)' already exists")
        }
        return unit
    }

    /// Imports an org chart file in one transaction: new codes are added, known codes get the
    /// file's name and parent. A problem anywhere means nothing is written.
    public func importOrgChart(workspaceID: String, file: String, text: String) async throws -> (added: Int, updated: Int) {
        let makeID = self.makeID
        // The file is read and checked before the write transaction, so a large or broken
        // upload never holds the writer; it is checked again inside only if the units changed
        // in between.
        let snapshot = Self.parents(try await read { db in try await Self.units(db, workspaceID: workspaceID) })
        let rows = try OrgChart.parse(file: file, text: text, existing: snapshot)
        return try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "org-chart.import", record: "file:\(file)",
                summary: "imported the org chart (\(rows.count) units)")
            return try await Self.importOrgChart(
                db, workspaceID: workspaceID, file: file, text: text, makeID: makeID, parsed: (snapshot, rows))
        }
    }

    private static func parents(_ units: [OrgUnit]) -> [String: String?] {
        let codeOfID = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0.code) })
        var parents: [String: String?] = [:]
        for unit in units { parents[unit.code] = unit.parentID.flatMap { codeOfID[$0] } }
        return parents
    }

    /// The import itself, inside a caller's transaction; `parsed` is the file as read against
    /// a snapshot of the units taken before the transaction.
    static func importOrgChart(
        _ db: any SQLDatabase, workspaceID: String, file: String, text: String, makeID: @Sendable () -> String,
        parsed: (snapshot: [String: String?], rows: [OrgChartRow])? = nil
    ) async throws -> (added: Int, updated: Int) {
        let existing = try await units(db, workspaceID: workspaceID)
        let existingParents = parents(existing)
        let rows =
            if let parsed, parsed.snapshot == existingParents { parsed.rows } else {
                try OrgChart.parse(file: file, text: text, existing: existingParents)
            }
        var idOfCode = Dictionary(uniqueKeysWithValues: existing.map { ($0.code, $0.id) })
        let stored = Dictionary(uniqueKeysWithValues: existing.map { ($0.code, $0) })
        let newRows = rows.filter { idOfCode[$0.unit] == nil }
        for row in newRows { idOfCode[row.unit] = makeID() }
        // New units go in with their parents set, many to a statement, each after its parent
        // (the parent's foreign key is checked row by row); existing units are updated only
        // where the file changes them. One statement per row made a 1 MB chart take seconds.
        let ordered = try parentsFirst(newRows)
        for batch in ordered.chunked(into: 500) {
            var insert = db.insert(into: "units").columns("id", "workspace_id", "code", "parent_id", "name")
            for row in batch {
                insert = insert.values(
                    SQLBind(idOfCode[row.unit]!), SQLBind(workspaceID), SQLBind(row.unit), SQLBind(row.parent.flatMap { idOfCode[$0] }),
                    SQLBind(row.name))
            }
            try await insert.run()
        }
        for row in rows {
            guard let unit = stored[row.unit] else { continue }
            let parentID = row.parent.flatMap { idOfCode[$0] }
            guard unit.name != row.name || unit.parentID != parentID else { continue }
            try await db.update("units").set("name", to: SQLBind(row.name)).set("parent_id", to: SQLBind(parentID))
                .where("id", .equal, SQLBind(unit.id)).run()
        }
        return (newRows.count, rows.count - newRows.count)
    }

    /// `rows` ordered so that a unit whose parent is also among them comes after it.
    private static func parentsFirst(_ rows: [OrgChartRow]) throws -> [OrgChartRow] {
        let codes = Set(rows.map(\.unit))
        var children: [String: [OrgChartRow]] = [:]
        var ordered: [OrgChartRow] = []
        ordered.reserveCapacity(rows.count)
        for row in rows {
            if let parent = row.parent, codes.contains(parent) {
                children[parent, default: []].append(row)
            } else {
                ordered.append(row)
            }
        }
        var next = 0
        while next < ordered.count {
            ordered += children[ordered[next].unit] ?? []
            next += 1
        }
        // The file was checked for cycles; a row left out here would be one.
        guard ordered.count == rows.count else { throw StoreError.invalid("the new units form a cycle") }
        return ordered
    }

    public func deleteUnit(workspaceID: String, id: String) async throws {
        do {
            try await write { db in
                try await AuditLogRepository.audit(
                    db, workspaceID: workspaceID, action: "unit.delete", record: "unit:\(id)", summary: "deleted a unit")
                let rows = try await db.delete(from: "units").where("workspace_id", .equal, SQLBind(workspaceID))
                    .where("id", .equal, SQLBind(id)).returning("id").all()
                if rows.isEmpty { throw StoreError.notFound("no unit '\(id)'") }
            }
        } catch StoreError.conflict {
            throw StoreError.conflict("the unit still has sub-units; move or delete them first")
        }
    }

    /// Read column by column rather than through `record`: nearly every page reads all of a
    /// workspace's units, which may be thousands.
    static func units(_ db: any SQLDatabase, workspaceID: String) async throws -> [OrgUnit] {
        try await db.select().columns("id", "code", "parent_id", "name").from("units")
            .where("workspace_id", .equal, SQLBind(workspaceID)).orderBy("code").all()
            .map { row in
                OrgUnit(
                    id: try row.decode(column: "id", as: String.self), workspaceID: workspaceID,
                    code: try row.decode(column: "code", as: String.self), parentID: try row.decode(column: "parent_id", as: String?.self),
                    name: try row.decode(column: "name", as: String.self))
            }
    }

    static func insert(_ unit: OrgUnit, into db: any SQLDatabase) async throws {
        try await db.insert(into: "units").columns("id", "workspace_id", "code", "parent_id", "name")
            .values(SQLBind(unit.id), SQLBind(unit.workspaceID), SQLBind(unit.code), SQLBind(unit.parentID), SQLBind(unit.name))
            .run()
    }
}

import DNACore
import Foundation
import SQLKit
import Synchronization

/// Where an archive is written as it is read: the rows go out as the database hands them
/// over, so a workspace of any size needs the memory of one row and a buffer.
public final class ArchiveOutput: Sendable {
    private struct State {
        var buffer = ""
        var failure: (any Error)?
    }

    private let state = Mutex(State())
    private let sink: @Sendable (String) throws -> Void
    private static let flushAt = 1 << 20

    /// `sink` receives the document in pieces of about a megabyte, in order.
    public init(sink: @escaping @Sendable (String) throws -> Void) { self.sink = sink }

    /// Writes to a new file at `path` (replacing one there), gzip-compressed when the name
    /// ends in `.gz`.
    public static func file(_ path: String) throws -> (output: ArchiveOutput, close: @Sendable () throws -> Void) {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw StoreError.invalid("cannot write '\(path)'")
        }
        guard Gzip.isCompressed(path) else {
            return (ArchiveOutput { try handle.write(contentsOf: Data($0.utf8)) }, { try handle.close() })
        }
        let (input, finish) = try Gzip.compressing(into: handle)
        return (ArchiveOutput { try input.write(contentsOf: Data($0.utf8)) }, finish)
    }

    func write(_ text: String) {
        state.withLock { state in
            guard state.failure == nil else { return }
            state.buffer += text
            if state.buffer.utf8.count >= Self.flushAt { flush(&state) }
        }
    }

    func finish() throws {
        try state.withLock { state in
            flush(&state)
            if let failure = state.failure { throw failure }
        }
    }

    private func flush(_ state: inout State) {
        guard !state.buffer.isEmpty else { return }
        do { try sink(state.buffer) } catch { state.failure = error }
        state.buffer = ""
    }
}

/// What an export or an import went through: rows per table, in archive order.
public struct ArchiveSummary: Sendable {
    public var workspace: Workspace
    public var rows: [(table: String, count: Int)]
    /// Members whose e-mail has no account here (import only): they must be added again.
    public var membersWithoutAccount: [String] = []

    public var totalRows: Int { rows.reduce(0) { $0 + $1.count } }
}

extension Store {
    /// Writes workspace `slug` as one JSON document (see `ArchiveSchema`) to `output`, from one
    /// snapshot of the database, rows in key order: the same data gives the same document
    /// apart from `exported_at`, on either database.
    public func exportWorkspace(slug: String, exportedAt: Int64, to output: ArchiveOutput) async throws -> ArchiveSummary {
        let kind = self.kind
        let (workspace, rows) = try await snapshot { db -> (Workspace, [(table: String, count: Int)]) in
            guard
                let workspace = try await db.select().columns(WorkspaceRepository.workspaceColumns).from("workspaces")
                    .where("slug", .equal, SQLBind(slug)).first().map(WorkspaceRepository.workspace)
            else {
                throw StoreError.notFound("no workspace '\(slug)'")
            }
            output.write("{\"format\":\(ArchiveJSON.string(ArchiveSchema.format)),\"version\":\(ArchiveSchema.version)")
            output.write(
                ",\"exported_at\":\(ArchiveJSON.string(Date(timeIntervalSince1970: TimeInterval(exportedAt)).formatted(.iso8601)))")
            output.write(
                ",\"workspace\":{\"id\":\(ArchiveJSON.string(workspace.id)),\"slug\":\(ArchiveJSON.string(workspace.slug)),\"name\":\(ArchiveJSON.string(workspace.name)),\"min_group_size\":\(workspace.minGroupSize),\"created_at\":\(workspace.createdAt),\"open_answer_retention_days\":\(workspace.openAnswerRetentionDays.map(String.init) ?? "null"),\"comment_threshold\":\(workspace.commentThreshold)}"
            )
            let members = try await db.raw(
                """
                SELECT u.email AS email, u.name AS name, m.access AS access FROM memberships m JOIN users u ON u.id = m.user_id
                WHERE m.workspace_id = \(bind: workspace.id) AND m.deactivated_at IS NULL ORDER BY u.email\(unsafeRaw: ArchiveSQL.textOrder(kind))
                """
            ).all()
            output.write(",\"members\":[")
            for (index, member) in members.enumerated() {
                let fields = try ["email", "name", "access"].map {
                    "\"\($0)\":\(ArchiveJSON.string(try member.decode(column: $0, as: String.self)))"
                }
                output.write((index == 0 ? "\n" : ",\n") + "{" + fields.joined(separator: ",") + "}")
            }
            output.write("],\"tables\":{")
            var counts: [(table: String, count: Int)] = []
            for (position, table) in ArchiveSchema.tables.enumerated() {
                output.write((position == 0 ? "\n" : ",\n") + ArchiveJSON.string(table.name) + ":[")
                // Rows written and the first that could not be: the callback may run on
                // another thread and cannot throw.
                let progress = Mutex<(rows: Int, failure: (any Error)?)>((0, nil))
                try await db.raw(ArchiveSQL.select(table, workspaceID: workspace.id, kind: kind)).run { row in
                    progress.withLock { progress in
                        guard progress.failure == nil else { return }
                        do {
                            let line = try ArchiveJSON.row(row, of: table)
                            output.write((progress.rows == 0 ? "\n" : ",\n") + line)
                            progress.rows += 1
                        } catch {
                            progress.failure = error
                        }
                    }
                }
                let (written, failure) = progress.withLock { ($0.rows, $0.failure) }
                if let failure { throw failure }
                output.write("]")
                counts.append((table.name, written))
            }
            output.write("\n}}\n")
            return (workspace, counts)
        }
        try output.finish()
        let summary = ArchiveSummary(workspace: workspace, rows: rows)
        // Who took a copy of everything is worth knowing. Written after the snapshot, so the
        // archive does not hold its own entry and a restored workspace exports the same.
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspace.id, action: "workspace.export", record: "workspace:\(workspace.slug)",
                summary: "exported the workspace archive (\(summary.totalRows) rows)")
        }
        return summary
    }
}

/// The SQL that reads one archive table of a workspace.
enum ArchiveSQL {
    /// Text sorts byte by byte on both databases, so the order does not depend on a collation.
    static func textOrder(_ kind: DatabaseKind) -> String { kind == .postgres ? " COLLATE \"C\"" : "" }

    static func select(_ table: ArchiveSchema.Table, workspaceID: String, kind: DatabaseKind) -> SQLQueryString {
        var joins = ""
        var owner = "t"
        var scope = table.scope
        var depth = 0
        while case .parent(let column, let parentName) = scope, let parent = ArchiveSchema.table(named: parentName) {
            let alias = "p\(depth)"
            joins += " JOIN \(parentName) \(alias) ON \(alias).id = \(owner).\(column)"
            owner = alias
            scope = parent.scope
            depth += 1
        }
        let columns = table.columns.map { "t.\($0.name)" }.joined(separator: ", ")
        let order = table.key.map { key in
            let isText = table.column(key).map { $0.kind != .integer && $0.kind != .real } ?? true
            return "t.\(key)" + (isText ? textOrder(kind) : "")
        }.joined(separator: ", ")
        let select: String = "SELECT \(columns) FROM \(table.name) t\(joins) WHERE \(owner).workspace_id = "
        var query = SQLQueryString(select)
        query.appendInterpolation(bind: workspaceID)
        query.appendLiteral(" ORDER BY \(order)")
        return query
    }
}

/// The document's JSON, written by hand so each row is one line with its columns in the
/// schema's order.
enum ArchiveJSON {
    static func row(_ row: any SQLRow, of table: ArchiveSchema.Table) throws -> String {
        var line = "{"
        for (index, column) in table.columns.enumerated() {
            if index > 0 { line += "," }
            line += "\"\(column.name)\":"
            if try row.decodeNil(column: column.name) {
                line += "null"
                continue
            }
            switch column.kind {
            case .text, .id, .reference: line += string(try row.decode(column: column.name, as: String.self))
            case .integer: line += String(try row.decode(column: column.name, as: Int64.self))
            case .real: line += try number(try row.decode(column: column.name, as: Double.self), table: table.name, column: column.name)
            }
        }
        return line + "}"
    }

    /// The shortest text that reads back as the same double.
    static func number(_ value: Double, table: String, column: String) throws -> String {
        guard value.isFinite else { throw StoreError.invalid("\(table).\(column) holds \(value), which JSON cannot write") }
        return "\(value)"
    }

    static func string(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

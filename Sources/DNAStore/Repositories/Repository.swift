import Logging
import SQLKit

/// One aggregate's rows: the only code that reads and writes its tables, turning rows into the
/// plain records of DNACore and back. A repository is a view of the store, so it is cheap to
/// make; the store keeps the connections, the transactions and the short-lived caches that
/// every repository shares, and a write in any of them drops those caches.
public protocol Repository: Sendable {
    var store: Store { get }
}

extension Repository {
    var makeID: @Sendable () -> String { store.makeID }
    var kind: DatabaseKind { store.kind }
    var logger: Logger { store.logger }
    var changeCount: UInt64 { store.changeCount }

    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await store.read(body)
    }

    func snapshot<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await store.snapshot(body)
    }

    func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await store.write(body)
    }

    func write<T: Sendable>(changingCachedReads: Bool, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await store.write(changingCachedReads: changingCachedReads, body)
    }
}

/// A workspace and who may administer it when it is made.
public struct WorkspaceRepository: Repository { public let store: Store }
/// The assessment frameworks beside the bundled ones.
public struct FrameworkRepository: Repository { public let store: Store }
/// Users, their memberships, sign-in sessions and API tokens.
public struct AccountRepository: Repository { public let store: Store }
/// A workspace's units and roles (the org chart).
public struct OrganizationRepository: Repository { public let store: Store }
/// Assessment campaigns with their links, responses and kept sums.
public struct CampaignRepository: Repository { public let store: Store }
/// Stored scorecards, tensions and experiments.
public struct ScorecardRepository: Repository { public let store: Store }
/// The customer model: segments, jobs, outcomes, offerings, tasks, journeys.
public struct CustomerModelRepository: Repository { public let store: Store }
/// Customer studies, votes and task tests with their answers, and customer metrics.
public struct SurveyRepository: Repository { public let store: Store }
/// The line of sight: nodes, edges, hypotheses, evidence, decisions and metrics.
public struct LineOfSightRepository: Repository { public let store: Store }
/// The people a workspace can invite.
public struct ParticipantRepository: Repository { public let store: Store }
/// Who was invited to which wave, and reminded.
public struct InvitationRepository: Repository { public let store: Store }
/// Mail waiting to go out, and what became of it.
public struct MailOutboxRepository: Repository { public let store: Store }
/// The append-only record of changes.
public struct AuditLogRepository: Repository { public let store: Store }
/// Deleting records with what hangs on them, erasing a person, and the retention of open answers.
public struct LifecycleRepository: Repository { public let store: Store }
/// What an organization's directory provisions over SCIM: its tokens, people and groups.
public struct ScimRepository: Repository { public let store: Store }
/// Signing in through the identity provider: sign-ins under way, linked identities, and the
/// groups that grant workspace roles.
public struct SingleSignOnRepository: Repository { public let store: Store }

extension Store {
    public var workspaces: WorkspaceRepository { .init(store: self) }
    public var frameworks: FrameworkRepository { .init(store: self) }
    public var accounts: AccountRepository { .init(store: self) }
    public var organization: OrganizationRepository { .init(store: self) }
    public var campaigns: CampaignRepository { .init(store: self) }
    public var scorecards: ScorecardRepository { .init(store: self) }
    public var customerModels: CustomerModelRepository { .init(store: self) }
    public var surveys: SurveyRepository { .init(store: self) }
    public var lineOfSight: LineOfSightRepository { .init(store: self) }
    public var participants: ParticipantRepository { .init(store: self) }
    public var mailOutbox: MailOutboxRepository { .init(store: self) }
    public var invitations: InvitationRepository { .init(store: self) }
    public var auditLog: AuditLogRepository { .init(store: self) }
    public var lifecycle: LifecycleRepository { .init(store: self) }
    public var scim: ScimRepository { .init(store: self) }
    public var singleSignOn: SingleSignOnRepository { .init(store: self) }
}

extension SQLRow {
    /// The row as a plain `Decodable` record whose properties are its columns in camel case
    /// (`workspace_id` is `workspaceID`), optionally the columns starting with `prefix` where a
    /// join names two records' columns alike. A stored value the record cannot hold (an enum
    /// case this binary does not know, a missing column) is an error naming the record, never a
    /// silent default: it means a newer or a damaged database.
    func record<T: Decodable>(_ type: T.Type, prefix: String? = nil) throws -> T {
        do {
            return try decode(model: T.self, prefix: prefix, keyDecodingStrategy: columnNames)
        } catch let error as DecodingError {
            throw StoreError.invalid("a stored \(T.self) cannot be read: \(Self.explain(error))")
        }
    }

    /// `workspaceID` -> `workspace_id`, `minGroupSize` -> `min_group_size`: a word starts at a
    /// capital after a small letter, so `ID` stays one word (SQLKit's own conversion gives
    /// `workspace_i_d`).
    private var columnNames: SQLRowDecoder.KeyDecodingStrategy {
        .custom { path in SQLColumnKey(columnName(of: path.last?.stringValue ?? "")) }
    }

    private static func explain(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context):
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return field.isEmpty ? context.debugDescription : "\(field): \(context.debugDescription)"
        @unknown default:
            return String(describing: error)
        }
    }
}

extension SQLQueryFetcher {
    /// Every row of the query as a plain record (see `SQLRow.record`).
    func records<T: Decodable>(_ type: T.Type) async throws -> [T] {
        try await all().map { try $0.record(T.self) }
    }
}

/// A column name as a coding key, for `SQLRow.record`'s key conversion.
private struct SQLColumnKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// `workspaceID` -> `workspace_id`: the column of a record's property (see `SQLRow.record`).
/// It runs for every key of every row decoded, several times per key, so property names (which
/// are ASCII) are converted byte by byte, without the Unicode tables `Character` consults.
func columnName(of key: String) -> String {
    var column: [UInt8] = []
    column.reserveCapacity(key.utf8.count + 4)
    var previousWasLower = false
    for byte in key.utf8 {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"):
            if previousWasLower { column.append(UInt8(ascii: "_")) }
            column.append(byte + 32)
            previousWasLower = false
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            column.append(byte)
            previousWasLower = true
        case 0..<128:
            column.append(byte)
            previousWasLower = false
        default:
            // Not a Swift property name this store declares; keep the careful conversion.
            return slowColumnName(of: key)
        }
    }
    return String(decoding: column, as: UTF8.self)
}

private func slowColumnName(of key: String) -> String {
    var column = ""
    var previousWasLower = false
    for character in key {
        if character.isUppercase && previousWasLower { column.append("_") }
        column.append(contentsOf: character.lowercased())
        previousWasLower = character.isLowercase || character.isNumber
    }
    return column
}

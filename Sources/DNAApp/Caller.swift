import DNACore
import DNAStore

/// Who asks the application to do something: a signed-in person (through a page or the API),
/// or the operator of the machine (through the command line), who may reach every workspace.
/// A use case takes the caller, checks what it may do, and writes the audit log as its doing.
public struct Caller: Sendable {
    public enum Kind: Sendable {
        case person(User)
        case machineOperator
    }

    public var kind: Kind
    /// Who the audit log names and through what.
    public var actor: AuditActor

    /// A person through a page, or through the API (`viaToken` marks an API token).
    public static func person(_ user: User, via channel: AuditChannel, viaToken: Bool = false) -> Caller {
        Caller(kind: .person(user), actor: AuditActor(name: user.email + (viaToken ? " (API token)" : ""), via: channel))
    }

    /// The command line, named by the login that ran it.
    public static func commandLine(login: String) -> Caller {
        Caller(kind: .machineOperator, actor: AuditActor(name: "cli:" + (login.isEmpty ? "unknown" : login), via: .cli))
    }

    /// Runs `body` with this caller as the audit log's actor.
    func acting<T>(_ body: () async throws -> T) async throws -> T {
        try await AuditActor.$current.withValue(actor) { try await body() }
    }
}

/// A caller may not do what it asked. A workspace the caller may not see is reported as
/// missing (`StoreError.notFound`), so its existence does not leak; these are the rest.
public enum AccessError: Error, Equatable, Sendable {
    /// Nobody is signed in.
    case signInNeeded
    /// Signed in, a member, but with too little access.
    case forbidden(String)

    public var message: String {
        switch self {
        case .signInNeeded: "sign in or send an API token"
        case .forbidden(let message): message
        }
    }
}

extension Caller {
    /// The server itself, doing what was scheduled (a wave's reminder days).
    public static let scheduler = Caller(kind: .machineOperator, actor: AuditActor(name: "system:scheduler", via: .system))
}

/// A tenant: one organization. Every other record belongs to exactly one workspace.
public struct Workspace: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    /// The short name used in URLs and on the command line (`acme`).
    public var slug: String
    public var name: String
    /// The anonymity threshold k: no group smaller than this is ever shown.
    public var minGroupSize: Int
    public var createdAt: Int64
    /// Open answers are deleted this many days after they were handed in; nil keeps them.
    public var openAnswerRetentionDays: Int?
    /// People who must have written before a group's open answers and their themes are shown.
    public var commentThreshold: Int

    public init(
        id: String, slug: String, name: String, minGroupSize: Int = 5, createdAt: Int64, openAnswerRetentionDays: Int? = nil,
        commentThreshold: Int = 10
    ) {
        self.id = id
        self.slug = slug
        self.name = name
        self.minGroupSize = minGroupSize
        self.createdAt = createdAt
        self.openAnswerRetentionDays = openAnswerRetentionDays
        self.commentThreshold = commentThreshold
    }

    /// The comment threshold in force: never below k, whichever was raised last.
    public var effectiveCommentThreshold: Int { max(commentThreshold, minGroupSize) }
}

/// A unit of the organization tree (a department, team, region).
public struct OrgUnit: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var workspaceID: String
    public var code: String
    public var parentID: String?
    public var name: String

    public init(id: String, workspaceID: String, code: String, parentID: String?, name: String) {
        self.id = id
        self.workspaceID = workspaceID
        self.code = code
        self.parentID = parentID
        self.name = name
    }
}

/// A named role people hold ("Accounts payable clerk"), optionally placed in a unit.
public struct Role: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var workspaceID: String
    public var code: String
    public var name: String
    public var unitID: String?

    public init(id: String, workspaceID: String, code: String, name: String, unitID: String?) {
        self.id = id
        self.workspaceID = workspaceID
        self.code = code
        self.name = name
        self.unitID = unitID
    }
}

/// What a user may do in one workspace. Ordered: an admin can do all an analyst can.
public enum Access: String, Codable, Sendable, CaseIterable, Comparable {
    case viewer, analyst, admin

    private var rank: Int {
        switch self {
        case .viewer: 0
        case .analyst: 1
        case .admin: 2
        }
    }

    public static func < (lhs: Access, rhs: Access) -> Bool { lhs.rank < rhs.rank }
}

/// A person who signs in. `instanceAdmin` may create workspaces and users; reading a
/// workspace's data still needs a membership in it.
public struct User: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var email: String
    public var name: String
    public var instanceAdmin: Bool
    public var createdAt: Int64

    public init(id: String, email: String, name: String, instanceAdmin: Bool, createdAt: Int64) {
        self.id = id
        self.email = email
        self.name = name
        self.instanceAdmin = instanceAdmin
        self.createdAt = createdAt
    }
}

public struct Membership: Codable, Equatable, Sendable {
    public var workspaceID: String
    public var userID: String
    public var access: Access

    public init(workspaceID: String, userID: String, access: Access) {
        self.workspaceID = workspaceID
        self.userID = userID
        self.access = access
    }
}

/// A token for automation. Only its hash is stored; the secret is shown once at creation.
public struct APIToken: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var userID: String
    public var name: String
    public var createdAt: Int64
    public var lastUsedAt: Int64?

    public init(id: String, userID: String, name: String, createdAt: Int64, lastUsedAt: Int64? = nil) {
        self.id = id
        self.userID = userID
        self.name = name
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
    }
}

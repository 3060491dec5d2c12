/// A participant as an organization's directory provisions them (SCIM, DESIGN section 6): the
/// directory's own name for them and its id, whether they are active, and where they sit. An
/// inactive person stays a participant but is not invited to new waves.
public struct DirectoryUser: Equatable, Sendable {
    /// The participant's id, which is also the directory's handle for them.
    public var id: String
    /// The directory's unique name for the person; their e-mail when they came from a file.
    public var userName: String
    public var externalID: String?
    public var email: String
    public var name: String
    public var language: String?
    public var active: Bool
    public var unit: OrgUnit
    /// The id of their manager's participant record, when the manager is a participant.
    public var managerID: String?
    public var createdAt: Int64?
    public var updatedAt: Int64?

    public init(
        id: String, userName: String, externalID: String?, email: String, name: String, language: String?, active: Bool, unit: OrgUnit,
        managerID: String?, createdAt: Int64?, updatedAt: Int64?
    ) {
        self.id = id
        self.userName = userName
        self.externalID = externalID
        self.email = email
        self.name = name
        self.language = language
        self.active = active
        self.unit = unit
        self.managerID = managerID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// What a directory sends for a person: everything a create or a full replace sets. The
/// department names a unit (by code or name); nil keeps the unit (or, for a new person, puts
/// them at the top of the tree until a group places them).
public struct DirectoryUserInput: Equatable, Sendable {
    public var userName: String
    public var externalID: String?
    public var email: String
    public var name: String
    public var language: String?
    public var active: Bool
    public var department: String?
    public var managerID: String?

    public init(
        userName: String, externalID: String? = nil, email: String, name: String = "", language: String? = nil, active: Bool = true,
        department: String? = nil, managerID: String? = nil
    ) {
        self.userName = userName
        self.externalID = externalID
        self.email = email
        self.name = name
        self.language = language
        self.active = active
        self.department = department
        self.managerID = managerID
    }
}

/// A unit as a directory group, with the participants in it.
public struct DirectoryGroup: Equatable, Sendable {
    public var unit: OrgUnit
    public var memberIDs: [String]

    public init(unit: OrgUnit, memberIDs: [String]) {
        self.unit = unit
        self.memberIDs = memberIDs
    }
}

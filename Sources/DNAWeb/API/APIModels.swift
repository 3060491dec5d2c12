import DNACore

/// Request bodies of the JSON API. Each lists its fields so unknown ones are refused.
enum APIRequest {
    struct NewWorkspace: StrictDecodable {
        static let fields: Set<String> = ["slug", "name", "min_group_size"]
        var slug: String
        var name: String
        var minGroupSize: Int?
    }

    struct NewUnit: StrictDecodable {
        static let fields: Set<String> = ["code", "name", "parent_id"]
        var code: String
        var name: String
        var parentId: String?
    }

    struct NewRole: StrictDecodable {
        static let fields: Set<String> = ["code", "name", "unit_id"]
        var code: String
        var name: String
        var unitId: String?
    }

    struct NewUser: StrictDecodable {
        static let fields: Set<String> = ["email", "name", "password", "instance_admin"]
        var email: String
        var name: String
        var password: String
        var instanceAdmin: Bool?
    }

    struct SetMember: StrictDecodable {
        static let fields: Set<String> = ["email", "access"]
        var email: String
        var access: Access
    }

    struct NewToken: StrictDecodable {
        static let fields: Set<String> = ["name"]
        var name: String
    }
}

/// Response bodies that are not plain domain records.
enum APIResponse {
    struct List<Item: Encodable>: Encodable {
        var items: [Item]
    }

    struct Me: Encodable {
        var user: User
        var workspaces: [WorkspaceAccess]
    }

    struct WorkspaceAccess: Encodable {
        var workspace: Workspace
        var access: Access
    }

    struct Member: Encodable {
        var user: User
        var access: Access
    }

    struct CreatedToken: Encodable {
        var token: APIToken
        /// Shown once; only its hash is stored.
        var secret: String
    }

    struct ImportResult: Encodable {
        var added: Int
        var updated: Int
    }
}

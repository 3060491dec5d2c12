/// Schemas of the OpenAPI document, matching the JSON the API reads and writes.
enum OpenAPISchemas {
    private static func object(_ properties: [String: Any], required: [String] = []) -> [String: Any] {
        var schema: [String: Any] = ["type": "object", "properties": properties, "additionalProperties": false]
        if !required.isEmpty { schema["required"] = required }
        return schema
    }

    private static func list(_ item: String) -> [String: Any] {
        object(["items": ["type": "array", "items": OpenAPIDocument.ref(item)]], required: ["items"])
    }

    private static var string: [String: Any] { ["type": "string"] }
    private static var nullableString: [String: Any] { ["type": "string", "nullable": true] }
    private static var integer: [String: Any] { ["type": "integer"] }
    private static var access: [String: Any] { ["type": "string", "enum": ["admin", "analyst", "viewer"]] }

    static var all: [String: Any] {
        [
            "Error": object(
                [
                    "error": object(
                        [
                            "message": string,
                            "problems": [
                                "type": "array",
                                "items": object(["file": string, "line": integer, "column": integer, "message": string]),
                            ],
                        ], required: ["message"])
                ], required: ["error"]),
            "Status": object(["status": string, "database": string], required: ["status"]),
            "Workspace": object(
                ["id": string, "slug": string, "name": string, "min_group_size": integer, "created_at": integer],
                required: ["id", "slug", "name", "min_group_size", "created_at"]),
            "WorkspaceList": list("Workspace"),
            "NewWorkspace": object(["slug": string, "name": string, "min_group_size": integer], required: ["slug", "name"]),
            "Unit": object(
                ["id": string, "workspace_id": string, "code": string, "parent_id": nullableString, "name": string],
                required: ["id", "workspace_id", "code", "name"]),
            "UnitList": list("Unit"),
            "NewUnit": object(["code": string, "name": string, "parent_id": nullableString], required: ["code", "name"]),
            "OrgChartCSV": ["type": "string", "description": "CSV with the header unit,parent,name"],
            "ImportResult": object(["added": integer, "updated": integer], required: ["added", "updated"]),
            "Role": object(
                ["id": string, "workspace_id": string, "code": string, "name": string, "unit_id": nullableString],
                required: ["id", "workspace_id", "code", "name"]),
            "RoleList": list("Role"),
            "NewRole": object(["code": string, "name": string, "unit_id": nullableString], required: ["code", "name"]),
            "Dimension": [
                "type": "object",
                "properties": [
                    "id": string, "name": string, "description": string, "weight": ["type": "number", "nullable": true],
                    "elements": ["type": "array", "items": OpenAPIDocument.ref("Dimension")],
                ],
                "required": ["id", "name", "description", "elements"],
            ],
            "Framework": object(
                [
                    "id": string, "name": string, "description": string,
                    "dimensions": ["type": "array", "items": OpenAPIDocument.ref("Dimension")],
                ],
                required: ["id", "name", "description", "dimensions"]),
            "FrameworkList": list("Framework"),
            "FrameworkYAML": [
                "type": "string",
                "description": "A framework file: id, name, description, dimensions (id, name, description, weight, elements)",
            ],
            "User": object(
                ["id": string, "email": string, "name": string, "instance_admin": ["type": "boolean"], "created_at": integer],
                required: ["id", "email", "name", "instance_admin", "created_at"]),
            "UserList": list("User"),
            "NewUser": object(
                ["email": string, "name": string, "password": ["type": "string", "minLength": 10], "instance_admin": ["type": "boolean"]],
                required: ["email", "name", "password"]),
            "Member": object(["user": OpenAPIDocument.ref("User"), "access": access], required: ["user", "access"]),
            "MemberList": list("Member"),
            "SetMember": object(["email": string, "access": access], required: ["email", "access"]),
            "Me": object(
                [
                    "user": OpenAPIDocument.ref("User"),
                    "workspaces": ["type": "array", "items": object(["workspace": OpenAPIDocument.ref("Workspace"), "access": access])],
                ], required: ["user", "workspaces"]),
            "Token": object(
                [
                    "id": string, "user_id": string, "name": string, "created_at": integer,
                    "last_used_at": ["type": "integer", "nullable": true],
                ],
                required: ["id", "user_id", "name", "created_at"]),
            "TokenList": list("Token"),
            "NewToken": object(["name": string], required: ["name"]),
            "CreatedToken": object(["token": OpenAPIDocument.ref("Token"), "secret": string], required: ["token", "secret"]),
        ]
    }
}

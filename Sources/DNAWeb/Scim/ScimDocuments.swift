/// SCIM's discovery documents (RFC 7643 section 5-7): what this server supports, the
/// attributes it keeps, and its two resource types.
enum ScimDocuments {
    static func serviceProviderConfig(_ base: String) -> [String: Any] {
        [
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
            "documentationUri": "https://github.com/customerdna/customerdna#scim",
            "patch": ["supported": true], "bulk": ["supported": false, "maxOperations": 0, "maxPayloadSize": 0],
            "filter": ["supported": true, "maxResults": ScimController.pageLimit], "changePassword": ["supported": false],
            "sort": ["supported": false], "etag": ["supported": false],
            "authenticationSchemes": [
                [
                    "type": "oauthbearertoken", "name": "Bearer token", "primary": true,
                    "description": "The workspace's token from cdna token add --scim --workspace W.",
                ]
            ],
            "meta": ["resourceType": "ServiceProviderConfig", "location": base + "/ServiceProviderConfig"],
        ]
    }

    static func resourceTypes(_ base: String) -> [String: Any] {
        let types: [[String: Any]] = [
            [
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"], "id": "User", "name": "User", "endpoint": "/Users",
                "description": "A participant of the workspace", "schema": ScimJSON.userSchema,
                "schemaExtensions": [["schema": ScimJSON.enterprise, "required": false]],
                "meta": ["resourceType": "ResourceType", "location": base + "/ResourceTypes/User"],
            ],
            [
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"], "id": "Group", "name": "Group", "endpoint": "/Groups",
                "description": "A unit of the workspace; its members are the participants in it", "schema": ScimJSON.groupSchema,
                "meta": ["resourceType": "ResourceType", "location": base + "/ResourceTypes/Group"],
            ],
        ]
        return ScimJSON.list(types, total: types.count, startIndex: 1)
    }

    private static func attribute(
        _ name: String, type: String = "string", required: Bool = false, multiValued: Bool = false, uniqueness: String = "none",
        mutability: String = "readWrite", _ description: String, sub: [[String: Any]]? = nil
    ) -> [String: Any] {
        var attribute: [String: Any] = [
            "name": name, "type": type, "multiValued": multiValued, "required": required, "caseExact": false, "mutability": mutability,
            "returned": "default", "uniqueness": uniqueness, "description": description,
        ]
        attribute["subAttributes"] = sub
        return attribute
    }

    static var schemas: [String: Any] {
        let user: [String: Any] = [
            "id": ScimJSON.userSchema, "name": "User", "description": "A participant",
            "attributes": [
                attribute("userName", required: true, uniqueness: "server", "The directory's unique name for the person"),
                attribute("name", type: "complex", "The person's name", sub: [attribute("formatted", "The whole name")]),
                attribute("displayName", "The name shown"),
                attribute("active", type: "boolean", "Inactive people are kept but not invited to new waves"),
                attribute("preferredLanguage", "A language tag such as en or nb"),
                attribute(
                    "emails", type: "complex", required: true, multiValued: true, "The work address; invitations go to it",
                    sub: [attribute("value", "The address"), attribute("type", "work"), attribute("primary", type: "boolean", "Primary")]),
                attribute(
                    "groups", type: "complex", multiValued: true, mutability: "readOnly", "The unit the person is in",
                    sub: [attribute("value", "The unit's id"), attribute("display", "The unit's name")]),
            ],
        ]
        let group: [String: Any] = [
            "id": ScimJSON.groupSchema, "name": "Group", "description": "A unit",
            "attributes": [
                attribute("displayName", required: true, uniqueness: "server", "The unit's name"),
                attribute(
                    "members", type: "complex", multiValued: true, "The participants in the unit; adding one moves them here",
                    sub: [attribute("value", "A user's id")]),
            ],
        ]
        let enterprise: [String: Any] = [
            "id": ScimJSON.enterprise, "name": "EnterpriseUser", "description": "Where the person works",
            "attributes": [
                attribute("department", "A unit's code or name: the person's unit"),
                attribute(
                    "manager", type: "complex", "The person's manager, a user of this workspace",
                    sub: [attribute("value", "The manager's id")]),
            ],
        ]
        let all = [user, group, enterprise].map { schema in
            schema.merging(
                ["schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"], "meta": ["resourceType": "Schema"]],
                uniquingKeysWith: { a, _ in a })
        }
        return ScimJSON.list(all, total: all.count, startIndex: 1)
    }
}

import DNACore
import DNAStore

/// Schemas of the OpenAPI document, matching the JSON the API reads and writes.
enum OpenAPISchemas {
    static func object(_ properties: [String: Any], required: [String] = []) -> [String: Any] {
        var schema: [String: Any] = ["type": "object", "properties": properties, "additionalProperties": false]
        if !required.isEmpty { schema["required"] = required }
        return schema
    }

    static func list(_ item: String) -> [String: Any] {
        object(["items": ["type": "array", "items": OpenAPIDocument.ref(item)]], required: ["items"])
    }

    static var string: [String: Any] { ["type": "string"] }
    static var nullableString: [String: Any] { ["type": "string", "nullable": true] }
    static var integer: [String: Any] { ["type": "integer"] }
    static var access: [String: Any] { ["type": "string", "enum": ["admin", "analyst", "viewer"]] }

    static var number: [String: Any] { ["type": "number"] }
    static var nullableNumber: [String: Any] { ["type": "number", "nullable": true] }
    static var nullableInteger: [String: Any] { ["type": "integer", "nullable": true] }

    static var all: [String: Any] {
        foundation.merging(assessment) { first, _ in first }.merging(customerModel) { first, _ in first }.merging(lineOfSight) { first, _ in
            first
        }
    }

    static var assessment: [String: Any] {
        let dimensionScore = object(
            [
                "framework": string, "dimension": string, "n": integer, "mean": number, "sd": nullableNumber, "ci95_low": nullableNumber,
                "ci95_high": nullableNumber, "score": number, "favorable": number, "unfavorable": number, "alpha": nullableNumber,
            ], required: ["framework", "dimension", "n", "mean", "score", "favorable", "unfavorable"])
        let group: [String: Any] = [
            "type": "object",
            "description": "A group result, or {group, suppressed: true} when the anonymity rule hides it",
            "properties": [
                "group": string, "suppressed": ["type": "boolean"], "n": integer, "dimensions": ["type": "array", "items": dimensionScore],
                "layers": [
                    "type": "object", "nullable": true,
                    "properties": [
                        "scores": ["type": "object", "additionalProperties": number],
                        "balance": object(["spread": number, "weakest": string, "index": number]),
                    ],
                ],
                "line_of_sight_coverage": nullableNumber,
            ],
            "required": ["group"],
        ]
        let item = object(
            [
                "id": string, "text": string, "type": ["type": "string", "enum": ["likert", "choice", "multi", "text", "outcome"]],
                "dimensions": ["type": "array", "items": string], "reverse": ["type": "boolean"],
                "options": ["type": "array", "items": string],
            ], required: ["id", "text", "type"])
        return [
            "Instrument": object(
                [
                    "id": string, "title": string,
                    "scale": object(["min": integer, "max": integer, "labels": ["type": "array", "items": string]]),
                    "items": ["type": "array", "items": item],
                ], required: ["id", "title", "items"]),
            "InstrumentList": list("Instrument"),
            "Outcome": object(
                [
                    "id": string, "workspace_id": string, "code": string, "job_id": nullableString,
                    "direction": ["type": "string", "enum": ["minimize", "increase"]], "metric": string, "object": string,
                    "clarifier": string,
                ], required: ["id", "code", "direction", "metric", "object"]),
            "OutcomeList": list("Outcome"),
            "NewOutcome": object(
                [
                    "code": string, "direction": ["type": "string", "enum": ["minimize", "increase"]], "metric": string, "object": string,
                    "clarifier": string,
                ], required: ["code", "direction", "metric", "object"]),
            "Campaign": object(
                [
                    "id": string, "name": string, "instrument": string, "opens_at": integer, "closes_at": nullableInteger,
                    "state": ["type": "string", "enum": ["scheduled", "open", "closed"]], "open_link": nullableString,
                    "progress": object(
                        [
                            "invited": integer, "submitted": integer, "in_progress": integer, "rate": nullableNumber,
                            "units": [
                                "type": "array",
                                "items": object([
                                    "unit_code": string, "unit_name": string, "invited": integer, "submitted": nullableInteger,
                                    "rate": nullableNumber,
                                ]),
                            ],
                        ]),
                ], required: ["id", "name", "instrument", "opens_at", "state"]),
            "CampaignList": list("Campaign"),
            "NewCampaign": object(
                [
                    "name": string, "instrument": string, "instrument_yaml": string, "opens_at": integer, "closes_at": integer,
                    "population": ["type": "object", "additionalProperties": integer, "description": "unit code -> people invited"],
                ], required: ["name", "opens_at", "population"]),
            "NewLinks": object(
                ["unit": string, "count": ["type": "integer", "minimum": 1, "maximum": Store.linksPerRequest]], required: ["unit", "count"]),
            "Links": object(["links": ["type": "array", "items": string]], required: ["links"]),
            "NewResponse": object(
                [
                    "respondent": string, "unit": string, "role": string,
                    "answers": ["type": "object", "additionalProperties": string, "description": "item id -> 1-5, dk, option or text"],
                ], required: ["unit", "answers"]),
            "Created": object(["id": string], required: ["id"]),
            "ResponsesCSV": [
                "type": "string",
                "description": "respondent,unit,role,<item id>... or respondent,unit,role,item,value; units and roles by code",
            ],
            "Imported": object(["imported": integer], required: ["imported"]),
            "Scorecard": object(
                [
                    "campaign": object(["id": string, "name": string]), "breakdown": string, "min_group_size": integer, "overall": group,
                    "groups": ["type": "array", "items": group], "group_names": ["type": "object", "additionalProperties": string],
                    "previous": ["type": "object", "nullable": true, "properties": ["id": string, "name": string]],
                    "trend": [
                        "type": "array",
                        "items": object([
                            "group": string,
                            "changes": [
                                "type": "array",
                                "items": object([
                                    "framework": string, "dimension": string, "previous_mean": number, "mean": number, "change": number,
                                    "score_change": number, "p_value": nullableNumber,
                                ]),
                            ],
                        ]),
                    ],
                ], required: ["campaign", "breakdown", "overall", "groups"]),
            "Tension": object(
                [
                    "id": string, "workspace_id": string, "campaign_id": nullableString, "framework": string, "dimension": string,
                    "text": string,
                    "source": ["type": "string", "enum": ["open-answer", "manual"]], "created_at": integer,
                ], required: ["id", "framework", "dimension", "text", "source"]),
            "TensionList": list("Tension"),
            "NewTension": object(
                [
                    "force": string, "text": string, "source": ["type": "string", "enum": ["open-answer", "manual"]], "campaign_id": string,
                ],
                required: ["force", "text"]),
            "Experiment": object(
                [
                    "id": string, "workspace_id": string, "tension_id": nullableString, "framework": string, "dimension": string,
                    "practice": string, "hypothesis": string, "participants": string, "duration_days": integer, "review_on": string,
                    "outcome": nullableString, "created_at": integer,
                ], required: ["id", "dimension", "practice", "hypothesis", "participants", "duration_days", "review_on"]),
            "ExperimentList": list("Experiment"),
            "NewExperiment": object(
                [
                    "force": string, "tension_id": string, "practice": string, "hypothesis": string, "participants": string,
                    "duration_days": integer, "review_on": ["type": "string", "format": "date"], "outcome": string,
                ], required: ["force", "practice", "hypothesis", "participants", "duration_days", "review_on"]),
        ]
    }

    static var foundation: [String: Any] {
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
            "AuditEntry": object(
                [
                    "at": integer, "actor": string, "via": ["type": "string", "enum": AuditChannel.allCases.map(\.rawValue)],
                    "action": string, "record": string, "summary": string,
                ], required: ["at", "actor", "via", "action", "record", "summary"]),
            "AuditEntryList": list("AuditEntry"),
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

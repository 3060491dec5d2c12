import Foundation

/// The OpenAPI 3 description of every route a tool may call. A test compares it with the
/// router both ways: every documented operation exists and every API route is documented.
enum OpenAPIDocument {
    struct Operation: Sendable {
        var method: String
        var path: String
        var summary: String
        var request: String? = nil
        var requestType: String = "application/json"
        var response: String? = nil
        var status: Int = 200
        var authenticated: Bool = true
        /// Query parameters as (name, required, allowed values or nil for any text).
        var query: [(name: String, required: Bool, values: [String]?)] = []
    }

    static let operations: [Operation] =
        [
            .init(method: "get", path: "/healthz", summary: "Liveness: the process answers", response: "Status", authenticated: false),
            .init(method: "get", path: "/readyz", summary: "Readiness: the database answers", response: "Status", authenticated: false),
            .init(method: "get", path: "/metrics", summary: "Prometheus metrics (text format)", authenticated: false),
            .init(method: "get", path: "/openapi.json", summary: "This document", authenticated: false),
            .init(method: "get", path: "/api/v1/me", summary: "The caller and the workspaces they may use", response: "Me"),
            .init(method: "get", path: "/api/v1/frameworks", summary: "The built-in frameworks", response: "FrameworkList"),
            .init(method: "get", path: "/api/v1/frameworks/{id}", summary: "One built-in framework", response: "Framework"),
            .init(method: "get", path: "/api/v1/workspaces", summary: "Workspaces the caller belongs to", response: "WorkspaceList"),
            .init(
                method: "post", path: "/api/v1/workspaces", summary: "Create a workspace (instance administrators)",
                request: "NewWorkspace",
                response: "Workspace", status: 201),
            .init(method: "get", path: "/api/v1/workspaces/{workspace}", summary: "One workspace", response: "Workspace"),
            .init(
                method: "get", path: "/api/v1/workspaces/{workspace}/members", summary: "Members and their access (admin)",
                response: "MemberList"),
            .init(
                method: "put", path: "/api/v1/workspaces/{workspace}/members", summary: "Grant or change a user's access (admin)",
                request: "SetMember", response: "Member"),
            .init(
                method: "get", path: "/api/v1/workspaces/{workspace}/audit",
                summary: "The audit log, newest first (admin); since: unix seconds, limit: 1-1000 (default 100)",
                response: "AuditEntryList", query: [("since", false, nil), ("limit", false, nil)]),
            .init(
                method: "get", path: "/api/v1/workspaces/{workspace}/frameworks", summary: "Built-in and workspace frameworks",
                response: "FrameworkList"),
            .init(
                method: "post", path: "/api/v1/workspaces/{workspace}/frameworks", summary: "Add a framework from its YAML file (analyst)",
                request: "FrameworkYAML", requestType: "application/yaml", response: "Framework", status: 201),
            .init(method: "get", path: "/api/v1/workspaces/{workspace}/frameworks/{id}", summary: "One framework", response: "Framework"),
            .init(method: "get", path: "/api/v1/workspaces/{workspace}/units", summary: "Units of the organization", response: "UnitList"),
            .init(
                method: "post", path: "/api/v1/workspaces/{workspace}/units", summary: "Add a unit (analyst)", request: "NewUnit",
                response: "Unit", status: 201),
            .init(
                method: "post", path: "/api/v1/workspaces/{workspace}/units/import",
                summary: "Import an org chart CSV unit,parent,name, all or nothing (analyst)", request: "OrgChartCSV",
                requestType: "text/csv",
                response: "ImportResult"),
            .init(method: "get", path: "/api/v1/workspaces/{workspace}/units/{id}", summary: "One unit", response: "Unit"),
            .init(
                method: "delete", path: "/api/v1/workspaces/{workspace}/units/{id}", summary: "Delete a unit without sub-units (analyst)",
                status: 204),
            .init(method: "get", path: "/api/v1/workspaces/{workspace}/roles", summary: "Named roles", response: "RoleList"),
            .init(
                method: "post", path: "/api/v1/workspaces/{workspace}/roles", summary: "Add a role (analyst)", request: "NewRole",
                response: "Role", status: 201),
            .init(method: "delete", path: "/api/v1/workspaces/{workspace}/roles/{id}", summary: "Delete a role (analyst)", status: 204),
            .init(method: "get", path: "/api/v1/users", summary: "All users (instance administrators)", response: "UserList"),
            .init(
                method: "post", path: "/api/v1/users", summary: "Create a user (instance administrators)", request: "NewUser",
                response: "User",
                status: 201),
            .init(method: "get", path: "/api/v1/tokens", summary: "The caller's API tokens", response: "TokenList"),
            .init(
                method: "post", path: "/api/v1/tokens", summary: "Create an API token; the secret is shown once", request: "NewToken",
                response: "CreatedToken", status: 201),
            .init(method: "delete", path: "/api/v1/tokens/{id}", summary: "Revoke an API token", status: 204),
        ] + assessmentOperations + customerModelOperations + lineOfSightOperations

    static let assessmentOperations: [Operation] = [
        .init(method: "get", path: "/api/v1/instruments", summary: "The built-in instruments", response: "InstrumentList"),
        .init(
            method: "get", path: "/api/v1/workspaces/{workspace}/outcomes", summary: "Desired outcomes of the customer model",
            response: "OutcomeList"),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/outcomes", summary: "Add a desired outcome (analyst)",
            request: "NewOutcome", response: "Outcome", status: 201),
        .init(method: "get", path: "/api/v1/workspaces/{workspace}/campaigns", summary: "Assessment campaigns", response: "CampaignList"),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/campaigns",
            summary: "Create a campaign from an instrument and a population (analyst)", request: "NewCampaign", response: "Campaign",
            status: 201),
        .init(
            method: "get", path: "/api/v1/workspaces/{workspace}/campaigns/{id}", summary: "One campaign with its response rate by unit",
            response: "Campaign"),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/campaigns/{id}/close", summary: "Close a campaign now (analyst)",
            response: "Campaign"),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/campaigns/{id}/reopen",
            summary: "Reopen a campaign without an end (analyst)", response: "Campaign"),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/campaigns/{id}/links",
            summary: "Make single-use respondent links for a unit; shown once (analyst)", request: "NewLinks", response: "Links",
            status: 201),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/campaigns/{id}/responses",
            summary: "Submit one complete response (analyst)", request: "NewResponse", response: "Created", status: 201),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/campaigns/{id}/responses/import",
            summary: "Import a responses CSV, wide or long, all or nothing (analyst)", request: "ResponsesCSV", requestType: "text/csv",
            response: "Imported"),
        .init(
            method: "get", path: "/api/v1/workspaces/{workspace}/campaigns/{id}/scorecard",
            summary: "Scores by unit (sub-units rolled up), role or none (?by=); small groups suppressed", response: "Scorecard"),
        .init(
            method: "get", path: "/api/v1/workspaces/{workspace}/campaigns/{id}/report",
            summary: "Leadership report or scores as a file (?format=html|md|csv|json&by=&framework=)"),
        .init(
            method: "get", path: "/api/v1/workspaces/{workspace}/tensions", summary: "Tensions of one force (?force=)",
            response: "TensionList", query: [("force", true, nil)]),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/tensions", summary: "Record a tension in a force (analyst)",
            request: "NewTension", response: "Tension", status: 201),
        .init(
            method: "get", path: "/api/v1/workspaces/{workspace}/experiments", summary: "Experiments of one force (?force=)",
            response: "ExperimentList", query: [("force", true, nil)]),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/experiments", summary: "Plan a safe-to-try experiment (analyst)",
            request: "NewExperiment", response: "Experiment", status: 201),
    ]

    static let customerModelOperations: [Operation] = [
        .init(
            method: "get", path: "/api/v1/workspaces/{workspace}/customer-model",
            summary: "Segments, jobs, outcomes, offerings and top-tasks list (?format=yaml for the model file)", response: "CustomerModel"),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/customer-model",
            summary: "Merge a customer-model YAML file by code, all or nothing (analyst)", request: "CustomerModelYAML",
            requestType: "application/yaml", response: "ImportResult"),
        .init(
            method: "delete", path: "/api/v1/workspaces/{workspace}/customer-model/{kind}/{code}",
            summary: "Remove a segment, job, outcome, offering or task (analyst)", status: 204),
        .init(
            method: "get", path: "/api/v1/workspaces/{workspace}/surveys", summary: "Outcome studies and top-tasks votes",
            response: "SurveyList"),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/surveys",
            summary: "Create an outcome study or a top-tasks vote (analyst)",
            request: "NewSurvey", response: "Survey", status: 201),
        .init(
            method: "get", path: "/api/v1/workspaces/{workspace}/surveys/{id}", summary: "One study or vote with its progress",
            response: "Survey"),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/surveys/{id}/close", summary: "Close a study or vote now (analyst)",
            response: "Survey"),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/surveys/{id}/links",
            summary: "Make single-use customer links, optionally for one segment; shown once (analyst)", request: "NewSurveyLinks",
            response: "Links",
            status: 201),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/surveys/{id}/responses",
            summary: "Record one customer's ratings (study) or picks (vote, at most 5) (analyst)", request: "NewSurveyResponse", status: 201
        ),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/surveys/{id}/responses/import",
            summary:
                "Import answers as the contract's CSV (study: respondent,segment,outcome,importance,satisfaction; vote: voter,task), all or nothing (analyst)",
            request: "SurveyCSV", requestType: "text/csv", response: "Imported"),
        .init(
            method: "get", path: "/api/v1/workspaces/{workspace}/surveys/{id}/results",
            summary: "Opportunity scores (?segment=CODE, or * for every segment) or ranked tasks", response: "SurveyResults"),
        .init(method: "get", path: "/api/v1/workspaces/{workspace}/task-tests", summary: "Task tests", response: "TaskTestList"),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/task-tests", summary: "Add or update a task test (analyst)",
            request: "NewTaskTest",
            response: "TaskTest", status: 201),
        .init(
            method: "get", path: "/api/v1/workspaces/{workspace}/task-tests/trend",
            summary: "Task-test results per round and whether tasks got easier",
            response: "TaskTrend"),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/task-rounds", summary: "Start a round of task testing (analyst)",
            request: "NewTaskRound",
            response: "TaskRound", status: 201),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/task-rounds/{id}/attempts",
            summary: "Record attempts in a round, all or nothing (analyst)",
            request: "NewAttempts", response: "Imported", status: 201),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/task-rounds/{id}/attempts/import",
            summary: "Import a round's results CSV participant,task,result,seconds,target_seconds, all or nothing (analyst)",
            request: "TaskResultsCSV",
            requestType: "text/csv", response: "Imported"),
        .init(
            method: "get", path: "/api/v1/workspaces/{workspace}/journeys",
            summary: "The customer time ledger: journeys, annual hours, changes and the running balance", response: "TimeLedger"),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/journeys", summary: "Add a journey (analyst)", request: "NewJourney",
            response: "Created",
            status: 201),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/journeys/{code}/steps", summary: "Add a step to a journey (analyst)",
            request: "NewJourneyStep", status: 201),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/journeys/{code}/changes",
            summary: "Record a change to a step; the step takes the new minutes (analyst)", request: "NewJourneyChange",
            response: "LedgerBalance",
            status: 201),
        .init(
            method: "get", path: "/api/v1/workspaces/{workspace}/customer-metrics", summary: "NPS, CSAT, CES and time to first value",
            response: "CustomerMetrics"),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/customer-metrics/import",
            summary: "Import answers CSV respondent,segment,date,metric,value, all or nothing (analyst)", request: "CustomerMetricsCSV",
            requestType: "text/csv", response: "Imported"),
    ]

    static let json: [UInt8] = {
        let data = try! JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted])
        return Array(data)
    }()

    static var document: [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for operation in operations {
            paths[operation.path, default: [:]][operation.method] = describe(operation)
        }
        return [
            "openapi": "3.0.3",
            "info": [
                "title": "CustomerDNA API", "version": "1",
                "description":
                    "Workspaces, the organization model, frameworks, the assessment (campaigns, responses, scorecards, reports, tensions, experiments) and the customer model (studies, votes, task tests, time ledger, customer metrics). Errors are {\"error\":{\"message\":...}}.",
            ],
            "paths": paths,
            "components": [
                "schemas": OpenAPISchemas.all,
                "securitySchemes": [
                    "token": [
                        "type": "http", "scheme": "bearer", "description": "An API token from POST /api/v1/tokens or `cdna token add`",
                    ],
                    "session": [
                        "type": "apiKey", "in": "cookie", "name": "cdna_session",
                        "description": "Browser session; unsafe methods also need the X-CSRF-Token header",
                    ],
                ],
            ],
        ]
    }

    private static func describe(_ operation: Operation) -> [String: Any] {
        var result: [String: Any] = ["summary": operation.summary, "operationId": operationID(operation)]
        var parameters = operation.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { part -> [String: Any] in
            ["name": String(part.dropFirst().dropLast()), "in": "path", "required": true, "schema": ["type": "string"]]
        }
        for parameter in operation.query {
            var schema: [String: Any] = ["type": "string"]
            if let values = parameter.values { schema["enum"] = values }
            parameters.append(["name": parameter.name, "in": "query", "required": parameter.required, "schema": schema])
        }
        if !parameters.isEmpty { result["parameters"] = parameters }
        if let request = operation.request {
            result["requestBody"] = ["required": true, "content": [operation.requestType: ["schema": ref(request)]]]
        }
        var success: [String: Any] = ["description": "Success"]
        if let response = operation.response { success["content"] = ["application/json": ["schema": ref(response)]] }
        var responses: [String: Any] = [String(operation.status): success]
        let error: [String: Any] = ["description": "Error", "content": ["application/json": ["schema": ref("Error")]]]
        if operation.authenticated {
            result["security"] = [["token": [String]()], ["session": [String]()]]
            for code in ["400", "401", "403", "404"] { responses[code] = error }
            // A write can meet a record that already exists or a state that forbids it.
            if operation.method != "get" { responses["409"] = error }
        }
        if operation.request != nil {
            // The body limit of the address (see BodyLimit): a JSON record or a file.
            let limit = operation.requestType == "application/json" ? BodyLimit.json : BodyLimit.file
            responses["413"] = ["description": "The body is larger than \(limit.description)", "content": error["content"]!]
        }
        if operation.method != "get" {
            responses["503"] = ["description": "Too many writes are waiting; try again after the Retry-After header's seconds"]
        }
        result["responses"] = responses
        return result
    }

    private static func operationID(_ operation: Operation) -> String {
        let words = operation.path.split(separator: "/").filter { !$0.hasPrefix("{") && $0 != "api" && $0 != "v1" }
        return operation.method + words.map { $0.replacingOccurrences(of: ".json", with: "").capitalized }.joined()
            + (operation.path.hasSuffix("}") ? "ById" : "")
    }

    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
}

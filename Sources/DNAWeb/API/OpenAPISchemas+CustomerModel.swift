import DNACore
import DNAStore

/// Schemas of the customer-model operations: the model, studies and votes, task tests, the
/// time ledger and customer metrics.
extension OpenAPISchemas {
    static var customerModel: [String: Any] {
        let codes: [String: Any] = ["type": "array", "items": string]
        let text: [String: Any] = ["type": "string", "description": "CSV text"]
        let figure = object(
            [
                "metric": ["type": "string", "enum": ["nps", "csat", "ces", "ttfv"]], "segment": nullableString, "period": nullableString,
                "n": integer,
                "score": number, "mean": number, "top_share": nullableNumber, "bottom_share": nullableNumber,
            ], required: ["metric", "n", "score", "mean"])
        let attemptResult: [String: Any] = ["type": "string", "enum": ["success", "failure", "disaster"]]
        let taskResult = object(
            ["task": string, "n": integer, "success_rate": number, "disaster_rate": number, "median_seconds": number, "score": number],
            required: ["task", "n", "success_rate", "disaster_rate", "median_seconds", "score"])
        let balance = object(
            [
                "date": string, "title": string, "customer_hours_saved": number, "cumulative_customer_hours_saved": number,
                "cost_shifting": ["type": "boolean"],
            ],
            required: ["date", "title", "customer_hours_saved", "cumulative_customer_hours_saved", "cost_shifting"])
        return [
            "CustomerModel": object(
                [
                    "segments": [
                        "type": "array",
                        "items": object(["code": string, "name": string, "description": string], required: ["code", "name"]),
                    ],
                    "jobs": [
                        "type": "array",
                        "items": object(
                            [
                                "code": string, "statement": string, "situation": string,
                                "step": ["type": "string", "nullable": true, "enum": CustomerModel.JobStep.allCases.map(\.rawValue)],
                            ], required: ["code", "statement"]),
                    ],
                    "outcomes": [
                        "type": "array",
                        "items": object(
                            [
                                "code": string, "job": nullableString, "direction": ["type": "string", "enum": ["minimize", "increase"]],
                                "metric": string,
                                "object": string, "clarifier": string,
                            ], required: ["code", "direction", "metric", "object"]),
                    ],
                    "offerings": [
                        "type": "array",
                        "items": object(
                            [
                                "code": string, "name": string,
                                "kind": ["type": "string", "enum": CustomerModel.OfferingKind.allCases.map(\.rawValue)],
                                "description": string, "jobs": codes,
                            ], required: ["code", "name", "kind"]),
                    ],
                    "tasks": ["type": "array", "items": object(["code": string, "title": string], required: ["code", "title"])],
                ]),
            "CustomerModelYAML": ["type": "string", "description": "segments, jobs, outcomes, offerings, tasks as YAML"],
            "Survey": object(
                [
                    "id": string, "kind": ["type": "string", "enum": ["outcome-study", "top-tasks"]], "name": string, "opens_at": integer,
                    "closes_at": nullableInteger, "state": ["type": "string", "enum": ["scheduled", "open", "closed"]],
                    "open_link": nullableString,
                    "long_neck": number, "top": number, "items": ["type": "array", "items": object(["code": string, "text": string])],
                    "progress": object(["links_issued": integer, "submitted": integer, "in_progress": integer]),
                ], required: ["id", "kind", "name", "opens_at", "state", "items"]),
            "SurveyList": list("Survey"),
            "NewSurvey": object(
                [
                    "kind": ["type": "string", "enum": ["outcome-study", "top-tasks"]], "name": string, "opens_at": integer,
                    "closes_at": nullableInteger,
                    "items": codes, "long_neck": number, "top": number,
                ], required: ["kind", "name", "opens_at"]),
            "NewSurveyLinks": object(
                ["count": ["type": "integer", "minimum": 1, "maximum": Store.linksPerRequest], "segment": nullableString],
                required: ["count"]),
            "NewSurveyResponse": object(
                [
                    "respondent": nullableString, "segment": nullableString,
                    "ratings": [
                        "type": "array",
                        "items": object(
                            ["outcome": string, "importance": nullableInteger, "satisfaction": nullableInteger], required: ["outcome"]),
                    ],
                    "picks": codes,
                ]),
            "SurveyCSV": text,
            "SurveyResults": object(
                [
                    "survey": string, "kind": string, "respondents": integer, "segment": nullableString,
                    "scores": [
                        "type": "array",
                        "items": object(
                            [
                                "outcome": string, "segment": nullableString, "n": integer, "importance": number, "satisfaction": number,
                                "opportunity": number, "status": ["type": "string", "enum": ["underserved", "served", "overserved"]],
                            ]),
                    ],
                    "tasks": [
                        "type": "array",
                        "items": object([
                            "task": string, "votes": integer, "share": number, "cumulative_share": number, "rank": integer,
                            "long_neck": ["type": "boolean"], "top": ["type": "boolean"],
                        ]),
                    ],
                ], required: ["survey", "kind", "respondents", "scores", "tasks"]),
            "TaskTest": object(
                ["code": string, "task_code": nullableString, "question": string, "answer": string, "target_seconds": number],
                required: ["code", "question", "answer", "target_seconds"]),
            "TaskTestList": list("TaskTest"),
            "NewTaskTest": object(
                ["code": string, "task": nullableString, "question": string, "answer": string, "target_seconds": number],
                required: ["code", "question", "answer", "target_seconds"]),
            "TaskRound": object(["id": string, "name": string, "held_on": string], required: ["id", "name", "held_on"]),
            "NewTaskRound": object(["name": string, "held_on": string], required: ["name", "held_on"]),
            "NewAttempts": object(
                [
                    "attempts": [
                        "type": "array",
                        "items": object(
                            ["participant": string, "task": string, "result": attemptResult, "seconds": number],
                            required: ["participant", "task", "result", "seconds"]),
                    ]
                ], required: ["attempts"]),
            "TaskResultsCSV": text,
            "TaskTrend": object(
                [
                    "rounds": ["type": "array", "items": OpenAPIDocument.ref("TaskRound")],
                    "trend": [
                        "type": "array",
                        "items": object([
                            "task": string, "score_change": nullableNumber, "easier": ["type": "boolean", "nullable": true],
                            "rounds": ["type": "array", "items": object(["round": string, "result": taskResult])],
                        ]),
                    ],
                ], required: ["rounds", "trend"]),
            "NewJourney": object(["code": string, "name": string, "segment": nullableString], required: ["code", "name"]),
            "NewJourneyStep": object(
                ["name": string, "customer_minutes": number, "organization_minutes": number, "frequency": number, "customers": integer],
                required: ["name", "customer_minutes", "organization_minutes", "frequency", "customers"]),
            "NewJourneyChange": object(
                [
                    "step_id": string, "title": string, "date": string, "customer_minutes_after": number,
                    "organization_minutes_after": number,
                ],
                required: ["step_id", "title", "date", "customer_minutes_after", "organization_minutes_after"]),
            "LedgerBalance": balance,
            "TimeLedger": object(
                [
                    "journeys": [
                        "type": "array",
                        "items": object([
                            "id": string, "code": string, "name": string, "segment": string, "annual_customer_hours": number,
                            "annual_organization_hours": number,
                            "steps": [
                                "type": "array",
                                "items": object([
                                    "id": string, "name": string, "customer_minutes": number, "organization_minutes": number,
                                    "frequency": number,
                                    "customers": integer, "annual_customer_hours": number, "annual_organization_hours": number,
                                ]),
                            ],
                            "changes": [
                                "type": "array",
                                "items": object([
                                    "id": string, "title": string, "date": string, "step": string, "customer_minutes_before": number,
                                    "customer_minutes_after": number, "organization_minutes_before": number,
                                    "organization_minutes_after": number,
                                    "customer_hours_change": number, "organization_hours_change": number,
                                    "cost_shifting": ["type": "boolean"],
                                ]),
                            ],
                        ]),
                    ],
                    "balance": ["type": "array", "items": balance],
                ], required: ["journeys", "balance"]),
            "CustomerMetrics": object(
                [
                    "overall": ["type": "array", "items": figure], "by_month": ["type": "array", "items": figure],
                    "by_segment": ["type": "array", "items": figure],
                ], required: ["overall", "by_month", "by_segment"]),
            "CustomerMetricsCSV": text,
        ]
    }
}

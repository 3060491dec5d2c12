import DNACore

extension OpenAPIDocument {
    static let lineOfSightOperations: [Operation] = [
        .init(
            method: "get", path: "/api/v1/workspaces/{workspace}/line-of-sight",
            summary: "The line-of-sight graph (?format=yaml for the contract's model file)", response: "LineOfSightGraph"),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/line-of-sight",
            summary: "Merge a line-of-sight YAML file by code, all or nothing; wrong edges refused with their lines (analyst)",
            request: "LineOfSightYAML", requestType: "application/yaml", response: "LineOfSightImport"),
        .init(
            method: "get", path: "/api/v1/workspaces/{workspace}/line-of-sight/check",
            summary: "The checks of `cdna analyze line-of-sight` on the stored graph (?format=csv|md)", response: "LineOfSightReport"),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/line-of-sight/nodes", summary: "Add or update a node (analyst)",
            request: "NewNode", response: "LineOfSightNode", status: 201),
        .init(
            method: "delete", path: "/api/v1/workspaces/{workspace}/line-of-sight/nodes/{code}",
            summary: "Remove a node and its edges (analyst)", status: 204),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/line-of-sight/edges",
            summary: "Connect two nodes in the direction of value; other type pairs are refused (analyst)", request: "Edge",
            response: "Edge", status: 201),
        .init(
            method: "delete", path: "/api/v1/workspaces/{workspace}/line-of-sight/edges/{from}/{to}", summary: "Remove an edge (analyst)",
            status: 204),
        .init(
            method: "get", path: "/api/v1/workspaces/{workspace}/overview",
            summary: "The Customer DNA overview: inside view, outside view and line of sight", response: "Overview"),
        .init(method: "get", path: "/api/v1/workspaces/{workspace}/hypotheses", summary: "Test cards", response: "HypothesisList"),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/hypotheses", summary: "Write a test card; it starts proposed (analyst)",
            request: "NewHypothesis", response: "Hypothesis", status: 201),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/hypotheses/{code}/status",
            summary: "Move a card proposed -> testing -> validated | invalidated; closing needs the learning card (analyst)",
            request: "HypothesisStatus", response: "Hypothesis"),
        .init(
            method: "get", path: "/api/v1/workspaces/{workspace}/evidence",
            summary: "The evidence repository, newest first; ?q= searches titles and texts (every word, stemmed)", response: "EvidenceList"),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/evidence", summary: "Add evidence with tags and links (analyst)",
            request: "NewEvidence", response: "Evidence", status: 201),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/evidence/{code}/links",
            summary: "Link evidence to a node, job, outcome, hypothesis or decision as supporting or contradicting (analyst)",
            request: "EvidenceLink", response: "Evidence"),
        .init(method: "get", path: "/api/v1/workspaces/{workspace}/decisions", summary: "The decision log", response: "DecisionList"),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/decisions",
            summary: "Log a decision with the evidence it cites (analyst)",
            request: "NewDecision", response: "Decision", status: 201),
        .init(
            method: "get", path: "/api/v1/workspaces/{workspace}/humility",
            summary: "Share of decisions citing customer evidence, overall, by unit and by quarter", response: "Humility"),
        .init(
            method: "get", path: "/api/v1/workspaces/{workspace}/agility",
            summary: "Lead times signal -> decision -> shipped and initiatives shipped per month", response: "Agility"),
        .init(method: "get", path: "/api/v1/workspaces/{workspace}/metrics", summary: "Metric definitions", response: "MetricList"),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/metrics", summary: "Define or update a metric (analyst)",
            request: "NewMetric",
            response: "Metric", status: 201),
        .init(
            method: "get", path: "/api/v1/workspaces/{workspace}/measurements",
            summary: "Measurements as a time series (?metric=CODE, ?format=csv for metric,date,value)", response: "MetricValueList"),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/measurements",
            summary: "Record values, all or nothing; a value for a day that has one replaces it (analyst)", request: "NewValues",
            response: "Imported", status: 201),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/measurements/import",
            summary: "Import a CSV metric,date,value, all or nothing, with located problems (analyst)", request: "MeasurementsCSV",
            requestType: "text/csv", response: "Imported"),
        .init(
            method: "get", path: "/api/v1/workspaces/{workspace}/objectives",
            summary: "Objectives, each pairing a customer-value and a business-value metric", response: "ObjectiveList"),
        .init(
            method: "post", path: "/api/v1/workspaces/{workspace}/objectives",
            summary: "Add or update an objective; the pair must be one metric of each kind (analyst)", request: "Objective",
            response: "Objective", status: 201),
    ]
}

extension OpenAPISchemas {
    static var lineOfSight: [String: Any] {
        let nodeType: [String: Any] = ["type": "string", "enum": LineOfSightModel.NodeType.allCases.map(\.rawValue)]
        let status: [String: Any] = ["type": "string", "nullable": true, "enum": LineOfSightGraph.Status.allCases.map(\.rawValue)]
        let codes: [String: Any] = ["type": "array", "items": string]
        let attachment = object(["id": string, "node": string], required: ["id", "node"])
        let node = object(
            [
                "code": string, "type": nodeType, "title": string, "description": string, "effort": nullableNumber,
                "budget": nullableNumber,
                "status": status, "shipped_on": nullableString,
            ], required: ["code", "type"])
        let link = object(
            [
                "target": ["type": "string", "enum": EvidenceLink.Target.allCases.map(\.rawValue)], "code": string,
                "stance": ["type": "string", "enum": EvidenceLink.Stance.allCases.map(\.rawValue)],
            ], required: ["target", "code", "stance"])
        // Null while no decision has the lead time measured.
        var distribution = object(
            ["n": integer, "min": number, "q1": number, "median": number, "q3": number, "max": number], required: ["n", "median"])
        distribution["nullable"] = true
        let period = object(
            [
                "period": nullableString, "decisions": integer, "signal_to_decision_days": distribution,
                "decision_to_ship_days": distribution,
                "signal_to_ship_days": distribution,
            ])
        let humility = object(["group": nullableString, "decisions": integer, "citing_evidence": integer, "share": number])
        let metric = object(
            [
                "code": string, "name": string, "kind": ["type": "string", "enum": MetricDefinition.ValueKind.allCases.map(\.rawValue)],
                "unit": string, "direction": ["type": "string", "enum": ["up", "down"]], "target": nullableNumber, "node": nullableString,
            ], required: ["code", "name", "kind"])
        let value = object(["metric": string, "date": string, "value": number], required: ["metric", "date", "value"])
        let hypothesis = object(
            [
                "code": string, "change": string, "segment": string, "outcome": string, "impact": string, "metric": nullableString,
                "from": nullableNumber, "to": nullableNumber, "by": nullableString,
                "status": ["type": "string", "enum": Hypothesis.Status.allCases.map(\.rawValue)], "strategy": nullableString,
                "initiative": nullableString,
                "learning": object(["believed": string, "observed": string, "learned": string, "next": string]),
                "created_on": string, "closed_on": nullableString,
            ], required: ["code", "change", "outcome"])
        let evidence = object(
            [
                "code": string, "kind": ["type": "string", "enum": EvidenceItem.Kind.allCases.map(\.rawValue)],
                "source": ["type": "string", "enum": EvidenceItem.Source.allCases.map(\.rawValue)], "title": string, "text": string,
                "captured_on": string, "segment": string, "tags": codes, "links": ["type": "array", "items": link],
            ], required: ["kind", "source", "title", "captured_on"])
        let decision = object(
            [
                "code": string, "title": string, "context": string, "options": codes, "chosen": string,
                "involvement": ["type": "string", "enum": DecisionRecord.Involvement.allCases.map(\.rawValue)], "decided_by": string,
                "unit": nullableString, "decided_on": string, "initiative": nullableString, "evidence": codes,
            ], required: ["title", "involvement", "decided_on"])
        let objective = object(
            ["code": string, "title": string, "customer_metric": string, "business_metric": string, "strategy": nullableString],
            required: ["code", "title", "customer_metric", "business_metric"])
        return [
            "LineOfSightGraph": object([
                "nodes": ["type": "array", "items": node], "edges": ["type": "array", "items": OpenAPIDocument.ref("Edge")],
                "metrics": ["type": "array", "items": attachment], "evidence": ["type": "array", "items": attachment],
            ]),
            "LineOfSightNode": node, "NewNode": node,
            "Edge": object(["from": string, "to": string], required: ["from", "to"]),
            "LineOfSightYAML": ["type": "string", "description": "nodes, edges, metrics, evidence as YAML (DESIGN.md, Files)"],
            "LineOfSightImport": object([
                "nodes_added": integer, "nodes_updated": integer, "edges_added": integer, "metrics_created": codes,
            ]),
            "LineOfSightReport": object(
                [
                    "findings": [
                        "type": "array",
                        "items": object(
                            [
                                "kind": ["type": "string", "enum": LineOfSightCheck.Kind.allCases.map(\.rawValue)], "node": string,
                                "message": string,
                            ]),
                    ],
                    "coverage": object([
                        "initiatives": integer, "with_line_of_sight": integer, "effort_share": nullableNumber,
                        "budget_share": nullableNumber,
                    ]),
                    "initiatives_with_line_of_sight": codes,
                ], required: ["findings", "coverage"]),
            "Overview": ["type": "object", "description": "inside, outside and line_of_sight sections"],
            "Hypothesis": hypothesis, "HypothesisList": list("Hypothesis"),
            "NewHypothesis": object(
                [
                    "code": string, "change": string, "segment": string, "outcome": string, "impact": string, "metric": string,
                    "from": number,
                    "to": number, "by": string, "strategy": string, "initiative": string,
                ], required: ["code", "change", "outcome"]),
            "HypothesisStatus": object(
                [
                    "status": ["type": "string", "enum": Hypothesis.Status.allCases.map(\.rawValue)], "date": string, "believed": string,
                    "observed": string, "learned": string, "next": string,
                ], required: ["status"]),
            "Evidence": evidence, "NewEvidence": evidence, "EvidenceList": list("Evidence"), "EvidenceLink": link,
            "Decision": decision, "NewDecision": decision, "DecisionList": list("Decision"),
            "Humility": object([
                "overall": humility, "by_unit": ["type": "array", "items": humility], "by_quarter": ["type": "array", "items": humility],
            ]),
            "Agility": object([
                "overall": period, "by_quarter": ["type": "array", "items": period],
                "lead_times": [
                    "type": "array",
                    "items": object([
                        "decision": string, "signal_on": nullableString, "decided_on": string, "shipped_on": nullableString,
                        "signal_to_decision_days": nullableNumber, "decision_to_ship_days": nullableNumber,
                        "signal_to_ship_days": nullableNumber,
                    ]),
                ],
                "shipped_per_month": ["type": "array", "items": object(["month": string, "initiatives": integer])],
            ]),
            "Metric": metric, "NewMetric": metric, "MetricList": list("Metric"),
            "MetricValue": value, "MetricValueList": list("MetricValue"),
            "NewValues": object(["values": ["type": "array", "items": value]], required: ["values"]),
            "MeasurementsCSV": ["type": "string", "description": "CSV text metric,date,value"],
            "Objective": objective, "ObjectiveList": list("Objective"),
        ]
    }
}

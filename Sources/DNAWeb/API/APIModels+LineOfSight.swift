import DNACore

/// Request bodies of the line-of-sight and improvement-loop operations.
extension APIRequest {
    struct NewNode: StrictDecodable {
        static let fields: Set<String> = ["code", "type", "title", "description", "effort", "budget", "status", "shipped_on"]
        var code: String
        var type: LineOfSightModel.NodeType
        var title: String?
        var description: String?
        var effort: Double?
        var budget: Double?
        var status: LineOfSightGraph.Status?
        var shippedOn: String?
    }

    struct NewEdge: StrictDecodable {
        static let fields: Set<String> = ["from", "to"]
        var from: String
        var to: String
    }

    struct NewHypothesis: StrictDecodable {
        static let fields: Set<String> = [
            "code", "change", "segment", "outcome", "impact", "metric", "from", "to", "by", "strategy", "initiative",
        ]
        var code: String
        var change: String
        var segment: String?
        var outcome: String
        var impact: String?
        var metric: String?
        var from: Double?
        var to: Double?
        var by: String?
        var strategy: String?
        var initiative: String?
    }

    struct HypothesisStatus: StrictDecodable {
        static let fields: Set<String> = ["status", "date", "believed", "observed", "learned", "next"]
        var status: Hypothesis.Status
        var date: String?
        var believed: String?
        var observed: String?
        var learned: String?
        var next: String?
    }

    struct NewEvidence: StrictDecodable {
        static let fields: Set<String> = ["code", "kind", "source", "title", "text", "captured_on", "segment", "tags", "links"]
        var code: String?
        var kind: EvidenceItem.Kind
        var source: EvidenceItem.Source
        var title: String
        var text: String?
        var capturedOn: String
        var segment: String?
        var tags: [String]?
        var links: [EvidenceLink]?
    }

    struct NewDecision: StrictDecodable {
        static let fields: Set<String> = [
            "code", "title", "context", "options", "chosen", "involvement", "decided_by", "unit", "decided_on", "initiative", "evidence",
        ]
        var code: String?
        var title: String
        var context: String?
        var options: [String]?
        var chosen: String?
        var involvement: DecisionRecord.Involvement
        var decidedBy: String?
        var unit: String?
        var decidedOn: String
        var initiative: String?
        var evidence: [String]?
    }

    struct NewMetric: StrictDecodable {
        static let fields: Set<String> = ["code", "name", "kind", "unit", "direction", "target", "node"]
        var code: String
        var name: String
        var kind: MetricDefinition.ValueKind
        var unit: String?
        var direction: MetricDefinition.Direction?
        var target: Double?
        var node: String?
    }

    struct NewValues: StrictDecodable {
        static let fields: Set<String> = ["values"]
        var values: [MetricValue]
    }

    struct NewObjective: StrictDecodable {
        static let fields: Set<String> = ["code", "title", "customer_metric", "business_metric", "strategy"]
        var code: String
        var title: String
        var customerMetric: String
        var businessMetric: String
        var strategy: String?
    }
}

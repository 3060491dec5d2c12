import DNACore

/// Request bodies of the line-of-sight and improvement-loop operations.
extension APIRequest {
    struct NewNode: Decodable {
        var code: String
        var type: LineOfSightModel.NodeType
        var title: String?
        var description: String?
        var effort: Double?
        var budget: Double?
        var status: LineOfSightGraph.Status?
        var shippedOn: String?
    }

    struct NewEdge: Decodable {
        var from: String
        var to: String
    }

    struct NewHypothesis: Decodable {
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

    struct HypothesisStatus: Decodable {
        var status: Hypothesis.Status
        var date: String?
        var believed: String?
        var observed: String?
        var learned: String?
        var next: String?
    }

    struct NewEvidence: Decodable {
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

    struct NewDecision: Decodable {
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

    struct NewMetric: Decodable {
        var code: String
        var name: String
        var kind: MetricDefinition.ValueKind
        var unit: String?
        var direction: MetricDefinition.Direction?
        var target: Double?
        var node: String?
    }

    struct NewValues: Decodable {
        var values: [MetricValue]
    }

    struct NewObjective: Decodable {
        var code: String
        var title: String
        var customerMetric: String
        var businessMetric: String
        var strategy: String?
    }
}

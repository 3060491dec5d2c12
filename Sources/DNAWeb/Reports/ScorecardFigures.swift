import DNACore
import Foundation

/// What the results page and the leadership report show, derived from one `Scorecard`
/// (already filtered by the anonymity rule in the store): forces, layers, heatmap,
/// strengths and gaps, line-of-sight coverage and trend.
struct ScorecardFigures {
    struct Row {
        var label: String
        var score: AssessmentResult.DimensionScore?
    }

    struct Ranked {
        var framework: String
        var label: String
        var score: AssessmentResult.DimensionScore
    }

    let scorecard: Scorecard
    let frameworks: [Framework]
    /// The framework the heatmap and the ranking are cut by.
    let framework: Framework

    /// The groups the heatmap and coverage show: all of them in a report, one level of a
    /// large tree on the results page (see `UnitDrill`).
    let drill: UnitDrill?

    init(scorecard: Scorecard, frameworks: [Framework], frameworkID: String = "os-canvas", drill: UnitDrill? = nil) {
        self.scorecard = scorecard
        self.frameworks = frameworks
        framework = frameworks.first { $0.id == frameworkID } ?? frameworks[0]
        self.drill = drill
    }

    /// Everyone, then the groups shown.
    private var shownGroups: [AssessmentResult.GroupResult] {
        [scorecard.result.overall] + scorecard.result.groups.filter { drill?.shows($0.group) ?? true }
    }

    var overall: AssessmentResult.GroupScores? { scorecard.result.overall.scores }

    var forces: Framework { frameworks.first { $0.id == "os-canvas" }! }
    var layersFramework: Framework? { frameworks.first { $0.id == "layers" } }

    func rows(_ framework: Framework, in group: AssessmentResult.GroupScores?) -> [Row] {
        framework.dimensions.map { Row(label: $0.name, score: group?.dimension(framework.id, $0.id)) }
    }

    /// Groups hidden by the anonymity rule.
    var hiddenGroups: Int { scorecard.result.groups.filter { $0.scores == nil }.count }

    var heatmapRows: [Charts.HeatmapRow] {
        shownGroups.map { group in
            Charts.HeatmapRow(
                label: groupName(group.group), depth: group.group == "all" ? 0 : (scorecard.groupDepths[group.group] ?? 0) + 1,
                scores: group.scores.map { scores in framework.dimensions.map { scores.dimension(framework.id, $0.id)?.score } },
                // The overall row has no one else to be compared with.
                marks: group.group == "all"
                    ? nil
                    : group.scores.map { scores in
                        framework.dimensions.map { Charts.HeatmapMark(scores.dimension(framework.id, $0.id)?.vsRest) }
                    })
        }
    }

    /// Dimensions of the chosen framework from strongest to weakest, for everyone.
    var ranked: [Ranked] { ranked(framework) }

    /// Dimensions of `framework` from strongest to weakest, for everyone (ties by name).
    func ranked(_ framework: Framework) -> [Ranked] {
        guard let overall else { return [] }
        return framework.dimensions.compactMap { dimension in
            overall.dimension(framework.id, dimension.id).map { Ranked(framework: framework.id, label: dimension.name, score: $0) }
        }.sorted { ($0.score.score, $1.label) > ($1.score.score, $0.label) }
    }

    var strengths: [Ranked] { Array(ranked.prefix(3)) }
    var gaps: [Ranked] { Array(ranked.suffix(3).reversed()) }

    /// A group's name; the whole organization's in the page's words.
    func groupName(_ group: String) -> String { group == "all" ? words("Everyone") : scorecard.name(of: group) }

    var coverage: [(label: String, share: Double)] {
        shownGroups.compactMap { group in
            guard let share = group.scores?.lineOfSightCoverage else { return nil }
            return (groupName(group.group), share)
        }
    }

    var layers: [(name: String, weight: Double, score: Double?)] {
        guard let framework = layersFramework else { return [] }
        return framework.dimensions.map { ($0.name, $0.weight ?? 1, overall?.layers?.scores[$0.id]) }
    }

    var weakestLayerName: String? {
        guard let id = overall?.layers?.balance.weakest else { return nil }
        return layersFramework?.dimension(id)?.name ?? id
    }

    func dimensionName(framework id: String, dimension: String) -> String {
        let parts = dimension.split(separator: "/").map(String.init)
        guard let framework = frameworks.first(where: { $0.id == id }), let top = framework.dimension(parts[0]) else { return dimension }
        if parts.count > 1, let element = top.elements.first(where: { $0.id == parts[1] }) { return "\(top.name): \(element.name)" }
        return top.name
    }

    var overallTrend: [AssessmentTrend.Change] { scorecard.trend(of: "all") }

    /// The radar of the previous wave's force means, when there is one.
    var previousForceScores: [Double?]? {
        let trend = overallTrend
        guard !trend.isEmpty else { return nil }
        return forces.dimensions.map { dimension in
            trend.first { $0.framework == "os-canvas" && $0.dimension == dimension.id }.map { ($0.previousMean - 1) / 4 * 100 }
        }
    }
}

import DNACore
import Foundation

/// The scorecard sections as HTML, written once and used by the results page and by the
/// self-contained leadership report.
enum ScorecardHTML {
    /// Below this many answers a result is said to be uncertain wherever it is shown.
    static let fewAnswers = 30
    private static func e(_ text: String) -> String { Charts.escape(text) }
    private static func r(_ value: Double?, _ digits: Int = 1) -> String { AnalysisOutput.rounded(value, digits) }
    private static func p(_ share: Double?) -> String { AnalysisOutput.percent(share) }

    /// `openLink` gives the page address that opens a unit of a large tree (nil: the top).
    static func sections(
        _ figures: ScorecardFigures, forceLink: ((String) -> String)? = nil, openLink: ((String?) -> String)? = nil
    ) -> String {
        var html = ""
        guard let overall = figures.overall else {
            return
                "<p class=\"notice\">Results are not shown yet: fewer than \(figures.scorecard.minGroupSize) people have answered, the smallest group the anonymity rule allows.</p>"
        }
        html += "<section aria-labelledby=\"s-summary\"><h2 id=\"s-summary\">Summary</h2><ul class=\"cards\">"
        html += "<li><span class=\"stat\">\(overall.n)</span> respondents</li>"
        if let layers = overall.layers {
            html += "<li><span class=\"stat\">\(r(layers.balance.index))</span> layer index (0–100, influence-weighted)</li>"
            html += "<li><span class=\"stat\">\(r(layers.balance.spread))</span> points between the strongest and the weakest layer</li>"
        }
        if let coverage = overall.lineOfSightCoverage {
            html += "<li><span class=\"stat\">\(p(coverage))</span> can name the customer outcome their work serves</li>"
        }
        html += "</ul>"
        if overall.n < Self.fewAnswers {
            html +=
                "<p class=\"uncertain\" role=\"note\">Fewer than \(Self.fewAnswers) answers: these figures are uncertain. A score can move several points with one more person's answers; read the confidence intervals in the tables before comparing.</p>"
        }
        html += "</section>"

        html += "<section aria-labelledby=\"s-forces\"><h2 id=\"s-forces\">The 12 forces</h2><div class=\"split\">"
        html += Charts.radar(
            title: "Scores of the 12 forces, 0 to 100" + (figures.previousForceScores == nil ? "" : "; dashed line: previous wave"),
            axes: figures.rows(figures.forces, in: overall).map { ($0.label, $0.score?.score) }, previous: figures.previousForceScores)
        html += scoreTable(figures.forces, figures: figures, group: overall, forceLink: forceLink)
        html += "</div></section>"

        if let balance = overall.layers?.balance {
            html += "<section aria-labelledby=\"s-layers\"><h2 id=\"s-layers\">Balance of the four layers</h2>"
            html +=
                "<p>Weakest layer: <strong>\(e(figures.weakestLayerName ?? balance.weakest))</strong>. Spread \(r(balance.spread)) points; influence-weighted index \(r(balance.index)). A change made in one layer alone does not hold.</p>"
            html += Charts.layerStack(
                title: "Layer scores from the least influential (bottom) to the most (top)", layers: figures.layers,
                weakest: figures.weakestLayerName)
            if let layers = figures.layersFramework { html += scoreTable(layers, figures: figures, group: overall, forceLink: nil) }
            html += "</section>"
        }

        html += "<section aria-labelledby=\"s-heatmap\"><h2 id=\"s-heatmap\">\(e(figures.framework.name)) by group</h2>"
        if figures.hiddenGroups > 0 {
            html +=
                "<p>\(figures.hiddenGroups) group\(figures.hiddenGroups == 1 ? " is" : "s are") hidden: fewer than \(figures.scorecard.minGroupSize) respondents, or a size others could work out from the groups shown.</p>"
        }
        if let drill = figures.drill, let openLink { html += drillNavigation(drill, figures: figures, openLink: openLink) }
        html += Charts.heatmap(
            title: "Scores (0-100) of \(figures.framework.name) for each group", columns: figures.framework.dimensions.map(\.name),
            rows: figures.heatmapRows)
        html += "</section>"

        html += "<section aria-labelledby=\"s-ranked\"><h2 id=\"s-ranked\">Strengths and gaps</h2><div class=\"split\">"
        html += rankedList("Strongest", figures.strengths) + rankedList("Weakest", figures.gaps)
        html += "</div></section>"

        let coverage = figures.coverage
        if !coverage.isEmpty {
            html += "<section aria-labelledby=\"s-coverage\"><h2 id=\"s-coverage\">Line of sight to the customer</h2>"
            html += "<p>Share of people who named a customer outcome their work contributes to, rather than \"can't say\".</p>"
            html += Charts.shareBars(title: "Line-of-sight coverage by group", bars: coverage)
            html += "</section>"
        }

        html += trendSection(figures)
        return html
    }

    /// Where the page stands in a large unit tree, and the units that open one level further.
    static func drillNavigation(_ drill: UnitDrill, figures: ScorecardFigures, openLink: (String?) -> String) -> String {
        let name = { (code: String) in e(figures.scorecard.name(of: code)) }
        var html = "<nav class=\"drill\" aria-label=\"Units shown\"><p>Showing "
        if drill.path.isEmpty {
            html += "the top levels of \(figures.scorecard.result.groups.count) units."
        } else {
            html += "<a href=\"\(e(openLink(nil)))\">the top levels</a>"
            for (index, code) in drill.path.enumerated() {
                html +=
                    index == drill.path.count - 1
                    ? " › <strong>\(name(code))</strong> and its sub-units." : " › <a href=\"\(e(openLink(code)))\">\(name(code))</a>"
            }
        }
        html += "</p>"
        let openable = drill.openable
        if !openable.isEmpty {
            html += "<p>Open a unit to see its sub-units:</p><ul class=\"drill-units\">"
            for (code, children) in openable {
                html += "<li><a href=\"\(e(openLink(code)))\">\(name(code))</a> (\(children) sub-unit\(children == 1 ? "" : "s"))</li>"
            }
            html += "</ul>"
        }
        return html + "</nav>"
    }

    private static func scoreTable(
        _ framework: Framework, figures: ScorecardFigures, group: AssessmentResult.GroupScores, forceLink: ((String) -> String)?
    ) -> String {
        var html =
            "<table class=\"scores\"><caption>\(e(framework.name))</caption><thead><tr><th scope=\"col\">Dimension</th><th scope=\"col\">Score</th><th scope=\"col\">Mean (95% CI)</th><th scope=\"col\">Favorable</th><th scope=\"col\">Unfavorable</th><th scope=\"col\">α</th><th scope=\"col\">n</th></tr></thead><tbody>"
        for dimension in framework.dimensions {
            let name = forceLink.map { "<a href=\"\(e($0(dimension.id)))\">\(e(dimension.name))</a>" } ?? e(dimension.name)
            guard let score = group.dimension(framework.id, dimension.id) else {
                html += "<tr><th scope=\"row\">\(name)</th><td colspan=\"6\">not measured</td></tr>"
                continue
            }
            let interval = score.ci95Low.map { " (\(r($0, 2))–\(r(score.ci95High, 2)))" } ?? ""
            html +=
                "<tr><th scope=\"row\">\(name)</th><td>\(r(score.score))</td><td>\(r(score.mean, 2))\(interval)</td><td>\(p(score.favorable))</td><td>\(p(score.unfavorable))</td><td>\(r(score.alpha, 2))</td><td>\(score.n)</td></tr>"
        }
        return html + "</tbody></table>"
    }

    private static func rankedList(_ title: String, _ items: [ScorecardFigures.Ranked]) -> String {
        var html = "<div><h3>\(e(title))</h3><ol>"
        for item in items {
            html +=
                "<li><strong>\(e(item.label))</strong>: \(r(item.score.score)) (\(p(item.score.favorable)) favorable, \(p(item.score.unfavorable)) unfavorable)</li>"
        }
        return html + "</ol></div>"
    }

    private static func trendSection(_ figures: ScorecardFigures) -> String {
        guard let previous = figures.scorecard.previous else {
            return
                "<section aria-labelledby=\"s-trend\"><h2 id=\"s-trend\">Trend</h2><p>This is the first wave; there is nothing to compare with yet.</p></section>"
        }
        let changes = figures.overallTrend.filter { $0.framework == "os-canvas" || $0.framework == "layers" && !$0.dimension.contains("/") }
        var html =
            "<section aria-labelledby=\"s-trend\"><h2 id=\"s-trend\">Trend since “\(e(previous.name))”</h2>"
        guard !changes.isEmpty else {
            return html + "<p>The previous wave cannot be compared: too few respondents in it, or no dimensions in common.</p></section>"
        }
        html +=
            "<table class=\"scores\"><caption>Change of the 0–100 score; p from Welch's t-test</caption><thead><tr><th scope=\"col\">Dimension</th><th scope=\"col\">Before</th><th scope=\"col\">Now</th><th scope=\"col\">Change</th><th scope=\"col\">p</th></tr></thead><tbody>"
        for change in changes {
            let arrow = change.scoreChange > 0.05 ? "▲ up" : change.scoreChange < -0.05 ? "▼ down" : "■ flat"
            let significant = (change.pValue ?? 1) < 0.05 ? " (significant)" : ""
            html +=
                "<tr><th scope=\"row\">\(e(figures.dimensionName(framework: change.framework, dimension: change.dimension)))</th><td>\(r((change.previousMean - 1) / 4 * 100))</td><td>\(r((change.mean - 1) / 4 * 100))</td><td>\(arrow) \(r(abs(change.scoreChange)))</td><td>\(r(change.pValue, 3))\(significant)</td></tr>"
        }
        return html + "</tbody></table></section>"
    }

    static let methodNotes = """
        A person's score for a dimension is the mean of their answers to its statements (1–5; statements worded \
        negatively are reversed as 6 − x; "don't know" and blanks are left out). A group's score is the mean of its \
        members' scores, shown on 1–5 and as 0–100 via (mean − 1) / 4 × 100, with a 95% confidence interval from \
        Student's t. Favorable is the share of the group's answers that are 4–5 after reversal, unfavorable the share \
        that are 1–2. Cronbach's α is shown for dimensions with three or more statements, on the people who answered \
        all of them. A layer's score uses the statements tagged with the layer or its elements; the layer index weighs \
        the layers 1 to 4 by influence. Units include their sub-units. Trend p-values come from Welch's t-test on the \
        two waves' individual scores. No group with fewer than k respondents is shown, nor any group whose size could \
        be worked out from the groups shown.
        """
}

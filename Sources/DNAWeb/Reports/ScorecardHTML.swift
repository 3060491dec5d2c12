import DNACore
import Foundation
import Plot

/// The scorecard sections as HTML, written once and used by the results page and by the
/// self-contained leadership report.
enum ScorecardHTML {
    /// Below this many answers a result is said to be uncertain wherever it is shown.
    static let fewAnswers = 30
    private static func r(_ value: Double?, _ digits: Int = 1) -> String { AnalysisOutput.rounded(value, digits) }
    private static func p(_ share: Double?) -> String { AnalysisOutput.percent(share) }

    /// `openLink` gives the page address that opens a unit of a large tree (nil: the top).
    @HTMLBuilder
    static func sections(
        _ figures: ScorecardFigures, forceLink: ((String) -> String)? = nil, openLink: ((String?) -> String)? = nil
    ) -> ComponentGroup {
        if let overall = figures.overall {
            summary(overall)
            LabelledSection("s-forces", "The 12 forces") {
                El("div", .class("split")) {
                    ChartFrame(
                        title: "Scores of the 12 forces, 0 to 100",
                        svg: Charts.radar(
                            title: figures.previousForceScores == nil
                                ? "Scores of the 12 forces, 0 to 100" : "Scores of the 12 forces, 0 to 100; dashed line: previous wave",
                            axes: figures.rows(figures.forces, in: overall).map { ($0.label, $0.score?.score) },
                            previous: figures.previousForceScores),
                        caption: figures.previousForceScores == nil
                            ? "Rings at 25, 50, 75 and 100; the table beside it has the intervals."
                            : "Filled shape: this wave; dashed line: the previous wave. Rings at 25, 50, 75 and 100.")
                    scoreTable(figures.forces, figures: figures, group: overall, forceLink: forceLink)
                }
            }
            if let balance = overall.layers?.balance {
                LabelledSection("s-layers", "Balance of the four layers") {
                    El("p") {
                        "Weakest layer: "
                        El("strong") { figures.weakestLayerName ?? balance.weakest }
                        ". Spread \(r(balance.spread)) points; influence-weighted index \(r(balance.index)). A change made in one layer alone does not hold."
                    }
                    ChartFrame(
                        title: "Layer scores, the least influential layer at the bottom",
                        svg: Charts.layerStack(
                            title: "Layer scores from the least influential (bottom) to the most (top)", layers: figures.layers,
                            weakest: figures.weakestLayerName))
                    if let layers = figures.layersFramework { scoreTable(layers, figures: figures, group: overall, forceLink: nil) }
                }
            }
            LabelledSection("s-heatmap", "\(figures.framework.name) by group") {
                if figures.hiddenGroups > 0 {
                    El("p") {
                        figures.hiddenGroups == 1
                            ? "1 group is hidden: fewer than \(figures.scorecard.minGroupSize) respondents, or a size others could work out from the groups shown."
                            : "\(figures.hiddenGroups) groups are hidden: fewer than \(figures.scorecard.minGroupSize) respondents, or a size others could work out from the groups shown."
                    }
                }
                if let drill = figures.drill, let openLink { drillNavigation(drill, figures: figures, openLink: openLink) }
                ChartFrame(
                    title: "Scores (0–100) of \(figures.framework.name) for each group",
                    svg: Charts.heatmap(
                        title: "Scores (0-100) of \(figures.framework.name) for each group",
                        columns: figures.framework.dimensions.map(\.name), rows: figures.heatmapRows),
                    caption:
                        "Each cell is the group's score on the colour of its band (legend below the cells); – means not measured. Only a cell outlined and marked ▲ or ▼ differs from everyone else once every cell is corrected for; a grey cell's group is too small to show a 10-point difference.",
                    table: DataTable(
                        columns: ["Group"] + figures.framework.dimensions.map { AdminText(verbatim: $0.name) },
                        rows: figures.heatmapRows.map { row in
                            [row.label]
                                + (row.scores.map { scores in
                                    scores.enumerated().map { index, score in
                                        AnalysisOutput.rounded(score, 0) + (row.marks?[index].suffix ?? "")
                                    }
                                }
                                    ?? figures.framework.dimensions.map { _ in AdminText("hidden") })
                        }))
            }
            LabelledSection("s-ranked", "Strengths and gaps") {
                El("div", .class("split")) {
                    rankedList("Strongest", figures.strengths)
                    rankedList("Weakest", figures.gaps)
                }
            }
            if !figures.coverage.isEmpty {
                LabelledSection("s-coverage", "Line of sight to the customer") {
                    El("p") { "Share of people who named a customer outcome their work contributes to, rather than \"can't say\"." }
                    ChartFrame(
                        title: "Line-of-sight coverage by group",
                        svg: Charts.shareBars(title: "Line-of-sight coverage by group", bars: figures.coverage),
                        table: DataTable(columns: ["Group", "Coverage"], rows: figures.coverage.map { [$0.label, p($0.share)] }))
                }
            }
            trendSection(figures)
        } else {
            El("p", .class("notice")) {
                "Results are not shown yet: fewer than \(figures.scorecard.minGroupSize) people have answered, the smallest group the anonymity rule allows."
            }
        }
    }

    private static func summary(_ overall: AssessmentResult.GroupScores) -> Component {
        var cards: [(value: String, label: AdminText)] = [("\(overall.n)", "respondents")]
        if let layers = overall.layers {
            cards.append((r(layers.balance.index), "layer index (0–100, influence-weighted)"))
            cards.append((r(layers.balance.spread), "points between the strongest and the weakest layer"))
        }
        if let coverage = overall.lineOfSightCoverage { cards.append((p(coverage), "can name the customer outcome their work serves")) }
        return LabelledSection("s-summary", "Summary") {
            StatCards(cards)
            if overall.n < Self.fewAnswers {
                El("p", .class("uncertain"), .role("note")) {
                    "Fewer than \(Self.fewAnswers) answers: these figures are uncertain. A score can move several points with one more person's answers; read the confidence intervals in the tables before comparing."
                }
            }
        }
    }

    /// Where the page stands in a large unit tree, and the units that open one level further.
    static func drillNavigation(_ drill: UnitDrill, figures: ScorecardFigures, openLink: (String?) -> String) -> Component {
        let name = { (code: String) in figures.groupName(code) }
        return El("nav", .class("drill"), .label("Units shown")) {
            El("p") {
                "Showing "
                if drill.path.isEmpty {
                    "the top levels of \(figures.scorecard.result.groups.count) units."
                } else {
                    PageLink("the top levels", href: openLink(nil))
                    for (index, code) in drill.path.enumerated() {
                        " › "
                        if index == drill.path.count - 1 {
                            El("strong") { name(code) }
                            " and its sub-units."
                        } else {
                            PageLink(name(code), href: openLink(code))
                        }
                    }
                }
            }
            if !drill.openable.isEmpty {
                El("p") { "Open a unit to see its sub-units:" }
                El("ul", .class("drill-units")) {
                    for (code, children) in drill.openable {
                        El("li") {
                            PageLink(name(code), href: openLink(code))
                            children == 1 ? " (1 sub-unit)" : " (\(children) sub-units)"
                        }
                    }
                }
            }
        }
    }

    private static func scoreTable(
        _ framework: Framework, figures: ScorecardFigures, group: AssessmentResult.GroupScores, forceLink: ((String) -> String)?
    ) -> Component {
        El("table", .class("scores")) {
            El("caption") { framework.name }
            headerRow(["Dimension", "Score", "Mean (95% CI)", "Favorable", "Unfavorable", "α", "n"])
            El("tbody") {
                for dimension in framework.dimensions {
                    El("tr") {
                        El("th", Attr("scope", "row")) {
                            if let forceLink { PageLink(dimension.name, href: forceLink(dimension.id)) } else { dimension.name }
                        }
                        if let score = group.dimension(framework.id, dimension.id) {
                            for cell in [
                                r(score.score), r(score.mean, 2) + (score.ci95Low.map { " (\(r($0, 2))–\(r(score.ci95High, 2)))" } ?? ""),
                                p(score.favorable), p(score.unfavorable), r(score.alpha, 2), "\(score.n)",
                            ] {
                                El("td") { cell }
                            }
                        } else {
                            El("td", Attr("colspan", "6")) { "not measured" }
                        }
                    }
                }
            }
        }
    }

    private static func headerRow(_ columns: [AdminText]) -> Component {
        El("thead") { El("tr") { for column in columns { El("th", Attr("scope", "col")) { column } } } }
    }

    private static func rankedList(_ title: AdminText, _ items: [ScorecardFigures.Ranked]) -> Component {
        El("div") {
            El("h3") { title }
            El("ol") {
                for item in items {
                    El("li") {
                        El("strong") { item.label }
                        ": \(r(item.score.score)) (\(p(item.score.favorable)) favorable, \(p(item.score.unfavorable)) unfavorable)"
                    }
                }
            }
        }
    }

    private static func trendSection(_ figures: ScorecardFigures) -> Component {
        guard let previous = figures.scorecard.previous else {
            return LabelledSection("s-trend", "Trend") { El("p") { "This is the first wave; there is nothing to compare with yet." } }
        }
        let changes = figures.overallTrend.filter { $0.framework == "os-canvas" || $0.framework == "layers" && !$0.dimension.contains("/") }
        return LabelledSection("s-trend", "Trend since “\(previous.name)”") {
            if changes.isEmpty {
                El("p") { "The previous wave cannot be compared: too few respondents in it, or no dimensions in common." }
            } else {
                El("table", .class("scores")) {
                    El("caption") { "Change of the 0–100 score; p from Welch's t-test" }
                    headerRow(["Dimension", "Before", "Now", "Change", "p"])
                    El("tbody") {
                        for change in changes {
                            let arrow: AdminText = change.scoreChange > 0.05 ? "▲ up" : change.scoreChange < -0.05 ? "▼ down" : "■ flat"
                            El("tr") {
                                El("th", Attr("scope", "row")) {
                                    figures.dimensionName(framework: change.framework, dimension: change.dimension)
                                }
                                El("td") { r((change.previousMean - 1) / 4 * 100) }
                                El("td") { r((change.mean - 1) / 4 * 100) }
                                El("td") { "\(arrow) \(r(abs(change.scoreChange)))" }
                                El("td") {
                                    (change.pValue ?? 1) < 0.05
                                        ? "\(r(change.pValue, 3)) (significant)" : AdminText(verbatim: r(change.pValue, 3))
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static let methodNotes: AdminText = """
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

import DNACore
import Plot

/// The results page's key drivers of line of sight: which forces carry whether people can
/// name the customer outcome of their work, beside each force's score, so a force with high
/// impact and a low score stands out as the priority.
struct KeyDriversSection: Component {
    var report: DriverAnalysis.Report?
    var figures: ScorecardFigures

    /// A priority carries more than an equal share of what the forces explain and scores
    /// below the middle of the forces.
    static func rows(_ result: DriverAnalysis.Result, figures: ScorecardFigures) -> [DriverRow] {
        let forces = figures.forces
        let scores = Dictionary(
            uniqueKeysWithValues: forces.dimensions.map { ($0.id, figures.overall?.dimension(forces.id, $0.id)?.score) })
        let known = scores.values.compactMap { $0 }.sorted()
        let middle = Statistics.percentile(sorted: known, 0.5) ?? 0
        let fair = 1 / Double(max(1, result.drivers.count))
        return result.drivers.map { driver in
            let score = scores[driver.dimension] ?? nil
            let share = driver.share
            let toShare = { (weight: Double?) in weight.flatMap { w in result.r2.flatMap { $0 > 0 ? w / $0 : nil } } }
            return DriverRow(
                label: forces.dimensions.first { $0.id == driver.dimension }?.name ?? driver.dimension, score: score, share: share,
                low: toShare(driver.ci95Low), high: toShare(driver.ci95High), r: driver.r,
                priority: (share ?? 0) > fair && (score ?? 100) < middle)
        }.sorted { ($0.share ?? -1) > ($1.share ?? -1) }
    }

    var body: Component {
        LabelledSection("s-drivers", "What drives line of sight") {
            if let result = report?.overall, let r2 = result.r2 {
                let rows = Self.rows(result, figures: figures)
                El("p") {
                    "How much each force carries of whether people can name the customer outcome of their work (Johnson's relative weights, \(result.n) respondents with every force scored): together the forces explain \(AnalysisOutput.percent(r2)) of it. Marked as a priority: a force that carries more than an equal share and scores below the middle of the forces."
                }
                ChartFrame(
                    title: "Key drivers of line of sight beside the force scores",
                    svg: Charts.drivers(title: "Key drivers of line of sight beside the force scores", rows: rows),
                    caption:
                        "Bars on the right: share of what the forces explain; whiskers: 95% bootstrap interval (1,000 resamples, seed 1).",
                    table: DataTable(
                        columns: ["Force", "Score", "Share", "95% interval", "r", "Priority"],
                        rows: rows.map { row -> [Component] in
                            [
                                row.label, AnalysisOutput.rounded(row.score, 0), AnalysisOutput.percent(row.share),
                                "\(AnalysisOutput.percent(row.low)) – \(AnalysisOutput.percent(row.high))",
                                AnalysisOutput.rounded(row.r, 2),
                                row.priority ? AdminText("yes") : AdminText(verbatim: ""),
                            ]
                        }))
            } else {
                El("p", .class("empty")) {
                    "Too few respondents with every force scored and the line-of-sight question answered to say which forces drive it."
                }
            }
        }
    }
}

extension AnalysisOutput {
    static let assessmentColumns = [
        "group", "suppressed", "group_n", "line_of_sight_coverage", "framework", "dimension", "n", "mean", "sd", "ci95_low",
        "ci95_high", "score", "favorable", "unfavorable", "alpha", "vs_rest_difference", "vs_rest_p_value", "vs_rest_q_value",
        "vs_rest_mdd",
    ]

    public static func render(_ result: AssessmentResult, as format: OutputFormat) -> String {
        let all = [result.overall] + result.groups
        switch format {
        case .json:
            return json(result)
        case .csv:
            var rows: [[String]] = []
            for group in all {
                guard let scores = group.scores else {
                    rows.append([group.group, "true"] + Array(repeating: "", count: assessmentColumns.count - 2))
                    continue
                }
                let prefix = [scores.group, "false", String(scores.n), exact(scores.lineOfSightCoverage)]
                for dimension in scores.dimensions {
                    rows.append(
                        prefix + [
                            dimension.framework, dimension.dimension, String(dimension.n), exact(dimension.mean), exact(dimension.sd),
                            exact(dimension.ci95Low), exact(dimension.ci95High), exact(dimension.score), exact(dimension.favorable),
                            exact(dimension.unfavorable), exact(dimension.alpha), exact(dimension.vsRest?.difference),
                            exact(dimension.vsRest?.pValue), exact(dimension.vsRest?.qValue), exact(dimension.vsRest?.mdd),
                        ])
                }
            }
            return csv(header: assessmentColumns, rows: rows)
        case .md:
            var text = "# Assessment scores\n"
            for group in all {
                text += "\n## \(group.group)\n\n"
                guard let scores = group.scores else {
                    text += "Not shown: the group is too small for anonymity.\n"
                    continue
                }
                text += "\(scores.n) respondents; line-of-sight coverage \(percent(scores.lineOfSightCoverage)).\n"
                if let layers = scores.layers {
                    text +=
                        "Layer balance: spread \(rounded(layers.balance.spread, 1)), weakest \(layers.balance.weakest), index \(rounded(layers.balance.index, 1)).\n"
                }
                text += "\n"
                text += markdownTable(
                    header: ["Dimension", "n", "Mean", "Score", "95% CI", "Favorable", "Unfavorable", "Alpha", "Vs. the rest"],
                    rows: scores.dimensions.map { d in
                        [
                            "\(d.framework)/\(d.dimension)", String(d.n), rounded(d.mean), rounded(d.score, 1),
                            d.ci95Low.map { "\(rounded($0))–\(rounded(d.ci95High))" } ?? "–", percent(d.favorable), percent(d.unfavorable),
                            rounded(d.alpha), versusRest(d.vsRest),
                        ]
                    })
            }
            return text
        }
    }

    /// "+6.2 (q 0.003)" for a difference the correction keeps, with "*" when q < 0.05.
    static func versusRest(_ comparison: AssessmentResult.VersusRest?) -> String {
        guard let comparison else { return "–" }
        let sign = comparison.difference > 0 ? "+" : ""
        return "\(sign)\(rounded(comparison.difference, 1)) (q \(rounded(comparison.qValue, 3)))" + (comparison.qValue < 0.05 ? " *" : "")
    }
}

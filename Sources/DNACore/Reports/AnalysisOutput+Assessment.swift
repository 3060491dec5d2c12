extension AnalysisOutput {
    static let assessmentColumns = [
        "group", "suppressed", "group_n", "line_of_sight_coverage", "framework", "dimension", "n", "mean", "sd", "ci95_low",
        "ci95_high", "score", "favorable", "unfavorable", "alpha",
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
                            exact(dimension.unfavorable), exact(dimension.alpha),
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
                    header: ["Dimension", "n", "Mean", "Score", "95% CI", "Favorable", "Unfavorable", "Alpha"],
                    rows: scores.dimensions.map { d in
                        [
                            "\(d.framework)/\(d.dimension)", String(d.n), rounded(d.mean), rounded(d.score, 1),
                            d.ci95Low.map { "\(rounded($0))–\(rounded(d.ci95High))" } ?? "–", percent(d.favorable), percent(d.unfavorable),
                            rounded(d.alpha),
                        ]
                    })
            }
            return text
        }
    }
}

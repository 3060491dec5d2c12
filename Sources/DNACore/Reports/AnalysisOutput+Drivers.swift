extension AnalysisOutput {
    static let driverColumns = ["group", "suppressed", "target", "n", "r2", "dimension", "r", "weight", "share", "ci95_low", "ci95_high"]

    /// `cdna analyze drivers`: the document of the contract, one CSV row per group and
    /// driver (a suppressed group is one row), or a table per group, strongest driver first.
    public static func render(_ report: DriverAnalysis.Report, as format: OutputFormat) -> String {
        let all = [DriverAnalysis.Group.shown(group: "all", report.overall)] + report.groups
        switch format {
        case .json:
            return json(report)
        case .csv:
            var rows: [[String]] = []
            for group in all {
                guard let result = group.result else {
                    rows.append([group.name, "true"] + Array(repeating: "", count: driverColumns.count - 2))
                    continue
                }
                for driver in result.drivers {
                    rows.append(
                        [group.name, "false", result.target, String(result.n), exact(result.r2), driver.dimension, exact(driver.r)]
                            + [exact(driver.weight), exact(driver.share), exact(driver.ci95Low), exact(driver.ci95High)])
                }
            }
            return csv(header: driverColumns, rows: rows)
        case .md:
            var text = "# Key drivers\n"
            for group in all {
                guard let result = group.result else {
                    text += "\n## \(group.name)\n\nToo few respondents to show.\n"
                    continue
                }
                text += "\n## \(group.name)\n\nTarget \(result.target), n = \(result.n), R² = \(rounded(result.r2, 3)).\n\n"
                let ranked = result.drivers.sorted { ($0.weight ?? -1) > ($1.weight ?? -1) }
                text += markdownTable(
                    header: ["Dimension", "r", "Weight", "Share", "95% interval"],
                    rows: ranked.map { driver in
                        [
                            driver.dimension, rounded(driver.r, 2), rounded(driver.weight, 3),
                            rounded(driver.share.map { $0 * 100 }, 1) + "%",
                            "\(rounded(driver.ci95Low, 3)) to \(rounded(driver.ci95High, 3))",
                        ]
                    })
            }
            return text
        }
    }
}

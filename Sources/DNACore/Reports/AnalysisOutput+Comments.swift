extension AnalysisOutput {
    static let commentColumns = ["group", "suppressed", "respondents", "answers", "theme", "terms", "count", "share"]

    /// `cdna analyze comments`: the contract's document; in CSV one row per group and theme
    /// (everyone first as "all", a suppressed group as one row, no answer text); in Markdown
    /// the themes, then each shown group's counts and its folded answers.
    public static func render(_ report: CommentAnalysis.Report, as format: OutputFormat) -> String {
        switch format {
        case .json:
            return json(report)
        case .csv:
            var rows: [[String]] = []
            func suppressedRow(_ group: String) -> [String] { [group, "true"] + Array(repeating: "", count: commentColumns.count - 2) }
            if report.suppressed {
                rows.append(suppressedRow("all"))
            } else {
                let counts = [String(report.respondents ?? 0), String(report.answers ?? 0)]
                for theme in report.themes {
                    rows.append(
                        ["all", "false"] + counts + [
                            theme.theme, theme.terms.joined(separator: " "), String(theme.count), exact(theme.share),
                        ])
                }
            }
            for group in report.groups {
                guard !group.suppressed, let themes = group.themes else {
                    rows.append(suppressedRow(group.group))
                    continue
                }
                let counts = [String(group.respondents ?? 0), String(group.answers ?? 0)]
                for theme in themes {
                    let share = group.answers.map { Double(theme.count) / Double(max($0, 1)) }
                    rows.append([group.group, "false"] + counts + [theme.theme, "", String(theme.count), exact(share)])
                }
            }
            return csv(header: commentColumns, rows: rows)
        case .md:
            var text = "# Open answers\n\n"
            guard !report.suppressed else {
                return text + "Fewer than \(report.minComments) people wrote an answer: none is shown.\n"
            }
            text += "\(report.answers ?? 0) answers from \(report.respondents ?? 0) people; "
            text += "groups with fewer than \(report.minComments) people who wrote are not shown.\n\n## Themes\n\n"
            text += markdownTable(
                header: ["Theme", "Terms", "Answers", "Share"],
                rows: report.themes.map {
                    [$0.theme, $0.terms.joined(separator: ", "), String($0.count), rounded($0.share * 100, 1) + "%"]
                })
            if let unthemed = report.unthemed, unthemed > 0 { text += "\n\(unthemed) answers fit no theme.\n" }
            for group in report.groups {
                text += "\n## \(group.group)\n\n"
                guard let themes = group.themes, let comments = group.comments else {
                    text += "Too few people wrote to show.\n"
                    continue
                }
                text += markdownTable(header: ["Theme", "Answers"], rows: themes.map { [$0.theme, String($0.count)] })
                text += "\n" + comments.map(commentLine).joined(separator: "\n") + "\n"
            }
            return text
        }
    }

    static func commentLine(_ comment: CommentFolding.Folded) -> String {
        let text = comment.text.replacingOccurrences(of: "\n", with: " ")
        return comment.count > 1 ? "- \(text) (\(comment.count) people wrote nearly this)" : "- \(text)"
    }
}

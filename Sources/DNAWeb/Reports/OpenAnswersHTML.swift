import DNACore
import Plot

/// Open answers folded: one line per wording, with how many people wrote nearly it.
struct CommentList: Component {
    var comments: [CommentFolding.Folded]

    var body: Component {
        El("ul", .class("comments")) {
            for comment in comments {
                El("li") {
                    comment.text
                    if comment.count > 1 {
                        " "
                        El("span", .class("folded")) { "(\(comment.count) people wrote nearly this)" }
                    }
                }
            }
        }
    }
}

/// The results page's open answers: themes with their share, the counts by group, and the
/// answers folded, everyone's and each shown group's, all as the comment threshold allows.
struct OpenAnswersSection: Component {
    var report: CommentAnalysis.Report
    var groupColumn: AdminText

    var body: Component {
        LabelledSection("s-comments", "What people wrote") {
            if report.suppressed {
                El("p", .class("empty")) {
                    "Fewer than \(report.minComments) people wrote an open answer in this wave, so none is shown and no themes are counted."
                }
            } else {
                content
            }
        }
    }

    @HTMLBuilder private var content: ComponentGroup {
        let answers = report.answers ?? 0, people = report.respondents ?? 0
        El("p") {
            "\(answers) answers from \(people) people. Themes are found in the words people used; a group where fewer than \(report.minComments) people wrote shows no answers and no theme counts."
        }
        if report.themes.isEmpty {
            El("p", .class("empty")) { "Too few answers share their words to find themes." }
        } else {
            ChartFrame(
                title: "Themes in the open answers, share of all answers",
                svg: Charts.shareBars(
                    title: "Themes in the open answers, share of all answers", bars: report.themes.map { ($0.theme, $0.share) }),
                caption: "Each theme is named by the three words that weigh most in it.",
                table: DataTable(
                    columns: ["Theme", "Words", "Answers", "Share", "For example"],
                    rows: report.themes.map { theme in
                        [
                            theme.theme, theme.terms.joined(separator: ", "), String(theme.count), AnalysisOutput.percent(theme.share),
                            theme.examples.first ?? "",
                        ]
                    }))
            let shown = report.groups.filter { !$0.suppressed }
            if !shown.isEmpty {
                DataTable(
                    caption: "Answers per theme by group",
                    columns: [groupColumn] + report.themes.map { AdminText(verbatim: $0.theme) },
                    rows: shown.map { group in
                        [group.group] + (group.themes ?? []).map { String($0.count) }
                    })
            }
        }
        let hidden = report.groups.filter(\.suppressed).count
        if hidden > 0 {
            El("p") {
                AdminText.plural(
                    hidden, one: "1 group is not shown: too few people in it wrote, or others could work it out from the groups shown.",
                    other:
                        "\(hidden) groups are not shown: too few people in them wrote, or others could work them out from the groups shown."
                )
            }
        }
        El("details", .class("comments")) {
            El("summary") { "All answers, near-identical ones once" }
            CommentList(comments: report.comments)
        }
        for group in report.groups where !group.suppressed {
            El("details", .class("comments")) {
                El("summary") { "\(group.group): \(group.answers ?? 0) answers" }
                CommentList(comments: group.comments ?? [])
            }
        }
    }
}

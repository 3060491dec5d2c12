import DNACore
import Plot

/// NPS, CSAT, CES and time to first value from imported answers, overall, by month and by
/// segment.
enum CustomerMetricsPage {
    struct Model {
        var workspace: Workspace
        var answers: [CustomerMetrics.Answer]
        var segments: [CustomerModel.Segment]
        var canEdit: Bool
        var csrfToken: String?
        var notice: AdminText?
        var problems: [FileProblem] = []
        var submittedText = ""
    }

    /// NPS is read with its sign: "+12", "-8", and "0" for a score that rounds to none.
    static func withSign(_ rounded: String) -> String { rounded == "0" || rounded.hasPrefix("-") ? rounded : "+" + rounded }

    static func format(_ figure: CustomerMetrics.Figure) -> String {
        switch figure.metric {
        case .nps: withSign(AnalysisOutput.rounded(figure.score, 0))
        case .csat: AnalysisOutput.rounded(figure.score, 0) + "%"
        case .ces: AnalysisOutput.rounded(figure.score, 2)
        case .ttfv: words("\(AnalysisOutput.rounded(figure.score, 1)) days")
        }
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { "Customer metrics" }
        var workspace: Workspace? { model.workspace }

        func content() -> ComponentGroup {
            let slug = model.workspace.slug
            PageHeader(
                title: "Customer metrics", navigation: CustomerNavigation(slug: slug, current: "Customer metrics"),
                lead:
                    "NPS = % answering 9–10 minus % answering 0–6. CSAT = % answering 4–5 on 1–5. CES = mean of the 1–7 “made it easy” scale, with the share answering 5–7. Time to first value = median days."
            )
            Notice(message: model.notice, problems: model.problems)
            let overall = CustomerMetrics.figures(model.answers)
            if overall.isEmpty {
                EmptyState(
                    what: "No answers yet.",
                    start: "Import NPS, CSAT, CES or time-to-first-value answers below; the figures and their trends appear here.",
                    readOnly: "An analyst or admin imports customer metrics here.", canEdit: model.canEdit)
            } else {
                StatCards(overall.map { (CustomerMetricsPage.format($0), "\(AdminText(wording: $0.metric.title)), \($0.n) answers") })
                let monthly = CustomerMetrics.figures(model.answers, byMonth: true)
                for kind in CustomerMetrics.Kind.allCases {
                    let points = monthly.filter { $0.metric == kind }
                    if !points.isEmpty {
                        El("section") {
                            El("h2") { "\(AdminText(wording: kind.title)) by month" }
                            ChartFrame(
                                title: "\(AdminText(wording: kind.title)) by month",
                                svg: Charts.line(
                                    title: "\(AdminText(wording: kind.title)) by month", points: points.map { ($0.period ?? "", $0.score) },
                                    range: CustomerMetricsPage.range(of: kind, points.map(\.score)),
                                    format: { value in
                                        CustomerMetricsPage.format(CustomerMetrics.Figure(metric: kind, n: 1, score: value, mean: value))
                                    }),
                                table: DataTable(
                                    columns: ["Month", "Answers", AdminText(wording: kind.title)],
                                    rows: points.map { [$0.period ?? "", "\($0.n)", CustomerMetricsPage.format($0)] }))
                        }
                    }
                }
                let names = Dictionary(uniqueKeysWithValues: model.segments.map { ($0.code, $0.name) })
                El("h2") { "By segment" }
                DataTable(
                    columns: ["Metric", "Segment", "Answers", "Figure"],
                    rows: CustomerMetrics.figures(model.answers, bySegment: true).map {
                        [
                            AdminText(wording: $0.metric.title),
                            names[$0.segment ?? ""].map { AdminText(verbatim: $0) }
                                ?? ($0.segment?.isEmpty == false ? AdminText(verbatim: $0.segment!) : "not given"),
                            "\($0.n)", CustomerMetricsPage.format($0),
                        ]
                    }, className: "metrics-by-segment")
            }
            if model.canEdit {
                El("h2") { "Import answers" }
                El("p") {
                    "CSV: "
                    El("code") { "respondent,segment,date,metric,value" }
                    " with "
                    El("code") { "metric" }
                    " one of nps, csat, ces, ttfv. All or nothing."
                }
                PostForm(action: SiteURL.customerMetricsImport(slug).path, csrf: model.csrfToken, submit: "Import") {
                    Field.textarea("Answers CSV", name: "csv", value: model.submittedText)
                }
            }
        }
    }

    /// The vertical range of a metric's chart: its whole scale, or zero to the longest time.
    static func range(of kind: CustomerMetrics.Kind, _ values: [Double]) -> ClosedRange<Double> {
        switch kind {
        case .nps: -100...100
        case .csat: 0...100
        case .ces: 1...7
        case .ttfv: 0...max(values.max() ?? 1, 1)
        }
    }
}

import DNACore
import DNAStore
import Plot

/// Metrics of the improvement loop: every objective's pair of customer-value and
/// business-value metrics side by side, each metric's series against its target, and the
/// forms that define metrics, record values and pair them.
enum LoopMetricsPage {
    struct Model {
        var workspace: Workspace
        var metrics: [MetricDefinition]
        var measurements: [MetricValue]
        var objectives: [Objective]
        var nodes: [(String, String)]
        var strategies: [(String, String)]
        var canEdit: Bool
        var csrfToken: String?
        var today: String
        var notice: AdminText?
        var problems: [FileProblem] = []
        var submittedText = ""
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { "Metrics" }
        var workspace: Workspace? { model.workspace }

        func content() -> ComponentGroup {
            let slug = model.workspace.slug
            PageHeader(
                title: "Metrics", navigation: LoopNavigation(slug: slug, current: "Metrics"),
                lead:
                    "Every objective pairs a metric of value to the customer with a metric of value to the business, so neither is bought with the other."
            )
            Notice(message: model.notice, problems: model.problems)
            let series = Dictionary(grouping: model.measurements, by: \.metric)
            let definitions = Dictionary(model.metrics.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            if !model.objectives.isEmpty { El("h2") { "Objectives" } }
            for objective in model.objectives {
                El("section", .class("objective"), .id("objective-\(objective.code)")) {
                    El("h3") { objective.title }
                    El("div", .class("pair")) {
                        for metric in [objective.customerMetric, objective.businessMetric].compactMap({ definitions[$0] }) {
                            El("div", .class(metric.kind.rawValue)) {
                                El("p") {
                                    El("strong") { AdminText(wording: metric.kind.title.capitalizedFirst) }
                                    ": " + metric.name
                                }
                                summary(metric, series[metric.code] ?? [])
                                chart(metric, series[metric.code] ?? [])
                            }
                        }
                    }
                }
            }
            El("h2") { "All metrics" }
            if model.metrics.isEmpty {
                EmptyState(
                    what: "No metrics yet.",
                    start:
                        "Define a metric of value to the customer and one of value to the business, record their values, then pair them in an objective.",
                    readOnly: "An analyst or admin defines metrics here.", canEdit: model.canEdit)
            } else {
                DataTable(
                    columns: ["Code", "Metric", "Kind", "Measures", "Better", "Target", "Latest", "Meets target"],
                    rows: model.metrics.map { metric in
                        let latest = series[metric.code]?.last
                        return [
                            El("span", .class("code")) { metric.code }, metric.name, metric.kind.wording, metric.node ?? "",
                            metric.direction == .up ? AdminText("higher") : AdminText("lower"),
                            metric.target.map { AnalysisOutput.rounded($0, 1) + " " + metric.unit } ?? "",
                            latest.map { AnalysisOutput.rounded($0.value, 1) + " " + metric.unit + " (" + $0.date + ")" } ?? "–",
                            latest.flatMap { metric.meetsTarget($0.value) }.map { $0 ? "yes" as Component : El("strong") { "no" } } ?? "",
                        ]
                    }, className: "metrics")
            }
            El("p") { PageLink("Download all measurements (CSV)", .loopMeasurementsCSV(slug)) }
            if model.canEdit { forms() }
        }

        private func summary(_ metric: MetricDefinition, _ values: [MetricValue]) -> Component {
            guard let latest = values.last else { return El("p") { "No measurements yet." } }
            let value = "\(AnalysisOutput.rounded(latest.value, 1)) \(metric.unit)"
            var text: AdminText = "Latest \(value) on \(latest.date)"
            if let first = values.first, values.count > 1 {
                text = "Latest \(value) on \(latest.date), from \(AnalysisOutput.rounded(first.value, 1)) on \(first.date)"
            }
            if let target = metric.target {
                let met: AdminText = metric.meetsTarget(latest.value) == true ? "met" : "not met"
                text = "\(text); target \(AnalysisOutput.rounded(target, 1)) (\(met))"
            }
            return El("p", .class("metric-summary")) { "\(text)." }
        }

        @HTMLBuilder private func chart(_ metric: MetricDefinition, _ values: [MetricValue]) -> ComponentGroup {
            if !values.isEmpty {
                let numbers = values.map(\.value) + (metric.target.map { [$0] } ?? [])
                let low = numbers.min()!, high = numbers.max()!, pad = max((high - low) * 0.1, 1e-9)
                // Each point is one measurement, labelled by its day: two in one month are two labels.
                ChartFrame(
                    title: "\(metric.name) (\(metric.unit))",
                    svg: Charts.line(
                        title: "\(metric.name) (\(metric.unit))", points: values.map { (String($0.date.dropFirst(2)), $0.value) },
                        range: (low - pad)...(high + pad), target: metric.target,
                        format: { AnalysisOutput.rounded($0, $0.magnitude >= 100 ? 0 : 1) }),
                    caption: metric.target.map {
                        metric.direction == .up
                            ? "Dashed line: the target, \(AnalysisOutput.rounded($0, 1)) \(metric.unit); higher is better."
                            : "Dashed line: the target, \(AnalysisOutput.rounded($0, 1)) \(metric.unit); lower is better."
                    },
                    table: DataTable(
                        columns: ["Date", "Value (\(metric.unit))"],
                        rows: values.map { [$0.date, AnalysisOutput.grouped($0.value, 2)] }))
            }
        }

        @HTMLBuilder private func forms() -> ComponentGroup {
            let slug = model.workspace.slug, csrf = model.csrfToken
            let codes = model.metrics.map { ($0.code, "\($0.name) [\($0.code)]") }
            El("h2") { "Edit" }
            El("div", .class("split")) {
                PostForm(action: SiteURL.loopMetrics(slug).path, csrf: csrf, submit: "Save metric") {
                    El("h3") { "Define a metric" }
                    Field.input("Code", name: "code", id: "metric-code", required: true)
                    Field.input("Name", name: "name", id: "metric-name", required: true)
                    Field.select(
                        "Kind", name: "kind", id: "metric-kind",
                        options: MetricDefinition.ValueKind.allCases.map { ($0.rawValue, AdminText(wording: $0.title)) })
                    Field.input("Unit", name: "unit", id: "metric-unit", .placeholder("%"))
                    Field.select("Better when", name: "direction", id: "metric-direction", options: [("up", "higher"), ("down", "lower")])
                    Field.input("Target", name: "target", id: "metric-target", type: "number", Attr("step", "any"))
                    Field.select("Measures the node", name: "node", id: "metric-node", options: model.nodes, blank: "(none)")
                }
                El("div") {
                    PostForm(action: SiteURL.loopMeasurements(slug).path, csrf: csrf, submit: "Record value") {
                        El("h3") { "Record a value" }
                        Field.select("Metric", name: "metric", id: "value-metric", options: codes)
                        Field.input("Date", name: "date", id: "value-date", type: "date", value: model.today, required: true)
                        Field.input("Value", name: "value", id: "value-value", type: "number", required: true, Attr("step", "any"))
                    }
                    PostForm(action: SiteURL.objectives(slug).path, csrf: csrf, submit: "Save objective") {
                        El("h3") { "Pair metrics in an objective" }
                        Field.input("Code", name: "code", id: "objective-code", required: true)
                        Field.input("Objective", name: "title", id: "objective-title", required: true)
                        Field.select(
                            "Value to the customer", name: "customer_metric", id: "objective-customer",
                            options: model.metrics.filter { $0.kind == .customerValue }.map { ($0.code, $0.name) })
                        Field.select(
                            "Value to the business", name: "business_metric", id: "objective-business",
                            options: model.metrics.filter { $0.kind == .businessValue }.map { ($0.code, $0.name) })
                        Field.select("Strategy", name: "strategy", id: "objective-strategy", options: model.strategies, blank: "(none)")
                    }
                }
            }
            PostForm(action: SiteURL.loopMeasurementsImport(slug).path, csrf: csrf, submit: "Import values") {
                El("h3") { "Import values" }
                El("p") {
                    "CSV "
                    El("code") { "metric,date,value" }
                    "; a value for a day that has one replaces it; all or nothing."
                }
                Field.textarea("Values CSV", name: "csv", id: "values-csv", value: model.submittedText, rows: 6)
            }
        }
    }
}

/// Agility: from a signal (evidence captured) to a decision to a shipped initiative, with the
/// medians and their spread by quarter, and how often initiatives ship.
enum AgilityPage {
    struct Model {
        var workspace: Workspace
        var agility: Agility.Report
        var titles: [String: String]
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { "Agility" }
        var workspace: Workspace? { model.workspace }

        func content() -> ComponentGroup {
            let slug = model.workspace.slug, report = model.agility
            PageHeader(
                title: "Agility", navigation: LoopNavigation(slug: slug, current: "Agility"),
                lead:
                    "How fast the organization responds to what customers show it: days from the earliest evidence a decision cites (captured on or before the decision) to the decision, and from the decision to the initiative it started shipping."
            )
            let overall = report.overall
            let days = { (d: Agility.Distribution?) in d.map { "\(AnalysisOutput.rounded($0.median, 0)) days" } ?? "–" }
            let lastYear = report.shippedPerMonth.suffix(12)
            StatCards([
                (days(overall.signalToDecision), "median, signal to decision"),
                (days(overall.decisionToShip), "median, decision to shipped"),
                (days(overall.signalToShip), "median, signal to shipped"),
                (
                    AnalysisOutput.rounded(Double(lastYear.map(\.initiatives).reduce(0, +)) / Double(max(lastYear.count, 1)), 1),
                    "initiatives shipped per month"
                ),
            ])
            for (name, path) in [
                ("Signal to decision", \Agility.Period.signalToDecision), ("Decision to shipped", \Agility.Period.decisionToShip),
                ("Signal to shipped", \Agility.Period.signalToShip),
            ] as [(String, KeyPath<Agility.Period, Agility.Distribution?>)] {
                let rows = report.byQuarter.compactMap { period in period[keyPath: path].map { (period.period ?? "", $0) } }
                if !rows.isEmpty {
                    El("h2") { "\(name), by quarter of the decision" }
                    ChartFrame(
                        title: "\(name) in days, by quarter",
                        svg: LineOfSightChart.boxes(title: "\(name) in days", rows: rows),
                        caption:
                            "Each line runs from the shortest to the longest time; the box spans the middle half, the bar inside it is the median.",
                        table: DataTable(
                            columns: ["Quarter", "Decisions", "Shortest", "Lower quartile", "Median", "Upper quartile", "Longest"],
                            rows: rows.map { quarter, d in
                                [quarter, "\(d.n)"] + [d.min, d.q1, d.median, d.q3, d.max].map { AnalysisOutput.rounded($0, 0) }
                            }))
                }
            }
            if !report.shippedPerMonth.isEmpty {
                El("h2") { "Initiatives shipped per month" }
                ChartFrame(
                    title: "Initiatives shipped per month",
                    svg: Charts.bars(
                        title: "Initiatives shipped per month",
                        rows: report.shippedPerMonth.map { ($0.month, Double($0.initiatives), false) }, format: { String(Int($0)) }),
                    table: DataTable(
                        columns: ["Month", "Initiatives shipped"], rows: report.shippedPerMonth.map { [$0.month, "\($0.initiatives)"] }))
            }
            El("h2") { "Lead times by decision" }
            if report.leadTimes.isEmpty {
                El("p") { "No decision has been logged yet, so there is no lead time to show." }
            } else {
                DataTable(
                    columns: ["Decision", "Signal", "Decided", "Shipped", "Signal → decision", "Decision → shipped", "Signal → shipped"],
                    rows: report.leadTimes.reversed().map { time in
                        [
                            CodedName(model.titles[time.decision] ?? "", code: time.decision), time.signalOn ?? "–", time.decidedOn,
                            time.shippedOn ?? "–", time.signalToDecision.map { AnalysisOutput.rounded($0, 0) } ?? "–",
                            time.decisionToShip.map { AnalysisOutput.rounded($0, 0) } ?? "–",
                            time.signalToShip.map { AnalysisOutput.rounded($0, 0) } ?? "–",
                        ]
                    }, className: "lead-times")
            }
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

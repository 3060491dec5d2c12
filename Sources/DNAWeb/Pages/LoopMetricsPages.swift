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
        var notice: String?
        var problems: [FileProblem] = []
        var submittedText = ""
    }

    struct View: PageView {
        let model: Model
        var title: String { "Metrics" }
        var workspace: Workspace? { model.workspace }

        func content() -> Node<HTML.BodyContext> {
            let slug = model.workspace.slug
            var html = "<h1>Metrics</h1>" + LoopNavigation.html(slug, current: "Metrics")
            html +=
                "<p>Every objective pairs a metric of value to the customer with a metric of value to the business, so neither is bought with the other.</p>"
            html += Markup.notice(model.notice, problems: model.problems)
            let series = Dictionary(grouping: model.measurements, by: \.metric)
            let definitions = Dictionary(model.metrics.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            if !model.objectives.isEmpty { html += "<h2>Objectives</h2>" }
            for objective in model.objectives {
                html +=
                    "<section class=\"objective\" id=\"objective-\(Markup.text(objective.code))\"><h3>\(Markup.text(objective.title))</h3><div class=\"pair\">"
                for code in [objective.customerMetric, objective.businessMetric] {
                    guard let metric = definitions[code] else { continue }
                    html +=
                        "<div class=\"\(metric.kind.rawValue)\"><p><strong>\(Markup.text(metric.kind.title.capitalizedFirst))</strong>: \(Markup.text(metric.name))</p>"
                    html += summary(metric, series[code] ?? []) + chart(metric, series[code] ?? []) + "</div>"
                }
                html += "</div></section>"
            }
            html += "<h2>All metrics</h2>"
            html += Markup.table(
                header: ["Code", "Metric", "Kind", "Measures", "Better", "Target", "Latest", "Meets target"],
                rows: model.metrics.map { metric in
                    let values = series[metric.code] ?? []
                    let latest = values.last
                    return [
                        "<span class=\"code\">\(Markup.text(metric.code))</span>", Markup.text(metric.name),
                        Markup.text(metric.kind.rawValue),
                        Markup.text(metric.node ?? ""), metric.direction == .up ? "higher" : "lower",
                        metric.target.map { Markup.text(AnalysisOutput.rounded($0, 1) + " " + metric.unit) } ?? "",
                        latest.map { Markup.text(AnalysisOutput.rounded($0.value, 1) + " " + metric.unit + " (" + $0.date + ")") } ?? "–",
                        latest.flatMap { metric.meetsTarget($0.value) }.map { $0 ? "yes" : "<strong>no</strong>" } ?? "",
                    ]
                }, className: "metrics")
            html += "<p>" + Markup.link("Download all measurements (CSV)", .loopMeasurementsCSV(slug)) + "</p>"
            if model.canEdit { html += forms() }
            return .raw(html)
        }

        private func summary(_ metric: MetricDefinition, _ values: [MetricValue]) -> String {
            guard let latest = values.last else { return "<p>No measurements yet.</p>" }
            var text = "Latest \(AnalysisOutput.rounded(latest.value, 1)) \(metric.unit) on \(latest.date)"
            if let first = values.first, values.count > 1 {
                text += ", from \(AnalysisOutput.rounded(first.value, 1)) on \(first.date)"
            }
            if let target = metric.target {
                text += "; target \(AnalysisOutput.rounded(target, 1)) (\(metric.meetsTarget(latest.value) == true ? "met" : "not met"))"
            }
            return "<p class=\"metric-summary\">\(Markup.text(text)).</p>"
        }

        private func chart(_ metric: MetricDefinition, _ values: [MetricValue]) -> String {
            guard !values.isEmpty else { return "" }
            let numbers = values.map(\.value) + (metric.target.map { [$0] } ?? [])
            let low = numbers.min()!, high = numbers.max()!, pad = max((high - low) * 0.1, 1e-9)
            // Each point is one measurement, labelled by its day: two in one month are two labels.
            var svg = Charts.line(
                title: "\(metric.name) (\(metric.unit))", points: values.map { (String($0.date.dropFirst(2)), $0.value) },
                range: (low - pad)...(high + pad), target: metric.target,
                format: { AnalysisOutput.rounded($0, $0.magnitude >= 100 ? 0 : 1) })
            if let target = metric.target {
                svg +=
                    "<p class=\"muted\">Target \(Markup.text(AnalysisOutput.rounded(target, 1))) \(Markup.text(metric.unit)), \(metric.direction == .up ? "higher" : "lower") is better.</p>"
            }
            return svg
        }

        private func forms() -> String {
            let slug = model.workspace.slug, csrf = model.csrfToken
            let codes = model.metrics.map { ($0.code, "\($0.name) [\($0.code)]") }
            var html = "<h2>Edit</h2><div class=\"split\">"
            html += Markup.form(
                action: SiteURL.loopMetrics(slug).path, csrf: csrf, submit: "Save metric",
                html: "<h3>Define a metric</h3>" + Markup.input("Code", name: "code", id: "metric-code", required: true)
                    + Markup.input("Name", name: "name", id: "metric-name", required: true)
                    + Markup.select(
                        "Kind", name: "kind", id: "metric-kind",
                        options: MetricDefinition.ValueKind.allCases.map { ($0.rawValue, $0.title) })
                    + Markup.input("Unit", name: "unit", id: "metric-unit", extra: "placeholder=\"%\"")
                    + Markup.select(
                        "Better when", name: "direction", id: "metric-direction", options: [("up", "higher"), ("down", "lower")])
                    + Markup.input("Target", name: "target", id: "metric-target", type: "number", extra: "step=\"any\"")
                    + Markup.select("Measures the node", name: "node", id: "metric-node", options: model.nodes, blank: "(none)"))
            html += "<div>"
            html += Markup.form(
                action: SiteURL.loopMeasurements(slug).path, csrf: csrf, submit: "Record value",
                html: "<h3>Record a value</h3>" + Markup.select("Metric", name: "metric", id: "value-metric", options: codes)
                    + Markup.input("Date", name: "date", id: "value-date", type: "date", value: model.today, required: true)
                    + Markup.input("Value", name: "value", id: "value-value", type: "number", required: true, extra: "step=\"any\""))
            html += Markup.form(
                action: SiteURL.objectives(slug).path, csrf: csrf, submit: "Save objective",
                html: "<h3>Pair metrics in an objective</h3>" + Markup.input("Code", name: "code", id: "objective-code", required: true)
                    + Markup.input("Objective", name: "title", id: "objective-title", required: true)
                    + Markup.select(
                        "Value to the customer", name: "customer_metric", id: "objective-customer",
                        options: model.metrics.filter { $0.kind == .customerValue }.map { ($0.code, $0.name) })
                    + Markup.select(
                        "Value to the business", name: "business_metric", id: "objective-business",
                        options: model.metrics.filter { $0.kind == .businessValue }.map { ($0.code, $0.name) })
                    + Markup.select("Strategy", name: "strategy", id: "objective-strategy", options: model.strategies, blank: "(none)"))
            html += "</div></div>"
            html += Markup.form(
                action: SiteURL.loopMeasurementsImport(slug).path, csrf: csrf, submit: "Import values",
                html:
                    "<h3>Import values</h3><p>CSV <code>metric,date,value</code>; a value for a day that has one replaces it; all or nothing.</p>"
                    + Markup.textarea("Values CSV", name: "csv", id: "values-csv", value: model.submittedText, rows: 6))
            return html
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
        var title: String { "Agility" }
        var workspace: Workspace? { model.workspace }

        func content() -> Node<HTML.BodyContext> {
            let slug = model.workspace.slug, report = model.agility
            var html = "<h1>Agility</h1>" + LoopNavigation.html(slug, current: "Agility")
            html +=
                "<p>How fast the organization responds to what customers show it: days from the earliest evidence a decision cites (captured on or before the decision) to the decision, and from the decision to the initiative it started shipping.</p>"
            let overall = report.overall
            func days(_ d: Agility.Distribution?) -> String { d.map { "\(AnalysisOutput.rounded($0.median, 0)) days" } ?? "–" }
            let lastYear = report.shippedPerMonth.suffix(12)
            html += Markup.cards([
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
                guard !rows.isEmpty else { continue }
                html +=
                    "<h2>\(Markup.text(name)), by quarter of the decision</h2>"
                    + LineOfSightChart.boxes(title: "\(name) in days", rows: rows)
            }
            if !report.shippedPerMonth.isEmpty {
                html += "<h2>Initiatives shipped per month</h2>"
                html += Charts.bars(
                    title: "Initiatives shipped per month", rows: report.shippedPerMonth.map { ($0.month, Double($0.initiatives), false) },
                    format: { String(Int($0)) })
            }
            html += "<h2>Lead times by decision</h2>"
            html += Markup.table(
                header: ["Decision", "Signal", "Decided", "Shipped", "Signal → decision", "Decision → shipped", "Signal → shipped"],
                rows: report.leadTimes.reversed().map { time in
                    [
                        "<span class=\"code\">\(Markup.text(time.decision))</span> \(Markup.text(model.titles[time.decision] ?? ""))",
                        Markup.text(time.signalOn ?? "–"), Markup.text(time.decidedOn), Markup.text(time.shippedOn ?? "–"),
                        time.signalToDecision.map { AnalysisOutput.rounded($0, 0) } ?? "–",
                        time.decisionToShip.map { AnalysisOutput.rounded($0, 0) } ?? "–",
                        time.signalToShip.map { AnalysisOutput.rounded($0, 0) } ?? "–",
                    ]
                }, className: "lead-times")
            return .raw(html)
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

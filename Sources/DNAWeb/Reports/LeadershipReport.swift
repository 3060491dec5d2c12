import DNAApp
import DNACore
import Foundation
import Plot

/// The leadership report of a campaign in the formats people take away: self-contained HTML
/// (styles and charts inline, nothing fetched), PDF (that HTML printed by headless Chromium,
/// see `PDFPrinter`), Markdown, CSV and JSON. All are built from the same anonymity-filtered
/// scorecard as the results page.
public enum LeadershipReport {
    public enum Format: String, CaseIterable, Sendable {
        case html, pdf, md, csv, json

        var contentType: String {
            switch self {
            case .html: "text/html; charset=utf-8"
            case .pdf: "application/pdf"
            case .md: "text/markdown; charset=utf-8"
            case .csv: "text/csv; charset=utf-8"
            case .json: "application/json; charset=utf-8"
            }
        }
    }

    public static func render(
        _ format: Format, scorecard: Scorecard, workspaceName: String, frameworks: [Framework], frameworkID: String = "os-canvas",
        actions: [ActionPlanService.Item] = []
    ) -> String {
        let figures = ScorecardFigures(scorecard: scorecard, frameworks: frameworks, frameworkID: frameworkID)
        switch format {
        case .html: return html(figures, workspaceName: workspaceName, actions: actions)
        case .pdf: return html(figures, workspaceName: workspaceName, forPrint: true, actions: actions)
        case .md: return markdown(figures, workspaceName: workspaceName, actions: actions)
        case .csv: return AnalysisOutput.render(scorecard.result, as: .csv)
        case .json: return AnalysisOutput.json(scorecard)
        }
    }

    /// The report as PDF, with page numbers and the organization's name on every page.
    public static func pdf(
        scorecard: Scorecard, workspaceName: String, frameworks: [Framework], frameworkID: String = "os-canvas",
        actions: [ActionPlanService.Item] = []
    ) async throws -> [UInt8] {
        let page = render(
            .pdf, scorecard: scorecard, workspaceName: workspaceName, frameworks: frameworks, frameworkID: frameworkID, actions: actions)
        return try await PDFPrinter.print(html: page)
    }

    /// Page margins with the organization's name and "page N of M" (CSS paged media, which
    /// Chromium prints), the name escaped as a CSS string so no text leaves it.
    static func printRules(_ workspaceName: String) -> String {
        let name = workspaceName.unicodeScalars.map { scalar -> String in
            scalar.isASCII && scalar.properties.isAlphabetic || scalar == " " || ("0"..."9").contains(scalar)
                ? String(scalar) : "\\" + String(scalar.value, radix: 16) + " "
        }.joined()
        return """
            @page { size: A4; margin: 16mm 14mm 18mm;
              @bottom-left { content: "\(name)"; font: 9pt sans-serif; color: #4a5562; }
              @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 9pt sans-serif; color: #4a5562; } }
            header.site, footer, nav { display: none; }
            """
    }

    static func html(
        _ figures: ScorecardFigures, workspaceName: String, forPrint: Bool = false, actions: [ActionPlanService.Item] = []
    ) -> String {
        let title = "\(workspaceName): \(figures.scorecard.campaign.name)"
        let document = HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.attribute(named: "http-equiv", value: "Content-Security-Policy"), .content(SecurityHeaders.reportPolicy)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", nodes: [.plain("\(title) · Customer DNA report")]),
                // The report is one file that fetches nothing: the stylesheet goes inline, with
                // print rules that keep a section on one page.
                .element(
                    named: "style",
                    nodes: [
                        .raw(
                            Stylesheet.css + "\n@media print { header, footer { display: none; } section { break-inside: avoid; } }"
                                + (forPrint ? "\n" + printRules(workspaceName) : ""))
                    ])
            ),
            .body(
                .main(
                    .id("main"),
                    .component(
                        Group {
                            El("h1") { "Customer DNA report" }
                            El("p") {
                                El("strong") { workspaceName }
                                " · \(figures.scorecard.campaign.name) · groups by \(figures.scorecard.breakdown.rawValue) · anonymity threshold k = \(figures.scorecard.minGroupSize)"
                            }
                            if figures.overall != nil { ExecutiveSummary(figures).section }
                            ScorecardHTML.sections(figures)
                            if !actions.isEmpty { WaveActionsSection(actions: actions, figures: figures) }
                            LabelledSection("s-method", "Method") { El("p") { ScorecardHTML.methodNotes } }
                        })
                )
            )
        )
        return document.render() + "\n"
    }

    static func markdown(_ figures: ScorecardFigures, workspaceName: String, actions: [ActionPlanService.Item] = []) -> String {
        typealias Out = AnalysisOutput
        let scorecard = figures.scorecard
        var text = "# Customer DNA report: \(workspaceName), \(scorecard.campaign.name)\n\n"
        text += "Groups by \(scorecard.breakdown.rawValue); anonymity threshold k = \(scorecard.minGroupSize).\n\n"
        guard let overall = figures.overall else {
            return text + "Results are not shown yet: fewer than \(scorecard.minGroupSize) people have answered.\n"
        }
        text += "## Executive summary\n\n" + ExecutiveSummary(figures).lines.map { "- \($0)\n" }.joined() + "\n"
        text += "## Summary\n\n- \(overall.n) respondents\n"
        if let balance = overall.layers?.balance {
            text +=
                "- Layer index \(Out.rounded(balance.index, 1)); spread \(Out.rounded(balance.spread, 1)) points; weakest layer: \(figures.weakestLayerName ?? balance.weakest)\n"
        }
        if let coverage = overall.lineOfSightCoverage {
            text += "- \(Out.percent(coverage)) can name the customer outcome their work serves\n"
        }
        if overall.n < ScorecardHTML.fewAnswers {
            text +=
                "\nFewer than \(ScorecardHTML.fewAnswers) answers: these figures are uncertain; read the confidence intervals before comparing.\n"
        }
        for framework in [figures.forces] + (figures.layersFramework.map { [$0] } ?? []) {
            text += "\n## \(framework.name)\n\n"
            text += Out.markdownTable(
                header: ["Dimension", "Score", "Mean", "95% CI", "Favorable", "Unfavorable", "Alpha", "n"],
                rows: framework.dimensions.map { dimension in
                    guard let s = overall.dimension(framework.id, dimension.id) else {
                        return [dimension.name, "not measured"] + Array(repeating: "", count: 6)
                    }
                    return [
                        dimension.name, Out.rounded(s.score, 1), Out.rounded(s.mean),
                        s.ci95Low.map { "\(Out.rounded($0))–\(Out.rounded(s.ci95High))" } ?? "–",
                        Out.percent(s.favorable), Out.percent(s.unfavorable), Out.rounded(s.alpha), String(s.n),
                    ]
                })
        }
        text += "\n## \(figures.framework.name) by group\n\n"
        text += Out.markdownTable(
            header: ["Group"] + figures.framework.dimensions.map(\.name),
            rows: figures.heatmapRows.map { row in
                [String(repeating: "· ", count: row.depth) + row.label]
                    + (row.scores.map { scores in
                        scores.enumerated().map { index, score in Out.rounded(score, 0) + (row.marks?[index].suffix ?? "") }
                    } ?? figures.framework.dimensions.map { _ in "hidden" })
            })
        text += "\n▲ and ▼: above or below everyone else after correcting for every cell (Benjamini-Hochberg q < 0.05).\n"
        if figures.hiddenGroups > 0 {
            text += "\n\(figures.hiddenGroups) groups are hidden to protect anonymity.\n"
        }
        text += "\n## Strengths and gaps\n\n"
        text += "Strongest: " + figures.strengths.map { "\($0.label) (\(Out.rounded($0.score.score, 1)))" }.joined(separator: ", ") + "\n\n"
        text += "Weakest: " + figures.gaps.map { "\($0.label) (\(Out.rounded($0.score.score, 1)))" }.joined(separator: ", ") + "\n"
        if !figures.coverage.isEmpty {
            text += "\n## Line of sight to the customer\n\n"
            text += Out.markdownTable(header: ["Group", "Coverage"], rows: figures.coverage.map { [$0.label, Out.percent($0.share)] })
        }
        text += "\n## Trend\n\n"
        if let previous = scorecard.previous, !figures.overallTrend.isEmpty {
            text += "Compared with \(previous.name); p from Welch's t-test.\n\n"
            text += Out.markdownTable(
                header: ["Dimension", "Before", "Now", "Change", "p"],
                rows: figures.overallTrend.filter { $0.framework == "os-canvas" }.map { change in
                    [
                        figures.dimensionName(framework: change.framework, dimension: change.dimension),
                        Out.rounded((change.previousMean - 1) / 4 * 100, 1), Out.rounded((change.mean - 1) / 4 * 100, 1),
                        (change.scoreChange >= 0 ? "+" : "") + Out.rounded(change.scoreChange, 1), Out.rounded(change.pValue, 3),
                    ]
                })
        } else {
            text += "No earlier wave to compare with.\n"
        }
        if !actions.isEmpty {
            text += "\n## Actions and their follow-up\n\n"
            text += Out.markdownTable(
                header: ["Action", "Force and unit", "Owner", "Due", "Status", "Follow-up"],
                rows: actions.map { item in
                    [
                        item.action.title,
                        ActionWording.place(item.action, forces: figures.forces, unitNames: figures.scorecard.groupNames).resolved,
                        item.action.ownerEmail ?? "–", item.action.dueOn, ActionWording.status(item.action.status).resolved,
                        ActionWording.followUp(item).resolved,
                    ]
                })
        }
        text += "\n## Method\n\n\(ScorecardHTML.methodNotes)\n"
        return text
    }
}

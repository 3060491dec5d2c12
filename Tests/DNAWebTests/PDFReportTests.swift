import DNAApp
import DNACore
import DNAStore
import DNATestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DNAWeb

/// The leadership report's executive summary and its PDF: the summary's corrected changes are
/// Holm's over the forces compared, and the PDF comes from headless Chromium (which the test
/// command installs) or, without it, a message saying what to install.
@Suite("PDF report and executive summary")
struct PDFReportTests {
    static let now: Int64 = 1_800_000_000

    static func autumn(_ store: Store) async throws -> (Workspace, Scorecard, [Framework]) {
        let demo = try await store.loadDemo(now: now)
        let caller = Caller.commandLine(login: "t")
        let autumn = try #require(
            try await CampaignService(store: store).campaigns(caller, workspace: demo.slug).first { $0.name.contains("autumn") })
        let report = try await CampaignService(store: store).report(caller, workspace: demo.slug, campaign: autumn.id, breakdown: .unit)
        return (report.workspace, report.scorecard, report.frameworks)
    }

    @Test("the summary ranks the forces and keeps only changes that survive Holm's correction")
    func summary() async throws {
        try await TestDatabase.sqlite.withStore { store in
            let (_, scorecard, frameworks) = try await Self.autumn(store)
            let figures = ScorecardFigures(scorecard: scorecard, frameworks: frameworks, frameworkID: "os-canvas")
            let summary = ExecutiveSummary(figures)
            #expect(summary.strongest.count == 3 && summary.weakest.count == 3)
            #expect(summary.strongest.map(\.score).allSatisfy { $0 >= summary.weakest[0].score })
            #expect(summary.weakestLayer != nil && summary.coverage != nil && summary.previousWave == "Baseline, spring")
            // Holm worked here without the library: sort, multiply by the remaining count, keep
            // the running maximum.
            let compared = scorecard.trend(of: "all").filter { $0.framework == "os-canvas" && !$0.dimension.contains("/") }
            let sorted = compared.compactMap { change in change.pValue.map { (change.dimension, $0) } }.sorted { $0.1 < $1.1 }
            var running = 0.0
            var survivors: Set<String> = []
            for (rank, (dimension, p)) in sorted.enumerated() {
                running = max(running, min(1, Double(sorted.count - rank) * p))
                if running < 0.05 { survivors.insert(dimension) }
            }
            #expect(summary.forcesCompared == sorted.count && sorted.count == 12)
            let names = Set(
                survivors.map { dimension in figures.dimensionName(framework: "os-canvas", dimension: dimension) })
            #expect(!summary.changes.isEmpty && summary.changes.allSatisfy { names.contains($0.name) })
            #expect(summary.changes.count == min(3, survivors.count))
            let markdown = LeadershipReport.render(.md, scorecard: scorecard, workspaceName: "Harbor Mutual", frameworks: frameworks)
            #expect(markdown.contains("## Executive summary") && markdown.contains("survive Holm's correction over 12 forces"))
        }
    }

    @Test("without Chromium the PDF is refused with what to install")
    func noBrowser() throws {
        #expect(PDFPrinter.browser(environment: ["CDNA_CHROMIUM": "/nonexistent/chromium"]) == nil)
        #expect(PDFPrinter.browser(environment: ["PATH": "/nonexistent"]) == nil)
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.path
        #expect(try CLITests.cdna(["demo", "--data", data]).status == 0)
        let report = [
            "report", "--workspace", "harbor", "--data", data, "--campaign", "Pulse, autumn", "--format", "pdf", "-o", data + "/r.pdf",
        ]
        let run = try CLITests.cdna(report, environment: ["CDNA_CHROMIUM": "/nonexistent/chromium"])
        #expect(run.status == 1 && run.error.contains("a PDF needs headless Chromium, which is not installed here"), "\(run.error)")
        #expect(!FileManager.default.fileExists(atPath: data + "/r.pdf"))
        if PDFPrinter.browser() != nil {
            #expect(try CLITests.cdna(report).status == 0)
            #expect(try Data(contentsOf: URL(fileURLWithPath: data + "/r.pdf")).starts(with: Data("%PDF-".utf8)))
        }
    }

    @Test(
        "the report prints to PDF with the organization's name in its page rules, also over the API",
        .enabled(if: PDFPrinter.browser() != nil, "scripts/test installs chromium"), arguments: TestDatabase.available)
    func pdf(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let (workspace, scorecard, frameworks) = try await Self.autumn(fixture.store)
            let bytes = try await LeadershipReport.pdf(scorecard: scorecard, workspaceName: workspace.name, frameworks: frameworks)
            #expect(bytes.starts(with: Array("%PDF-".utf8)) && bytes.count > 20_000)
            let page = LeadershipReport.render(.pdf, scorecard: scorecard, workspaceName: "<Acme> \"&\" </style>", frameworks: frameworks)
            #expect(page.contains(#"@bottom-left { content: "\3c Acme\3e  \22 \26 \22  \3c \2f style\3e ";"#), "the name is a CSS string")
            #expect(page.contains("counter(page)") && page.contains("Executive summary"))

            let campaign = try await CampaignService(store: fixture.store).createCampaign(
                .commandLine(login: "t"), workspace: "acme", name: "Wave", instrument: .builtIn("customer-dna"), opensAt: 0, closesAt: nil,
                population: ["hq": 10], now: 100)
            let response = try await client.execute(
                uri: "/api/v1/workspaces/acme/campaigns/\(campaign.id)/report?format=pdf", method: .get,
                headers: [.authorization: "Bearer \(fixture.adminToken)"])
            #expect(response.status == .ok && response.headers[.contentType] == "application/pdf")
            #expect(Array(response.body.readableBytesView.prefix(5)) == Array("%PDF-".utf8))
        }
    }
}

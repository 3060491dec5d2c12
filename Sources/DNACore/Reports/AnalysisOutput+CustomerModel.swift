extension AnalysisOutput {
    public static func render(_ scores: [OutcomeStudy.Score], as format: OutputFormat) -> String {
        let header = ["outcome", "segment", "n", "importance", "satisfaction", "opportunity", "status"]
        switch format {
        case .json: return json(scores)
        case .csv:
            return csv(
                header: header,
                rows: scores.map {
                    [
                        $0.outcome, $0.segment ?? "", String($0.n), exact($0.importance), exact($0.satisfaction), exact($0.opportunity),
                        $0.status.rawValue,
                    ]
                })
        case .md:
            return "# Outcome opportunities\n\n"
                + markdownTable(
                    header: ["Outcome", "Segment", "n", "Importance", "Satisfaction", "Opportunity", "Status"],
                    rows: scores.map {
                        [
                            $0.outcome, $0.segment ?? "all", String($0.n), rounded($0.importance, 1), rounded($0.satisfaction, 1),
                            rounded($0.opportunity, 1), $0.status.rawValue + ($0.isExtreme ? " (extreme)" : ""),
                        ]
                    })
        }
    }

    public static func render(_ results: [TopTasks.Result], as format: OutputFormat) -> String {
        switch format {
        case .json: return json(results)
        case .csv:
            return csv(
                header: ["task", "votes", "share", "cumulative_share", "rank", "long_neck", "top"],
                rows: results.map {
                    [
                        $0.task, String($0.votes), exact($0.share), exact($0.cumulativeShare), String($0.rank), String($0.longNeck),
                        String($0.top),
                    ]
                })
        case .md:
            return "# Top tasks\n\n"
                + markdownTable(
                    header: ["Rank", "Task", "Votes", "Share", "Cumulative", "Long neck", "Top task"],
                    rows: results.map {
                        [
                            String($0.rank), $0.task, String($0.votes), percent($0.share), percent($0.cumulativeShare),
                            $0.longNeck ? "yes" : "", $0.top ? "yes" : "",
                        ]
                    })
        }
    }

    public static func render(_ results: [TaskTests.Result], as format: OutputFormat) -> String {
        switch format {
        case .json: return json(results)
        case .csv:
            return csv(
                header: ["task", "n", "success_rate", "disaster_rate", "median_seconds", "score"],
                rows: results.map {
                    [$0.task, String($0.n), exact($0.successRate), exact($0.disasterRate), exact($0.medianSeconds), exact($0.score)]
                })
        case .md:
            return "# Task performance\n\n"
                + markdownTable(
                    header: ["Task", "Attempts", "Success", "Disaster", "Median time (s)", "Score"],
                    rows: results.map {
                        [
                            $0.task, String($0.n), percent($0.successRate), percent($0.disasterRate), rounded($0.medianSeconds, 1),
                            rounded($0.score, 1),
                        ]
                    })
        }
    }

    public static func render(_ report: LineOfSightCheck.Report, as format: OutputFormat) -> String {
        switch format {
        case .json: return json(report)
        case .csv:
            return csv(header: ["kind", "node", "message"], rows: report.findings.map { [$0.kind.rawValue, $0.node, $0.message] })
        case .md:
            let coverage = report.coverage
            return """
                # Line of sight

                \(coverage.withLineOfSight) of \(coverage.initiatives) initiatives have a full line of sight \
                (effort \(percent(coverage.effortShare)), budget \(percent(coverage.budgetShare))).

                \(report.findings.isEmpty ? "No findings.\n" : markdownTable(header: ["Kind", "Node", "Finding"], rows: report.findings.map { [$0.kind.rawValue, $0.node, $0.message] }))
                """
        }
    }

    /// `cdna analyze outcomes --find-segments`: the document, a CSV row per segment, or a table.
    public static func render(_ result: OutcomeSegments.Result, as format: OutputFormat) -> String {
        func given(_ segment: OutcomeSegments.Segment) -> String {
            segment.given.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
        }
        switch format {
        case .json: return json(result)
        case .csv:
            return csv(
                header: ["segment", "size", "underserved", "given", "respondents"],
                rows: result.segments.map {
                    [$0.segment, String($0.size), $0.underserved.joined(separator: ";"), given($0), $0.respondents.joined(separator: ";")]
                })
        case .md:
            return "# Segments by unmet outcomes\n\n\(result.k) segments, mean silhouette \(rounded(result.silhouette, 2)).\n\n"
                + markdownTable(
                    header: ["Segment", "Customers", "Underserved outcomes", "From the given segments"],
                    rows: result.segments.map { [$0.segment, String($0.size), $0.underserved.joined(separator: ", "), given($0)] })
        }
    }
}

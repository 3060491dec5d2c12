import DNAApp
import DNACore
import Plot

/// The segments found in a study's answers: customers grouped by which outcomes they find
/// unmet, beside the segments the study was given, so a segment the given ones hide shows.
struct FoundSegmentsSection: Component {
    var found: SurveyService.FoundSegments
    var outcomeText: [String: String]
    var segmentNames: [String: String]

    var body: Component {
        LabelledSection("s-found-segments", "Segments found in the answers") {
            El("p") {
                "Customers grouped by the outcomes they find unmet (importance minus satisfaction per outcome; k-means with a fixed seed, \(found.result.k) segments chosen by the silhouette\(found.result.silhouette.map { ", \(AnalysisOutput.rounded($0, 2))" } ?? "")). A segment with fewer than \(found.minGroupSize) customers shows its size only."
            }
            if (found.result.silhouette ?? 0) < 0.25 {
                El("p", .class("uncertain"), .role("note")) {
                    "A silhouette under 0.25 means the customers do not fall into clearly separate groups: read these segments as leanings, not as kinds of customer."
                }
            }
            DataTable(
                columns: ["Segment", "Customers", "Most underserved outcomes", "From the given segments"],
                rows: found.result.segments.map { segment -> [Component] in
                    let shown = segment.size >= found.minGroupSize
                    let underserved = segment.underserved.prefix(3).map { outcomeText[$0] ?? $0 }
                    let given = segment.given.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
                        .map { "\(segmentNames[$0.key] ?? $0.key) \($0.value)" }
                    return [
                        segment.segment, String(segment.size),
                        shown
                            ? (underserved.isEmpty ? AdminText("none") : AdminText(verbatim: underserved.joined(separator: "; ")))
                            : AdminText("too few to show"),
                        shown ? AdminText(verbatim: given.joined(separator: ", ")) : AdminText(verbatim: "–"),
                    ]
                })
        }
    }
}

import DNACore
import Plot

/// The report's first section, for a reader with a minute: the three strongest and weakest
/// forces, the weakest layer, how many people can name the customer value of their work, and
/// the changes since the last wave that survive Holm's correction over the forces compared.
struct ExecutiveSummary {
    struct Force: Equatable {
        var name: String
        var score: Double
    }

    struct Change: Equatable {
        var name: String
        /// In score points (0-100).
        var points: Double
        /// Holm-adjusted over the forces compared.
        var adjustedP: Double
    }

    var strongest: [Force]
    var weakest: [Force]
    var weakestLayer: String?
    var coverage: Double?
    var previousWave: String?
    var forcesCompared: Int
    var changes: [Change]

    /// The level below which a corrected change counts.
    static let alpha = 0.05

    init(_ figures: ScorecardFigures) {
        let forces = figures.forces
        let ranked = figures.ranked(forces).map { Force(name: $0.label, score: $0.score.score) }
        strongest = Array(ranked.prefix(3))
        weakest = Array(ranked.suffix(3).reversed())
        weakestLayer = figures.weakestLayerName
        coverage = figures.overall?.lineOfSightCoverage
        previousWave = figures.scorecard.previous?.name
        let compared = figures.overallTrend.filter { $0.framework == forces.id && !$0.dimension.contains("/") }
        forcesCompared = compared.filter { $0.pValue != nil }.count
        let adjusted = Statistics.holmAdjusted(compared.map(\.pValue))
        changes = zip(compared, adjusted).compactMap { change, p in
            guard let p, p < Self.alpha else { return nil }
            return Change(
                name: figures.dimensionName(framework: forces.id, dimension: change.dimension), points: change.scoreChange, adjustedP: p)
        }
        .sorted { (abs($0.points), $1.name) > (abs($1.points), $0.name) }
        .prefix(3).map { $0 }
    }

    private static func list(_ forces: [Force]) -> String {
        forces.map { "\($0.name) (\(Int($0.score.rounded())))" }.joined(separator: ", ")
    }

    private static func signed(_ points: Double) -> String {
        (points >= 0 ? "+" : "−") + String(format: "%.1f", abs(points))
    }

    /// The sentences, in English, for the Markdown report and the page.
    var lines: [String] {
        var lines: [String] = []
        if !strongest.isEmpty {
            lines.append("Strongest forces: \(Self.list(strongest)).")
            lines.append("Weakest forces: \(Self.list(weakest)).")
        }
        if let weakestLayer { lines.append("Weakest layer: \(weakestLayer).") }
        if let coverage {
            lines.append("Line of sight: \(AnalysisOutput.percent(coverage)) of respondents name the customer value of their work.")
        }
        if let previousWave {
            if changes.isEmpty {
                lines.append(
                    "Since \(previousWave): no change in the \(forcesCompared) forces compared survives Holm's correction (p < 0.05).")
            } else {
                let listed = changes.map { change in
                    let p = change.adjustedP < 0.001 ? "p < 0.001" : "p = " + String(format: "%.3f", change.adjustedP)
                    return "\(change.name) \(Self.signed(change.points)) points (\(p))"
                }
                lines.append(
                    "Biggest changes since \(previousWave) that survive Holm's correction over \(forcesCompared) forces: \(listed.joined(separator: "; "))."
                )
            }
        } else {
            lines.append("This is the first wave: there is nothing earlier to compare with.")
        }
        return lines
    }

    var section: Component {
        LabelledSection("s-summary", "Executive summary") {
            El("ul", .class("summary")) {
                for line in lines { El("li") { AdminText(verbatim: line) } }
            }
        }
    }
}

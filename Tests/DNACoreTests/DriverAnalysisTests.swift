import Testing

@testable import DNACore

/// Johnson's relative weights by their defining properties, worked by hand: with orthogonal
/// predictors each weight is the squared correlation; with two the weights add up to the R²
/// of the regression, (r1² + r2² - 2 r1 r2 ρ) / (1 - ρ²), and equal correlations share it
/// equally. The whole analysis is also compared with a NumPy implementation in
/// Tests/analytics.
@Suite("Key drivers")
struct DriverAnalysisTests {
    @Test("orthogonal predictors: each weight is r squared, R² their sum")
    func orthogonal() throws {
        let result = try #require(RelativeWeights.weights(rxx: [1, 0, 0, 0, 1, 0, 0, 0, 1], rxy: [0.5, -0.3, 0.1]))
        for (weight, expected) in zip(result.weights, [0.25, 0.09, 0.01]) { #expect(abs(weight - expected) < 1e-12) }
        #expect(abs(result.r2 - 0.35) < 1e-12)
    }

    @Test("two correlated predictors: the weights add up to the regression's R²; equal ones split it evenly")
    func twoPredictors() throws {
        let rho = 0.6, r1 = 0.5, r2 = 0.3
        let result = try #require(RelativeWeights.weights(rxx: [1, rho, rho, 1], rxy: [r1, r2]))
        let regression = (r1 * r1 + r2 * r2 - 2 * r1 * r2 * rho) / (1 - rho * rho)
        #expect(abs(result.r2 - regression) < 1e-12)
        #expect(abs(result.weights.reduce(0, +) - regression) < 1e-12)
        #expect(result.weights[0] > result.weights[1])
        let even = try #require(RelativeWeights.weights(rxx: [1, rho, rho, 1], rxy: [0.4, 0.4]))
        #expect(abs(even.weights[0] - even.weights[1]) < 1e-12)
        #expect(abs(even.r2 - 2 * 0.16 / 1.6) < 1e-12)
    }

    @Test("dependent predictors have no weights")
    func dependent() {
        #expect(RelativeWeights.weights(rxx: [1, 1, 1, 1], rxy: [0.5, 0.5]) == nil)
    }

    @Test("the percentile interpolates as NumPy's default does")
    func percentile() {
        let values = [1.0, 2, 3, 4, 10]
        #expect(Statistics.percentile(sorted: values, 0.025) == 1.1)
        #expect(abs(Statistics.percentile(sorted: values, 0.975)! - 9.4) < 1e-12)
        #expect(Statistics.percentile(sorted: [], 0.5) == nil)
    }

    /// 240 generated respondents in two units of 110 and one of 20, answers driven by a shared
    /// factor so the forces correlate, and line of sight more likely with a high purpose score.
    static func responses() -> (Instrument, AssessmentResponses) {
        let instrument = BuiltInInstruments.customerDNA
        var data = AssessmentResponses(likertItemIDs: instrument.likertItems.map(\.id))
        var random = Xoshiro256(seed: 42, stream: 0)
        func uniform() -> Double { Double(random.next() >> 11) / Double(1 << 53) }
        for index in 0..<240 {
            let unit = index < 110 ? "claims" : index < 220 ? "finance" : "legal"
            let factor = uniform() * 2 - 1
            var purpose = 0.0
            let row = instrument.likertItems.map { item -> Int8 in
                if uniform() < 0.05 { return 0 }
                let value = 3 + 1.4 * factor + (uniform() * 2 - 1) * 1.2
                if item.dimensions.contains(where: { $0.dimension == "purpose" }) { purpose = value }
                let answer = Int8(min(5, max(1, value.rounded())))
                return item.reverse ? 6 - answer : answer
            }
            let named = uniform() < 0.2 + 0.15 * purpose
            data.append(.init(id: "r\(index)", unit: unit, role: "staff", outcome: named ? "faster-claims" : nil), answers: row)
        }
        return (instrument, data)
    }

    @Test("the analysis: twelve forces for line of sight, weights adding up to R², intervals around them, small groups left out")
    func analysis() throws {
        let (instrument, data) = Self.responses()
        let report = try DriverAnalysis.analyze(
            instrument: instrument, responses: data, options: .init(target: "line-of-sight", resamples: 200, parallelism: 2))
        let overall = report.overall
        #expect(overall.drivers.map(\.dimension).count == 12 && overall.drivers.first?.dimension == "purpose")
        let r2 = try #require(overall.r2)
        #expect(abs(overall.drivers.compactMap(\.weight).reduce(0, +) - r2) < 1e-12)
        #expect(abs(overall.drivers.compactMap(\.share).reduce(0, +) - 1) < 1e-12)
        for driver in overall.drivers {
            let low = try #require(driver.ci95Low), high = try #require(driver.ci95High)
            #expect(low <= high && low >= 0)
        }
        #expect(report.groups.map(\.name) == ["claims", "finance", "legal"])
        #expect(report.groups[2] == .suppressed(group: "legal"), "20 respondents are under 30")
        #expect(report.groups[0].result?.n ?? 0 > 90)

        // The same seed gives the same intervals on any number of cores; another seed others.
        let again = try DriverAnalysis.analyze(
            instrument: instrument, responses: data, options: .init(target: "line-of-sight", resamples: 200, parallelism: 1))
        #expect(again == report)
        let reseeded = try DriverAnalysis.analyze(
            instrument: instrument, responses: data, options: .init(target: "line-of-sight", seed: 2, resamples: 200, parallelism: 2))
        #expect(reseeded.overall.drivers.map(\.weight) == overall.drivers.map(\.weight))
        #expect(reseeded.overall.drivers.map(\.ci95Low) != overall.drivers.map(\.ci95Low))
    }

    @Test("a dimension as target leaves itself out of the predictors; wrong targets and frameworks say what to give")
    func targets() throws {
        let (instrument, data) = Self.responses()
        let purpose = try DriverAnalysis.analyze(
            instrument: instrument, responses: data, options: .init(target: "os-canvas/purpose", breakdown: .none, resamples: 20))
        #expect(purpose.overall.drivers.count == 11 && !purpose.overall.drivers.contains { $0.dimension == "purpose" })
        #expect(purpose.groups.isEmpty)
        #expect(throws: DriverAnalysis.Problem.self) {
            try DriverAnalysis.analyze(instrument: instrument, responses: data, options: .init(target: "nonsense"))
        }
        let error = #expect(throws: DriverAnalysis.Problem.self) {
            try DriverAnalysis.analyze(instrument: instrument, responses: data, options: .init(target: "line-of-sight", framework: "nope"))
        }
        #expect(error?.description.hasPrefix("--framework nope: the instrument has no items in its dimensions") == true)
    }

    @Test("the bootstrap's batched single-precision sums give the double-precision correlations, narrow or wide", arguments: [5, 13, 19])
    func singlePrecisionMoments(columns: Int) throws {
        var random = Xoshiro256(seed: 9, stream: 1)
        func uniform() -> Double { Double(random.next() >> 11) / Double(1 << 53) }
        let rows = (0..<3000).map { _ in
            let shared = uniform()
            return (0..<columns).map { _ in (1 + 4 * (0.6 * shared + 0.4 * uniform()) * 4).rounded() / 4 }
        }
        let sample = DriverSample(rows: rows, columns: columns)
        // Resample 0 counts every row once, resample 1 every third row three times.
        let counts = (0..<2).flatMap { b in (0..<rows.count).map { i in UInt16(b == 0 ? 1 : (i % 3 == 0 ? 3 : 0)) } }
        let moments = counts.withUnsafeBufferPointer { SingleRows(sample).moments(counts: $0, resamples: 2) }
        let exact = try #require(sample.correlations())
        let single = try #require(moments[0].correlations(columns: columns))
        for (a, b) in zip(exact.rxx + exact.rxy, single.rxx + single.rxy) { #expect(abs(a - b) < 1e-5) }
        let everyThird = rows.enumerated().filter { $0.offset % 3 == 0 }.map(\.element)
        let direct = try #require(DriverSample(rows: everyThird, columns: columns).correlations())
        let weighted = try #require(moments[1].correlations(columns: columns))
        for (a, b) in zip(direct.rxx + direct.rxy, weighted.rxx + weighted.rxy) { #expect(abs(a - b) < 1e-5) }
        #expect(moments[1].total == Double(everyThird.count * 3))
    }
}

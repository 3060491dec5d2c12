import Testing

@testable import DNACore

/// Reference values come from SciPy (scipy.stats.t.ppf, ttest_ind with equal_var=False).
@Suite("Statistics")
struct StatisticsTests {
    @Test(
        "Student t quantiles match published values",
        arguments: [
            (1.0, 12.706204736174694), (4.0, 2.7764451051977934), (30.0, 2.0422724563012378), (1000.0, 1.9623390808264083),
        ])
    func tQuantile(df: Double, expected: Double) {
        #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: df) - expected) < 1e-9)
    }

    /// Worked by hand (and as statsmodels' multipletests(method="holm") gives): sorted, the
    /// five present values are multiplied by 5, 4, 3, 2, 1 and made non-decreasing.
    @Test("Holm's adjustment multiplies by the remaining count, keeps order, and skips missing values")
    func holm() {
        let adjusted = Statistics.holmAdjusted([0.01, 0.04, 0.03, 0.005, nil, 0.5])
        let expected: [Double?] = [0.04, 0.09, 0.09, 0.025, nil, 0.5]
        #expect(adjusted.count == expected.count)
        for (a, e) in zip(adjusted, expected) { #expect(a == nil ? e == nil : abs(a! - e!) < 1e-12) }
        #expect(Statistics.holmAdjusted([0.4, 0.6]) == [0.8, 0.8])
    }

    @Test("the t CDF matches a published value")
    func tCDF() {
        #expect(abs(StudentT.cdf(-2.5, degreesOfFreedom: 7) - 0.020496109292876444) < 1e-12)
    }

    @Test(
        "Welch's p-value matches SciPy",
        arguments: [
            ([1.0, 2, 3, 4, 5], [2.0, 4, 6, 8, 10], 0.10753119493062728),
            ([3.2, 4.1, 3.8, 4.5, 2.9, 3.3], [2.1, 2.8, 3.0, 2.2], 0.010527251541232546),
        ])
    func welch(a: [Double], b: [Double], expected: Double) throws {
        let p = try #require(Statistics.welchPValue(a, b))
        #expect(abs(p - expected) < 1e-10)
    }

    @Test("Cronbach's alpha on a small matrix")
    func alpha() throws {
        let rows: [[Double]] = [[4, 5, 4], [3, 3, 2], [5, 5, 5], [2, 3, 3], [4, 4, 5]]
        #expect(abs(try #require(Statistics.cronbachAlpha(rows)) - 0.9174757281553397) < 1e-12)
        #expect(Statistics.cronbachAlpha([[1, 1, 1], [1, 1, 1]]) == nil)
    }

    @Test("mean, sd, median and their edge cases")
    func descriptive() {
        #expect(Statistics.mean([]) == nil)
        #expect(Statistics.standardDeviation([3]) == nil)
        #expect(Statistics.standardDeviation([2, 4, 4, 4, 5, 5, 7, 9]) == (32.0 / 7).squareRoot())
        #expect(Statistics.median([5, 1, 3]) == 3)
        #expect(Statistics.median([4, 1, 3, 2]) == 2.5)
    }
}

@Suite("Anonymity")
struct AnonymityTests {
    @Test(
        "groups under k are hidden, and so is the smallest group that would reveal them",
        arguments: [
            // (parent, children, k, expected shown)
            (20, [10, 7, 3], 5, [true, false, false]),  // 3 alone is recoverable: hide 7 too
            (30, [10, 10, 6, 2, 2], 5, [true, true, false, false, false]),  // the two hidden total 4 < 5: hide 6 too
            (20, [10, 10], 5, [true, true]),
            (4, [2, 2], 5, [false, false]),
            (12, [4, 4, 4], 5, [false, false, false]),
        ])
    func suppression(parent: Int, children: [Int], k: Int, expected: [Bool]) {
        let visibility = Anonymity.visibleGroups(parentSize: parent, childSizes: children, minGroupSize: k)
        #expect(visibility.childShown == expected)
        #expect(visibility.parentShown == (parent >= k))
    }

    @Test("property: whatever is hidden is never one group alone nor fewer than k together")
    func property() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let k = Int.random(in: 2...7, using: &generator)
            let children = (0..<Int.random(in: 1...8, using: &generator)).map { _ in Int.random(in: 1...15, using: &generator) }
            let visibility = Anonymity.visibleGroups(parentSize: children.reduce(0, +), childSizes: children, minGroupSize: k)
            guard visibility.parentShown else { continue }
            let hidden = children.indices.filter { !visibility.childShown[$0] }.map { children[$0] }
            for (size, shown) in zip(children, visibility.childShown) where shown { #expect(size >= k) }
            if !hidden.isEmpty && hidden.count < children.count {
                #expect(hidden.count >= 2, "\(children) k=\(k)")
                #expect(hidden.reduce(0, +) >= k, "\(children) k=\(k)")
            }
        }
    }
}

/// How figures are written for people on the pages.
@Suite("Figures for people")
struct FigureFormattingTests {
    @Test("no negative zero, thousands separators, and shares never rounded to none or all")
    func formatting() {
        #expect(AnalysisOutput.rounded(-0.3, 0) == "0" && AnalysisOutput.rounded(-0.004, 2) == "0.00")
        #expect(AnalysisOutput.rounded(-0.6, 0) == "-1" && AnalysisOutput.rounded(nil) == "–")
        #expect(AnalysisOutput.grouped(60213) == "60,213" && AnalysisOutput.grouped(-1_234_567.891, 2) == "-1,234,567.89")
        #expect(AnalysisOutput.grouped(999) == "999" && AnalysisOutput.grouped(-0.2) == "0" && AnalysisOutput.grouped(1000.4) == "1,000")
        #expect(AnalysisOutput.percent(0) == "0%" && AnalysisOutput.percent(1) == "100%" && AnalysisOutput.percent(0.674) == "67%")
        #expect(AnalysisOutput.percent(0.003) == "0.3%" && AnalysisOutput.percent(0.0002) == "<0.1%")
        #expect(AnalysisOutput.percent(0.997) == "99.7%" && AnalysisOutput.percent(0.99996) == ">99.9%")
        #expect(
            AnalysisOutput.percent(0.005) == "0.5%" && AnalysisOutput.percent(0.0051) == "1%" && AnalysisOutput.percent(0.9949) == "99%")
    }
}

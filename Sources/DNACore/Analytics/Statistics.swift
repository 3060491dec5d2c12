import Foundation
import Synchronization

/// Descriptive and inferential statistics used by the scoring contract. Plain functions on
/// arrays of doubles, so each can be checked against published values.
public enum Statistics {
    public static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// Sample variance (n - 1 in the denominator); nil under two values.
    public static func variance(_ values: [Double]) -> Double? {
        guard values.count >= 2, let mean = mean(values) else { return nil }
        return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
    }

    public static func standardDeviation(_ values: [Double]) -> Double? {
        variance(values).map { $0.squareRoot() }
    }

    /// The 95% confidence interval of the mean with Student's t (two-sided, n - 1 degrees
    /// of freedom); nil under two values.
    public static func confidenceInterval95(mean: Double, sd: Double, n: Int) -> (low: Double, high: Double)? {
        guard n >= 2 else { return nil }
        let half = StudentT.quantile(0.975, degreesOfFreedom: Double(n - 1)) * sd / Double(n).squareRoot()
        return (mean - half, mean + half)
    }

    /// Welch's unequal-variances t-test: the two-sided p-value for a difference in means.
    /// Nil when either sample has fewer than two values or both have no variance.
    public static func welchPValue(_ a: [Double], _ b: [Double]) -> Double? {
        guard let meanA = mean(a), let meanB = mean(b), let varA = variance(a), let varB = variance(b) else { return nil }
        return welchPValue(
            meanA: meanA, varianceA: varA, countA: Double(a.count), meanB: meanB, varianceB: varB, countB: Double(b.count))
    }

    /// The same test from each sample's mean, sample variance and size (two or more each),
    /// for samples kept as sums.
    public static func welchPValue(
        meanA: Double, varianceA: Double, countA: Double, meanB: Double, varianceB: Double, countB: Double
    ) -> Double? {
        let sa = varianceA / countA, sb = varianceB / countB
        guard sa + sb > 0 else { return meanA == meanB ? 1 : 0 }
        let t = (meanA - meanB) / (sa + sb).squareRoot()
        let df = (sa + sb) * (sa + sb) / (sa * sa / (countA - 1) + sb * sb / (countB - 1))
        return StudentT.twoSidedPValue(t: t, degreesOfFreedom: df)
    }

    /// Holm's step-down adjustment of p-values for testing them together: sorted ascending,
    /// the i-th smallest (from 0) becomes max over j <= i of min(1, (m - j) p_j), m counting
    /// the p-values present. A nil stays nil and is not counted. Controls the family-wise
    /// error rate without assuming the tests independent.
    public static func holmAdjusted(_ pValues: [Double?]) -> [Double?] {
        let present = pValues.enumerated().compactMap { index, p in p.map { (index, $0) } }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        var adjusted = [Double?](repeating: nil, count: pValues.count)
        var running = 0.0
        for (rank, (index, p)) in present.enumerated() {
            running = max(running, min(1, Double(present.count - rank) * p))
            adjusted[index] = running
        }
        return adjusted
    }

    /// Benjamini and Hochberg's adjustment (q-values) controlling the false discovery rate
    /// over many tests: sorted ascending, the i-th smallest (from 1) becomes the least of
    /// min(1, p_j m / j) over j >= i, m counting the p-values present. A nil stays nil and is
    /// not counted.
    public static func benjaminiHochberg(_ pValues: [Double?]) -> [Double?] {
        let present = pValues.enumerated().compactMap { index, p in p.map { (index, $0) } }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        var adjusted = [Double?](repeating: nil, count: pValues.count)
        var running = 1.0
        let m = Double(present.count)
        for (rank, (index, p)) in present.enumerated().reversed() {
            running = min(running, p * m / Double(rank + 1))
            adjusted[index] = running
        }
        return adjusted
    }

    /// Cronbach's alpha for a respondents x items matrix (every row complete):
    /// k / (k - 1) x (1 - sum of item variances / variance of row totals).
    /// Nil under two items, under two rows, or when the totals do not vary.
    public static func cronbachAlpha(_ rows: [[Double]]) -> Double? {
        guard let k = rows.first?.count, k >= 2, rows.count >= 2 else { return nil }
        var itemVariances = 0.0
        for item in 0..<k { itemVariances += variance(rows.map { $0[item] }) ?? 0 }
        guard let totalVariance = variance(rows.map { $0.reduce(0, +) }), totalVariance > 0 else { return nil }
        let items = Double(k)
        return items / (items - 1) * (1 - itemVariances / totalVariance)
    }

    /// The median; the mean of the two middle values for an even count.
    /// The `q` quantile (0-1) of sorted values, interpolating linearly between neighbours
    /// (NumPy's default, Hyndman and Fan's type 7); nil for none.
    public static func percentile(sorted values: [Double], _ q: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let position = Double(values.count - 1) * min(max(q, 0), 1)
        let low = Int(position.rounded(.down)), high = min(low + 1, values.count - 1)
        return values[low] + (position - Double(low)) * (values[high] - values[low])
    }

    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

/// Student's t distribution through the regularized incomplete beta function.
public enum StudentT {
    /// P(T <= t) for `df` degrees of freedom.
    public static func cdf(_ t: Double, degreesOfFreedom df: Double) -> Double {
        let tail = 0.5 * IncompleteBeta.regularized(x: df / (df + t * t), a: df / 2, b: 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    public static func twoSidedPValue(t: Double, degreesOfFreedom df: Double) -> Double {
        min(1, IncompleteBeta.regularized(x: df / (df + t * t), a: df / 2, b: 0.5))
    }

    /// The 97.5% quantile for a sample of `n` (n - 1 degrees of freedom), as confidence
    /// intervals use it: computed once per n and process, since a results page asks for a
    /// thousand groups' sizes and each bisection costs dozens of incomplete beta evaluations.
    public static func quantile975(sampleSize n: Int) -> Double {
        if let known = quantile975Table.withLock({ $0[n] }) { return known }
        let value = quantile(0.975, degreesOfFreedom: Double(n - 1))
        quantile975Table.withLock { table in if table.count < 1 << 17 { table[n] = value } }
        return value
    }

    private static let quantile975Table = Mutex<[Int: Double]>([:])

    /// The t value below which probability `p` lies (0.5 < p < 1), found by bisection on the
    /// monotone CDF; 200 halvings take the bracket below double precision.
    public static func quantile(_ p: Double, degreesOfFreedom df: Double) -> Double {
        var low = 0.0, high = 1.0
        while cdf(high, degreesOfFreedom: df) < p { high *= 2 }
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if cdf(middle, degreesOfFreedom: df) < p { low = middle } else { high = middle }
            if high - low <= 1e-15 * high { break }
        }
        return (low + high) / 2
    }
}

/// The regularized incomplete beta function I_x(a, b), evaluated with its continued
/// fraction (modified Lentz); the symmetry I_x(a,b) = 1 - I_{1-x}(b,a) keeps it convergent.
enum IncompleteBeta {
    static func regularized(x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logBeta: Double = lgamma(a) + lgamma(b) - lgamma(a + b)
        let logPowers: Double = a * log(x) + b * log(1 - x)
        let logFront = logPowers - logBeta
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x: x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * continuedFraction(x: 1 - x, a: b, b: a) / b
    }

    private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        for m in 1...300 {
            let m = Double(m)
            // Even step.
            var numerator = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + numerator * d
            if abs(d) < tiny { d = tiny }
            c = 1 + numerator / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            // Odd step.
            numerator = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + numerator * d
            if abs(d) < tiny { d = tiny }
            c = 1 + numerator / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            result *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return result
    }
}

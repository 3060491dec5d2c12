import CDriverKernel
import Dispatch

/// The rows a driver analysis works on: per respondent, the predictors' scores and the
/// target's value, centred on their means (so sums of products stay small and exact enough),
/// with the moments and correlations of the sample or of a bootstrap resample of it.
struct DriverSample: Sendable {
    /// Predictors, then the target.
    let columns: Int
    let rows: Int
    /// Row-major, `columns` values a row.
    let values: [Double]

    init(rows raw: [[Double]], columns: Int) {
        self.columns = columns
        rows = raw.count
        var means = [Double](repeating: 0, count: columns)
        for row in raw { for j in 0..<columns { means[j] += row[j] } }
        if rows > 0 { for j in 0..<columns { means[j] /= Double(rows) } }
        var values = [Double](repeating: 0, count: rows * columns)
        for (index, row) in raw.enumerated() { for j in 0..<columns { values[index * columns + j] = row[j] - means[j] } }
        self.values = values
    }

    /// Weighted sums of a sample's columns and of their products: all a correlation matrix
    /// needs.
    struct Moments {
        var total = 0.0
        var sums: [Double]
        /// Row-major m x m; only j <= k is filled.
        var products: [Double]

        init(columns m: Int) {
            sums = [Double](repeating: 0, count: m)
            products = [Double](repeating: 0, count: m * m)
        }

        /// The predictors' correlation matrix and their correlations with the target (the
        /// last column); nil with under 3 rows or a column that does not vary.
        func correlations(columns m: Int) -> (rxx: [Double], rxy: [Double])? {
            guard total >= 3 else { return nil }
            var covariance = [Double](repeating: 0, count: m * m)
            for j in 0..<m {
                for k in j..<m {
                    let value = products[j * m + k] - sums[j] * sums[k] / total
                    covariance[j * m + k] = value
                    covariance[k * m + j] = value
                }
            }
            let scale = (0..<m).map { max(0, covariance[$0 * m + $0]).squareRoot() }
            // A column that does not vary (within rounding) has no correlation.
            guard scale.allSatisfy({ $0 > 1e-6 * total.squareRoot() }) else { return nil }
            let p = m - 1
            var rxx = [Double](repeating: 0, count: p * p), rxy = [Double](repeating: 0, count: p)
            for j in 0..<p {
                for k in 0..<p { rxx[j * p + k] = j == k ? 1 : covariance[j * m + k] / (scale[j] * scale[k]) }
                rxy[j] = covariance[j * m + p] / (scale[j] * scale[p])
            }
            return (rxx, rxy)
        }
    }

    /// The sample's moments in double precision, each row counted `counts[i]` times (once
    /// without counts).
    func moments(counts: UnsafeBufferPointer<UInt16>? = nil) -> Moments {
        var moments = Moments(columns: columns)
        let m = columns
        values.withUnsafeBufferPointer { data in
            for row in 0..<rows {
                let weight = counts.map { Double($0[row]) } ?? 1
                if weight == 0 { continue }
                moments.total += weight
                let base = row * m
                for j in 0..<m {
                    let x = weight * data[base + j]
                    moments.sums[j] += x
                    for k in j..<m { moments.products[j * m + k] += x * data[base + k] }
                }
            }
        }
        return moments
    }

    /// The sample's correlations, in double precision throughout: the figures the analysis
    /// reports.
    func correlations() -> (rxx: [Double], rxy: [Double])? { moments().correlations(columns: columns) }

    /// Resamples drawn at once, sharing each pass over the rows: the rows are read from
    /// memory once per batch instead of once per resample.
    static let batch = 16
    /// The weights of `resamples` bootstrap resamples (rows drawn with replacement), each from
    /// its own random stream made from `seed` and its number, so the figures do not depend on
    /// how many cores share the work. A resample whose predictors are dependent is nil.
    func bootstrap(resamples: Int, seed: UInt64, parallelism: Int) -> [[Double]?] {
        let results = ResampleResults(count: resamples)
        let batches = (resamples + Self.batch - 1) / Self.batch
        let workers = max(1, min(parallelism, batches))
        let floats = SingleRows(self)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var counts = [UInt16](repeating: 0, count: rows * Self.batch)
            var batch = worker
            while batch < batches {
                let first = batch * Self.batch, size = min(Self.batch, resamples - first)
                for index in 0..<counts.count { counts[index] = 0 }
                let n = UInt64(rows)
                for b in 0..<size {
                    var random = Xoshiro256(seed: seed, stream: UInt64(first + b))
                    let offset = b * rows
                    for _ in 0..<rows { counts[offset + Int(random.next().multipliedFullWidth(by: n).high)] += 1 }
                }
                let moments = counts.withUnsafeBufferPointer { floats.moments(counts: $0, resamples: size) }
                for b in 0..<size {
                    let weights = moments[b].correlations(columns: columns).flatMap {
                        RelativeWeights.weights(rxx: $0.rxx, rxy: $0.rxy)?.weights
                    }
                    results.set(first + b, weights)
                }
                batch += workers
            }
        }
        return results.all()
    }
}

/// The rows in single precision, padded to 16 columns, for the bootstrap's many passes
/// (summed by the C kernel, `cdna_weighted_moments`); a sample of more than 16 columns is
/// summed by `DriverSample.moments` in double precision.
struct SingleRows: Sendable {
    static let lanes = 16
    let sample: DriverSample
    let values: [Float]
    var wide: Bool { sample.columns > Self.lanes }

    init(_ sample: DriverSample) {
        self.sample = sample
        let columns = sample.columns
        var values = [Float](repeating: 0, count: columns > Self.lanes ? 0 : sample.rows * Self.lanes)
        if columns <= Self.lanes {
            for row in 0..<sample.rows {
                for j in 0..<columns { values[row * Self.lanes + j] = Float(sample.values[row * columns + j]) }
            }
        }
        self.values = values
    }

    /// The moments of each of `resamples` (at most `DriverSample.batch`) resamples,
    /// `counts[b * rows + i]` being how often row i was drawn in resample b.
    func moments(counts: UnsafeBufferPointer<UInt16>, resamples: Int) -> [DriverSample.Moments] {
        let rows = sample.rows, m = sample.columns
        precondition(resamples <= DriverSample.batch && counts.count >= resamples * rows, "a batch larger than the kernel takes")
        if wide {
            return (0..<resamples).map { b in sample.moments(counts: UnsafeBufferPointer(rebasing: counts[(b * rows)..<((b + 1) * rows)])) }
        }
        var totals = [Double](repeating: 0, count: resamples)
        var sums = [Double](repeating: 0, count: resamples * m)
        var products = [Double](repeating: 0, count: resamples * m * m)
        values.withUnsafeBufferPointer { values in
            cdna_weighted_moments(
                values.baseAddress, Int64(rows), Int32(m), counts.baseAddress, Int32(resamples), &totals, &sums, &products)
        }
        return (0..<resamples).map { b in
            var moments = DriverSample.Moments(columns: m)
            moments.total = totals[b]
            moments.sums = Array(sums[(b * m)..<((b + 1) * m)])
            moments.products = Array(products[(b * m * m)..<((b + 1) * m * m)])
            return moments
        }
    }
}

/// Resamples' weights written from several threads, each to its own slot.
private final class ResampleResults: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<[Double]?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ index: Int, _ value: [Double]?) { slots[index] = value }
    func all() -> [[Double]?] { Array(slots) }
}

/// xoshiro256** (Blackman and Vigna), seeded through SplitMix64 from a seed and a stream
/// number: fast, and the same numbers on every machine.
struct Xoshiro256 {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    init(seed: UInt64, stream: UInt64) {
        var mix = seed &+ stream &* 0x9E37_79B9_7F4A_7C15
        func splitMix() -> UInt64 {
            mix &+= 0x9E37_79B9_7F4A_7C15
            var z = mix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    mutating func next() -> UInt64 {
        let result = ((state.1 &* 5) << 7 | (state.1 &* 5) >> 57) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = state.3 << 45 | state.3 >> 19
        return result
    }
}

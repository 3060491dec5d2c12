import Dispatch

/// The rows a driver analysis works on: per respondent, the predictors' scores and the
/// target's value, centred on their means (so sums of products stay small and exact enough),
/// with the moments and correlations of the sample or of a bootstrap resample of it.
struct DriverSample: Sendable {
    /// Predictors, then the target.
    let columns: Int
    let rows: Int
    /// Row-major, `stride` values a row, the padding zero.
    let values: [Double]
    static let lanes = 4
    var stride: Int { (columns + Self.lanes - 1) / Self.lanes * Self.lanes }

    init(rows raw: [[Double]], columns: Int) {
        self.columns = columns
        rows = raw.count
        let stride = (columns + Self.lanes - 1) / Self.lanes * Self.lanes
        var means = [Double](repeating: 0, count: columns)
        for row in raw { for j in 0..<columns { means[j] += row[j] } }
        if rows > 0 { for j in 0..<columns { means[j] /= Double(rows) } }
        var values = [Double](repeating: 0, count: rows * stride)
        for (index, row) in raw.enumerated() { for j in 0..<columns { values[index * stride + j] = row[j] - means[j] } }
        self.values = values
    }

    /// The correlations of the sample (each row counted `counts[i]` times, or once): the
    /// predictors' matrix and their correlations with the target; nil when a column does not
    /// vary.
    func correlations(counts: UnsafeBufferPointer<UInt32>? = nil) -> (rxx: [Double], rxy: [Double])? {
        let stride = self.stride, chunks = stride / Self.lanes, m = columns
        // products[j * chunks + c] holds Σ w x_j x_[4c..4c+3]; only chunks at or right of j's
        // are summed, the rest is mirrored after.
        var products = [SIMD4<Double>](repeating: .zero, count: m * chunks)
        var sums = [SIMD4<Double>](repeating: .zero, count: chunks)
        var total = 0.0
        values.withUnsafeBufferPointer { data in
            data.baseAddress!.withMemoryRebound(to: SIMD4<Double>.self, capacity: rows * chunks) { vectors in
                products.withUnsafeMutableBufferPointer { products in
                    for row in 0..<rows {
                        let weight = counts.map { Double($0[row]) } ?? 1
                        if weight == 0 { continue }
                        total += weight
                        let base = row * chunks
                        for c in 0..<chunks { sums[c] += weight * vectors[base + c] }
                        for j in 0..<m {
                            let factor = weight * data[row * stride + j]
                            let first = j / Self.lanes
                            for c in first..<chunks { products[j * chunks + c] += factor * vectors[base + c] }
                        }
                    }
                }
            }
        }
        guard total >= 3 else { return nil }
        func product(_ j: Int, _ k: Int) -> Double {
            let (low, high) = j <= k ? (j, k) : (k, j)
            return products[low * chunks + high / Self.lanes][high % Self.lanes]
        }
        func sum(_ j: Int) -> Double { sums[j / Self.lanes][j % Self.lanes] }
        var covariance = [Double](repeating: 0, count: m * m)
        for j in 0..<m {
            for k in j..<m {
                let value = product(j, k) - sum(j) * sum(k) / total
                covariance[j * m + k] = value
                covariance[k * m + j] = value
            }
        }
        let scale = (0..<m).map { covariance[$0 * m + $0].squareRoot() }
        // A column that does not vary (within rounding) has no correlation.
        guard scale.allSatisfy({ $0 > 1e-9 * total.squareRoot() }) else { return nil }
        let p = m - 1
        var rxx = [Double](repeating: 0, count: p * p), rxy = [Double](repeating: 0, count: p)
        for j in 0..<p {
            for k in 0..<p { rxx[j * p + k] = j == k ? 1 : covariance[j * m + k] / (scale[j] * scale[k]) }
            rxy[j] = covariance[j * m + p] / (scale[j] * scale[p])
        }
        return (rxx, rxy)
    }

    /// The weights of `resamples` bootstrap resamples (rows drawn with replacement), each from
    /// its own random stream made from `seed` and its number, so the figures do not depend on
    /// how many cores share the work. A resample whose predictors are dependent is nil.
    func bootstrap(resamples: Int, seed: UInt64, parallelism: Int) -> [[Double]?] {
        let results = ResampleResults(count: resamples)
        let workers = max(1, min(parallelism, resamples))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var counts = [UInt32](repeating: 0, count: rows)
            var resample = worker
            while resample < resamples {
                var random = Xoshiro256(seed: seed, stream: UInt64(resample))
                for index in 0..<counts.count { counts[index] = 0 }
                let n = UInt64(rows)
                for _ in 0..<rows { counts[Int(random.next().multipliedFullWidth(by: n).high)] += 1 }
                let weights = counts.withUnsafeBufferPointer { counts in
                    correlations(counts: counts).flatMap { RelativeWeights.weights(rxx: $0.rxx, rxy: $0.rxy)?.weights }
                }
                results.set(resample, weights)
                resample += workers
            }
        }
        return results.all()
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

/// Johnson's (2000) relative weights: how much of a target's explained variance (R²) each of
/// several correlated predictors carries. With R_xx the predictors' correlation matrix and
/// R_xx = V diag(e) V', the predictors are replaced by the orthogonal set closest to them,
/// L = V diag(√e) V' (the symmetric square root of R_xx); the target is regressed on that set,
/// b = L⁻¹ r_xy, and each predictor gets back its share through L: weight_j = Σ_k L_jk² b_k².
/// The weights add up to R².
public enum RelativeWeights {
    public struct Result: Sendable, Equatable {
        /// Each predictor's raw relative weight, in the predictors' order.
        public var weights: [Double]
        public var r2: Double
    }

    /// The weights from the predictors' correlations (`rxx`, p × p, row-major) and their
    /// correlations with the target (`rxy`); nil when the predictors are linearly dependent
    /// (an eigenvalue of R_xx at or near zero), where no weights exist.
    public static func weights(rxx: [Double], rxy: [Double]) -> Result? {
        let p = rxy.count
        precondition(rxx.count == p * p, "R_xx must be p x p")
        guard p > 0 else { return nil }
        let (values, vectors) = symmetricEigen(rxx, size: p)
        guard values.allSatisfy({ $0 > 1e-10 && $0.isFinite }) else { return nil }
        let roots = values.map { $0.squareRoot() }
        // L = V diag(√e) V' (symmetric).
        var lambda = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            for j in i..<p {
                var sum = 0.0
                for k in 0..<p { sum += vectors[i * p + k] * roots[k] * vectors[j * p + k] }
                lambda[i * p + j] = sum
                lambda[j * p + i] = sum
            }
        }
        // b = L⁻¹ r_xy = V diag(1/√e) V' r_xy.
        var projected = [Double](repeating: 0, count: p)
        for k in 0..<p {
            var sum = 0.0
            for i in 0..<p { sum += vectors[i * p + k] * rxy[i] }
            projected[k] = sum / roots[k]
        }
        var b = [Double](repeating: 0, count: p)
        for i in 0..<p {
            var sum = 0.0
            for k in 0..<p { sum += vectors[i * p + k] * projected[k] }
            b[i] = sum
        }
        let squaredB = b.map { $0 * $0 }
        let weights = (0..<p).map { j in
            var sum = 0.0
            for k in 0..<p { sum += lambda[j * p + k] * lambda[j * p + k] * squaredB[k] }
            return sum
        }
        return Result(weights: weights, r2: squaredB.reduce(0, +))
    }

    /// Eigenvalues and eigenvectors of a symmetric matrix (row-major, `size` × `size`) by
    /// cyclic Jacobi rotations, which are exact to rounding for the small matrices here.
    /// `vectors[i * size + k]` is component i of the eigenvector of `values[k]`.
    static func symmetricEigen(_ matrix: [Double], size n: Int) -> (values: [Double], vectors: [Double]) {
        var a = matrix
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        for _ in 0..<100 {
            var off = 0.0
            for i in 0..<n { for j in (i + 1)..<n { off += a[i * n + j] * a[i * n + j] } }
            if off < 1e-30 { break }
            for p in 0..<n {
                for q in (p + 1)..<n {
                    let apq = a[p * n + q]
                    guard abs(apq) > 1e-300 else { continue }
                    let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {
                        let akp = a[k * n + p], akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p * n + k], aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                    for k in 0..<n {
                        let vkp = v[k * n + p], vkq = v[k * n + q]
                        v[k * n + p] = c * vkp - s * vkq
                        v[k * n + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        return ((0..<n).map { a[$0 * n + $0] }, v)
    }
}

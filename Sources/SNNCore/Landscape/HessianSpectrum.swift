import SNNLinalg

/// Which end of the horizontal Hessian's spectrum to compute.
public enum SpectrumEnd: String, Sendable {
    case smallest, largest
}

extension RiemannianHessian {
    /// The `count` smallest or largest eigenvalues of the Riemannian Hessian on `H_Y` by ARPACK's Lanczos
    /// method on horizontal vectors (SciPy `eigsh` with a `LinearOperator`), never forming the nr × nr matrix.
    ///
    /// The operator handed to ARPACK is `x ↦ P_h ∇²ℓ P_h x + c x + v (x − P_h x)` with `c` = `spectralBound`:
    /// horizontal eigenvalues become `λ + c ∈ [0, 2c]` (so ARPACK's relative tolerance is an absolute one of
    /// about `tolerance · c`, also when λ ≈ 0), and the `r(r−1)/2` vertical directions get `c + v`, with
    /// `v = +c` when the smallest are wanted and `v = −c` when the largest are, so they never appear.
    /// - Parameters:
    ///   - count: how many eigenvalues (≥ 1, below the horizontal dimension).
    ///   - end: `.smallest` (ascending result) or `.largest` (descending result).
    ///   - tolerance: ARPACK's relative tolerance on the shifted operator.
    ///   - maxIterations: cap on ARPACK's implicit restarts.
    /// - Throws: `LinalgError.notConverged` / `.arpack` from ARPACK.
    /// - Complexity: per Lanczos step one Hessian-vector product, O(nnz(A)·r + n·r²); memory O(n·r·ncv).
    public func extremeEigenvalues(count: Int = 1, end: SpectrumEnd, tolerance: Double = 1e-8,
                                   maxIterations: Int = 3000) throws -> [Double] {
        let n = point.rows, r = point.cols, size = n * r
        precondition(count >= 1 && count < horizontalDimension, "count must be in 1..<\(horizontalDimension)")
        let c = Swift.max(spectralBound, 1e-300)
        let vertical = end == .smallest ? c : -c
        let result = try Arpack.symmetricEigenpairs(
            dimension: size, count: count, which: end == .smallest ? .smallestAlgebraic : .largestAlgebraic,
            tolerance: tolerance, maxIterations: maxIterations,
            lanczosVectors: Swift.min(size, Swift.max(2 * count + 1, 24))
        ) { x, yOut in
            let xi = Matrix<Double>(rows: n, cols: r, storage: Array(x))
            let horizontal = projector.project(xi)
            let hx = projector.project(euclideanProduct(horizontal))
            for i in 0..<size {
                yOut[i] = hx.storage[i] + c * x[i] + vertical * (x[i] - horizontal.storage[i])
            }
        }
        let values = result.values.map { $0 - c }
        return end == .smallest ? values.sorted() : values.sorted(by: >)
    }

    /// Every eigenvalue of the Riemannian Hessian on `H_Y` (ascending), by one dense eigendecomposition.
    ///
    /// The Euclidean Hessian is formed entrywise, `H_(ia),(jb) = 4 (δ_ij (YᵀY)_ba + Y_ib Y_ja + δ_ab (YYᵀ − A)_ij)`;
    /// `W` is an orthonormal basis of the vertical space (the thin QR of the vectors `Y(e_a e_bᵀ − e_b e_aᵀ)`,
    /// a < b), `P = I − WWᵀ`, and the eigenvalues of `P H P + 2c WWᵀ` (c = `spectralBound`) are those of the
    /// Hessian on `H_Y` plus r(r−1)/2 copies of 2c above them, which are dropped. Meant for small problems and
    /// tests (n·r up to a few thousand).
    /// - Throws: `LinalgError` from LAPACK.
    /// - Complexity: O((nr)³) time, O((nr)²) memory.
    public func denseSpectrum() throws -> [Double] {
        let y = point, n = y.rows, r = y.cols, size = n * r
        let gram = projector.gram
        let outer = Matrix.multiply(y, y, transposeB: true)                  // YYᵀ, n × n
        let a = objective.matrix.toDense()
        var h = Matrix<Double>(rows: size, cols: size)
        h.storage.withUnsafeMutableBufferPointer { hp in
            for i in 0..<n { for aIndex in 0..<r {
                let row = (i * r + aIndex) * size
                for j in 0..<n { for b in 0..<r {
                    var v = y[i, b] * y[j, aIndex]
                    if i == j { v += gram[b, aIndex] }
                    if aIndex == b { v += outer[i, j] - a[i, j] }
                    hp[row + j * r + b] = 4 * v
                } }
            } }
        }
        let verticalCount = r * (r - 1) / 2
        var reduced = h
        if verticalCount > 0 {
            var vertical = Matrix<Double>(rows: size, cols: verticalCount)
            var column = 0
            for p in 0..<r { for q in (p + 1)..<r {
                for i in 0..<n { vertical[i * r + q, column] = y[i, p]; vertical[i * r + p, column] = -y[i, q] }
                column += 1
            } }
            let w = try vertical.qr().q                                       // size × r(r−1)/2
            var projection = Matrix.multiply(w, w, transposeB: true, alpha: -1)
            for i in 0..<size { projection[i, i] += 1 }                       // P = I − WWᵀ
            reduced = Matrix.multiply(Matrix.multiply(projection, h), projection)
            Matrix.gemm(w, w, transposeB: true, alpha: 2 * Swift.max(spectralBound, 1), beta: 1, into: &reduced)
            for i in 0..<size { for j in (i + 1)..<size {
                let s = 0.5 * (reduced[i, j] + reduced[j, i]); reduced[i, j] = s; reduced[j, i] = s
            } }
        }
        let values = try reduced.symmetricEigen().values                      // descending
        return Array(values[verticalCount...].reversed())
    }

    /// The number of negative eigenvalues of the Riemannian Hessian on `H_Y`.
    ///
    /// With `dense: true` it is counted exactly from `denseSpectrum()` (eigenvalues below `−threshold`);
    /// otherwise Lanczos computes the `probe` smallest eigenvalues and counts the negative ones, and `isLowerBound`
    /// is true when all `probe` of them are negative (the index may be larger).
    /// - Parameter threshold: eigenvalues in `[−threshold, threshold]` count as zero; default `1e-9 · spectralBound`.
    /// - Complexity: dense O((nr)³); Lanczos O(nnz(A)·r) per step.
    public func negativeEigenvalueCount(dense: Bool, probe: Int = 8, threshold: Double? = nil,
                                        tolerance: Double = 1e-10) throws -> (count: Int, isLowerBound: Bool, smallest: [Double]) {
        let cut = threshold ?? 1e-9 * spectralBound
        if dense {
            let spectrum = try denseSpectrum()
            return (spectrum.filter { $0 < -cut }.count, false, spectrum)
        }
        let k = Swift.min(probe, horizontalDimension - 1)
        let smallest = try extremeEigenvalues(count: k, end: .smallest, tolerance: tolerance)
        let negative = smallest.filter { $0 < -cut }.count
        return (negative, negative == k, smallest)
    }
}

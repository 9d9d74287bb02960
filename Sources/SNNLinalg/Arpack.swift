import CARPACK

/// Eigenpairs computed by ARPACK: `values` in descending order, `vectors` the matching unit columns (n × k).
public struct ArpackResult: Sendable {
    /// Eigenvalues of the original problem (after the shift-invert back-transformation), descending.
    public var values: [Double]
    /// Unit eigenvectors as the columns of an n × k matrix, in the order of `values`.
    public var vectors: Matrix<Double>
    /// Implicit restarts performed (ARPACK `iparam[2]` on exit).
    public var iterations: Int
    /// Calls of the operator closure (ARPACK `iparam[8]`, NUMOP).
    public var operatorApplications: Int
}

/// ARPACK-NG's implicitly restarted Lanczos method for symmetric problems (`dsaupd_c` / `dseupd_c`, the routines
/// behind SciPy's `scipy.sparse.linalg.eigsh`), driven through its reverse-communication loop.
public enum Arpack {
    /// Which end of the spectrum of the operator to compute (ARPACK's `which`).
    public enum Which: String, Sendable {
        /// Largest algebraic eigenvalues (`"LA"`).
        case largestAlgebraic = "LA"
        /// Smallest algebraic eigenvalues (`"SA"`).
        case smallestAlgebraic = "SA"
        /// Largest magnitude (`"LM"`); the choice for shift-invert, where it selects the eigenvalues nearest σ.
        case largestMagnitude = "LM"
    }

    /// The spectral transformation (ARPACK `iparam[6]`).
    public enum Mode: Sendable {
        /// Mode 1: the closure applies `A` itself.
        case regular
        /// Mode 3: the closure applies `(A − σI)⁻¹`; eigenvalues are returned for `A` (ARPACK transforms back
        /// `λ = σ + 1/ν`). Use `which: .largestMagnitude` to get the eigenvalues nearest `sigma`.
        case shiftInvert(sigma: Double)
    }

    /// The top-`k` eigenpairs of a symmetric operator given as a closure `y ← OP x` (SciPy `eigsh` with a
    /// `LinearOperator`), by reverse communication with `dsaupd_c` and extraction with `dseupd_c`.
    ///
    /// - Parameters:
    ///   - n: dimension of the operator.
    ///   - k: number of eigenpairs, `1 ≤ k < n`.
    ///   - which: which eigenvalues of the operator (`OP = A` in regular mode, `(A − σI)⁻¹` in shift-invert).
    ///   - mode: `.regular` (mode 1) or `.shiftInvert(sigma:)` (mode 3).
    ///   - tolerance: ARPACK's relative accuracy of the Ritz values (`‖OP u − θu‖ ≤ tol·|θ|`); 0 means machine
    ///     precision, as in SciPy.
    ///   - maxIterations: cap on implicit restarts (`iparam[2]`).
    ///   - lanczosVectors: `ncv`, the size of the Lanczos basis; default `min(n, max(2k + 1, 20))` (SciPy's).
    ///   - initialVector: the starting vector (`resid`, with `info = 1`); by default a seeded uniform vector in
    ///     [−1, 1)ⁿ, so that runs are reproducible (ARPACK's own random start is not used).
    ///   - apply: computes `y ← OP x` for `x`, `y` of length `n`; errors it throws are rethrown unchanged.
    /// - Throws: `LinalgError.notConverged` when `maxIterations` restarts did not reach the tolerance (with the
    ///   largest Ritz error estimate of the wanted values), `LinalgError.arpack` for any other ARPACK error code
    ///   (with the documented meaning), `EigenSolverError.invalidCount` when `k` is not in `1..<n`.
    /// - Complexity: O(n · ncv) memory; per restart O(n · ncv²) plus `ncv − k` operator applications.
    public static func symmetricEigenpairs(
        dimension n: Int, count k: Int, which: Which = .largestAlgebraic, mode: Mode = .regular,
        tolerance: Double = 0, maxIterations: Int = 1000, lanczosVectors: Int? = nil, initialVector: [Double]? = nil,
        apply: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) throws -> Void
    ) throws -> ArpackResult {
        guard n >= 2, k >= 1, k < n else { throw EigenSolverError.invalidCount(requested: k, dimension: n) }
        precondition(tolerance >= 0 && tolerance.isFinite, "tolerance must be a finite number ≥ 0")
        precondition(maxIterations >= 1, "maxIterations must be at least 1")
        let ncv = lanczosVectors ?? Swift.min(n, Swift.max(2 * k + 1, 20))
        precondition(ncv > k && ncv <= n, "lanczosVectors must satisfy count < ncv ≤ n")
        let sigma: Double
        let modeCode: Int32
        switch mode {
        case .regular: sigma = 0; modeCode = 1
        case let .shiftInvert(s): sigma = s; modeCode = 3
        }
        var resid: [Double]
        if let v = initialVector {
            precondition(v.count == n, "initialVector must have length n")
            guard v.contains(where: { $0 != 0 }) else {
                throw LinalgError.arpack(routine: "dsaupd", info: -9, meaning: "the starting vector is zero; pass a non-zero initialVector")
            }
            resid = v
        } else {
            resid = deterministicStart(n)
        }
        let lworkl = ncv * (ncv + 8)
        var v = [Double](repeating: 0, count: n * ncv)
        var workd = [Double](repeating: 0, count: 3 * n)
        var workl = [Double](repeating: 0, count: lworkl)
        var iparam = [Int32](repeating: 0, count: 11)
        var ipntr = [Int32](repeating: 0, count: 14)
        iparam[0] = 1                      // exact shifts
        iparam[2] = Int32(clamping: maxIterations)
        iparam[3] = 1                      // block size
        iparam[6] = modeCode
        var ido: Int32 = 0
        var info: Int32 = 1                // use resid as the starting vector
        let n32 = Int32(n), k32 = Int32(k), ncv32 = Int32(ncv), lw32 = Int32(lworkl)

        try which.rawValue.withCString { whichC in
            try "I".withCString { bmat in
                try resid.withUnsafeMutableBufferPointer { pr in
                    try v.withUnsafeMutableBufferPointer { pv in
                        try workd.withUnsafeMutableBufferPointer { pd in
                            try workl.withUnsafeMutableBufferPointer { pl in
                                try iparam.withUnsafeMutableBufferPointer { pp in
                                    try ipntr.withUnsafeMutableBufferPointer { pn in
                                        while true {
                                            dsaupd_c(&ido, bmat, n32, whichC, k32, tolerance, pr.baseAddress!, ncv32,
                                                     pv.baseAddress!, n32, pp.baseAddress!, pn.baseAddress!,
                                                     pd.baseAddress!, pl.baseAddress!, lw32, &info)
                                            guard ido == -1 || ido == 1 else { break }
                                            let x = UnsafeBufferPointer(start: pd.baseAddress! + Int(pn[0]) - 1, count: n)
                                            let y = UnsafeMutableBufferPointer(start: pd.baseAddress! + Int(pn[1]) - 1, count: n)
                                            try apply(x, y)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if info == 1 {
            throw LinalgError.notConverged(
                solver: "ARPACK dsaupd", iterations: Int(iparam[2]), residual: largestWantedErrorEstimate(workl, ipntr, ncv, k, which),
                tolerance: tolerance,
                advice: "raise maxIterations, enlarge lanczosVectors (ncv), or use the shift-invert solver when the wanted eigenvalues are clustered")
        }
        if info != 0 { throw LinalgError.arpack(routine: "dsaupd", info: info, meaning: meaning(info, routine: "dsaupd")) }
        let iterations = Int(iparam[2]), applications = Int(iparam[8])

        var d = [Double](repeating: 0, count: k)
        var z = [Double](repeating: 0, count: n * k)
        var select = [Int32](repeating: 0, count: ncv)
        var einfo: Int32 = 0
        which.rawValue.withCString { whichC in
            "I".withCString { bmat in
                "A".withCString { howmny in
                    dseupd_c(1, howmny, &select, &d, &z, n32, sigma, bmat, n32, whichC, k32, tolerance, &resid, ncv32,
                             &v, n32, &iparam, &ipntr, &workd, &workl, lw32, &einfo)
                }
            }
        }
        if einfo != 0 { throw LinalgError.arpack(routine: "dseupd", info: einfo, meaning: meaning(einfo, routine: "dseupd")) }
        let converged = Int(iparam[4])
        guard converged >= k else {
            throw LinalgError.notConverged(
                solver: "ARPACK dsaupd", iterations: iterations, residual: largestWantedErrorEstimate(workl, ipntr, ncv, k, which),
                tolerance: tolerance, advice: "only \(converged) of \(k) Ritz values converged; raise maxIterations or lanczosVectors")
        }
        // z holds k column-major vectors (column j at z[j·n...]); order them by descending eigenvalue.
        let order = (0..<k).sorted { d[$0] > d[$1] || (d[$0] == d[$1] && $0 < $1) }
        var vectors = Matrix<Double>(rows: n, cols: k)
        z.withUnsafeBufferPointer { pz in
            vectors.storage.withUnsafeMutableBufferPointer { pm in
                for (c, j) in order.enumerated() {
                    let col = pz.baseAddress! + j * n
                    for i in 0..<n { pm[i * k + c] = col[i] }
                }
            }
        }
        return ArpackResult(values: order.map { d[$0] }, vectors: vectors, iterations: iterations,
                            operatorApplications: applications)
    }

    /// A reproducible starting vector: uniform in [−1, 1) from a SplitMix64 stream with a fixed seed.
    static func deterministicStart(_ n: Int, seed: UInt64 = 0x5EED_A7AC) -> [Double] {
        var state = seed
        return (0..<n).map { _ in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 11) * 0x1.0p-52 - 1
        }
    }

    /// The largest of ARPACK's Ritz error estimates (`workl[ipntr[5]…]`) over the `k` wanted Ritz values
    /// (`workl[ipntr[4]…]`) of the last Lanczos factorization.
    static func largestWantedErrorEstimate(_ workl: [Double], _ ipntr: [Int32], _ ncv: Int, _ k: Int, _ which: Which) -> Double {
        let r0 = Int(ipntr[4]) - 1, b0 = Int(ipntr[5]) - 1
        guard r0 >= 0, b0 >= 0, r0 + ncv <= workl.count, b0 + ncv <= workl.count else { return .nan }
        let ritz = Array(workl[r0..<(r0 + ncv)]), bounds = Array(workl[b0..<(b0 + ncv)])
        let order: [Int]
        switch which {
        case .largestAlgebraic: order = ritz.indices.sorted { ritz[$0] > ritz[$1] }
        case .smallestAlgebraic: order = ritz.indices.sorted { ritz[$0] < ritz[$1] }
        case .largestMagnitude: order = ritz.indices.sorted { abs(ritz[$0]) > abs(ritz[$1]) }
        }
        return order.prefix(k).map { abs(bounds[$0]) }.max() ?? .nan
    }

    /// The ARPACK-NG documentation's meaning of an `info` code of `dsaupd` / `dseupd`.
    static func meaning(_ info: Int32, routine: String) -> String {
        switch info {
        case 1: return "maximum number of iterations taken; raise maxIterations"
        case 3: return "no shifts could be applied during a cycle of the implicitly restarted Lanczos iteration; increase lanczosVectors (ncv) relative to the count"
        case -1: return "n must be positive"
        case -2: return "the number of eigenvalues (nev) must be positive"
        case -3: return "ncv must satisfy nev < ncv ≤ n"
        case -4: return "the maximum number of iterations must be greater than zero"
        case -5: return "which must be one of LM, SM, LA, SA or BE"
        case -6: return "bmat must be I or G"
        case -7: return "the private work array workl is too short (a bug in snn; please report it)"
        case -8: return "error in LAPACK's tridiagonal eigenvalue calculation (dsteqr); the operator may produce NaN or Inf"
        case -9: return "the starting vector is zero; pass a non-zero initial vector"
        case -10: return "iparam[6] (the mode) must be 1, 2, 3, 4 or 5"
        case -11: return "mode 1 and bmat = G are incompatible"
        case -12: return routine == "dseupd" ? "nev and which = BE are incompatible" : "iparam[0] (shift strategy) must be 0 or 1"
        case -13: return "nev and which = BE are incompatible"
        case -14: return "dsaupd did not find any eigenvalues to sufficient accuracy; raise maxIterations or lanczosVectors"
        case -15: return "howmny must be A or S when eigenvectors are requested"
        case -16: return "howmny = S is not implemented by ARPACK"
        case -17: return "dseupd found a different number of converged Ritz values than dsaupd; the operator is probably not symmetric or not deterministic"
        case -9999: return "could not build a Lanczos factorization (the operator may be zero or not symmetric); iparam[4] holds the size reached"
        default: return "undocumented ARPACK error code"
        }
    }
}

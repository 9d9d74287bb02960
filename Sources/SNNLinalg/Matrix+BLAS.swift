/// Dense products and norms on top of BLAS.
extension Matrix {
    /// `op(A) op(B)` with optional transposes (NumPy `a @ b`, `a.T @ b`, …) through `?gemm`.
    /// - Complexity: O(m·n·k) in multithreaded BLAS.
    public static func multiply(_ a: Matrix, _ b: Matrix, transposeA ta: Bool = false, transposeB tb: Bool = false,
                                alpha: Scalar = 1) -> Matrix {
        let m = ta ? a.cols : a.rows, k = ta ? a.rows : a.cols
        let kb = tb ? b.cols : b.rows, n = tb ? b.rows : b.cols
        precondition(k == kb, "inner dimensions differ: \(m)×\(k) times \(kb)×\(n)")
        var c = Matrix(rows: m, cols: n)
        gemm(a, b, transposeA: ta, transposeB: tb, alpha: alpha, beta: 0, into: &c)
        return c
    }

    /// `C ← α op(A) op(B) + β C` in place (`?gemm`). `C` must already have the result's shape.
    public static func gemm(_ a: Matrix, _ b: Matrix, transposeA ta: Bool = false, transposeB tb: Bool = false,
                            alpha: Scalar = 1, beta: Scalar = 0, into c: inout Matrix) {
        let m = ta ? a.cols : a.rows, k = ta ? a.rows : a.cols
        let kb = tb ? b.cols : b.rows, n = tb ? b.rows : b.cols
        precondition(k == kb && c.rows == m && c.cols == n, "gemm shapes do not agree")
        if m == 0 || n == 0 { return }
        if k == 0 {
            if beta == 0 { c.storage.withUnsafeMutableBufferPointer { $0.update(repeating: 0) } }
            else { c.storage.withUnsafeMutableBufferPointer { for i in $0.indices { $0[i] *= beta } } }
            return
        }
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    Scalar.gemm(transA: ta, transB: tb, m: m, n: n, k: k, alpha: alpha, a: pa.baseAddress!, lda: a.cols,
                                b: pb.baseAddress!, ldb: b.cols, beta: beta, c: pc.baseAddress!, ldc: n)
                }
            }
        }
    }

    /// The Gram matrix `AᵀA` (cols × cols, NumPy `a.T @ a`) through `?syrk`, both triangles filled.
    /// - Complexity: O(rows · cols²).
    public func gram() -> Matrix {
        var c = Matrix(rows: cols, cols: cols)
        if rows > 0 && cols > 0 {
            storage.withUnsafeBufferPointer { pa in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    Scalar.syrk(transA: true, n: cols, k: rows, alpha: 1, a: pa.baseAddress!, lda: cols, beta: 0,
                                c: pc.baseAddress!, ldc: cols)
                }
            }
        }
        c.symmetrizeFromUpper()
        return c
    }

    /// Copies the upper triangle into the lower one.
    public mutating func symmetrizeFromUpper() {
        precondition(rows == cols)
        let n = rows
        storage.withUnsafeMutableBufferPointer { p in
            for i in 0..<n { for j in 0..<i { p[i * n + j] = p[j * n + i] } }
        }
    }

    /// `op(A) x` (`?gemv`). - Complexity: O(rows · cols).
    public func times(_ x: [Scalar], transposed: Bool = false) -> [Scalar] {
        precondition(x.count == (transposed ? rows : cols), "vector length \(x.count) does not match the matrix")
        var y = [Scalar](repeating: 0, count: transposed ? cols : rows)
        if rows == 0 || cols == 0 { return y }
        storage.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    Scalar.gemv(trans: transposed, m: rows, n: cols, alpha: 1, a: pa.baseAddress!, lda: cols,
                                x: px.baseAddress!, beta: 0, y: py.baseAddress!)
                }
            }
        }
        return y
    }

    /// `‖A‖_F`.
    public var frobeniusNorm: Scalar { Vector.norm(storage) }

    /// Euclidean norm of each column (NumPy `np.linalg.norm(a, axis=0)`). - Complexity: O(rows · cols).
    public func columnNorms() -> [Scalar] {
        guard rows > 0 else { return [Scalar](repeating: 0, count: cols) }
        return storage.withUnsafeBufferPointer { p in
            (0..<cols).map { j in Scalar.nrm2(n: rows, x: p.baseAddress! + j, incx: cols) }
        }
    }

    /// `A + B`.
    public static func + (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.cols == b.cols, "shapes differ")
        var c = a
        c.add(b)
        return c
    }

    /// `A − B`.
    public static func - (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.cols == b.cols, "shapes differ")
        var c = a
        c.add(b, scaledBy: -1)
        return c
    }

    /// `s A`.
    public static func * (s: Scalar, a: Matrix) -> Matrix {
        var c = a
        c.scale(by: s)
        return c
    }

    /// `A ← A + α B` (`?axpy`).
    public mutating func add(_ b: Matrix, scaledBy alpha: Scalar = 1) {
        precondition(rows == b.rows && cols == b.cols, "shapes differ")
        Vector.axpy(alpha, b.storage, &storage)
    }

    /// `A ← s A` (`?scal`).
    public mutating func scale(by s: Scalar) {
        guard !storage.isEmpty else { return }
        let n = storage.count
        storage.withUnsafeMutableBufferPointer { Scalar.scal(n: n, alpha: s, x: $0.baseAddress!) }
    }

    /// Largest absolute difference to `other` (∞-norm of the elementwise difference).
    public func maxAbsDifference(_ other: Matrix) -> Scalar {
        precondition(rows == other.rows && cols == other.cols, "shapes differ")
        var m: Scalar = 0
        for i in storage.indices { m = Swift.max(m, abs(storage[i] - other.storage[i])) }
        return m
    }
}

/// Level-1 BLAS on plain arrays.
public enum Vector {
    /// `xᵀy` (`?dot`).
    public static func dot<T: LinalgScalar>(_ x: [T], _ y: [T]) -> T {
        precondition(x.count == y.count, "vector lengths differ")
        if x.isEmpty { return 0 }
        return x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in T.dot(n: x.count, x: px.baseAddress!, incx: 1, y: py.baseAddress!, incy: 1) }
        }
    }

    /// `‖x‖₂` (`?nrm2`, overflow-safe).
    public static func norm<T: LinalgScalar>(_ x: [T]) -> T {
        if x.isEmpty { return 0 }
        return x.withUnsafeBufferPointer { T.nrm2(n: x.count, x: $0.baseAddress!, incx: 1) }
    }

    /// `y ← αx + y` (`?axpy`).
    public static func axpy<T: LinalgScalar>(_ alpha: T, _ x: [T], _ y: inout [T]) {
        precondition(x.count == y.count, "vector lengths differ")
        if x.isEmpty { return }
        let n = x.count
        x.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in T.axpy(n: n, alpha: alpha, x: px.baseAddress!, y: py.baseAddress!) }
        }
    }
}

import CBLAS
import CLAPACKE
import Foundation

/// The scalar types the linear algebra runs on (`Float`, `Double`): one small protocol that carries the
/// BLAS/LAPACK entry points and the elementary functions generic code needs.
///
/// Every matrix argument is row-major (`CblasRowMajor`, `LAPACK_ROW_MAJOR`); leading dimensions are row strides.
/// LAPACK routines return their `info` code; callers turn a non-zero code into a `LinalgError` through
/// `LinalgError.check(_:_:)`, never by ignoring it.
public protocol LinalgScalar: BinaryFloatingPoint, Sendable, Codable, CustomStringConvertible
where Self.RawSignificand: FixedWidthInteger {
    /// Bytes per element, and the NumPy dtype string of this type (`<f4`, `<f8`).
    static var numpyDescriptor: String { get }

    // MARK: BLAS
    /// `C ← α op(A) op(B) + β C` (`?gemm`); `op(A)` is m × k, `op(B)` is k × n.
    static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Self,
                     a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
                     beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
    /// `y ← α op(A) x + β y` (`?gemv`); `A` is m × n.
    static func gemv(trans: Bool, m: Int, n: Int, alpha: Self, a: UnsafePointer<Self>, lda: Int,
                     x: UnsafePointer<Self>, beta: Self, y: UnsafeMutablePointer<Self>)
    /// Upper triangle of `C ← α AᵀA + β C` when `transA` (A is k × n), of `α AAᵀ + β C` otherwise (A is n × k).
    static func syrk(transA: Bool, n: Int, k: Int, alpha: Self, a: UnsafePointer<Self>, lda: Int,
                     beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
    /// `y ← αx + y` (`?axpy`), unit strides.
    static func axpy(n: Int, alpha: Self, x: UnsafePointer<Self>, y: UnsafeMutablePointer<Self>)
    /// `xᵀy` (`?dot`), with strides.
    static func dot(n: Int, x: UnsafePointer<Self>, incx: Int, y: UnsafePointer<Self>, incy: Int) -> Self
    /// `‖x‖₂` (`?nrm2`), with stride.
    static func nrm2(n: Int, x: UnsafePointer<Self>, incx: Int) -> Self
    /// `x ← αx` (`?scal`), unit stride.
    static func scal(n: Int, alpha: Self, x: UnsafeMutablePointer<Self>)

    // MARK: LAPACK (row-major; each returns LAPACK's info)
    /// Eigenvalues (ascending) of the symmetric `A` (upper triangle used), eigenvectors as columns of `z`
    /// when `vectors`; `il...iu` (1-based, ascending order) selects a range, `nil` means all (`?syevr`).
    static func syevr(vectors: Bool, n: Int, a: UnsafeMutablePointer<Self>, lda: Int, range: ClosedRange<Int>?,
                      found: UnsafeMutablePointer<Int32>, w: UnsafeMutablePointer<Self>,
                      z: UnsafeMutablePointer<Self>, ldz: Int, isuppz: UnsafeMutablePointer<Int32>) -> Int32
    /// Thin SVD `A = U diag(s) Vᵀ` by divide and conquer (`?gesdd`, jobz = 'S'); `A` is destroyed.
    static func gesdd(m: Int, n: Int, a: UnsafeMutablePointer<Self>, lda: Int, s: UnsafeMutablePointer<Self>,
                      u: UnsafeMutablePointer<Self>, ldu: Int, vt: UnsafeMutablePointer<Self>, ldvt: Int) -> Int32
    /// Cholesky `A = LLᵀ`, the lower triangle overwritten by `L` (`?potrf`, uplo = 'L').
    static func potrf(n: Int, a: UnsafeMutablePointer<Self>, lda: Int) -> Int32
    /// Householder QR of an m × n matrix (`?geqrf`).
    static func geqrf(m: Int, n: Int, a: UnsafeMutablePointer<Self>, lda: Int, tau: UnsafeMutablePointer<Self>) -> Int32
    /// The first n columns of Q from `geqrf`'s reflectors (`?orgqr`).
    static func orgqr(m: Int, n: Int, k: Int, a: UnsafeMutablePointer<Self>, lda: Int, tau: UnsafePointer<Self>) -> Int32
    /// Generalized symmetric-definite problem `A w = μ B w` (`?sygvd`, itype 1, upper); ascending `w`,
    /// `A` overwritten by the B-orthonormal eigenvectors (columns), `B` by its Cholesky factor.
    static func sygvd(n: Int, a: UnsafeMutablePointer<Self>, lda: Int, b: UnsafeMutablePointer<Self>, ldb: Int,
                      w: UnsafeMutablePointer<Self>) -> Int32

    // MARK: Elementary functions
    static func exp(_ x: Self) -> Self
    static func log(_ x: Self) -> Self
    static func log1p(_ x: Self) -> Self
    static func tanh(_ x: Self) -> Self
    static func cos(_ x: Self) -> Self
    static func sin(_ x: Self) -> Self
    static func acos(_ x: Self) -> Self
    static func asin(_ x: Self) -> Self
    static func pow(_ x: Self, _ y: Self) -> Self
}

@inline(__always) private func blasTrans(_ t: Bool) -> CBLAS_TRANSPOSE { t ? CblasTrans : CblasNoTrans }
@inline(__always) private func i32(_ v: Int) -> Int32 {
    precondition(v >= 0 && v <= Int(Int32.max), "dimension \(v) exceeds the 32-bit BLAS/LAPACK interface")
    return Int32(v)
}
@inline(__always) private func lda1(_ v: Int) -> Int32 { i32(Swift.max(1, v)) }
private let rowMajor = Int32(LAPACK_ROW_MAJOR)
private func ccode(_ s: String) -> CChar { CChar(s.utf8.first!) }

extension Double: LinalgScalar {
    public static var numpyDescriptor: String { "<f8" }

    public static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Double,
                            a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                            beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        cblas_dgemm(CblasRowMajor, blasTrans(transA), blasTrans(transB), i32(m), i32(n), i32(k), alpha,
                    a, lda1(lda), b, lda1(ldb), beta, c, lda1(ldc))
    }
    public static func gemv(trans: Bool, m: Int, n: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
                            x: UnsafePointer<Double>, beta: Double, y: UnsafeMutablePointer<Double>) {
        cblas_dgemv(CblasRowMajor, blasTrans(trans), i32(m), i32(n), alpha, a, lda1(lda), x, 1, beta, y, 1)
    }
    public static func syrk(transA: Bool, n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
                            beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        cblas_dsyrk(CblasRowMajor, CblasUpper, blasTrans(transA), i32(n), i32(k), alpha, a, lda1(lda), beta, c, lda1(ldc))
    }
    public static func axpy(n: Int, alpha: Double, x: UnsafePointer<Double>, y: UnsafeMutablePointer<Double>) {
        cblas_daxpy(i32(n), alpha, x, 1, y, 1)
    }
    public static func dot(n: Int, x: UnsafePointer<Double>, incx: Int, y: UnsafePointer<Double>, incy: Int) -> Double {
        cblas_ddot(i32(n), x, i32(incx), y, i32(incy))
    }
    public static func nrm2(n: Int, x: UnsafePointer<Double>, incx: Int) -> Double { cblas_dnrm2(i32(n), x, i32(incx)) }
    public static func scal(n: Int, alpha: Double, x: UnsafeMutablePointer<Double>) { cblas_dscal(i32(n), alpha, x, 1) }

    public static func syevr(vectors: Bool, n: Int, a: UnsafeMutablePointer<Double>, lda: Int, range: ClosedRange<Int>?,
                             found: UnsafeMutablePointer<Int32>, w: UnsafeMutablePointer<Double>,
                             z: UnsafeMutablePointer<Double>, ldz: Int, isuppz: UnsafeMutablePointer<Int32>) -> Int32 {
        LAPACKE_dsyevr(rowMajor, ccode(vectors ? "V" : "N"), ccode(range == nil ? "A" : "I"), ccode("U"), i32(n), a, lda1(lda),
                       0, 0, i32(range?.lowerBound ?? 1), i32(range?.upperBound ?? n), 0, found, w, z, lda1(ldz), isuppz)
    }
    public static func gesdd(m: Int, n: Int, a: UnsafeMutablePointer<Double>, lda: Int, s: UnsafeMutablePointer<Double>,
                             u: UnsafeMutablePointer<Double>, ldu: Int, vt: UnsafeMutablePointer<Double>, ldvt: Int) -> Int32 {
        LAPACKE_dgesdd(rowMajor, ccode("S"), i32(m), i32(n), a, lda1(lda), s, u, lda1(ldu), vt, lda1(ldvt))
    }
    public static func potrf(n: Int, a: UnsafeMutablePointer<Double>, lda: Int) -> Int32 {
        LAPACKE_dpotrf(rowMajor, ccode("L"), i32(n), a, lda1(lda))
    }
    public static func geqrf(m: Int, n: Int, a: UnsafeMutablePointer<Double>, lda: Int, tau: UnsafeMutablePointer<Double>) -> Int32 {
        LAPACKE_dgeqrf(rowMajor, i32(m), i32(n), a, lda1(lda), tau)
    }
    public static func orgqr(m: Int, n: Int, k: Int, a: UnsafeMutablePointer<Double>, lda: Int, tau: UnsafePointer<Double>) -> Int32 {
        LAPACKE_dorgqr(rowMajor, i32(m), i32(n), i32(k), a, lda1(lda), tau)
    }
    public static func sygvd(n: Int, a: UnsafeMutablePointer<Double>, lda: Int, b: UnsafeMutablePointer<Double>, ldb: Int,
                             w: UnsafeMutablePointer<Double>) -> Int32 {
        LAPACKE_dsygvd(rowMajor, 1, ccode("V"), ccode("U"), i32(n), a, lda1(lda), b, lda1(ldb), w)
    }

    public static func exp(_ x: Double) -> Double { Foundation.exp(x) }
    public static func log(_ x: Double) -> Double { Foundation.log(x) }
    public static func log1p(_ x: Double) -> Double { Foundation.log1p(x) }
    public static func tanh(_ x: Double) -> Double { Foundation.tanh(x) }
    public static func cos(_ x: Double) -> Double { Foundation.cos(x) }
    public static func sin(_ x: Double) -> Double { Foundation.sin(x) }
    public static func acos(_ x: Double) -> Double { Foundation.acos(x) }
    public static func asin(_ x: Double) -> Double { Foundation.asin(x) }
    public static func pow(_ x: Double, _ y: Double) -> Double { Foundation.pow(x, y) }
}

extension Float: LinalgScalar {
    public static var numpyDescriptor: String { "<f4" }

    public static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                            a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                            beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        cblas_sgemm(CblasRowMajor, blasTrans(transA), blasTrans(transB), i32(m), i32(n), i32(k), alpha,
                    a, lda1(lda), b, lda1(ldb), beta, c, lda1(ldc))
    }
    public static func gemv(trans: Bool, m: Int, n: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
                            x: UnsafePointer<Float>, beta: Float, y: UnsafeMutablePointer<Float>) {
        cblas_sgemv(CblasRowMajor, blasTrans(trans), i32(m), i32(n), alpha, a, lda1(lda), x, 1, beta, y, 1)
    }
    public static func syrk(transA: Bool, n: Int, k: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
                            beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        cblas_ssyrk(CblasRowMajor, CblasUpper, blasTrans(transA), i32(n), i32(k), alpha, a, lda1(lda), beta, c, lda1(ldc))
    }
    public static func axpy(n: Int, alpha: Float, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>) {
        cblas_saxpy(i32(n), alpha, x, 1, y, 1)
    }
    public static func dot(n: Int, x: UnsafePointer<Float>, incx: Int, y: UnsafePointer<Float>, incy: Int) -> Float {
        cblas_sdot(i32(n), x, i32(incx), y, i32(incy))
    }
    public static func nrm2(n: Int, x: UnsafePointer<Float>, incx: Int) -> Float { cblas_snrm2(i32(n), x, i32(incx)) }
    public static func scal(n: Int, alpha: Float, x: UnsafeMutablePointer<Float>) { cblas_sscal(i32(n), alpha, x, 1) }

    public static func syevr(vectors: Bool, n: Int, a: UnsafeMutablePointer<Float>, lda: Int, range: ClosedRange<Int>?,
                             found: UnsafeMutablePointer<Int32>, w: UnsafeMutablePointer<Float>,
                             z: UnsafeMutablePointer<Float>, ldz: Int, isuppz: UnsafeMutablePointer<Int32>) -> Int32 {
        LAPACKE_ssyevr(rowMajor, ccode(vectors ? "V" : "N"), ccode(range == nil ? "A" : "I"), ccode("U"), i32(n), a, lda1(lda),
                       0, 0, i32(range?.lowerBound ?? 1), i32(range?.upperBound ?? n), 0, found, w, z, lda1(ldz), isuppz)
    }
    public static func gesdd(m: Int, n: Int, a: UnsafeMutablePointer<Float>, lda: Int, s: UnsafeMutablePointer<Float>,
                             u: UnsafeMutablePointer<Float>, ldu: Int, vt: UnsafeMutablePointer<Float>, ldvt: Int) -> Int32 {
        LAPACKE_sgesdd(rowMajor, ccode("S"), i32(m), i32(n), a, lda1(lda), s, u, lda1(ldu), vt, lda1(ldvt))
    }
    public static func potrf(n: Int, a: UnsafeMutablePointer<Float>, lda: Int) -> Int32 {
        LAPACKE_spotrf(rowMajor, ccode("L"), i32(n), a, lda1(lda))
    }
    public static func geqrf(m: Int, n: Int, a: UnsafeMutablePointer<Float>, lda: Int, tau: UnsafeMutablePointer<Float>) -> Int32 {
        LAPACKE_sgeqrf(rowMajor, i32(m), i32(n), a, lda1(lda), tau)
    }
    public static func orgqr(m: Int, n: Int, k: Int, a: UnsafeMutablePointer<Float>, lda: Int, tau: UnsafePointer<Float>) -> Int32 {
        LAPACKE_sorgqr(rowMajor, i32(m), i32(n), i32(k), a, lda1(lda), tau)
    }
    public static func sygvd(n: Int, a: UnsafeMutablePointer<Float>, lda: Int, b: UnsafeMutablePointer<Float>, ldb: Int,
                             w: UnsafeMutablePointer<Float>) -> Int32 {
        LAPACKE_ssygvd(rowMajor, 1, ccode("V"), ccode("U"), i32(n), a, lda1(lda), b, lda1(ldb), w)
    }

    public static func exp(_ x: Float) -> Float { Foundation.expf(x) }
    public static func log(_ x: Float) -> Float { Foundation.logf(x) }
    public static func log1p(_ x: Float) -> Float { Foundation.log1pf(x) }
    public static func tanh(_ x: Float) -> Float { Foundation.tanhf(x) }
    public static func cos(_ x: Float) -> Float { Foundation.cosf(x) }
    public static func sin(_ x: Float) -> Float { Foundation.sinf(x) }
    public static func acos(_ x: Float) -> Float { Foundation.acosf(x) }
    public static func asin(_ x: Float) -> Float { Foundation.asinf(x) }
    public static func pow(_ x: Float, _ y: Float) -> Float { Foundation.powf(x, y) }
}

import SNNLinalg

/// The NumPy dtypes snn reads and writes; the raw value is NumPy's `dtype.str`.
public enum NumpyDType: String, Sendable, CaseIterable {
    case float32 = "<f4", float64 = "<f8", int32 = "<i4", int64 = "<i8"

    /// Bytes per element (`dtype.itemsize`).
    public var itemSize: Int {
        switch self {
        case .float32, .int32: return 4
        case .float64, .int64: return 8
        }
    }

    /// True for the integer dtypes.
    public var isInteger: Bool { self == .int32 || self == .int64 }
}

/// An n-dimensional NumPy array held as little-endian bytes in C (row-major) order: what a `.npy` file holds.
///
/// Fortran-order files are reordered to C order when read, so `bytes` is always C order.
public struct NumpyArray: Sendable, Equatable {
    /// The dimensions (`ndarray.shape`); empty for a 0-D array.
    public var shape: [Int]
    public var dtype: NumpyDType
    /// Little-endian elements in C order; `bytes.count == count * dtype.itemSize`.
    public var bytes: [UInt8]

    /// An array over raw little-endian C-order bytes.
    /// - Precondition: the shape is non-negative and `bytes.count` equals the element count times the item size.
    public init(shape: [Int], dtype: NumpyDType, bytes: [UInt8]) {
        let size = NumpyArray.elementCount(shape).map { $0.multipliedReportingOverflow(by: dtype.itemSize) }
        precondition(size != nil && !size!.overflow && size!.partialValue == bytes.count,
                     "NumpyArray: \(bytes.count) bytes do not fit shape \(shape) of \(dtype.rawValue)")
        self.shape = shape
        self.dtype = dtype
        self.bytes = bytes
    }

    /// A float32 (`Float`) or float64 (`Double`) array of shape `[rows, cols]`.
    public init<T: LinalgScalar>(_ m: Matrix<T>) {
        if T.self == Float.self {
            self.init(shape: [m.rows, m.cols], dtype: .float32, bytes: littleEndianBytes(m.storage as! [Float]))
        } else if T.self == Double.self {
            self.init(shape: [m.rows, m.cols], dtype: .float64, bytes: littleEndianBytes(m.storage as! [Double]))
        } else {
            self.init(shape: [m.rows, m.cols], dtype: .float64, bytes: littleEndianBytes(m.storage.map { Double($0) }))
        }
    }

    /// A 1-D float64 array.
    public init(vector: [Double]) {
        self.init(shape: [vector.count], dtype: .float64, bytes: littleEndianBytes(vector))
    }

    /// A float32 array of the given shape (C order).
    public init(float32: [Float], shape: [Int]) {
        self.init(shape: shape, dtype: .float32, bytes: littleEndianBytes(float32))
    }

    /// A float64 array of the given shape (C order).
    public init(float64: [Double], shape: [Int]) {
        self.init(shape: shape, dtype: .float64, bytes: littleEndianBytes(float64))
    }

    /// An int32 array of the given shape (C order).
    public init(int32: [Int32], shape: [Int]) {
        self.init(shape: shape, dtype: .int32, bytes: littleEndianBytes(int32))
    }

    /// An int64 array of the given shape (C order).
    public init(int64: [Int64], shape: [Int]) {
        self.init(shape: shape, dtype: .int64, bytes: littleEndianBytes(int64))
    }

    /// The number of elements (`ndarray.size`); 1 for a 0-D array.
    public var count: Int { bytes.count / dtype.itemSize }

    /// The array as a matrix: 1-D of length n → n × 1, 2-D as is; integer dtypes are converted.
    /// - Throws: `DataError.incompatibleArray` for 0-D and rank ≥ 3 arrays.
    /// - Complexity: O(count).
    public func matrix<T: LinalgScalar>(_ type: T.Type = T.self) throws -> Matrix<T> {
        let rows: Int, cols: Int
        switch shape.count {
        case 1: (rows, cols) = (shape[0], 1)
        case 2: (rows, cols) = (shape[0], shape[1])
        default:
            throw DataError.incompatibleArray(problem:
                "expected a 1-D or 2-D array (points as rows), got a \(shape.count)-D array of shape "
                + "\(NumpyArray.pythonShape(shape)); reshape it to (n, d) before saving")
        }
        if T.self == Float.self, dtype == .float32 {
            return Matrix(rows: rows, cols: cols, storage: elements(Float.self) as! [T])
        }
        if T.self == Double.self, dtype == .float64 {
            return Matrix(rows: rows, cols: cols, storage: elements(Double.self) as! [T])
        }
        let values: [T]
        switch dtype {
        case .float32: values = elements(Float.self).map { T($0) }
        case .float64: values = elements(Double.self).map { T($0) }
        case .int32: values = elements(Int32.self).map { T($0) }
        case .int64: values = elements(Int64.self).map { T($0) }
        }
        return Matrix(rows: rows, cols: cols, storage: values)
    }

    /// Every element as a `Double`, flattened in C order (any dtype; int64 beyond 2⁵³ is rounded).
    /// - Complexity: O(count).
    public func doubles() -> [Double] {
        switch dtype {
        case .float32: return elements(Float.self).map { Double($0) }
        case .float64: return elements(Double.self)
        case .int32: return elements(Int32.self).map { Double($0) }
        case .int64: return elements(Int64.self).map { Double($0) }
        }
    }

    /// Every element as an `Int64`, flattened in C order.
    /// - Throws: `DataError.incompatibleArray` for a float dtype.
    public func int64s() throws -> [Int64] {
        switch dtype {
        case .int32: return elements(Int32.self).map { Int64($0) }
        case .int64: return elements(Int64.self)
        case .float32, .float64:
            throw DataError.incompatibleArray(problem:
                "expected an integer array (int32 or int64), got \(dtype.rawValue); save it with dtype int64")
        }
    }

    /// The elements reinterpreted as `E`, which must have the dtype's size and layout.
    func elements<E: BitwiseCopyable>(_: E.Type) -> [E] {
        precondition(MemoryLayout<E>.size == dtype.itemSize)
        let n = count
        var out = [E](unsafeUninitializedCapacity: n) { buffer, initialized in
            bytes.withUnsafeBytes { src in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: src)
            }
            initialized = n
        }
        #if _endian(big)
        out.withUnsafeMutableBytes { swapBytes($0, itemSize: MemoryLayout<E>.size) }
        #endif
        return out
    }

    /// The element count of `shape`, or nil for a negative dimension or an `Int` overflow.
    static func elementCount(_ shape: [Int]) -> Int? {
        var n = 1
        for d in shape {
            guard d >= 0 else { return nil }
            let (p, overflow) = n.multipliedReportingOverflow(by: d)
            if overflow { return nil }
            n = p
        }
        return n
    }

    /// The shape as Python prints a tuple: `()`, `(5,)`, `(3, 4)`.
    static func pythonShape(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}

/// The little-endian bytes of an array of fixed-size values.
func littleEndianBytes<E: BitwiseCopyable>(_ values: [E]) -> [UInt8] {
    var out = values.withUnsafeBytes { [UInt8]($0) }
    #if _endian(big)
    out.withUnsafeMutableBytes { swapBytes($0, itemSize: MemoryLayout<E>.size) }
    #endif
    return out
}

/// Reverses the bytes of every `itemSize`-byte item in place.
func swapBytes(_ buffer: UnsafeMutableRawBufferPointer, itemSize: Int) {
    var i = 0
    while i + itemSize <= buffer.count {
        var a = i, b = i + itemSize - 1
        while a < b { buffer.swapAt(a, b); a += 1; b -= 1 }
        i += itemSize
    }
}

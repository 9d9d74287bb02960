import SNNLinalg

/// Reading and writing the `.safetensors` format (Hugging Face `safetensors`, what PyTorch's
/// `safetensors.torch.load_file` reads):
///
///     8 bytes   N, the header length, unsigned little-endian
///     N bytes   UTF-8 JSON: {"__metadata__": {str: str}, "<name>": {"dtype": "F32", "shape": [..],
///               "data_offsets": [begin, end]}, …}, padded with spaces to a multiple of 8
///     rest      the tensor bytes, little-endian, C order; offsets are relative to the start of this area,
///               and the tensors cover it exactly, without holes or overlaps.
public enum SafeTensors {
    /// Largest header accepted (the reference implementation's limit), so a hostile length cannot make the
    /// reader allocate or scan without bound.
    public static let maximumHeaderLength = 100_000_000

    /// Element types of the format.
    public enum DType: String, CaseIterable, Sendable, Codable {
        case bool = "BOOL", u8 = "U8", i8 = "I8", u16 = "U16", i16 = "I16", f16 = "F16", bf16 = "BF16"
        case u32 = "U32", i32 = "I32", f32 = "F32", u64 = "U64", i64 = "I64", f64 = "F64"

        /// Bytes per element.
        public var size: Int {
            switch self {
            case .bool, .u8, .i8: return 1
            case .u16, .i16, .f16, .bf16: return 2
            case .u32, .i32, .f32: return 4
            case .u64, .i64, .f64: return 8
            }
        }
    }

    /// One named tensor: its element type, shape (C order) and raw little-endian bytes.
    public struct Tensor: Sendable, Equatable {
        public var name: String
        public var dtype: DType
        public var shape: [Int]
        public var bytes: [UInt8]

        /// A tensor from raw bytes; `bytes.count` must equal `dtype.size × Π shape`.
        public init(name: String, dtype: DType, shape: [Int], bytes: [UInt8]) {
            precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
            precondition(bytes.count == dtype.size * shape.reduce(1, *),
                         "tensor '\(name)': \(bytes.count) bytes do not match \(dtype.rawValue) × \(shape)")
            self.name = name
            self.dtype = dtype
            self.shape = shape
            self.bytes = bytes
        }

        /// An F32 or F64 tensor (by `T`) holding `values` in C order.
        public init<T: LinalgScalar>(name: String, shape: [Int], values: [T]) {
            let dtype: DType = T.self == Float.self ? .f32 : .f64
            var bytes = [UInt8]()
            bytes.reserveCapacity(values.count * dtype.size)
            if dtype == .f32 {
                for v in values { Self.appendLittleEndian(Float(v).bitPattern, to: &bytes) }
            } else {
                for v in values { Self.appendLittleEndian(Double(v).bitPattern, to: &bytes) }
            }
            self.init(name: name, dtype: dtype, shape: shape, bytes: bytes)
        }

        /// A 2-D tensor holding a row-major matrix.
        public init<T: LinalgScalar>(name: String, matrix: Matrix<T>) {
            self.init(name: name, shape: [matrix.rows, matrix.cols], values: matrix.storage)
        }

        /// An I64 tensor.
        public init(name: String, shape: [Int], int64 values: [Int64]) {
            var bytes = [UInt8]()
            bytes.reserveCapacity(values.count * 8)
            for v in values { Self.appendLittleEndian(UInt64(bitPattern: v), to: &bytes) }
            self.init(name: name, dtype: .i64, shape: shape, bytes: bytes)
        }

        /// Number of elements.
        public var count: Int { shape.reduce(1, *) }

        /// The elements of an F32, F64 or F16 tensor converted to `T`.
        /// - Throws: `NeuralError.tensorMismatch` for other dtypes.
        public func values<T: LinalgScalar>(as: T.Type = T.self) throws -> [T] {
            switch dtype {
            case .f32: return (0..<count).map { T(Float(bitPattern: UInt32(Self.littleEndian(bytes, at: $0 * 4, width: 4)))) }
            case .f64: return (0..<count).map { T(Double(bitPattern: Self.littleEndian(bytes, at: $0 * 8, width: 8))) }
            case .f16: return (0..<count).map { T(Float(Float16(bitPattern: UInt16(Self.littleEndian(bytes, at: $0 * 2, width: 2))))) }
            default:
                throw NeuralError.tensorMismatch(name: name, problem: "has dtype \(dtype.rawValue); a floating-point tensor (F16, F32, F64) is needed")
            }
        }

        /// The elements of an integer tensor (I8…I64, U8…U32) as `Int64`.
        /// - Throws: `NeuralError.tensorMismatch` for floating-point, boolean or U64 tensors.
        public func integers() throws -> [Int64] {
            let w = dtype.size
            switch dtype {
            case .i8, .i16, .i32, .i64:
                let shift = UInt64(64 - 8 * w)
                return (0..<count).map { Int64(bitPattern: Self.littleEndian(bytes, at: $0 * w, width: w) << shift) >> Int64(shift) }
            case .u8, .u16, .u32:
                return (0..<count).map { Int64(Self.littleEndian(bytes, at: $0 * w, width: w)) }
            default:
                throw NeuralError.tensorMismatch(name: name, problem: "has dtype \(dtype.rawValue); an integer tensor is needed")
            }
        }

        /// A 2-D floating-point tensor as a matrix (a 1-D tensor of length n becomes n × 1).
        /// - Throws: `NeuralError.tensorMismatch` for other ranks or dtypes.
        public func matrix<T: LinalgScalar>(as: T.Type = T.self) throws -> Matrix<T> {
            guard shape.count == 1 || shape.count == 2 else {
                throw NeuralError.tensorMismatch(name: name, problem: "has shape \(shape); a matrix (2-D) is needed")
            }
            return Matrix(rows: shape[0], cols: shape.count == 2 ? shape[1] : 1, storage: try values(as: T.self))
        }

        static func appendLittleEndian<U: FixedWidthInteger>(_ v: U, to bytes: inout [UInt8]) {
            var x = v.littleEndian
            withUnsafeBytes(of: &x) { bytes.append(contentsOf: $0) }
        }

        static func littleEndian(_ bytes: [UInt8], at offset: Int, width: Int) -> UInt64 {
            var v: UInt64 = 0
            for i in 0..<width { v |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
            return v
        }
    }

    /// The tensor called `name`.
    /// - Throws: `NeuralError.tensorMismatch` when it is missing.
    public static func tensor(named name: String, in tensors: [Tensor]) throws -> Tensor {
        guard let t = tensors.first(where: { $0.name == name }) else {
            throw NeuralError.tensorMismatch(name: name, problem: "is missing from the file (is it a model written by snn?)")
        }
        return t
    }

    /// The bytes of a `.safetensors` file holding `tensors` in the given order and `metadata`
    /// (Python `safetensors.numpy.save(tensors, metadata=metadata)`).
    /// - Complexity: O(total bytes).
    public static func encode(tensors: [Tensor], metadata: [String: String] = [:]) -> [UInt8] {
        precondition(Set(tensors.map(\.name)).count == tensors.count, "tensor names must be unique")
        precondition(!tensors.contains { $0.name == "__metadata__" }, "'__metadata__' is reserved")
        var members: [(key: String, value: JSONValue)] = []
        if !metadata.isEmpty {
            members.append(("__metadata__", .object(metadata.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })))
        }
        var offset = 0
        for t in tensors {
            members.append((t.name, .object([
                ("dtype", .string(t.dtype.rawValue)),
                ("shape", .array(t.shape.map { .number(String($0)) })),
                ("data_offsets", .array([.number(String(offset)), .number(String(offset + t.bytes.count))])),
            ])))
            offset += t.bytes.count
        }
        var header = Array(JSONValue.object(members).serialized.utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        var out = [UInt8]()
        out.reserveCapacity(8 + header.count + offset)
        Tensor.appendLittleEndian(UInt64(header.count), to: &out)
        out.append(contentsOf: header)
        for t in tensors { out.append(contentsOf: t.bytes) }
        return out
    }

    /// `encode(tensors:metadata:)` for tensors given as tuples.
    public static func encode(tensors: [(name: String, dtype: DType, shape: [Int], bytes: [UInt8])],
                              metadata: [String: String] = [:]) -> [UInt8] {
        encode(tensors: tensors.map { Tensor(name: $0.name, dtype: $0.dtype, shape: $0.shape, bytes: $0.bytes) }, metadata: metadata)
    }

    /// Parses and validates a `.safetensors` file: header length within the file and the size limit, JSON
    /// header, known dtypes, integer shapes, offsets in bounds, byte counts matching the shapes, and the
    /// tensors covering the data area exactly (no overlap, no hole, no trailing bytes).
    /// Tensors are returned in the order of their data in the file.
    /// - Throws: `NeuralError.invalidSafeTensors` saying what is wrong.
    /// - Complexity: O(file size).
    public static func decode(_ bytes: [UInt8]) throws -> (tensors: [Tensor], metadata: [String: String]) {
        func fail(_ message: String) -> NeuralError { .invalidSafeTensors(message) }
        guard bytes.count >= 8 else { throw fail("the file has \(bytes.count) bytes, fewer than the 8-byte header length") }
        let declared = Tensor.littleEndian(bytes, at: 0, width: 8)
        guard declared <= UInt64(maximumHeaderLength) else {
            throw fail("the header length \(declared) exceeds the limit of \(maximumHeaderLength) bytes")
        }
        let headerLength = Int(declared)
        guard headerLength <= bytes.count - 8 else {
            throw fail("the header length \(headerLength) is larger than the \(bytes.count - 8) bytes after it (truncated file?)")
        }
        guard headerLength >= 2, bytes[8] == UInt8(ascii: "{") else { throw fail("the header does not start with a JSON object '{'") }
        let json: JSONValue
        do { json = try JSONValue.parse(bytes[8..<(8 + headerLength)]) } catch {
            throw fail("the header is not valid JSON: \(error)")
        }
        guard case let .object(members) = json else { throw fail("the header is not a JSON object") }
        let dataStart = 8 + headerLength, dataLength = bytes.count - dataStart
        var metadata: [String: String] = [:]
        var entries: [(name: String, dtype: DType, shape: [Int], begin: Int, end: Int)] = []
        for (name, value) in members {
            if name == "__metadata__" {
                guard case let .object(pairs) = value else { throw fail("__metadata__ is \(value.kind), not an object of strings") }
                for (key, v) in pairs {
                    guard case let .string(s) = v else { throw fail("metadata '\(key)' is \(v.kind), not a string") }
                    metadata[key] = s
                }
                continue
            }
            guard case let .object(fields) = value else { throw fail("tensor '\(name)' is \(value.kind), not an object") }
            func field(_ key: String) throws -> JSONValue {
                guard let v = fields.first(where: { $0.key == key })?.value else { throw fail("tensor '\(name)' has no \"\(key)\"") }
                return v
            }
            if let extra = fields.first(where: { !["dtype", "shape", "data_offsets"].contains($0.key) }) {
                throw fail("tensor '\(name)' has an unknown field \"\(extra.key)\"")
            }
            guard case let .string(dtypeName) = try field("dtype") else { throw fail("tensor '\(name)': dtype is not a string") }
            guard let dtype = DType(rawValue: dtypeName) else {
                throw fail("tensor '\(name)' has unknown dtype \"\(dtypeName)\" (known: \(DType.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard case let .array(dims) = try field("shape") else { throw fail("tensor '\(name)': shape is not an array") }
            var shape: [Int] = []
            var elements = 1
            for d in dims {
                guard let k = d.nonNegativeInteger else { throw fail("tensor '\(name)': shape entry \(d.serialized) is not a non-negative integer") }
                shape.append(k)
                let (product, overflow) = elements.multipliedReportingOverflow(by: k)
                guard !overflow else { throw fail("tensor '\(name)': shape \(shape) overflows") }
                elements = product
            }
            guard case let .array(offsets) = try field("data_offsets"), offsets.count == 2,
                  let begin = offsets[0].nonNegativeInteger, let end = offsets[1].nonNegativeInteger else {
                throw fail("tensor '\(name)': data_offsets must be two non-negative integers [begin, end]")
            }
            guard begin <= end else { throw fail("tensor '\(name)': data_offsets [\(begin), \(end)] end before they begin") }
            guard end <= dataLength else {
                throw fail("tensor '\(name)': data_offsets [\(begin), \(end)] run past the \(dataLength) data bytes (truncated file?)")
            }
            let (byteCount, overflow) = elements.multipliedReportingOverflow(by: dtype.size)
            guard !overflow, byteCount == end - begin else {
                throw fail("tensor '\(name)': shape \(shape) of \(dtype.rawValue) needs \(overflow ? "too many" : String(byteCount)) bytes but data_offsets give \(end - begin)")
            }
            entries.append((name, dtype, shape, begin, end))
        }
        entries.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        var covered = 0
        for e in entries {
            if e.begin < covered { throw fail("tensor '\(e.name)' (bytes \(e.begin)..<\(e.end)) overlaps the previous tensor, which ends at \(covered)") }
            if e.begin > covered { throw fail("data bytes \(covered)..<\(e.begin) belong to no tensor (a hole before '\(e.name)')") }
            covered = e.end
        }
        guard covered == dataLength else {
            throw fail("\(dataLength - covered) data bytes after the last tensor belong to no tensor")
        }
        let tensors = entries.map { e in
            Tensor(name: e.name, dtype: e.dtype, shape: e.shape, bytes: Array(bytes[(dataStart + e.begin)..<(dataStart + e.end)]))
        }
        return (tensors, metadata)
    }
}

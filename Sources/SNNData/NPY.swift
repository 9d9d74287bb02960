/// NumPy's `.npy` format (`numpy.save` / `numpy.load`, `numpy.lib.format`): format versions 1.0, 2.0 and 3.0;
/// dtypes `<f4 <f8 <i4 <i8`; C or Fortran order (Fortran is reordered to C on read).
///
/// The header dictionary is parsed strictly (exactly the keys `descr`, `fortran_order`, `shape`) and the data size
/// it implies is checked, with overflow checks, against the bytes present before anything is allocated.
public enum NPY {
    /// The 6-byte magic string `\x93NUMPY`.
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
    /// Headers are padded so that the data starts at a multiple of this (`numpy.lib.format.ARRAY_ALIGN`).
    static let arrayAlign = 64
    /// Spare header room numpy leaves for growing the first axis (`GROWTH_AXIS_MAX_DIGITS`).
    static let growthAxisMaxDigits = 21

    /// Decodes a `.npy` byte stream (`numpy.load` of one array).
    /// - Throws: `DataError.malformedNPY` for a bad magic, version, header or size; `.unsupportedDType`.
    /// - Complexity: O(bytes.count).
    public static func decode(_ bytes: [UInt8]) throws -> NumpyArray {
        let header = try parseHeader(bytes)
        let dtype = try numpyDType(header.descr)
        let available = bytes.count - header.dataOffset
        guard let count = NumpyArray.elementCount(header.shape) else {
            throw DataError.malformedNPY(file: nil, problem:
                "shape \(NumpyArray.pythonShape(header.shape)) has more elements than this machine can address")
        }
        let (size, overflow) = count.multipliedReportingOverflow(by: dtype.itemSize)
        guard !overflow, size == available else {
            let want = overflow ? "more than \(Int.max)" : "\(size)"
            throw DataError.malformedNPY(file: nil, problem:
                "header says shape \(NumpyArray.pythonShape(header.shape)) of \(dtype.rawValue) = \(want) bytes "
                + "but \(available) data bytes follow the header (truncated or corrupted file)")
        }
        var data = Array(bytes[header.dataOffset...])
        if header.fortranOrder && header.shape.count > 1 && count > 1 {
            data = fortranToC(data, shape: header.shape, itemSize: dtype.itemSize)
        }
        return NumpyArray(shape: header.shape, dtype: dtype, bytes: data)
    }

    /// Encodes `a` exactly as `numpy.save` does (version 1.0 header unless it needs more than 65535 bytes,
    /// padded with spaces to a multiple of 64 bytes and ended by a newline; C order).
    /// - Complexity: O(a.bytes.count).
    public static func encode(_ a: NumpyArray) -> [UInt8] {
        var out = header(descr: a.dtype.rawValue, shape: a.shape)
        out.append(contentsOf: a.bytes)
        return out
    }

    /// Reads a `.npy` file.
    /// - Throws: `DataError` naming the file (missing, unreadable, malformed, unsupported dtype).
    public static func read(path: String) throws -> NumpyArray {
        let bytes = try FileBytes.read(path: path)
        do { return try decode(bytes) } catch let e as DataError { throw e.inFile(path) }
    }

    /// Writes `a` to a `.npy` file atomically (`numpy.save`).
    /// - Throws: `DataError.unwritable`.
    public static func write(_ a: NumpyArray, path: String) throws {
        try AtomicFile.write(encode(a), to: path)
    }

    /// Encodes a text scalar as NumPy does for `numpy.array(b"csr")`: a 0-D `|S<n>` array (ASCII), or a 0-D
    /// `<U<n>` array (UCS-4) when the text is not ASCII. SciPy's `save_npz` stores its `format` member this way.
    public static func encodeText(_ text: String) -> [UInt8] {
        let ascii = text.utf8.allSatisfy { $0 < 0x80 }
        if ascii {
            let utf8 = Array(text.utf8)
            return header(descr: "|S\(utf8.count)", shape: []) + utf8
        }
        let scalars = text.unicodeScalars.map { $0.value }
        return header(descr: "<U\(scalars.count)", shape: []) + littleEndianBytes(scalars)
    }

    /// Decodes a text scalar (`|S<n>` bytes or `<U<n>` UCS-4, shape `()` or `(1,)`), e.g. the `format` member of a
    /// `scipy.sparse.save_npz` file. Trailing NUL padding is removed, as NumPy does.
    /// - Throws: `DataError.malformedNPY` / `.unsupportedDType` when the array is not one string.
    public static func decodeText(_ bytes: [UInt8]) throws -> String {
        let header = try parseHeader(bytes)
        guard header.shape == [] || header.shape == [1] else {
            throw DataError.malformedNPY(file: nil, problem:
                "expected one string, got shape \(NumpyArray.pythonShape(header.shape))")
        }
        var d = header.descr.utf8.map { $0 }
        guard d.count >= 3 else { throw DataError.unsupportedDType(file: nil, descr: "'\(header.descr)'") }
        let order = d.removeFirst()
        let kind = d.removeFirst()
        guard let length = Int(String(decoding: d, as: UTF8.self)), length >= 0, length < (1 << 40) else {
            throw DataError.unsupportedDType(file: nil, descr: "'\(header.descr)'")
        }
        let data = bytes[header.dataOffset...]
        switch (order, kind) {
        case (UInt8(ascii: "|"), UInt8(ascii: "S")), (UInt8(ascii: "<"), UInt8(ascii: "S")),
             (UInt8(ascii: "="), UInt8(ascii: "S")):
            guard data.count == length else { throw textSizeError(header.descr, data.count) }
            var chars = Array(data)
            while chars.last == 0 { chars.removeLast() }
            return String(decoding: chars, as: UTF8.self)
        case (UInt8(ascii: "<"), UInt8(ascii: "U")), (UInt8(ascii: "="), UInt8(ascii: "U")):
            guard data.count == length * 4 else { throw textSizeError(header.descr, data.count) }
            var scalars = [Unicode.Scalar]()
            var i = data.startIndex
            while i < data.endIndex {
                let v = UInt32(data[i]) | UInt32(data[i + 1]) << 8 | UInt32(data[i + 2]) << 16 | UInt32(data[i + 3]) << 24
                if v != 0 {
                    guard let s = Unicode.Scalar(v) else {
                        throw DataError.malformedNPY(file: nil, problem: "invalid code point \(v) in a string array")
                    }
                    scalars.append(s)
                }
                i += 4
            }
            var s = ""
            s.unicodeScalars.append(contentsOf: scalars)
            return s
        default:
            throw DataError.unsupportedDType(file: nil, descr: "'\(header.descr)' (expected a string dtype |S or <U)")
        }
    }

    private static func textSizeError(_ descr: String, _ have: Int) -> DataError {
        .malformedNPY(file: nil, problem: "a \(descr) string needs a different data size than the \(have) bytes present")
    }

    // MARK: Header

    /// A parsed `.npy` header.
    struct Header: Equatable {
        var major: UInt8
        var descr: String
        var fortranOrder: Bool
        var shape: [Int]
        /// Offset of the first data byte.
        var dataOffset: Int
    }

    /// The header bytes numpy writes for an array with this descr and shape (C order): magic, version, length,
    /// the dict with its growth-axis spare room, space padding to a multiple of 64, and a newline.
    static func header(descr: String, shape: [Int]) -> [UInt8] {
        var dict = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(NumpyArray.pythonShape(shape)), }"
        if let first = shape.first {
            dict += String(repeating: " ", count: max(0, growthAxisMaxDigits - String(first).count))
        }
        let text = Array(dict.utf8)
        let hlen = text.count + 1
        for (major, lengthBytes) in [(UInt8(1), 2), (UInt8(2), 4)] {
            let prefix = magic.count + 2 + lengthBytes
            let padding = arrayAlign - (prefix + hlen) % arrayAlign
            let total = hlen + padding
            if lengthBytes == 2 && total > Int(UInt16.max) { continue }
            var out = magic + [major, 0]
            for k in 0..<lengthBytes { out.append(UInt8(truncatingIfNeeded: total >> (8 * k))) }
            out += text
            out += [UInt8](repeating: 0x20, count: padding)
            out.append(0x0A)
            return out
        }
        preconditionFailure("a .npy header of \(hlen) bytes exceeds format 2.0")
    }

    /// Parses and validates the magic, version and header dict of a `.npy` stream.
    static func parseHeader(_ bytes: [UInt8]) throws -> Header {
        guard bytes.count >= 10 else {
            throw DataError.malformedNPY(file: nil, problem: "only \(bytes.count) bytes, too short for a header")
        }
        guard Array(bytes[0..<6]) == magic else {
            throw DataError.malformedNPY(file: nil, problem: "missing the \\x93NUMPY magic (not a NumPy file)")
        }
        let major = bytes[6], minor = bytes[7]
        let headerLength: Int, prefix: Int
        switch (major, minor) {
        case (1, 0):
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            prefix = 10
        case (2, 0), (3, 0):
            guard bytes.count >= 12 else {
                throw DataError.malformedNPY(file: nil, problem: "truncated header length")
            }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            prefix = 12
        default:
            throw DataError.malformedNPY(file: nil, problem:
                "format version \(major).\(minor) is not supported (1.0, 2.0 and 3.0 are)")
        }
        guard headerLength <= bytes.count - prefix else {
            throw DataError.malformedNPY(file: nil, problem:
                "header claims \(headerLength) bytes but only \(bytes.count - prefix) follow (truncated file)")
        }
        var parser = HeaderParser(bytes: bytes[prefix..<(prefix + headerLength)], utf8: major == 3)
        let (descr, fortran, shape) = try parser.parseDict()
        return Header(major: major, descr: descr, fortranOrder: fortran, shape: shape, dataOffset: prefix + headerLength)
    }

    /// Maps a header `descr` to a supported dtype.
    static func numpyDType(_ descr: String) throws -> NumpyDType {
        var chars = Array(descr.utf8)
        var order = UInt8(ascii: "=")
        if let f = chars.first, [UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "|")].contains(f) {
            order = f
            chars.removeFirst()
        }
        let kindSize = String(decoding: chars, as: UTF8.self)
        let dtype: NumpyDType
        switch kindSize {
        case "f4": dtype = .float32
        case "f8": dtype = .float64
        case "i4": dtype = .int32
        case "i8": dtype = .int64
        default: throw DataError.unsupportedDType(file: nil, descr: "'\(descr)'")
        }
        switch order {
        case UInt8(ascii: "<"): return dtype
        case UInt8(ascii: "="), UInt8(ascii: "|"):
            // Native order (or "not applicable"): little-endian on every platform snn runs on.
            #if _endian(little)
            return dtype
            #else
            throw DataError.unsupportedDType(file: nil, descr: "'\(descr)' (native order of a big-endian machine)")
            #endif
        default:
            throw DataError.unsupportedDType(file: nil, descr: "'\(descr)' (big-endian)")
        }
    }

    /// Reorders Fortran-order (column-major) element bytes to C order.
    /// - Complexity: O(count · rank).
    static func fortranToC(_ data: [UInt8], shape: [Int], itemSize: Int) -> [UInt8] {
        let rank = shape.count
        var fStride = [Int](repeating: 1, count: rank)
        for k in 1..<rank { fStride[k] = fStride[k - 1] * shape[k - 1] }
        var out = [UInt8](repeating: 0, count: data.count)
        var index = [Int](repeating: 0, count: rank)
        data.withUnsafeBytes { src in
            out.withUnsafeMutableBytes { dst in
                var offset = 0
                let count = data.count / itemSize
                for p in 0..<count {
                    (dst.baseAddress! + p * itemSize).copyMemory(from: src.baseAddress! + offset * itemSize, byteCount: itemSize)
                    var k = rank - 1
                    while k >= 0 {
                        index[k] += 1
                        offset += fStride[k]
                        if index[k] < shape[k] { break }
                        offset -= fStride[k] * shape[k]
                        index[k] = 0
                        k -= 1
                    }
                }
            }
        }
        return out
    }
}

/// A strict parser for the Python-literal dict of a `.npy` header:
/// `{'descr': <str>, 'fortran_order': <bool>, 'shape': <tuple of ints>}` in any key order, each key once.
struct HeaderParser {
    let bytes: ArraySlice<UInt8>
    let utf8: Bool
    var i: Int

    init(bytes: ArraySlice<UInt8>, utf8: Bool) {
        self.bytes = bytes
        self.utf8 = utf8
        self.i = bytes.startIndex
    }

    private func fail(_ what: String) -> DataError {
        let text = String(decoding: bytes.prefix(120), as: UTF8.self).trimmingTrailingSpace()
        return DataError.malformedNPY(file: nil, problem: "\(what) in header \(text)")
    }

    private mutating func skipSpace() {
        while i < bytes.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
    }

    private mutating func expect(_ c: Character) throws {
        skipSpace()
        guard i < bytes.endIndex, bytes[i] == c.asciiValue! else { throw fail("expected '\(c)'") }
        i += 1
    }

    private mutating func peek() -> UInt8? {
        skipSpace()
        return i < bytes.endIndex ? bytes[i] : nil
    }

    private mutating func parseString() throws -> String {
        skipSpace()
        guard i < bytes.endIndex, bytes[i] == UInt8(ascii: "'") || bytes[i] == UInt8(ascii: "\"") else {
            throw fail("expected a quoted string")
        }
        let quote = bytes[i]
        i += 1
        let start = i
        while i < bytes.endIndex, bytes[i] != quote {
            if bytes[i] == UInt8(ascii: "\\") { throw fail("unexpected escape sequence") }
            i += 1
        }
        guard i < bytes.endIndex else { throw fail("unterminated string") }
        let raw = bytes[start..<i]
        i += 1
        if utf8 { return String(decoding: raw, as: UTF8.self) }
        return String(raw.map { Character(Unicode.Scalar($0)) })
    }

    private mutating func parseWord() -> String {
        skipSpace()
        let start = i
        while i < bytes.endIndex, (bytes[i] >= 0x30 && bytes[i] <= 0x39) || (bytes[i] | 0x20 >= 0x61 && bytes[i] | 0x20 <= 0x7A)
            || bytes[i] == UInt8(ascii: "_") || bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            i += 1
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    private mutating func parseBool() throws -> Bool {
        switch parseWord() {
        case "True": return true
        case "False": return false
        case let w: throw fail("fortran_order must be True or False, not '\(w)'")
        }
    }

    private mutating func parseShape() throws -> [Int] {
        try expect("(")
        var dims = [Int]()
        var sawComma = false
        while true {
            if peek() == UInt8(ascii: ")") { i += 1; break }
            var word = parseWord()
            if word.hasSuffix("L") { word.removeLast() }   // Python 2 longs: (3L, 4L)
            guard !word.isEmpty, word.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw fail("shape entries must be non-negative integers, found '\(word)'")
            }
            guard let d = Int(word) else { throw fail("shape entry \(word) is too large") }
            dims.append(d)
            if peek() == UInt8(ascii: ",") { i += 1; sawComma = true; continue }
            sawComma = false
            try expect(")")
            break
        }
        if dims.count == 1 && !sawComma { throw fail("shape must be a tuple like (n,)") }
        return dims
    }

    /// Parses the whole dict and checks that only padding follows it.
    mutating func parseDict() throws -> (descr: String, fortranOrder: Bool, shape: [Int]) {
        try expect("{")
        var descr: String?, fortran: Bool?, shape: [Int]?
        while true {
            if peek() == UInt8(ascii: "}") { i += 1; break }
            let key = try parseString()
            try expect(":")
            switch key {
            case "descr":
                guard descr == nil else { throw fail("duplicate key 'descr'") }
                if peek() == UInt8(ascii: "[") {
                    throw DataError.unsupportedDType(file: nil, descr: "a structured (record) dtype")
                }
                descr = try parseString()
            case "fortran_order":
                guard fortran == nil else { throw fail("duplicate key 'fortran_order'") }
                fortran = try parseBool()
            case "shape":
                guard shape == nil else { throw fail("duplicate key 'shape'") }
                shape = try parseShape()
            default:
                throw fail("unexpected key '\(key)'")
            }
            if peek() == UInt8(ascii: ",") { i += 1; continue }
            try expect("}")
            break
        }
        skipSpace()
        guard i == bytes.endIndex else { throw fail("unexpected text after the dict") }
        guard let d = descr else { throw fail("missing key 'descr'") }
        guard let f = fortran else { throw fail("missing key 'fortran_order'") }
        guard let s = shape else { throw fail("missing key 'shape'") }
        return (d, f, s)
    }
}

fileprivate extension String {
    func trimmingTrailingSpace() -> String {
        var s = self
        while let c = s.last, c == " " || c == "\n" || c == "\0" { s.removeLast() }
        return s
    }
}

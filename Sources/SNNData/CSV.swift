import SNNLinalg

/// Delimited text matrices: comma-separated (`.csv`) or whitespace-separated (`numpy.savetxt`'s default),
/// with an optional header row of column names (`numpy.loadtxt` / `pandas.read_csv`).
///
/// Reading: blank lines and lines starting with `#` are skipped; the separator is a comma when the first line
/// has one, whitespace otherwise; the first line is a header when none of its fields is a number.
public enum CSV {
    /// Reads a numeric matrix and its optional header.
    /// - Throws: `DataError.malformedCSV` (garbage, ragged rows; with line, row and column),
    ///   `.nonFinite` (NaN/Inf with row and column), or a file error.
    /// - Complexity: O(file size).
    public static func read(path: String) throws -> (header: [String]?, matrix: Matrix<Double>) {
        let bytes = try FileBytes.read(path: path)
        do { return try decode(bytes) } catch let e as DataError { throw e.inFile(path) }
    }

    /// Parses CSV/whitespace text (see `read(path:)`); rows and columns in errors are 1-based data positions.
    public static func decode(_ bytes: [UInt8]) throws -> (header: [String]?, matrix: Matrix<Double>) {
        var text = bytes[...]
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }   // UTF-8 byte-order mark
        var comma: Bool?
        var header: [String]?
        var cols = -1
        var values = [Double]()
        var rows = 0
        var lineNumber = 0
        var start = text.startIndex
        while start < text.endIndex {
            let end = text[start...].firstIndex(of: 0x0A) ?? text.endIndex
            lineNumber += 1
            var line = text[start..<end]
            start = end < text.endIndex ? end + 1 : end
            if line.last == 0x0D { line = line.dropLast() }
            let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 }
            if trimmed.isEmpty || trimmed.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) || trimmed.first == UInt8(ascii: "#") { continue }
            if comma == nil { comma = line.contains(UInt8(ascii: ",")) }
            let fields = split(line, comma: comma!)
            if header == nil && rows == 0 && cols < 0 {
                let numbers = fields.map { Double(String(decoding: $0, as: UTF8.self)) }
                if numbers.allSatisfy({ $0 == nil }) {
                    header = fields.map { unquote(String(decoding: $0, as: UTF8.self)) }
                    cols = fields.count
                    continue
                }
            }
            let row = rows + 1
            if cols < 0 { cols = fields.count }
            guard fields.count == cols else {
                let reference = header != nil ? "the header" : "row 1"
                throw DataError.malformedCSV(file: nil, line: lineNumber, row: row, column: min(fields.count, cols) + 1,
                    problem: "row has \(fields.count) values but \(reference) has \(cols); give every row the same number of columns")
            }
            for (j, field) in fields.enumerated() {
                let s = String(decoding: field, as: UTF8.self)
                guard let x = Double(s) else {
                    throw DataError.malformedCSV(file: nil, line: lineNumber, row: row, column: j + 1,
                        problem: s.isEmpty ? "empty value; fill in a number" : "'\(s)' is not a number; fix or remove it")
                }
                guard x.isFinite else { throw DataError.nonFinite(file: nil, row: row, column: j + 1, value: s) }
                values.append(x)
            }
            rows += 1
        }
        return (header, Matrix(rows: rows, cols: max(cols, 0), storage: values))
    }

    /// Writes `m` as comma-separated text, one row per line, each number with the shortest round-trip digits;
    /// the header (one name per column) goes first when given. The file is replaced atomically.
    /// - Throws: `DataError.invalidName` for a header name containing a comma, quote or line break; `.unwritable`.
    /// - Precondition: `header` has `m.cols` names.
    /// - Complexity: O(rows · cols).
    public static func write(_ m: Matrix<Double>, header: [String]?, path: String) throws {
        try AtomicFile.write(encode(m, header: header), to: path)
    }

    /// The text `write` stores.
    public static func encode(_ m: Matrix<Double>, header: [String]?) throws -> [UInt8] {
        var out = ""
        if let header {
            precondition(header.count == m.cols, "CSV header has \(header.count) names for \(m.cols) columns")
            for name in header where name.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                throw DataError.invalidName("CSV column name '\(name)' contains a comma, quote or line break; rename the column")
            }
            out += header.joined(separator: ",") + "\n"
        }
        out.reserveCapacity(out.utf8.count + m.rows * m.cols * 20)
        m.storage.withUnsafeBufferPointer { s in
            for i in 0..<m.rows {
                for j in 0..<m.cols {
                    if j > 0 { out += "," }
                    out += s[i * m.cols + j].description
                }
                out += "\n"
            }
        }
        return Array(out.utf8)
    }

    /// The fields of one line: comma-separated (each trimmed) or whitespace-separated.
    private static func split(_ line: ArraySlice<UInt8>, comma: Bool) -> [ArraySlice<UInt8>] {
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
        if comma {
            return line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map { f in
                var f = f
                while let c = f.first, isSpace(c) { f = f.dropFirst() }
                while let c = f.last, isSpace(c) { f = f.dropLast() }
                return f
            }
        }
        return line.split(whereSeparator: isSpace)
    }

    private static func unquote(_ s: String) -> String {
        s.count >= 2 && s.first == "\"" && s.last == "\"" ? String(s.dropFirst().dropLast()) : s
    }
}

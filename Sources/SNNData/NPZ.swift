/// NumPy's `.npz` archives (`numpy.savez`, `numpy.savez_compressed`, `numpy.load`): a zip file whose members are
/// `.npy` files named `<name>.npy`. Also reads and writes what `scipy.sparse.save_npz` / `load_npz` use, through
/// `decodeMembers` / `encodeMembers` and `NPY.decodeText` / `NPY.encodeText` for the `format` member.
public enum NPZ {
    /// The arrays of an `.npz` byte stream, in archive order, names without ".npy".
    /// - Throws: `DataError.malformedZip`, `.checksumMismatch`, `.malformedNPY` or `.unsupportedDType` (naming the member).
    /// - Complexity: O(total uncompressed size).
    public static func decode(_ bytes: [UInt8]) throws -> [(name: String, array: NumpyArray)] {
        try decodeMembers(bytes).map { member in
            do {
                return (member.name, try NPY.decode(member.npy))
            } catch let DataError.malformedNPY(nil, problem) {
                throw DataError.malformedNPY(file: nil, problem: "member '\(member.name).npy': \(problem)")
            } catch let DataError.unsupportedDType(nil, descr) {
                throw DataError.unsupportedDType(file: nil, descr: "\(descr) in member '\(member.name).npy'")
            }
        }
    }

    /// The raw `.npy` bytes of every member (CRC-checked), names without ".npy"; for archives that mix numeric
    /// arrays with other members (e.g. the text `format` of `scipy.sparse.save_npz`, read with `NPY.decodeText`).
    /// - Throws: `DataError.malformedZip`, `.checksumMismatch`.
    public static func decodeMembers(_ bytes: [UInt8]) throws -> [(name: String, npy: [UInt8])] {
        var seen = Set<String>()
        return try Zip.entries(bytes).map { entry in
            let name = entry.name.hasSuffix(".npy") ? String(entry.name.dropLast(4)) : entry.name
            guard seen.insert(name).inserted else {
                throw DataError.malformedZip(file: nil, problem: "member '\(entry.name)' appears twice")
            }
            return (name, try Zip.extract(entry, from: bytes))
        }
    }

    /// An `.npz` archive of `arrays` (each written as `<name>.npy` exactly as `numpy.save` would); stored like
    /// `numpy.savez`, or deflated like `numpy.savez_compressed` when `compressed`.
    /// - Throws: `DataError.invalidName` for an empty, duplicate or path-like name.
    /// - Complexity: O(total size).
    public static func encode(_ arrays: [(name: String, array: NumpyArray)], compressed: Bool) throws -> [UInt8] {
        try encodeMembers(arrays.map { ($0.name, NPY.encode($0.array)) }, compressed: compressed)
    }

    /// An `.npz` archive of already encoded `.npy` members (see `NPY.encode`, `NPY.encodeText`).
    /// - Throws: `DataError.invalidName` for an empty, duplicate or path-like name.
    public static func encodeMembers(_ members: [(name: String, npy: [UInt8])], compressed: Bool) throws -> [UInt8] {
        var seen = Set<String>()
        for m in members {
            guard !m.name.isEmpty, !m.name.contains("/"), !m.name.contains("\\"), !m.name.contains("\0") else {
                throw DataError.invalidName("array name '\(m.name)' cannot be used in an .npz file; use a non-empty name without '/', '\\' or NUL")
            }
            guard seen.insert(m.name).inserted else {
                throw DataError.invalidName("array name '\(m.name)' is used twice; give every array its own name")
            }
        }
        return Zip.archive(members.map { ($0.name + ".npy", $0.npy) }, compressed: compressed)
    }

    /// Reads an `.npz` file (`numpy.load(path)`).
    /// - Throws: `DataError` naming the file.
    public static func read(path: String) throws -> [(name: String, array: NumpyArray)] {
        let bytes = try FileBytes.read(path: path)
        do { return try decode(bytes) } catch let e as DataError { throw e.inFile(path) }
    }

    /// Writes an `.npz` file atomically (`numpy.savez`, or `numpy.savez_compressed` when `compressed`).
    /// - Throws: `DataError.invalidName`, `.unwritable`.
    public static func write(_ arrays: [(name: String, array: NumpyArray)], path: String, compressed: Bool = false) throws {
        try AtomicFile.write(encode(arrays, compressed: compressed), to: path)
    }
}

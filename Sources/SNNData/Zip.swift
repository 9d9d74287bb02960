/// A minimal zip container (PKWARE APPNOTE) for `.npz`: stored and deflated members, zip64 sizes and offsets,
/// CRC-32 checked on extraction. Every size and offset read from a header is bounded by the archive size.
enum Zip {
    /// One member as listed in the central directory.
    struct Entry: Equatable {
        var name: String
        /// 0 = stored, 8 = deflated.
        var method: UInt16
        var crc: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    static let localSignature: UInt32 = 0x0403_4B50
    static let centralSignature: UInt32 = 0x0201_4B50
    static let endSignature: UInt32 = 0x0605_4B50
    static let zip64EndSignature: UInt32 = 0x0606_4B50
    static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    /// DOS date of 1980-01-01 (the earliest representable), written so that output is reproducible.
    static let dosDate: UInt16 = 0x0021

    // MARK: Reading

    /// The members listed in the central directory of `bytes`, in order.
    /// - Throws: `DataError.malformedZip` for a missing/inconsistent directory or unsupported features.
    /// - Complexity: O(directory size).
    static func entries(_ bytes: [UInt8]) throws -> [Entry] {
        let r = ByteReader(bytes)
        guard bytes.count >= 22 else { throw bad("only \(bytes.count) bytes, too short for a zip file") }
        // The end-of-central-directory record is in the last 22 + 65535 bytes (it may be followed by a comment).
        var end = -1
        var p = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65535)
        while p >= lowest {
            if r.u32(p) == endSignature, p + 22 + Int(r.u16(p + 20)) == bytes.count { end = p; break }
            p -= 1
        }
        guard end >= 0 else { throw bad("no end-of-central-directory record (truncated or not a zip file)") }
        guard r.u16(end + 4) == 0, r.u16(end + 6) == 0 else { throw bad("multi-disk archives are not supported") }
        var count = Int(r.u16(end + 10))
        var directorySize = Int(r.u32(end + 12))
        var directoryOffset = Int(r.u32(end + 16))
        var directoryLimit = end
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // Zip64: a locator just before the end record points to the zip64 end record.
            guard end >= 20, r.u32(end - 20) == zip64LocatorSignature else {
                throw bad("the end record asks for zip64 but the zip64 locator is missing")
            }
            let record = try bounded(r.u64(end - 20 + 8), limit: end - 56, what: "zip64 end record offset")
            guard r.u32(record) == zip64EndSignature else { throw bad("zip64 end record not found where the locator says") }
            count = try bounded(r.u64(record + 32), limit: bytes.count, what: "zip64 entry count")
            directorySize = try bounded(r.u64(record + 40), limit: bytes.count, what: "zip64 directory size")
            directoryOffset = try bounded(r.u64(record + 48), limit: bytes.count, what: "zip64 directory offset")
            directoryLimit = record
        }
        guard directoryOffset <= directoryLimit, directorySize <= directoryLimit - directoryOffset else {
            throw bad("the central directory (\(directorySize) bytes at offset \(directoryOffset)) lies outside the file")
        }
        guard count <= directorySize / 46 else {
            throw bad("\(count) entries cannot fit in a \(directorySize)-byte central directory")
        }
        var entries = [Entry]()
        entries.reserveCapacity(count)
        var q = directoryOffset
        let directoryEnd = directoryOffset + directorySize
        for _ in 0..<count {
            guard q + 46 <= directoryEnd, r.u32(q) == centralSignature else {
                throw bad("central directory entry \(entries.count + 1) is damaged")
            }
            let flags = r.u16(q + 8)
            let method = r.u16(q + 10)
            let crc = r.u32(q + 16)
            var compressed = UInt64(r.u32(q + 20))
            var uncompressed = UInt64(r.u32(q + 24))
            let nameLength = Int(r.u16(q + 28)), extraLength = Int(r.u16(q + 30)), commentLength = Int(r.u16(q + 32))
            var offset = UInt64(r.u32(q + 42))
            let next = q + 46 + nameLength + extraLength + commentLength
            guard next <= directoryEnd else { throw bad("central directory entry \(entries.count + 1) overruns the directory") }
            let name = String(decoding: bytes[(q + 46)..<(q + 46 + nameLength)], as: UTF8.self)
            // Zip64 extra field (id 1): 8-byte values for exactly those fields saturated in the fixed header.
            var e = q + 46 + nameLength
            let extraEnd = e + extraLength
            while e + 4 <= extraEnd {
                let id = r.u16(e), size = Int(r.u16(e + 2))
                guard e + 4 + size <= extraEnd else { throw bad("member '\(name)' has a damaged extra field") }
                if id == 1 {
                    var f = e + 4
                    func take() throws -> UInt64 {
                        guard f + 8 <= e + 4 + size else { throw bad("member '\(name)' has a short zip64 extra field") }
                        defer { f += 8 }
                        return r.u64(f)
                    }
                    if uncompressed == 0xFFFF_FFFF { uncompressed = try take() }
                    if compressed == 0xFFFF_FFFF { compressed = try take() }
                    if offset == 0xFFFF_FFFF { offset = try take() }
                }
                e += 4 + size
            }
            guard flags & 1 == 0 else { throw bad("member '\(name)' is encrypted") }
            guard method == 0 || method == 8 else {
                throw bad("member '\(name)' uses compression method \(method); only stored (0) and deflated (8) are supported")
            }
            let entry = Entry(
                name: name, method: method, crc: crc,
                compressedSize: try bounded(compressed, limit: directoryOffset, what: "compressed size of '\(name)'"),
                uncompressedSize: try bounded(uncompressed, limit: Int.max, what: "size of '\(name)'"),
                localHeaderOffset: try bounded(offset, limit: directoryOffset, what: "offset of '\(name)'"))
            if method == 0, entry.uncompressedSize != entry.compressedSize {
                throw bad("stored member '\(name)' has different compressed and uncompressed sizes")
            }
            // Deflate expands by at most ~1032:1, so this bounds the allocation by the file size.
            let (limit, overflow) = entry.compressedSize.multipliedReportingOverflow(by: Deflate.maximumRatio)
            if method == 8, !overflow, entry.uncompressedSize > limit + 64 {
                throw bad("member '\(name)' claims \(entry.uncompressedSize) bytes from \(entry.compressedSize) compressed bytes")
            }
            entries.append(entry)
            q = next
        }
        return entries
    }

    /// The uncompressed contents of `entry`, CRC-checked.
    /// - Throws: `DataError.malformedZip`, or `.checksumMismatch` for a corrupted member.
    /// - Complexity: O(entry.uncompressedSize).
    static func extract(_ entry: Entry, from bytes: [UInt8]) throws -> [UInt8] {
        let r = ByteReader(bytes)
        let h = entry.localHeaderOffset
        guard h <= bytes.count - 30, r.u32(h) == localSignature else {
            throw bad("the local header of member '\(entry.name)' is missing")
        }
        let nameLength = Int(r.u16(h + 26)), extraLength = Int(r.u16(h + 28))
        let start = h + 30 + nameLength + extraLength
        guard start <= bytes.count, entry.compressedSize <= bytes.count - start else {
            throw bad("member '\(entry.name)' extends past the end of the file (truncated archive)")
        }
        guard String(decoding: bytes[(h + 30)..<(h + 30 + nameLength)], as: UTF8.self) == entry.name else {
            throw bad("member '\(entry.name)': local and central names differ")
        }
        let raw = bytes[start..<(start + entry.compressedSize)]
        let data = entry.method == 0
            ? Array(raw)
            : try Deflate.decompress(raw, expectedSize: entry.uncompressedSize, member: entry.name)
        let crc = CRC32.checksum(data[...])
        guard crc == entry.crc else {
            throw DataError.checksumMismatch(file: nil, member: entry.name, expected: entry.crc, actual: crc)
        }
        return data
    }

    // MARK: Writing

    /// A zip archive of `members` (stored, or deflated when `compressed`), with a fixed 1980-01-01 timestamp so the
    /// output depends only on the contents. Zip64 records are added for members, offsets or counts beyond the
    /// 32-bit limits (`zip64Threshold` lowers that limit for tests).
    /// - Complexity: O(total size).
    static func archive(_ members: [(name: String, data: [UInt8])], compressed: Bool,
                        zip64Threshold: Int = 0xFFFF_FFFF) -> [UInt8] {
        var w = ByteWriter()
        var central = ByteWriter()
        for member in members {
            let name = Array(member.name.utf8)
            precondition(name.count <= 0xFFFF, "zip member name too long")
            let flags: UInt16 = member.name.utf8.allSatisfy { $0 < 0x80 } ? 0 : 0x0800
            let crc = CRC32.checksum(member.data[...])
            let payload = compressed ? Deflate.compress(member.data) : member.data
            let method: UInt16 = compressed ? 8 : 0
            let offset = w.bytes.count
            let bigSizes = member.data.count >= zip64Threshold || payload.count >= zip64Threshold
            let bigOffset = offset >= zip64Threshold
            let version: UInt16 = bigSizes || bigOffset ? 45 : (compressed ? 20 : 10)

            w.u32(localSignature); w.u16(version); w.u16(flags); w.u16(method); w.u16(0); w.u16(dosDate); w.u32(crc)
            if bigSizes {
                w.u32(0xFFFF_FFFF); w.u32(0xFFFF_FFFF); w.u16(UInt16(name.count)); w.u16(20)
                w.bytes += name
                w.u16(1); w.u16(16); w.u64(member.data.count); w.u64(payload.count)
            } else {
                w.u32(UInt32(payload.count)); w.u32(UInt32(member.data.count)); w.u16(UInt16(name.count)); w.u16(0)
                w.bytes += name
            }
            w.bytes += payload

            var extra = ByteWriter()
            if bigSizes { extra.u64(member.data.count); extra.u64(payload.count) }
            if bigOffset { extra.u64(offset) }
            central.u32(centralSignature); central.u16(0x0300 | 45); central.u16(version); central.u16(flags)
            central.u16(method); central.u16(0); central.u16(dosDate); central.u32(crc)
            central.u32(bigSizes ? 0xFFFF_FFFF : UInt32(payload.count))
            central.u32(bigSizes ? 0xFFFF_FFFF : UInt32(member.data.count))
            central.u16(UInt16(name.count)); central.u16(UInt16(extra.bytes.isEmpty ? 0 : extra.bytes.count + 4))
            central.u16(0); central.u16(0); central.u16(0)
            central.u32(0o100644 << 16)   // a regular file, rw-r--r--
            central.u32(bigOffset ? 0xFFFF_FFFF : UInt32(offset))
            central.bytes += name
            if !extra.bytes.isEmpty { central.u16(1); central.u16(UInt16(extra.bytes.count)); central.bytes += extra.bytes }
        }
        let directoryOffset = w.bytes.count
        w.bytes += central.bytes
        let directorySize = central.bytes.count
        let needZip64 = members.count >= 0xFFFF || directoryOffset >= zip64Threshold || directorySize >= zip64Threshold
        if needZip64 {
            let record = w.bytes.count
            w.u32(zip64EndSignature); w.u64(44); w.u16(0x0300 | 45); w.u16(45); w.u32(0); w.u32(0)
            w.u64(members.count); w.u64(members.count); w.u64(directorySize); w.u64(directoryOffset)
            w.u32(zip64LocatorSignature); w.u32(0); w.u64(record); w.u32(1)
        }
        w.u32(endSignature); w.u16(0); w.u16(0)
        w.u16(needZip64 ? 0xFFFF : UInt16(members.count)); w.u16(needZip64 ? 0xFFFF : UInt16(members.count))
        w.u32(needZip64 ? 0xFFFF_FFFF : UInt32(directorySize)); w.u32(needZip64 ? 0xFFFF_FFFF : UInt32(directoryOffset))
        w.u16(0)
        return w.bytes
    }

    // MARK: Helpers

    private static func bad(_ problem: String) -> DataError { .malformedZip(file: nil, problem: problem) }

    private static func bounded(_ value: UInt64, limit: Int, what: String) throws -> Int {
        guard value <= UInt64(max(limit, 0)) else { throw bad("\(what) \(value) exceeds the file size") }
        return Int(value)
    }
}

/// Little-endian reads at byte offsets; callers check bounds first.
private struct ByteReader {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    func u16(_ p: Int) -> UInt16 { UInt16(bytes[p]) | UInt16(bytes[p + 1]) << 8 }
    func u32(_ p: Int) -> UInt32 { UInt32(u16(p)) | UInt32(u16(p + 2)) << 16 }
    func u64(_ p: Int) -> UInt64 { UInt64(u32(p)) | UInt64(u32(p + 4)) << 32 }
}

/// Little-endian appends.
private struct ByteWriter {
    var bytes: [UInt8] = []
    mutating func u16(_ v: UInt16) { bytes.append(UInt8(v & 0xFF)); bytes.append(UInt8(v >> 8)) }
    mutating func u32(_ v: UInt32) { u16(UInt16(v & 0xFFFF)); u16(UInt16(v >> 16)) }
    mutating func u64(_ v: Int) { u32(UInt32(truncatingIfNeeded: v)); u32(UInt32(truncatingIfNeeded: v >> 32)) }
}

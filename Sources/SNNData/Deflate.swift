import CZlib

/// Raw deflate streams (RFC 1951, no zlib/gzip wrapper: zlib `windowBits = -15`), as stored in zip members.
enum Deflate {
    /// The largest expansion deflate can achieve (a run of zeros): about 1032 output bytes per input byte.
    static let maximumRatio = 1032

    /// Compresses `bytes` with zlib's default level, like Python's `zipfile` with `ZIP_DEFLATED`.
    /// - Complexity: O(bytes.count).
    static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        let status = deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "zlib deflateInit2 failed with status \(status)")
        defer { deflateEnd(&stream) }
        let chunk = 1 << 30
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(min(bytes.count, chunk)))) + 64)
        var produced = 0
        bytes.withUnsafeBufferPointer { input in
            var consumed = 0
            while true {
                let take = min(input.count - consumed, chunk)
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress.map { $0 + consumed })
                stream.avail_in = uInt(take)
                consumed += take
                let flush = consumed == input.count ? Z_FINISH : Z_NO_FLUSH
                var result: Int32
                repeat {
                    if produced == out.count { out.append(contentsOf: [UInt8](repeating: 0, count: max(out.count / 2, 4096))) }
                    let room = min(out.count - produced, chunk)
                    result = out.withUnsafeMutableBufferPointer { o in
                        stream.next_out = o.baseAddress! + produced
                        stream.avail_out = uInt(room)
                        let r = deflate(&stream, flush)
                        produced += room - Int(stream.avail_out)
                        return r
                    }
                    precondition(result != Z_STREAM_ERROR, "zlib deflate reported a stream error")
                } while stream.avail_out == 0 || (flush == Z_FINISH && result != Z_STREAM_END)
                if flush == Z_FINISH { break }
            }
        }
        out.removeSubrange(produced...)
        return out
    }

    /// Decompresses a raw deflate stream that must inflate to exactly `expectedSize` bytes.
    /// - Throws: `DataError.malformedZip` for corrupt data or a size other than `expectedSize`.
    /// - Complexity: O(expectedSize).
    static func decompress(_ bytes: ArraySlice<UInt8>, expectedSize: Int, member: String) throws -> [UInt8] {
        var stream = z_stream()
        let status = inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "zlib inflateInit2 failed with status \(status)")
        defer { inflateEnd(&stream) }
        // One spare byte detects data that inflates to more than declared.
        var out = [UInt8](repeating: 0, count: expectedSize + 1)
        let chunk = 1 << 30
        var produced = 0
        var result = Z_OK
        bytes.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                var consumed = 0
                while result == Z_OK {
                    if stream.avail_in == 0 {
                        let take = min(input.count - consumed, chunk)
                        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress.map { $0 + consumed })
                        stream.avail_in = uInt(take)
                        consumed += take
                    }
                    let room = min(output.count - produced, chunk)
                    stream.next_out = output.baseAddress! + produced
                    stream.avail_out = uInt(room)
                    let before = (stream.avail_in, stream.avail_out)
                    result = inflate(&stream, Z_NO_FLUSH)
                    produced += room - Int(stream.avail_out)
                    if result == Z_OK && (stream.avail_in, stream.avail_out) == before { result = Z_BUF_ERROR }
                    if produced > expectedSize { break }
                }
            }
        }
        if produced > expectedSize {
            throw DataError.malformedZip(file: nil, problem: "member '\(member)' inflates to more than its declared \(expectedSize) bytes")
        }
        guard result == Z_STREAM_END else {
            let what = result == Z_DATA_ERROR ? "corrupt deflate data" : "truncated deflate data"
            throw DataError.malformedZip(file: nil, problem: "member '\(member)': \(what)")
        }
        guard produced == expectedSize else {
            throw DataError.malformedZip(file: nil, problem:
                "member '\(member)' inflates to \(produced) bytes, its header says \(expectedSize)")
        }
        out.removeLast()
        return out
    }
}

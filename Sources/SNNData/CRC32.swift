import CZlib

/// CRC-32 (ISO-HDLC, the zip/PNG checksum) through zlib's `crc32`; Python's `zlib.crc32`.
enum CRC32 {
    /// The CRC-32 of `bytes`.
    /// - Complexity: O(bytes.count).
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            var crc = crc32(0, nil, 0)
            var offset = 0
            while offset < buffer.count {
                let n = min(buffer.count - offset, 1 << 30)
                crc = crc32(crc, buffer.baseAddress! + offset, uInt(n))
                offset += n
            }
            return UInt32(truncatingIfNeeded: crc)
        }
    }
}

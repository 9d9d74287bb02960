import SNNData

/// libFuzzer entry point for `.npz` archives: the zip directory, zip64 records, stored and deflated members
/// (zlib inflate), CRC-32 checks and the `.npy` members inside.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNPZ(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    if let members = try? NPZ.decodeMembers(bytes) {
        for member in members { _ = try? NPY.decodeText(member.npy) }
    }
    _ = try? NPZ.decode(bytes)
    return 0
}

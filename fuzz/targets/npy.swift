import SNNData

/// libFuzzer entry point: any byte string given to the `.npy` decoders must end in a value or a `DataError`,
/// never a trap, an out-of-bounds access, a leak or an allocation larger than the input allows.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNPY(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    if let array = try? NPY.decode(bytes) {
        // A decoded array must re-encode and decode to itself, and its typed views must not trap.
        let again = try? NPY.decode(NPY.encode(array))
        precondition(again == array, "NPY round trip changed the array")
        _ = try? array.matrix(Double.self)
    }
    _ = try? NPY.decodeText(bytes)
    return 0
}

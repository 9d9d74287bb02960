import SNNNeural

/// libFuzzer entry point for `.safetensors`: header length, JSON header, dtypes, shapes and offsets.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafeTensors(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    if let (tensors, metadata) = try? SafeTensors.decode(bytes) {
        for t in tensors {
            _ = try? t.values(as: Double.self)
            _ = try? t.integers()
            _ = try? t.matrix(as: Float.self)
        }
        // What decodes must re-encode to a file that decodes to the same tensors.
        let again = try? SafeTensors.decode(SafeTensors.encode(tensors: tensors, metadata: metadata))
        precondition(again?.tensors == tensors, "safetensors round trip changed the tensors")
    }
    return 0
}

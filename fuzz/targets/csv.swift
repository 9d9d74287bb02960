import SNNData

/// libFuzzer entry point for CSV / whitespace-separated text: any bytes end in a matrix or a `DataError`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    if let (_, m) = try? CSV.decode(bytes) {
        precondition(m.storage.count == m.rows * m.cols, "CSV matrix shape does not match its storage")
        precondition(m.storage.allSatisfy(\.isFinite), "CSV let a non-finite value through")
    }
    return 0
}

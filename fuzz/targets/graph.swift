import SNNGraph

/// libFuzzer entry point for SciPy CSR graph files (`scipy.sparse.save_npz`, what `--graph` reads): the `.npz`
/// container plus the CSR checks (format, shape, indptr, indices, data, symmetry, non-negative weights).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGraph(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    if let g = try? GraphFile.decode(bytes) {
        precondition(g.rows == g.cols && g.rowPointers.count == g.rows + 1, "decoded graph is not square CSR")
        _ = try? g.validateSimilarityGraph()
        _ = g.connectedComponents()
    }
    return 0
}

import SNNLinalg

/// The activations a training step keeps for the backward pass, and the backward pass's scratch space,
/// in one buffer that is allocated when the batch size or architecture changes and reused otherwise.
///
/// Hold one per training loop and pass it to `MLP.forward(_:cache:)` and `MLP.backward(_:cache:into:)`.
public struct MLPCache<T: LinalgScalar>: Sendable {
    /// Batch size of the last forward pass.
    public private(set) var rows = 0
    /// Architecture of the last forward pass.
    public private(set) var widths: [Int] = []
    var input = Matrix<T>(rows: 0, cols: 0)
    var buffer: [T] = []
    var preActivationOffsets: [Int] = []
    var activationOffsets: [Int] = []
    var outputOffset = 0
    var scratchOffsets = [0, 0]
    var onesOffset = 0

    /// An empty cache; it sizes itself on the first forward pass.
    public init() {}

    /// Sizes the buffer for `n` rows through `widths`; a no-op when both are unchanged.
    mutating func prepare(rows n: Int, widths w: [Int]) {
        if n == rows && w == widths && !buffer.isEmpty { return }
        rows = n
        widths = w
        var offset = 0
        preActivationOffsets = []
        activationOffsets = []
        for k in 1..<(w.count - 1) {
            preActivationOffsets.append(offset); offset += n * w[k]
            activationOffsets.append(offset); offset += n * w[k]
        }
        outputOffset = offset; offset += n * w[w.count - 1]
        let scratch = n * (w.max() ?? 0)
        scratchOffsets = [offset, offset + scratch]; offset += 2 * scratch
        onesOffset = offset; offset += n
        buffer = [T](repeating: 0, count: offset)
        for i in onesOffset..<offset { buffer[i] = 1 }
    }

    private func slice(_ offset: Int, cols: Int) -> Matrix<T> {
        Matrix(rows: rows, cols: cols, storage: Array(buffer[offset..<(offset + rows * cols)]))
    }

    /// The network output of the last forward pass (n × r).
    public var output: Matrix<T> { slice(outputOffset, cols: widths.last ?? 0) }
    /// Hidden layer `k`'s pre-activations `Z_k = A_{k−1} W_kᵀ + b_k` (n × h_k), `k` counted from 0.
    public func preActivation(_ k: Int) -> Matrix<T> { slice(preActivationOffsets[k], cols: widths[k + 1]) }
    /// Hidden layer `k`'s activations `σ(Z_k)` (n × h_k).
    public func activation(_ k: Int) -> Matrix<T> { slice(activationOffsets[k], cols: widths[k + 1]) }
}

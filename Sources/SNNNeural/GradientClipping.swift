import SNNLinalg

/// Rescales `g` in place so that `‖g‖₂ ≤ maxNorm` (PyTorch `torch.nn.utils.clip_grad_norm_`) and returns the
/// norm before clipping. A non-finite norm is returned unchanged with `g` untouched, so the caller can
/// report a diverged step instead of silently training on NaNs.
/// - Complexity: O(g.count).
@discardableResult
public func clipGradientNorm<T: LinalgScalar>(_ g: inout [T], maxNorm: T) -> T {
    precondition(maxNorm > 0, "maxNorm must be positive, got \(maxNorm)")
    let norm = Vector.norm(g)
    guard norm.isFinite, norm > maxNorm else { return norm }
    let factor = maxNorm / norm
    let n = g.count
    g.withUnsafeMutableBufferPointer { T.scal(n: n, alpha: factor, x: $0.baseAddress!) }
    return norm
}

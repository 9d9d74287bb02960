import Foundation

/// The kernel `η` of an ε-graph `G_ij = η(|x_i − x_j| / ε)`.
public enum Kernel: String, CaseIterable, Sendable, Codable {
    /// `η(t) = 1{t ≤ 1}`: the paper's proximity graph (an edge exactly when `|x_i − x_j| ≤ ε`).
    case indicator
    /// `η(t) = exp(−t²/2)` for `t ≤ 3`, 0 beyond (an edge when `|x_i − x_j| ≤ 3ε`).
    case gaussian

    /// The support of `η` in units of ε: 1 for the indicator, 3 for the cut Gaussian.
    public var cutoff: Double {
        switch self {
        case .indicator: return 1
        case .gaussian: return 3
        }
    }

    /// The distance up to which `η(distance/ε) > 0`: `cutoff · ε` rounded in floating point.
    public func radius(eps: Double) -> Double { cutoff * eps }

    /// `η(distance/ε)` for a distance already known to be within `radius(eps:)`.
    @inline(__always) public func weight(distance: Double, eps: Double) -> Double {
        switch self {
        case .indicator: return 1
        case .gaussian:
            let t = distance / eps
            return Foundation.exp(-0.5 * t * t)
        }
    }
}

/// Edge weights of a kNN graph.
public enum KNNWeights: String, CaseIterable, Sendable, Codable {
    /// Weight 1 on every edge.
    case binary
    /// Self-tuning (Zelnik-Manor & Perona) `exp(−|x_i − x_j|² / (σ_i σ_j))`, `σ_i` the distance from `x_i` to its
    /// k-th nearest neighbour.
    case selftuning
}

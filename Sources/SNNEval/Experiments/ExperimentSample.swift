import SNNLinalg
import SNNData

/// A sample for an experiment: the points the graph and the network see (rotated into R^D when `ambient` is set)
/// and the same points drawn natively (no rotation), whose coordinates and angles give the continuum functions.
public struct ExperimentSample: Sendable {
    /// The points in the ambient space, n × D.
    public var points: Matrix<Double>
    /// The same draw in the manifold's native coordinates, with its intrinsic parameters.
    public var native: Sample

    /// Draws n points of `manifold` with `seed`; the native copy uses the same seed without `ambient`, so row i of
    /// both is the same point (the sampler draws the points before it rotates them).
    /// - Throws: `SamplerError` for invalid sizes or dimensions.
    /// - Complexity: two draws, O(n · D · native dimension).
    public init(_ manifold: Manifold, n: Int, dimension: Int?, ambient: Int?, seed: UInt64) throws {
        native = try Sampler.sample(manifold, SampleOptions(n: n, dimension: dimension, seed: seed))
        points = ambient == nil ? native.points
            : try Sampler.sample(manifold, SampleOptions(n: n, dimension: dimension, ambient: ambient, seed: seed)).points
    }
}

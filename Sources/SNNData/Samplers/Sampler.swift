import SNNLinalg

/// Seeded samplers for the manifolds and toy data sets of `Manifold`.
///
/// Distributions:
/// - circle, sphere: uniform in arc length / surface measure (normalized Gaussian vectors for S^m).
/// - torus (standard, in R³): uniform in surface area. The area element is `r (R + r cos θ) dθ dφ`, so φ is
///   uniform and θ is drawn by rejection from the density ∝ `R + r cos θ` (acceptance rate R / (R + r)).
/// - flatTorus: independent uniform angles, uniform in the flat volume of S¹ × … × S¹.
/// - swissroll: scikit-learn's `make_swiss_roll`: `t = 1.5π (1 + 2u)`, u uniform in [0, 1), height uniform in
///   [0, 21), point `(t cos t, height, t sin t)`. Uniform in `t`, hence **not** uniform in area (the outer turns,
///   where the arc length per unit `t` is larger, are sparser).
/// - moons: scikit-learn's `make_moons`: ⌊n/2⌋ points evenly spaced (not random) on the upper half of the unit
///   circle (label 0) and the rest on the lower half circle centred at (1, 0.5) (label 1), then shuffled.
/// - blobs: scikit-learn's `make_blobs`: `clusters` centres uniform in the box [−10, 10]^m, n split as evenly as
///   possible (the first n mod k clusters get one more point), each point its centre plus N(0, σ²I), shuffled.
///
/// Then, when `ambient` is set, points are padded with zeros to R^D and rotated by a Haar-random orthogonal
/// matrix (`randomOrthonormalColumns`); finally Gaussian noise of standard deviation `noise` is added to every
/// ambient coordinate. The points, the rotation and the noise come from three generators derived from `seed`,
/// so the same seed gives the same rotation for every n, and the noise-free points do not depend on `noise`.
public enum Sampler {
    /// The largest number of values (n × D) a sample may hold (4 GiB of `Double`).
    public static let maximumValues = 1 << 29

    /// Draws a seeded sample from `manifold` (scikit-learn `make_swiss_roll`, `make_moons`, `make_blobs` for
    /// the toy sets).
    /// - Throws: `SamplerError` when n, the dimension, the ambient dimension, the noise, the clusters or the
    ///   torus radii are not valid for the data set.
    /// - Complexity: O(n · D · native) for the embedding, O(n · native) otherwise.
    public static func sample(_ manifold: Manifold, _ options: SampleOptions) throws -> Sample {
        let m = try validatedDimension(manifold, options)
        let native = manifold.nativeDimension(intrinsic: m)
        try validate(manifold, options, native: native)

        var rng = SeededGenerator(seed: options.seed)
        var sample: Sample
        switch manifold {
        case .circle: sample = circle(n: options.n, using: &rng)
        case .sphere: sample = sphere(n: options.n, dimension: m, using: &rng)
        case .torus: sample = standardTorus(n: options.n, major: options.majorRadius, minor: options.minorRadius, using: &rng)
        case .flatTorus: sample = flatTorus(n: options.n, dimension: m, using: &rng)
        case .swissroll: sample = swissRoll(n: options.n, using: &rng)
        case .moons: sample = moons(n: options.n, using: &rng)
        case .blobs: sample = blobs(n: options.n, features: m, clusters: options.clusters,
                                    standardDeviation: options.clusterStandardDeviation, using: &rng)
        }

        if let ambient = options.ambient {
            var rotationRNG = SeededGenerator(seed: options.seed ^ 0xD1B5_4A32_D192_ED03)
            let frame = randomOrthonormalColumns(rows: ambient, cols: native, using: &rotationRNG)
            sample.points = Matrix.multiply(sample.points, frame, transposeB: true)
        }
        if options.noise > 0 {
            var noiseRNG = SeededGenerator(seed: options.seed ^ 0x8CB9_2BA7_2F3D_8DD7)
            let sigma = options.noise
            sample.points.storage.withUnsafeMutableBufferPointer { p in
                for i in p.indices { p[i] += sigma * noiseRNG.normal() }
            }
        }
        return sample
    }

    /// The intrinsic dimension to use, checked against what the manifold allows.
    private static func validatedDimension(_ manifold: Manifold, _ options: SampleOptions) throws -> Int {
        guard let m = options.dimension else { return manifold.defaultDimension }
        if !manifold.hasVariableDimension && m != manifold.defaultDimension {
            throw SamplerError.invalidDimension(manifold: manifold, given: m,
                reason: "\(manifold) always has dimension \(manifold.defaultDimension); leave the dimension unset")
        }
        if m < 1 {
            throw SamplerError.invalidDimension(manifold: manifold, given: m, reason: "it must be at least 1")
        }
        // Keep 2m and m + 1 far from overflow; the size check below bounds the real work.
        if m > maximumValues {
            throw SamplerError.invalidDimension(manifold: manifold, given: m, reason: "it must be at most \(maximumValues)")
        }
        return m
    }

    private static func validate(_ manifold: Manifold, _ o: SampleOptions, native: Int) throws {
        let minimum = manifold == .moons ? 2 : 1
        if o.n < minimum { throw SamplerError.invalidCount(n: o.n, minimum: minimum, manifold: manifold) }
        if let d = o.ambient, d < native {
            throw SamplerError.ambientTooSmall(manifold: manifold, ambient: d, native: native)
        }
        let columns = o.ambient ?? native
        let (values, overflow) = o.n.multipliedReportingOverflow(by: columns)
        if overflow || values > maximumValues {
            throw SamplerError.tooLarge(n: o.n, columns: columns, limit: maximumValues)
        }
        if !(o.noise.isFinite && o.noise >= 0) {
            throw SamplerError.invalidValue(option: "noise", value: o.noise, requirement: "a finite number ≥ 0")
        }
        if manifold == .blobs {
            if o.clusters < 1 || o.clusters > o.n { throw SamplerError.invalidClusters(clusters: o.clusters, n: o.n) }
            if !(o.clusterStandardDeviation.isFinite && o.clusterStandardDeviation >= 0) {
                throw SamplerError.invalidValue(option: "cluster standard deviation", value: o.clusterStandardDeviation,
                                                requirement: "a finite number ≥ 0")
            }
        }
        if manifold == .torus {
            if !(o.minorRadius.isFinite && o.minorRadius > 0) {
                throw SamplerError.invalidValue(option: "minor radius", value: o.minorRadius, requirement: "a finite number > 0")
            }
            if !(o.majorRadius.isFinite && o.majorRadius > o.minorRadius) {
                throw SamplerError.invalidValue(option: "major radius", value: o.majorRadius,
                                                requirement: "finite and larger than the minor radius \(o.minorRadius)")
            }
        }
    }
}

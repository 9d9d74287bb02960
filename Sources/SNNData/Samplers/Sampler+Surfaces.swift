import Foundation
import SNNLinalg

extension Sampler {
    /// n points uniform in area on the torus `((R + r cos θ) cos φ, (R + r cos θ) sin φ, r sin θ)` in R³.
    ///
    /// The area element is `r (R + r cos θ) dθ dφ`: φ is uniform, θ is drawn by rejection (propose θ uniform,
    /// accept with probability `(R + r cos θ) / (R + r)`). Parameters are (φ, θ).
    /// - Complexity: O(n (R + r) / R) expected.
    static func standardTorus(n: Int, major R: Double, minor r: Double, using rng: inout SeededGenerator) -> Sample {
        var points = Matrix<Double>(rows: n, cols: 3)
        var angles = Matrix<Double>(rows: n, cols: 2)
        for i in 0..<n {
            var theta: Double
            repeat {
                theta = rng.uniform(0, 2 * Double.pi)
            } while rng.uniform() * (R + r) >= R + r * cos(theta)
            let phi = rng.uniform(0, 2 * Double.pi)
            let radius = R + r * cos(theta)
            angles[i, 0] = phi
            angles[i, 1] = theta
            points[i, 0] = radius * cos(phi)
            points[i, 1] = radius * sin(phi)
            points[i, 2] = r * sin(theta)
        }
        return Sample(points: points, parameters: angles)
    }

    /// scikit-learn's swiss roll (`make_swiss_roll`, no hole): `t = 1.5π (1 + 2u)`, height uniform in [0, 21),
    /// point `(t cos t, height, t sin t)`; parameters (t, height). Uniform in t, not in area.
    /// - Complexity: O(n).
    static func swissRoll(n: Int, using rng: inout SeededGenerator) -> Sample {
        var points = Matrix<Double>(rows: n, cols: 3)
        var parameters = Matrix<Double>(rows: n, cols: 2)
        for i in 0..<n {
            let t = 1.5 * Double.pi * (1 + 2 * rng.uniform())
            let height = 21 * rng.uniform()
            parameters[i, 0] = t
            parameters[i, 1] = height
            points[i, 0] = t * cos(t)
            points[i, 1] = height
            points[i, 2] = t * sin(t)
        }
        return Sample(points: points, parameters: parameters)
    }
}

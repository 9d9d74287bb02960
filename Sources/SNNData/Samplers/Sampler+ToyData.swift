import Foundation
import SNNLinalg

extension Sampler {
    /// scikit-learn's two moons (`make_moons`, shuffled): ⌊n/2⌋ points at evenly spaced angles s ∈ [0, π] on
    /// `(cos s, sin s)` (label 0), the other n − ⌊n/2⌋ on `(1 − cos s, 0.5 − sin s)` (label 1); parameters s.
    /// - Complexity: O(n).
    static func moons(n: Int, using rng: inout SeededGenerator) -> Sample {
        let outer = n / 2, inner = n - outer
        var points = Matrix<Double>(rows: n, cols: 2)
        var angles = Matrix<Double>(rows: n, cols: 1)
        var labels = [Int](repeating: 0, count: n)
        func spaced(_ k: Int, _ count: Int) -> Double { count == 1 ? 0 : Double.pi * Double(k) / Double(count - 1) }
        for k in 0..<outer {
            let s = spaced(k, outer)
            points[k, 0] = cos(s); points[k, 1] = sin(s); angles[k, 0] = s
        }
        for k in 0..<inner {
            let s = spaced(k, inner), i = outer + k
            points[i, 0] = 1 - cos(s); points[i, 1] = 0.5 - sin(s); angles[i, 0] = s; labels[i] = 1
        }
        return shuffled(Sample(points: points, labels: labels, parameters: angles), using: &rng)
    }

    /// scikit-learn's Gaussian blobs (`make_blobs`, shuffled): centres uniform in [−10, 10]^features, cluster c
    /// gets ⌊n/k⌋ points plus one when c < n mod k, each point its centre plus N(0, σ² I); labels are cluster indices.
    /// - Complexity: O(n · features).
    static func blobs(n: Int, features: Int, clusters k: Int, standardDeviation sigma: Double,
                      using rng: inout SeededGenerator) -> Sample {
        var centres = Matrix<Double>(rows: k, cols: features)
        for i in centres.storage.indices { centres.storage[i] = rng.uniform(-10, 10) }
        var points = Matrix<Double>(rows: n, cols: features)
        var labels = [Int](repeating: 0, count: n)
        var row = 0
        for c in 0..<k {
            let count = n / k + (c < n % k ? 1 : 0)
            for _ in 0..<count {
                for j in 0..<features { points[row, j] = centres[c, j] + sigma * rng.normal() }
                labels[row] = c
                row += 1
            }
        }
        return shuffled(Sample(points: points, labels: labels), using: &rng)
    }

    /// The sample with its rows (and labels, parameters) in a seeded uniformly random order (Fisher–Yates).
    private static func shuffled(_ sample: Sample, using rng: inout SeededGenerator) -> Sample {
        var order = Array(0..<sample.points.rows)
        for i in stride(from: order.count - 1, to: 0, by: -1) {
            order.swapAt(i, rng.integer(below: i + 1))
        }
        return Sample(points: sample.points.rows(order), labels: sample.labels.map { l in order.map { l[$0] } },
                      parameters: sample.parameters?.rows(order))
    }
}

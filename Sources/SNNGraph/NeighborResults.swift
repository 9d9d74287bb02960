/// The `k` nearest neighbours of every point (scikit-learn `kneighbors(return_distance=True)` without the
/// point itself): row `i` of the flat `n × k` arrays lists the neighbours of point `i` sorted by
/// (distance, index), so ties are broken deterministically by the smaller index.
public struct KNearestNeighbors: Sendable, Equatable {
    /// Neighbours per point.
    public let k: Int
    /// Neighbour indices, row-major `n × k`.
    public let indices: [Int32]
    /// Euclidean distances `|x_i − x_j|`, row-major `n × k`, non-decreasing in each row.
    public let distances: [Double]

    public init(k: Int, indices: [Int32], distances: [Double]) {
        precondition(k > 0 && indices.count == distances.count && indices.count % k == 0, "inconsistent neighbour arrays")
        self.k = k
        self.indices = indices
        self.distances = distances
    }

    /// Number of query points `n`.
    public var count: Int { indices.count / k }

    /// The neighbours of point `i` as (index, distance) pairs, nearest first.
    public func neighbors(of i: Int) -> [(index: Int, distance: Double)] {
        (i * k..<(i + 1) * k).map { (Int(indices[$0]), distances[$0]) }
    }
}

/// All neighbours within a radius of every point (scikit-learn `radius_neighbors`, sorted), in a CSR-like
/// layout: the neighbours of point `i` are `neighbors[offsets[i]..<offsets[i+1]]`, sorted by index, the point
/// itself excluded.
public struct RadiusNeighbors: Sendable, Equatable {
    /// `n + 1` non-decreasing offsets from 0 to the number of pairs.
    public let offsets: [Int]
    /// Neighbour indices, increasing within each point's range.
    public let neighbors: [Int32]
    /// Euclidean distances matching `neighbors`.
    public let distances: [Double]

    public init(offsets: [Int], neighbors: [Int32], distances: [Double]) {
        precondition(offsets.first == 0 && offsets.last == neighbors.count && neighbors.count == distances.count,
                     "inconsistent radius-neighbour arrays")
        self.offsets = offsets
        self.neighbors = neighbors
        self.distances = distances
    }

    /// Number of query points `n`.
    public var count: Int { offsets.count - 1 }

    /// The neighbours of point `i` as (index, distance) pairs, by increasing index.
    public func neighbors(of i: Int) -> [(index: Int, distance: Double)] {
        (offsets[i]..<offsets[i + 1]).map { (Int(neighbors[$0]), distances[$0]) }
    }
}

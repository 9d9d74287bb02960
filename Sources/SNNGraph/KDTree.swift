import SNNLinalg

/// A balanced k-d tree over a point set, stored flat: the points are copied in leaf order (so a leaf is one
/// contiguous block), and the implicit binary tree (children of node `v` are `2v+1`, `2v+2`; the node over
/// `lo..<hi` splits at `(lo+hi)/2`) keeps only a split dimension and value per internal node.
///
/// Each internal node splits its points at the median of the coordinate with the widest spread; points equal to
/// the split value may sit on either side, which the searches allow for.
/// - Complexity: build O(n log n · d); a query visits O(log n) nodes on well-spread low-dimensional data.
struct KDTree: Sendable {
    let n: Int
    let d: Int
    /// Depth of the leaves (the root is level 0); there are `2^levels` leaves.
    let levels: Int
    /// Points in leaf order, row-major `n × d`.
    let points: [Double]
    /// Original index of the point at each leaf-order position.
    let order: [Int32]
    /// Split coordinate of each internal node (`2^levels − 1` of them).
    let splitDimension: [Int32]
    /// Split value of each internal node.
    let splitValue: [Double]

    /// Points per leaf at most.
    static let leafSize = 8

    init(_ matrix: Matrix<Double>) {
        let n = matrix.rows, d = matrix.cols
        var levels = 0
        while (n + (1 << levels) - 1) >> levels > Self.leafSize { levels += 1 }
        let internalCount = (1 << levels) - 1
        var order = (0..<n).map { Int32($0) }
        var splitDimension = [Int32](repeating: 0, count: internalCount)
        var splitValue = [Double](repeating: 0, count: internalCount)
        // The rows are permuted in place along with `order`, so every pass reads contiguous memory.
        var reordered = matrix.storage
        reordered.withUnsafeMutableBufferPointer { pts in
            order.withUnsafeMutableBufferPointer { ord in
                splitDimension.withUnsafeMutableBufferPointer { sd in
                    splitValue.withUnsafeMutableBufferPointer { sv in
                        let builder = Builder(points: DisjointWriter(pts.baseAddress!), d: d,
                                              order: DisjointWriter(ord.baseAddress!),
                                              dims: DisjointWriter(sd.baseAddress!), values: DisjointWriter(sv.baseAddress!))
                        // Top levels one after the other, then the subtrees below in parallel.
                        var top = 0
                        while top < levels && (1 << top) < 4 * Parallel.workers && n >> top > 4096 { top += 1 }
                        builder.build(node: 0, lo: 0, hi: n, level: 0, stopLevel: top)
                        let firstAtTop = (1 << top) - 1
                        Parallel.forEachChunk(1 << top, minimumChunk: 1) { range in
                            for t in range {
                                let (lo, hi) = Self.range(ofNodeAt: t, level: top, n: n)
                                builder.build(node: firstAtTop + t, lo: lo, hi: hi, level: top, stopLevel: levels)
                            }
                        }
                    }
                }
            }
        }
        self.n = n
        self.d = d
        self.levels = levels
        self.points = reordered
        self.order = order
        self.splitDimension = splitDimension
        self.splitValue = splitValue
    }

    /// The leaf-order range covered by the `t`-th node of `level` (nodes split at `(lo+hi)/2`).
    static func range(ofNodeAt t: Int, level: Int, n: Int) -> (Int, Int) {
        var lo = 0, hi = n
        for bit in stride(from: level - 1, through: 0, by: -1) {
            let mid = (lo + hi) / 2
            if (t >> bit) & 1 == 0 { hi = mid } else { lo = mid }
        }
        return (lo, hi)
    }

    /// Builds subtrees; writes to disjoint row ranges of the points and `order`, and disjoint nodes.
    private struct Builder: @unchecked Sendable {
        let points: DisjointWriter<Double>
        let d: Int
        let order: DisjointWriter<Int32>
        let dims: DisjointWriter<Int32>
        let values: DisjointWriter<Double>

        func build(node: Int, lo: Int, hi: Int, level: Int, stopLevel: Int) {
            if level >= stopLevel || hi <= lo { return }
            // Widest coordinate of the points in lo..<hi (ties → the smaller dimension).
            var bestDim = 0, bestSpread = -1.0
            for c in 0..<d {
                var mn = Double.infinity, mx = -Double.infinity
                var p = lo * d + c
                for _ in lo..<hi {
                    let v = points[p]
                    mn = Swift.min(mn, v); mx = Swift.max(mx, v)
                    p += d
                }
                if mx - mn > bestSpread { bestSpread = mx - mn; bestDim = c }
            }
            let mid = (lo + hi) / 2
            select(lo: lo, hi: hi, nth: mid, dim: bestDim)
            dims[node] = Int32(bestDim)
            values[node] = points[mid * d + bestDim]
            build(node: 2 * node + 1, lo: lo, hi: mid, level: level + 1, stopLevel: stopLevel)
            build(node: 2 * node + 2, lo: mid, hi: hi, level: level + 1, stopLevel: stopLevel)
        }

        @inline(__always) private func key(_ p: Int, _ dim: Int) -> Double { points[p * d + dim] }

        @inline(__always) private func swapRows(_ i: Int, _ j: Int) {
            let t = order[i]; order[i] = order[j]; order[j] = t
            var a = i * d, b = j * d
            for _ in 0..<d {
                let v = points[a]; points[a] = points[b]; points[b] = v
                a += 1; b += 1
            }
        }

        /// Quickselect: afterwards rows `lo..<nth` have keys ≤ key(nth) ≤ keys of rows `nth+1..<hi`.
        private func select(lo: Int, hi: Int, nth: Int, dim: Int) {
            var l = lo, r = hi - 1
            while r > l {
                // Median of three as pivot, deterministic.
                let m = (l + r) / 2
                let a = key(l, dim), b = key(m, dim), c = key(r, dim)
                let pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b))
                var i = l, j = r
                while i <= j {
                    while key(i, dim) < pivot { i += 1 }
                    while key(j, dim) > pivot { j -= 1 }
                    if i <= j {
                        swapRows(i, j)
                        i += 1; j -= 1
                    }
                }
                if nth <= j { r = j } else if nth >= i { l = i } else { return }
            }
        }
    }
}

/// Read-only view of a tree for the query loops (raw pointers, valid inside `withSearcher`).
struct KDSearcher {
    let points: UnsafePointer<Double>
    let order: UnsafePointer<Int32>
    let splitDimension: UnsafePointer<Int32>
    let splitValue: UnsafePointer<Double>
    let d: Int
    let n: Int
    let levels: Int

    /// Per-query state: the query point, its offsets to the current cell, the pruning bound.
    struct Query {
        var q: UnsafePointer<Double>
        var offsets: UnsafeMutablePointer<Double>
        var selfPosition: Int
    }

    /// Visits the `k` nearest candidates into `heap` (keys: squared distances), skipping the query's own position.
    func nearest(node: Int, lo: Int, hi: Int, level: Int, bound rd: Double, query: inout Query, heap: inout NeighborHeap) {
        if level == levels {
            let q = query.q
            if d == 3 {
                // Same operations in the same order as `squaredDistance`, unrolled.
                let q0 = q[0], q1 = q[1], q2 = q[2]
                var row = points + lo * 3
                for p in lo..<hi {
                    let a = q0 - row[0], b = q1 - row[1], c = q2 - row[2]
                    var s = a * a
                    s += b * b
                    s += c * c
                    if s <= heap.worst && p != query.selfPosition { heap.push(s, order[p]) }
                    row += 3
                }
            } else {
                var row = points + lo * d
                for p in lo..<hi {
                    let s = squaredDistance(q, row, d)
                    if s <= heap.worst && p != query.selfPosition { heap.push(s, order[p]) }
                    row += d
                }
            }
            return
        }
        let dim = Int(splitDimension[node])
        let diff = query.q[dim] - splitValue[node]
        let mid = (lo + hi) / 2
        if diff < 0 {
            nearest(node: 2 * node + 1, lo: lo, hi: mid, level: level + 1, bound: rd, query: &query, heap: &heap)
        } else {
            nearest(node: 2 * node + 2, lo: mid, hi: hi, level: level + 1, bound: rd, query: &query, heap: &heap)
        }
        let old = query.offsets[dim]
        let farBound = rd - old * old + diff * diff
        if farBound <= heap.worst * (1 + pruningSlack) {
            query.offsets[dim] = diff
            if diff < 0 {
                nearest(node: 2 * node + 2, lo: mid, hi: hi, level: level + 1, bound: farBound, query: &query, heap: &heap)
            } else {
                nearest(node: 2 * node + 1, lo: lo, hi: mid, level: level + 1, bound: farBound, query: &query, heap: &heap)
            }
            query.offsets[dim] = old
        }
    }

    /// Appends every point within `radius` (exact test `√s ≤ radius`) to `ids`/`dists`, skipping the query itself.
    func within(node: Int, lo: Int, hi: Int, level: Int, bound rd: Double, radius: Double, limit: Double,
                query: inout Query, ids: inout [Int32], dists: inout [Double]) {
        if level == levels {
            var row = points + lo * d
            for p in lo..<hi {
                if p != query.selfPosition {
                    let s = squaredDistance(query.q, row, d)
                    if s <= limit {
                        let r = s.squareRoot()
                        if r <= radius { ids.append(order[p]); dists.append(r) }
                    }
                }
                row += d
            }
            return
        }
        let dim = Int(splitDimension[node])
        let diff = query.q[dim] - splitValue[node]
        let mid = (lo + hi) / 2
        if diff < 0 {
            within(node: 2 * node + 1, lo: lo, hi: mid, level: level + 1, bound: rd, radius: radius, limit: limit,
                   query: &query, ids: &ids, dists: &dists)
        } else {
            within(node: 2 * node + 2, lo: mid, hi: hi, level: level + 1, bound: rd, radius: radius, limit: limit,
                   query: &query, ids: &ids, dists: &dists)
        }
        let old = query.offsets[dim]
        let farBound = rd - old * old + diff * diff
        if farBound <= limit {
            query.offsets[dim] = diff
            if diff < 0 {
                within(node: 2 * node + 2, lo: mid, hi: hi, level: level + 1, bound: farBound, radius: radius, limit: limit,
                       query: &query, ids: &ids, dists: &dists)
            } else {
                within(node: 2 * node + 1, lo: lo, hi: mid, level: level + 1, bound: farBound, radius: radius, limit: limit,
                       query: &query, ids: &ids, dists: &dists)
            }
            query.offsets[dim] = old
        }
    }
}

extension KDTree {
    /// Runs `body` with a raw-pointer view of the tree.
    func withSearcher<R>(_ body: (KDSearcher) -> R) -> R {
        points.withUnsafeBufferPointer { p in
            order.withUnsafeBufferPointer { o in
                splitDimension.withUnsafeBufferPointer { sd in
                    splitValue.withUnsafeBufferPointer { sv in
                        body(KDSearcher(points: p.baseAddress!, order: o.baseAddress!,
                                        splitDimension: sd.baseAddress ?? UnsafePointer(bitPattern: 8)!,
                                        splitValue: sv.baseAddress ?? UnsafePointer(bitPattern: 8)!,
                                        d: d, n: n, levels: levels))
                    }
                }
            }
        }
    }
}

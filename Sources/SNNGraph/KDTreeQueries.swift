import Foundation
import SNNLinalg

extension KDTree {
    /// The `k` nearest neighbours of every tree point (itself excluded), parallel over chunks of leaf order.
    /// - Complexity: O(n log n) on well-spread low-dimensional data; exact in all cases.
    func kNearestAll(k: Int) -> KNearestNeighbors {
        var indices = [Int32](repeating: 0, count: n * k)
        var distances = [Double](repeating: 0, count: n * k)
        indices.withUnsafeMutableBufferPointer { ib in
            distances.withUnsafeMutableBufferPointer { db in
                let outI = DisjointWriter(ib.baseAddress!), outD = DisjointWriter(db.baseAddress!)
                withSearcher { s in
                    Parallel.forEachChunk(n, minimumChunk: 512) { range in
                        let keys = UnsafeMutablePointer<Double>.allocate(capacity: k)
                        let ids = UnsafeMutablePointer<Int32>.allocate(capacity: k)
                        let sortedKeys = UnsafeMutablePointer<Double>.allocate(capacity: k)
                        let sortedIds = UnsafeMutablePointer<Int32>.allocate(capacity: k)
                        let offsets = UnsafeMutablePointer<Double>.allocate(capacity: s.d)
                        defer {
                            keys.deallocate(); ids.deallocate(); sortedKeys.deallocate(); sortedIds.deallocate()
                            offsets.deallocate()
                        }
                        var heap = NeighborHeap(keys: keys, ids: ids, capacity: k)
                        for p in range {
                            heap.reset()
                            offsets.initialize(repeating: 0, count: s.d)
                            var query = KDSearcher.Query(q: s.points + p * s.d, offsets: offsets, selfPosition: p)
                            s.nearest(node: 0, lo: 0, hi: n, level: 0, bound: 0, query: &query, heap: &heap)
                            let m = heap.drainSorted(keys: sortedKeys, ids: sortedIds)
                            let base = Int(s.order[p]) * k
                            for t in 0..<m {
                                outI[base + t] = sortedIds[t]
                                outD[base + t] = sortedKeys[t].squareRoot()
                            }
                        }
                    }
                }
            }
        }
        return KNearestNeighbors(k: k, indices: indices, distances: distances)
    }

    /// All pairs within `radius` (exact `|x_i − x_j| ≤ radius`), per point sorted by index.
    /// - Complexity: O(n log n + pairs) on well-spread low-dimensional data.
    func withinRadiusAll(radius: Double) -> RadiusNeighbors {
        let limit = radius * radius * (1 + pruningSlack)
        var counts = [Int](repeating: 0, count: n + 1)
        // Per chunk (keyed by its first leaf-order position): the pairs of its queries, in leaf order.
        let store = ChunkStore()
        counts.withUnsafeMutableBufferPointer { cb in
            let outCount = DisjointWriter(cb.baseAddress!)
            withSearcher { s in
                Parallel.forEachChunk(n, minimumChunk: 512) { range in
                    var ids: [Int32] = [], dists: [Double] = []
                    var rowIds: [Int32] = [], rowDists: [Double] = []
                    var perm: [Int] = []
                    let offsets = UnsafeMutablePointer<Double>.allocate(capacity: s.d)
                    defer { offsets.deallocate() }
                    for p in range {
                        offsets.initialize(repeating: 0, count: s.d)
                        rowIds.removeAll(keepingCapacity: true)
                        rowDists.removeAll(keepingCapacity: true)
                        var query = KDSearcher.Query(q: s.points + p * s.d, offsets: offsets, selfPosition: p)
                        s.within(node: 0, lo: 0, hi: n, level: 0, bound: 0, radius: radius, limit: limit,
                                 query: &query, ids: &rowIds, dists: &rowDists)
                        let m = rowIds.count
                        perm.removeAll(keepingCapacity: true)
                        perm.append(contentsOf: 0..<m)
                        rowIds.withUnsafeBufferPointer { ri in perm.sort { ri[$0] < ri[$1] } }
                        for t in perm { ids.append(rowIds[t]); dists.append(rowDists[t]) }
                        outCount[Int(s.order[p]) + 1] = m
                    }
                    store.put(range.lowerBound, ChunkPairs(range: range, ids: ids, dists: dists))
                }
            }
        }
        for i in 0..<n { counts[i + 1] += counts[i] }
        let total = counts[n]
        var neighbors = [Int32](repeating: 0, count: total)
        var distances = [Double](repeating: 0, count: total)
        let chunks = store.all()
        neighbors.withUnsafeMutableBufferPointer { nb in
            distances.withUnsafeMutableBufferPointer { db in
                let outN = DisjointWriter(nb.baseAddress!), outD = DisjointWriter(db.baseAddress!)
                counts.withUnsafeBufferPointer { off in
                    order.withUnsafeBufferPointer { ord in
                        Parallel.forEachChunk(chunks.count, minimumChunk: 1) { which in
                            for c in which {
                                let chunk = chunks[c]
                                var src = 0
                                for p in chunk.range {
                                    let i = Int(ord[p])
                                    for dst in off[i]..<off[i + 1] {
                                        outN[dst] = chunk.ids[src]; outD[dst] = chunk.dists[src]
                                        src += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return RadiusNeighbors(offsets: counts, neighbors: neighbors, distances: distances)
    }
}

/// The pairs found by one chunk of queries.
struct ChunkPairs: Sendable {
    let range: Range<Int>
    let ids: [Int32]
    let dists: [Double]
}

/// Collects per-chunk results from parallel workers.
final class ChunkStore: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [(Int, ChunkPairs)] = []

    func put(_ key: Int, _ value: ChunkPairs) {
        lock.lock(); items.append((key, value)); lock.unlock()
    }

    /// The results ordered by key.
    func all() -> [ChunkPairs] {
        lock.lock(); defer { lock.unlock() }
        return items.sorted { $0.0 < $1.0 }.map { $0.1 }
    }
}

import SNNLinalg

/// Exact neighbour queries by blocked brute force: squared distances of a block of queries to a tile of points
/// come from one GEMM (`‖x‖² + ‖y‖² − 2x·y` on mean-centred coordinates), then the candidates that this
/// approximation cannot rule out are re-checked with the exact formula, so the answer equals the definition
/// even where the expansion cancels.
///
/// GEMM runs multithreaded inside BLAS; the candidate selection runs in parallel chunks between GEMM calls
/// (never nested in them).
struct BruteForceSearch {
    let n: Int
    let d: Int
    /// The original points (for the exact re-check).
    let points: [Double]
    /// Mean-centred points (for the GEMM).
    let centred: [Double]
    /// Squared norms of the centred rows.
    let norms: [Double]
    /// Largest squared norm.
    let maxNorm: Double
    /// Bound factor on |approximate − exact| squared distance: `gamma · (‖x‖² + max‖y‖²)`, from the rounding
    /// of the GEMM, the norms, the centring and the exact formula (each O(d·u)), taken 8× larger for safety.
    let gamma: Double

    /// Queries per GEMM block and points per tile (the tile buffer is `queryBlock × pointTile` doubles, 8 MB).
    let queryBlock: Int
    let pointTile: Int

    init(_ matrix: Matrix<Double>, queryBlock: Int = 256, pointTile: Int = 4096) {
        precondition(queryBlock > 0 && pointTile > 0)
        self.queryBlock = queryBlock
        self.pointTile = pointTile
        n = matrix.rows
        d = matrix.cols
        points = matrix.storage
        var mean = [Double](repeating: 0, count: d)
        for i in 0..<n { for c in 0..<d { mean[c] += matrix.storage[i * d + c] } }
        for c in 0..<d { mean[c] /= Double(n) }
        var centred = matrix.storage
        var norms = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var s = 0.0
            for c in 0..<d { let v = centred[i * d + c] - mean[c]; centred[i * d + c] = v; s += v * v }
            norms[i] = s
        }
        self.centred = centred
        self.norms = norms
        maxNorm = norms.max() ?? 0
        gamma = 8 * Double(d + 8) * Double.ulpOfOne
    }

    /// Calls `body(qStart, bq, pStart, bp, tile, norms)` for every query block × point tile, where `tile` holds
    /// `−2 x·y` (row-major `bq × bp`): the approximate squared distance is `norms[x] + norms[y] + tile`. `blockDone(qStart, bq)` runs after each query block.
    private func forEachTile(_ body: (Int, Int, Int, Int, UnsafePointer<Double>, UnsafePointer<Double>) -> Void, blockDone: (Int, Int) -> Void) {
        let qb = Swift.min(n, queryBlock), pt = Swift.min(n, pointTile)
        let tile = UnsafeMutablePointer<Double>.allocate(capacity: qb * pt)
        defer { tile.deallocate() }
        centred.withUnsafeBufferPointer { x in
            norms.withUnsafeBufferPointer { nr in
                for qStart in stride(from: 0, to: n, by: qb) {
                    let bq = Swift.min(qb, n - qStart)
                    for pStart in stride(from: 0, to: n, by: pt) {
                        let bp = Swift.min(pt, n - pStart)
                        Double.gemm(transA: false, transB: true, m: bq, n: bp, k: d, alpha: -2,
                                    a: x.baseAddress! + qStart * d, lda: d, b: x.baseAddress! + pStart * d, ldb: d,
                                    beta: 0, c: tile, ldc: bp)
                        body(qStart, bq, pStart, bp, UnsafePointer(tile), nr.baseAddress!)
                    }
                    blockDone(qStart, bq)
                }
            }
        }
    }

    /// The `k` nearest neighbours of every point (itself excluded), sorted by (exact distance, index).
    /// - Complexity: O(n² d) flops in GEMM plus O(n²) selection.
    func kNearestAll(k: Int) -> KNearestNeighbors {
        let kk = Swift.min(n - 1, k + 8)
        let qb = Swift.min(n, queryBlock)
        var indices = [Int32](repeating: 0, count: n * k)
        var distances = [Double](repeating: 0, count: n * k)
        let heapKeys = UnsafeMutablePointer<Double>.allocate(capacity: qb * kk)
        let heapIds = UnsafeMutablePointer<Int32>.allocate(capacity: qb * kk)
        let heapCounts = UnsafeMutablePointer<Int>.allocate(capacity: qb)
        defer { heapKeys.deallocate(); heapIds.deallocate(); heapCounts.deallocate() }
        let hk = DisjointWriter(heapKeys), hi = DisjointWriter(heapIds), hc = DisjointWriter(heapCounts)
        heapCounts.initialize(repeating: 0, count: qb)
        points.withUnsafeBufferPointer { px in
            indices.withUnsafeMutableBufferPointer { ib in
                distances.withUnsafeMutableBufferPointer { db in
                    let outI = DisjointWriter(ib.baseAddress!), outD = DisjointWriter(db.baseAddress!)
                    forEachTile({ qStart, bq, pStart, bp, tile, nb in
                        Parallel.forEachChunk(bq, minimumChunk: 8) { rows in
                            for r in rows {
                                let q = qStart + r
                                var heap = NeighborHeap(keys: hk.base + r * kk, ids: hi.base + r * kk, capacity: kk)
                                heap.count = hc[r]
                                var worst = heap.worst
                                let row = tile + r * bp, np = nb + pStart, nq = nb[q]
                                for c in 0..<bp {
                                    let approx = nq + np[c] + row[c]
                                    if approx > worst || pStart + c == q { continue }
                                    heap.push(approx, Int32(pStart + c))
                                    worst = heap.worst
                                }
                                hc[r] = heap.count
                            }
                        }
                    }, blockDone: { qStart, bq in
                        Parallel.forEachChunk(bq, minimumChunk: 8) { rows in
                            let approxKeys = UnsafeMutablePointer<Double>.allocate(capacity: kk)
                            let approxIds = UnsafeMutablePointer<Int32>.allocate(capacity: kk)
                            let exactKeys = UnsafeMutablePointer<Double>.allocate(capacity: k)
                            let exactIds = UnsafeMutablePointer<Int32>.allocate(capacity: k)
                            let sortedKeys = UnsafeMutablePointer<Double>.allocate(capacity: k)
                            let sortedIds = UnsafeMutablePointer<Int32>.allocate(capacity: k)
                            defer {
                                approxKeys.deallocate(); approxIds.deallocate(); exactKeys.deallocate(); exactIds.deallocate()
                                sortedKeys.deallocate(); sortedIds.deallocate()
                            }
                            var exact = NeighborHeap(keys: exactKeys, ids: exactIds, capacity: k)
                            for r in rows {
                                let q = qStart + r
                                let qp = px.baseAddress! + q * d
                                var heap = NeighborHeap(keys: hk.base + r * kk, ids: hi.base + r * kk, capacity: kk)
                                heap.count = hc[r]
                                hc[r] = 0
                                let m = heap.drainSorted(keys: approxKeys, ids: approxIds)
                                let ak = approxKeys[k - 1]
                                let threshold = ak + 2 * gamma * (norms[q] + maxNorm) + 1e-12 * abs(ak)
                                exact.reset()
                                if m == n - 1 || approxKeys[m - 1] > threshold {
                                    // Every point whose exact distance can reach the k-th is among the kept ones.
                                    for t in 0..<m where approxKeys[t] <= threshold {
                                        let j = Int(approxIds[t])
                                        exact.push(squaredDistance(qp, px.baseAddress! + j * d, d), approxIds[t])
                                    }
                                } else {
                                    // Too many near-ties for the kept candidates: exact scan of all points.
                                    for j in 0..<n where j != q {
                                        let s = squaredDistance(qp, px.baseAddress! + j * d, d)
                                        if s <= exact.worst { exact.push(s, Int32(j)) }
                                    }
                                }
                                let got = exact.drainSorted(keys: sortedKeys, ids: sortedIds)
                                for t in 0..<got {
                                    outI[q * k + t] = sortedIds[t]
                                    outD[q * k + t] = sortedKeys[t].squareRoot()
                                }
                            }
                        }
                    })
                }
            }
        }
        return KNearestNeighbors(k: k, indices: indices, distances: distances)
    }

    /// All pairs within `radius` (exact `|x_i − x_j| ≤ radius`), per point sorted by index.
    /// - Complexity: O(n² d) flops in GEMM plus O(n²) candidate tests.
    func withinRadiusAll(radius: Double) -> RadiusNeighbors {
        let limit = radius * radius * (1 + pruningSlack)
        let qb = Swift.min(n, queryBlock)
        let rowIds = UnsafeMutablePointer<[Int32]>.allocate(capacity: qb)
        let rowDists = UnsafeMutablePointer<[Double]>.allocate(capacity: qb)
        rowIds.initialize(repeating: [], count: qb)
        rowDists.initialize(repeating: [], count: qb)
        defer {
            rowIds.deinitialize(count: qb); rowDists.deinitialize(count: qb)
            rowIds.deallocate(); rowDists.deallocate()
        }
        let ri = DisjointWriter(rowIds), rd = DisjointWriter(rowDists)
        var offsets = [0]
        offsets.reserveCapacity(n + 1)
        var neighbors: [Int32] = [], distances: [Double] = []
        points.withUnsafeBufferPointer { px in
            forEachTile({ qStart, bq, pStart, bp, tile, nb in
                Parallel.forEachChunk(bq, minimumChunk: 8) { rows in
                    for r in rows {
                        let q = qStart + r
                        let qp = px.baseAddress! + q * d
                        let approxLimit = limit + gamma * (norms[q] + maxNorm)
                        let row = tile + r * bp, np = nb + pStart, nq = nb[q]
                        for c in 0..<bp where nq + np[c] + row[c] <= approxLimit {
                            let j = pStart + c
                            if j == q { continue }
                            let s = squaredDistance(qp, px.baseAddress! + j * d, d)
                            if s <= limit {
                                let dist = s.squareRoot()
                                if dist <= radius { ri.base[r].append(Int32(j)); rd.base[r].append(dist) }
                            }
                        }
                    }
                }
            }, blockDone: { _, bq in
                for r in 0..<bq {
                    neighbors.append(contentsOf: rowIds[r]); distances.append(contentsOf: rowDists[r])
                    offsets.append(neighbors.count)
                    rowIds[r].removeAll(keepingCapacity: true); rowDists[r].removeAll(keepingCapacity: true)
                }
            })
        }
        return RadiusNeighbors(offsets: offsets, neighbors: neighbors, distances: distances)
    }
}

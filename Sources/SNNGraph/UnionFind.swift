/// Disjoint sets over `0..<n` with path halving and union by size.
struct UnionFind {
    private(set) var parent: [Int32]
    private var size: [Int32]
    /// Number of sets.
    private(set) var count: Int

    init(_ n: Int) {
        parent = (0..<n).map { Int32($0) }
        size = [Int32](repeating: 1, count: n)
        count = n
    }

    mutating func find(_ x: Int) -> Int {
        var x = x
        while Int(parent[x]) != x {
            let grand = parent[Int(parent[x])]
            parent[x] = grand
            x = Int(grand)
        }
        return x
    }

    /// Merges the sets of `a` and `b`; returns false when they were already one set.
    @discardableResult
    mutating func union(_ a: Int, _ b: Int) -> Bool {
        var ra = find(a), rb = find(b)
        if ra == rb { return false }
        if size[ra] < size[rb] { swap(&ra, &rb) }
        parent[rb] = Int32(ra)
        size[ra] += size[rb]
        count -= 1
        return true
    }
}

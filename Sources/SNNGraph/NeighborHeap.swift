/// A bounded max-heap of (squared distance, index) keeping the `capacity` smallest pairs seen, ordered
/// lexicographically so that ties go to the smaller index. Works on caller-owned buffers (no allocation).
struct NeighborHeap {
    let keys: UnsafeMutablePointer<Double>
    let ids: UnsafeMutablePointer<Int32>
    let capacity: Int
    var count = 0

    init(keys: UnsafeMutablePointer<Double>, ids: UnsafeMutablePointer<Int32>, capacity: Int) {
        self.keys = keys
        self.ids = ids
        self.capacity = capacity
    }

    /// The largest kept key, or +∞ while the heap is not full (every candidate is then accepted).
    @inline(__always) var worst: Double { count < capacity ? .infinity : keys[0] }

    @inline(__always) mutating func reset() { count = 0 }

    @inline(__always) private func greater(_ ka: Double, _ ia: Int32, _ kb: Double, _ ib: Int32) -> Bool {
        ka > kb || (ka == kb && ia > ib)
    }

    /// Offers a candidate; keeps it when the heap is not full or it precedes the current worst.
    @inline(__always) mutating func push(_ key: Double, _ id: Int32) {
        if count < capacity {
            var i = count
            count += 1
            while i > 0 {
                let parent = (i - 1) >> 1
                if !greater(key, id, keys[parent], ids[parent]) { break }
                keys[i] = keys[parent]; ids[i] = ids[parent]
                i = parent
            }
            keys[i] = key; ids[i] = id
            return
        }
        if !greater(keys[0], ids[0], key, id) { return }
        siftDown(key, id)
    }

    @inline(__always) private mutating func siftDown(_ key: Double, _ id: Int32) {
        var i = 0
        while true {
            let l = 2 * i + 1
            if l >= count { break }
            var c = l
            let r = l + 1
            if r < count && greater(keys[r], ids[r], keys[l], ids[l]) { c = r }
            if !greater(keys[c], ids[c], key, id) { break }
            keys[i] = keys[c]; ids[i] = ids[c]
            i = c
        }
        keys[i] = key; ids[i] = id
    }

    /// Empties the heap into `outKeys`/`outIds` in increasing (key, index) order; returns the count.
    mutating func drainSorted(keys outKeys: UnsafeMutablePointer<Double>, ids outIds: UnsafeMutablePointer<Int32>) -> Int {
        let m = count
        var pos = m - 1
        while count > 0 {
            outKeys[pos] = keys[0]; outIds[pos] = ids[0]
            count -= 1
            if count > 0 { let k = keys[count], id = ids[count]; siftDown(k, id) }
            pos -= 1
        }
        return m
    }
}

import Dispatch
import Foundation

/// Parallel loops over index ranges, for the project's own kernels (never nested inside BLAS calls).
public enum Parallel {
    /// Number of worker chunks: the active processor count (at least 1).
    public static var workers: Int { Swift.max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Calls `body` on disjoint contiguous sub-ranges covering `0..<count`, concurrently when the work is
    /// large enough (`count ≥ 2 · minimumChunk`). Each range is handled by exactly one call.
    public static func forEachChunk(_ count: Int, minimumChunk: Int = 1024, _ body: (Range<Int>) -> Void) {
        if count <= 0 { return }
        let chunks = Swift.min(workers * 4, Swift.max(1, count / Swift.max(1, minimumChunk)))
        if chunks <= 1 { body(0..<count); return }
        let size = (count + chunks - 1) / chunks
        withoutActuallyEscaping(body) { body in
            let task = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let lo = c * size, hi = Swift.min(count, lo + size)
                if lo < hi { task.value(lo..<hi) }
            }
        }
    }
}

/// A shared mutable buffer handed to parallel chunks that write disjoint indices.
/// The caller guarantees that no two concurrent chunks touch the same element.
public struct DisjointWriter<T>: @unchecked Sendable {
    public let base: UnsafeMutablePointer<T>
    public init(_ base: UnsafeMutablePointer<T>) { self.base = base }
    @inlinable public subscript(i: Int) -> T {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }
}

/// Carries a value into a concurrent closure when the caller guarantees race freedom
/// (disjoint writes, read-only sharing).
public struct UncheckedSendable<T>: @unchecked Sendable {
    public let value: T
    public init(_ value: T) { self.value = value }
}

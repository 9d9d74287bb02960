/// A continuous colour map: evenly spaced anchor colours, linearly interpolated between neighbours.
///
/// Matplotlib's `Colormap.__call__` on values already scaled to [0, 1].
public struct Colormap: Sendable, Equatable {
    /// The colours at t = 0, 1/(k−1), …, 1.
    public let anchors: [RGBColor]

    /// A map through `anchors` (at least two).
    public init(anchors: [RGBColor]) {
        precondition(anchors.count >= 2, "a colour map needs at least two anchors")
        self.anchors = anchors
    }

    /// The colour at `t` ∈ [0, 1] (clamped); NaN gives mid grey.
    /// - Complexity: O(1).
    public func color(at t: Double) -> RGBColor {
        guard !t.isNaN else { return RGBColor(red: 128, green: 128, blue: 128) }
        let s = min(max(t, 0), 1) * Double(anchors.count - 1)
        let i = min(Int(s), anchors.count - 2)
        return anchors[i].mixed(with: anchors[i + 1], s - Double(i))
    }

    /// The colour of `value` on a scale from `range.lowerBound` (t = 0) to `range.upperBound` (t = 1).
    public func color(for value: Double, in range: ClosedRange<Double>) -> RGBColor {
        let width = range.upperBound - range.lowerBound
        return color(at: width > 0 ? (value - range.lowerBound) / width : 0.5)
    }

    /// A sequential map from dark violet through blue and teal to green and yellow, in the manner of viridis:
    /// lightness rises monotonically, so it reads in grey scale too. Own anchor table.
    public static let viridis = Colormap(anchors: [
        "#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c",
        "#28ae80", "#5ec962", "#addc30", "#fde725",
    ].map { RGBColor(hex: $0) })

    /// A diverging map, blue (low) through light grey (middle, still visible on white) to red (high), for signed values such as
    /// eigenvector entries; use it with a range symmetric about zero.
    public static let diverging = Colormap(anchors: [
        "#2b4c9b", "#5b86c4", "#a3bfdf", "#dcdad8", "#eba994", "#d8634f", "#a41e2b",
    ].map { RGBColor(hex: $0) })
}

/// An opaque sRGB colour with 8-bit channels.
public struct RGBColor: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// The colour of a `#rrggbb` literal; a malformed literal is a programmer error.
    public init(hex: String) {
        let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        precondition(digits.count == 6, "colour literal \(hex) is not #rrggbb")
        guard let v = UInt32(digits, radix: 16) else { preconditionFailure("colour literal \(hex) is not #rrggbb") }
        self.init(red: UInt8((v >> 16) & 0xff), green: UInt8((v >> 8) & 0xff), blue: UInt8(v & 0xff))
    }

    /// `#rrggbb`, the form SVG and CSS accept.
    public var hex: String {
        let digits = Array("0123456789abcdef")
        var s = "#"
        for c in [red, green, blue] {
            s.append(digits[Int(c >> 4)])
            s.append(digits[Int(c & 0xf)])
        }
        return s
    }

    public var description: String { hex }

    /// The colour `t` of the way from `self` to `other` (`t` clamped to [0, 1]), per channel in sRGB.
    public func mixed(with other: RGBColor, _ t: Double) -> RGBColor {
        let s = min(max(t, 0), 1)
        func channel(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8((Double(a) + (Double(b) - Double(a)) * s).rounded())
        }
        return RGBColor(red: channel(red, other.red), green: channel(green, other.green),
                        blue: channel(blue, other.blue))
    }

    /// Ten distinct colours for series and categories, in the order they are handed out.
    public static let palette: [RGBColor] = [
        "#2f6db5", "#e07b20", "#2a9d4b", "#c8313a", "#8a5cc2",
        "#8e5a3c", "#d35fb7", "#6b6b6b", "#a5a523", "#1fa9c4",
    ].map { RGBColor(hex: $0) }

    /// Palette colour number `index`, cycling after ten.
    public static func categorical(_ index: Int) -> RGBColor {
        palette[((index % palette.count) + palette.count) % palette.count]
    }
}

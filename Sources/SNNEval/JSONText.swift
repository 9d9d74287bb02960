import SNNData
/// A JSON document built in code with keys kept in insertion order, written as indented text (RFC 8259).
/// Non-finite numbers have no JSON spelling and are written as `null`.
public indirect enum JSONText: Sendable, Equatable {
    case object([(String, JSONText)])
    case array([JSONText])
    case string(String)
    case number(Double)
    case integer(Int)
    case bool(Bool)
    case null

    public static func == (a: JSONText, b: JSONText) -> Bool { a.rendered() == b.rendered() }

    /// A number, or null when `x` is nil or not finite.
    public static func number(_ x: Double?) -> JSONText { x.map { .number($0) } ?? .null }

    /// An array of numbers (nil or non-finite elements become null).
    public static func numbers(_ xs: [Double?]) -> JSONText { .array(xs.map { number($0) }) }

    /// The text, objects and arrays of scalars broken over lines with two-space indentation.
    /// - Complexity: O(size of the document).
    public func rendered(indent: Int = 0) -> String {
        let pad = String(repeating: " ", count: indent + 2), closing = String(repeating: " ", count: indent)
        switch self {
        case let .object(members):
            if members.isEmpty { return "{}" }
            let lines = members.map { pad + JSONString.quoted($0.0) + ": " + $0.1.rendered(indent: indent + 2) }
            return "{\n" + lines.joined(separator: ",\n") + "\n" + closing + "}"
        case let .array(elements):
            if elements.isEmpty { return "[]" }
            if elements.allSatisfy({ if case .object = $0 { return false }; if case .array = $0 { return false }; return true }) {
                return "[" + elements.map { $0.rendered() }.joined(separator: ", ") + "]"
            }
            return "[\n" + elements.map { pad + $0.rendered(indent: indent + 2) }.joined(separator: ",\n") + "\n" + closing + "]"
        case let .string(s): return JSONString.quoted(s)
        case let .number(x):
            guard x.isFinite else { return "null" }
            // Swift's shortest round-trip spelling ("0.1", "1e-05", "1.0") is valid JSON.
            return "\(x)"
        case let .integer(i): return String(i)
        case let .bool(b): return b ? "true" : "false"
        case .null: return "null"
        }
    }
}

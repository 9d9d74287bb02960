/// JSON string literals, shared by every JSON writer in snn (safetensors headers, metrics, summaries).
public enum JSONString {
    /// `s` as a JSON string literal with the escapes RFC 8259 requires (quote, backslash, control characters).
    /// - Complexity: O(length of s).
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

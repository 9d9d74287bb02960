import Foundation

/// A table written as comma-separated text with a header row (what `pandas.read_csv` reads).
public struct CSVTable: Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]] = []) {
        self.header = header
        self.rows = rows
    }

    /// Appends a row of cells (strings, integers or numbers; non-finite numbers become empty cells).
    public mutating func append(_ cells: [CSVCell]) {
        precondition(cells.count == header.count, "a row of \(cells.count) cells for \(header.count) columns")
        rows.append(cells.map(\.text))
    }

    /// The CSV text, one line per row, `\n` line ends; cells with commas or quotes are quoted.
    public var text: String {
        ([header] + rows).map { $0.map(Self.escaped).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    static func escaped(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// One cell of a `CSVTable`.
public enum CSVCell: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case text(String)
    case integer(Int)
    case number(Double?)

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }

    /// Integers in decimal, numbers in Swift's shortest round-trip spelling, nil or non-finite as an empty cell.
    public var text: String {
        switch self {
        case let .text(s): return s
        case let .integer(i): return String(i)
        case let .number(x): return x.map { $0.isFinite ? "\($0)" : "" } ?? ""
        }
    }
}

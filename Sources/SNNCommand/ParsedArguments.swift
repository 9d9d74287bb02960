/// A typed value of one option.
enum ArgumentValue: Sendable, Equatable {
    case flag(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case intList([Int])
    case doubleList([Double])
}

/// The arguments of one command line after parsing, type checking and validation against the command's specs.
///
/// Options are looked up by their key (the long spelling, else the short one). An option not given on the
/// command line has its default; asking for an undeclared key or for the wrong type is a programmer error.
struct ParsedArguments: Sendable {
    /// Positional values by name.
    var positionals: [String: String]
    /// Values of given options and of defaults, by key.
    var values: [String: ArgumentValue]
    /// Keys of the options the user actually typed.
    var given: Set<String>

    func positional(_ name: String) -> String? { positionals[name] }

    /// True when the option was typed (rather than defaulted).
    func wasGiven(_ key: String) -> Bool { given.contains(key) }

    func flag(_ key: String) -> Bool {
        guard let v = values[key] else { return false }
        guard case let .flag(b) = v else { preconditionFailure("option \(key) is not a flag") }
        return b
    }

    func int(_ key: String) -> Int? {
        guard let v = values[key] else { return nil }
        guard case let .int(x) = v else { preconditionFailure("option \(key) is not an Int") }
        return x
    }

    func double(_ key: String) -> Double? {
        guard let v = values[key] else { return nil }
        guard case let .double(x) = v else { preconditionFailure("option \(key) is not a Double") }
        return x
    }

    func string(_ key: String) -> String? {
        guard let v = values[key] else { return nil }
        guard case let .string(x) = v else { preconditionFailure("option \(key) is not a String") }
        return x
    }

    func intList(_ key: String) -> [Int]? {
        guard let v = values[key] else { return nil }
        guard case let .intList(x) = v else { preconditionFailure("option \(key) is not an Int list") }
        return x
    }

    func doubleList(_ key: String) -> [Double]? {
        guard let v = values[key] else { return nil }
        guard case let .doubleList(x) = v else { preconditionFailure("option \(key) is not a Double list") }
        return x
    }
}

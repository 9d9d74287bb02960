/// The type of value an option takes.
enum OptionKind: Sendable, Equatable {
    /// A boolean switch: present means true; takes no value.
    case flag
    /// A whole number (`-n 2000`).
    case int
    /// A finite real number (`--noise 0.05`, `--noise 1e-3`).
    case double
    /// Any text (file names, names).
    case string
    /// Comma-separated whole numbers (`--hidden 128,128`).
    case intList
    /// Comma-separated finite real numbers.
    case doubleList

    /// What the parser says it expected when a value does not parse.
    var expectation: String {
        switch self {
        case .flag: return "no value"
        case .int: return "a whole number"
        case .double: return "a finite number"
        case .string: return "a value"
        case .intList: return "comma-separated whole numbers, e.g. 128,128"
        case .doubleList: return "comma-separated numbers, e.g. 0.1,0.5"
        }
    }
}

/// One option of a command: its spellings, value type, default, and help line.
struct OptionSpec: Sendable {
    /// `--long` spelling without the dashes (nil for short-only options such as `-n`).
    var long: String?
    /// `-s` spelling without the dash.
    var short: Character?
    var kind: OptionKind
    /// Placeholder in the usage and help (`N`, `FILE`).
    var valueName: String
    /// The default, written as on the command line; parsed like a user value, and shown in the help.
    var defaultValue: String?
    var required: Bool
    /// Allowed values of a `.string` option, if restricted.
    var choices: [String]?
    /// Smallest allowed value of an `.int` option (or of each element of an `.intList`).
    var minimum: Int?
    var help: String

    init(long: String? = nil, short: Character? = nil, _ kind: OptionKind, valueName: String = "VALUE",
         default defaultValue: String? = nil, required: Bool = false, choices: [String]? = nil, minimum: Int? = nil,
         help: String) {
        precondition(long != nil || short != nil, "an option needs a spelling")
        precondition(!(required && defaultValue != nil), "a required option has no default")
        precondition(!(kind == .flag && (required || defaultValue != nil)), "a flag is off unless given")
        self.long = long
        self.short = short
        self.kind = kind
        self.valueName = valueName
        self.defaultValue = defaultValue
        self.required = required
        self.choices = choices
        self.minimum = minimum
        self.help = help
    }

    /// The name `ParsedArguments` is queried with: the long spelling, else the short one.
    var key: String { long ?? String(short!) }

    /// `--long` or `-s`, as error messages and usage lines show it.
    var displayName: String { long.map { "--\($0)" } ?? "-\(short!)" }

    /// `-o/--out` when both exist.
    var fullName: String {
        if let s = short, let l = long { return "-\(s)/--\(l)" }
        return displayName
    }
}

/// One positional argument of a command.
struct PositionalSpec: Sendable {
    var name: String
    var required: Bool
    var choices: [String]?
    var help: String

    init(_ name: String, required: Bool = true, choices: [String]? = nil, help: String) {
        self.name = name
        self.required = required
        self.choices = choices
        self.help = help
    }
}

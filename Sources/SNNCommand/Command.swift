/// One `snn` subcommand: its name, a one-line abstract, the arguments it accepts, and what it does.
///
/// The parser, the usage line and the help text are all generated from `positionals` and `options`, so the help
/// lists exactly the options that parse. Add a command by writing a type conforming to this protocol (one file)
/// and appending one line to the registry in `main.swift`.
protocol Command: Sendable {
    /// The word after `snn` (`sample`, `info`, …).
    var name: String { get }
    /// One line for `snn --help`.
    var abstract: String { get }
    /// Positional arguments, in order.
    var positionals: [PositionalSpec] { get }
    /// Options (`--flag value`, `-f value`, boolean flags); `-h/--help` is added by the parser.
    var options: [OptionSpec] { get }
    /// Extra paragraphs printed after the option list (formats, examples); empty for none.
    var discussion: String { get }
    /// Runs the command on parsed, type-checked and validated arguments.
    /// - Throws: `UsageError` for bad combinations of arguments (exit code 2), any other error for a failure (exit 1).
    func run(_ arguments: ParsedArguments) throws
}

extension Command {
    var positionals: [PositionalSpec] { [] }
    var discussion: String { "" }

    /// `snn name <positional> -x X [--opt V] …`: required options bare, optional ones in brackets.
    var usage: String {
        var parts = ["snn", name]
        for p in positionals { parts.append(p.required ? "<\(p.name)>" : "[<\(p.name)>]") }
        for o in options {
            let spelling = o.short.map { "-\($0)" } ?? o.displayName
            let token = o.kind == .flag ? spelling : "\(spelling) \(o.valueName)"
            parts.append(o.required ? token : "[\(token)]")
        }
        return parts.joined(separator: " ")
    }

    /// The full help text: abstract, usage, arguments, every option with its default, discussion.
    var help: String {
        var lines = ["snn \(name) — \(abstract)", "", "USAGE: \(usage)"]
        if !positionals.isEmpty {
            lines += ["", "ARGUMENTS:"]
            let width = positionals.map { $0.name.count + 2 }.max() ?? 0
            for p in positionals {
                var text = p.help
                if let choices = p.choices { text += " (one of: \(choices.joined(separator: ", ")))" }
                lines.append(HelpLayout.row("<\(p.name)>", text, width: width))
            }
        }
        lines += ["", "OPTIONS:"]
        let rows = options.map { o -> (String, String) in
            var left = o.short.map { "-\($0)" } ?? ""
            if let long = o.long { left += (left.isEmpty ? "" : ", ") + "--\(long)" }
            if o.kind != .flag { left += " \(o.valueName)" }
            var text = o.help
            if let choices = o.choices { text += " (one of: \(choices.joined(separator: ", ")))" }
            if o.required { text += " (required)" } else if let d = o.defaultValue { text += " (default: \(d))" }
            return (left, text)
        } + [("-h, --help", "Show this help and exit")]
        let width = rows.map(\.0.count).max() ?? 0
        lines += rows.map { HelpLayout.row($0.0, $0.1, width: width) }
        if !discussion.isEmpty { lines += ["", discussion] }
        return lines.joined(separator: "\n")
    }
}

/// Two-column help rows.
enum HelpLayout {
    static func row(_ left: String, _ right: String, width: Int) -> String {
        "  " + left.padding(toLength: width, withPad: " ", startingAt: 0) + "   " + right
    }
}

import Foundation

/// The top level of `snn`: finds the command, handles `--help`, `--version` and `help <command>`, runs the
/// command, and turns every error into one `snn: error: …` line on stderr and an exit code
/// (0 success, 1 failure, 2 usage error).
struct Tool {
    var commands: [any Command]

    init(commands: [any Command]) {
        precondition(Set(commands.map(\.name)).count == commands.count, "two commands share a name")
        self.commands = commands
    }

    /// The overview printed by `snn`, `snn --help` and `snn help`.
    var help: String {
        let width = max(commands.map(\.name.count).max() ?? 0, 4)
        var lines = [
            "snn \(snnVersion) — Spectral Neural Networks: learn graph-Laplacian eigenvectors with a neural network.",
            "",
            "USAGE: snn <command> [arguments] [options]",
            "",
            "COMMANDS:",
        ]
        lines += commands.map { HelpLayout.row($0.name, $0.abstract, width: width) }
        lines += [
            HelpLayout.row("help", "Show the help of a command (snn help <command>)", width: width),
            "",
            "OPTIONS:",
            HelpLayout.row("-h, --help", "Show this help and exit", width: 12),
            HelpLayout.row("--version", "Print the version and exit", width: 12),
            "",
            "Run 'snn <command> --help' for the arguments and options of a command.",
        ]
        return lines.joined(separator: "\n")
    }

    /// Runs the command line (without the program name) and returns the exit code.
    func run(_ words: [String]) -> Int32 {
        do {
            try dispatch(words)
            return 0
        } catch let error as UsageError {
            Console.error(error.description)
            return 2
        } catch {
            Console.error(Console.message(for: error))
            return 1
        }
    }

    private func command(named word: String) throws -> any Command {
        if let c = commands.first(where: { $0.name == word }) { return c }
        let names = commands.map(\.name)
        throw UsageError("unknown command '\(word)' (commands: \(names.joined(separator: ", ")), help)"
            + Suggestion.didYouMean(word, among: names + ["help"]))
    }

    private func dispatch(_ words: [String]) throws {
        guard let first = words.first else { print(help); return }
        switch first {
        case "-h", "--help":
            print(help)
        case "--version":
            print("snn \(snnVersion)")
        case "help":
            if words.count == 1 { print(help); return }
            if words.count > 2 { throw UsageError("'snn help' takes one command name, got \(words.count - 1) arguments") }
            print(try command(named: words[1]).help)
        default:
            if first.hasPrefix("-") {
                let hint = Suggestion.closest(to: first.drop { $0 == "-" }.description, among: ["help", "version"])
                    .map { "; did you mean '--\($0)'?" } ?? ""
                throw UsageError("unknown option '\(first)' (command options go after the command name)\(hint)")
            }
            let command = try command(named: first)
            let arguments: ParsedArguments
            do {
                arguments = try ArgumentParser.parse(Array(words.dropFirst()), for: command)
            } catch is HelpRequested {
                print(command.help)
                return
            }
            try command.run(arguments)
        }
    }
}

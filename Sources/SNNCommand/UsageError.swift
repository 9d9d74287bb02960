/// A mistake on the command line (unknown command or option, missing or malformed value): exit code 2.
struct UsageError: Error, CustomStringConvertible, Equatable {
    var message: String
    /// The command whose help the message points to, nil for the top level.
    var command: String?

    init(_ message: String, command: String? = nil) {
        self.message = message
        self.command = command
    }

    var description: String {
        message + " (see 'snn \(command.map { "\($0) " } ?? "")--help')"
    }
}

/// A failure while running a command that no library error describes (exit code 1).
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Thrown by the parser when `-h/--help` is among a command's arguments.
struct HelpRequested: Error {}

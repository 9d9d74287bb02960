import Foundation  // String.padding, used by Command.swift (the executable target imports Foundation elsewhere)

/// libFuzzer entry point for the command-line parser (`ArgumentParser`), compiled in one module with the
/// parser's source files (see run.sh). The input is split at NUL and newline bytes into words; every word list
/// must parse or end in a `UsageError` / `HelpRequested`, never a trap.
struct FuzzCommand: Command {
    let name = "fuzz"
    let abstract = "Every option kind the snn commands use"
    var positionals: [PositionalSpec] {
        [PositionalSpec("manifold", choices: ["sphere", "torus", "blobs"], help: "A choice"),
         PositionalSpec("extra", required: false, help: "An optional word")]
    }
    var options: [OptionSpec] {
        [OptionSpec(short: "n", .int, valueName: "N", required: true, minimum: 1, help: "Whole number ≥ 1"),
         OptionSpec(short: "r", .int, valueName: "R", default: "3", minimum: 1, help: "Short with default"),
         OptionSpec(long: "noise", .double, valueName: "s", default: "0", help: "Real number"),
         OptionSpec(long: "seed", .int, valueName: "S", default: "0", minimum: 0, help: "Seed"),
         OptionSpec(long: "hidden", .intList, valueName: "W,W", default: "128,128", minimum: 1, help: "Int list"),
         OptionSpec(long: "radii", .doubleList, valueName: "R,r", default: "2,1", help: "Real list"),
         OptionSpec(long: "activation", .string, valueName: "NAME", default: "relu", choices: ["relu", "tanh", "gelu"], help: "Choice"),
         OptionSpec(long: "resume", .flag, help: "Flag"),
         OptionSpec(long: "quiet", short: "q", .flag, help: "Flag with a short spelling"),
         OptionSpec(long: "lr", .double, valueName: "RATE", help: "Optional real"),
         OptionSpec(long: "out", short: "o", .string, valueName: "FILE", required: true, help: "Output")]
    }
    func run(_ arguments: ParsedArguments) throws {}
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFlags(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    let words = bytes.split(omittingEmptySubsequences: false) { $0 == 0 || $0 == 0x0A }
        .map { String(decoding: $0, as: UTF8.self) }
    let command = FuzzCommand()
    do {
        let parsed = try ArgumentParser.parse(words, for: command)
        precondition(parsed.int("n").map { $0 >= 1 } ?? false, "-n parsed below its minimum or missing")
        precondition(parsed.string("out").map { !$0.isEmpty } ?? false, "required --out missing or empty")
        precondition(parsed.intList("hidden")!.allSatisfy { $0 >= 1 }, "--hidden element below its minimum")
        precondition(parsed.doubleList("radii")!.allSatisfy(\.isFinite), "non-finite --radii")
        _ = command.help
    } catch let error as UsageError {
        precondition(!error.description.isEmpty, "empty usage error")
    } catch is HelpRequested {
    } catch {
        preconditionFailure("unexpected error type \(error)")
    }
    return 0
}

/// The hand-written command-line parser: turns the words after `snn <command>` into `ParsedArguments`,
/// driven by the command's `OptionSpec`s and `PositionalSpec`s.
///
/// Accepted forms: `--name value`, `--name=value`, `-s value`, `-s=value`, `-svalue` (short options with a
/// value), boolean `--flag` / `-f`, positional words, and `--` after which every word is positional. A value
/// may start with `-` only when it is a number (`--noise -1` is parsed, then rejected by validation). Each option
/// may be given once. Unknown options get a did-you-mean suggestion; missing values, malformed numbers, values
/// outside `choices`/`minimum`, missing required options and surplus positionals are `UsageError`s naming the
/// option. `-h`/`--help` anywhere before `--` throws `HelpRequested`.
enum ArgumentParser {
    static func parse(_ words: [String], for command: any Command) throws -> ParsedArguments {
        let options = command.options
        let name = command.name
        func usage(_ message: String) -> UsageError { UsageError(message, command: name) }

        let endOfOptions = words.firstIndex(of: "--") ?? words.count
        if words[..<endOfOptions].contains(where: { $0 == "-h" || $0 == "--help" }) { throw HelpRequested() }

        var positionalWords: [String] = []
        var values: [String: ArgumentValue] = [:]
        var given: Set<String> = []
        var index = 0
        var onlyPositionals = false

        func store(_ spec: OptionSpec, _ raw: String?, spelled: String) throws {
            if given.contains(spec.key) { throw usage("option \(spec.fullName) is given more than once") }
            given.insert(spec.key)
            if spec.kind == .flag {
                if raw != nil { throw usage("option \(spelled) takes no value") }
                values[spec.key] = .flag(true)
                return
            }
            guard let raw else {
                let expected = spec.kind == .string ? spec.valueName : "\(spec.valueName): \(spec.kind.expectation)"
                throw usage("missing value for \(spec.fullName) (expected \(expected))")
            }
            values[spec.key] = try convert(raw, spec, command: name)
        }

        while index < words.count {
            let word = words[index]
            index += 1
            if onlyPositionals || word == "-" || !word.hasPrefix("-") || isNumber(word) {
                positionalWords.append(word)
                continue
            }
            if word == "--" { onlyPositionals = true; continue }

            // Split `--name=value` / `-s=value` / `-svalue`.
            let isLong = word.hasPrefix("--")
            let body = String(word.dropFirst(isLong ? 2 : 1))
            var optionName = body, inline: String?
            if let eq = body.firstIndex(of: "=") {
                optionName = String(body[..<eq])
                inline = String(body[body.index(after: eq)...])
            }
            let spec: OptionSpec?
            if isLong {
                spec = options.first { $0.long == optionName }
            } else if let first = optionName.first, let s = options.first(where: { $0.short == first }) {
                if optionName.count > 1 {
                    // `-n500`: a short option glued to its value.
                    if s.kind == .flag || inline != nil { spec = nil } else {
                        inline = String(optionName.dropFirst()); optionName = String(first); spec = s
                    }
                } else {
                    spec = s
                }
            } else {
                spec = nil
            }
            guard let spec else {
                throw unknownOption(isLong ? "--\(optionName)" : "-\(optionName)", optionName, options, command: name)
            }

            var raw = inline
            if raw == nil && spec.kind != .flag, index < words.count {
                let next = words[index]
                if !next.hasPrefix("-") || next == "-" || isNumber(next) { raw = next; index += 1 }
            }
            try store(spec, raw, spelled: isLong ? "--\(optionName)" : "-\(optionName)")
        }

        for spec in options where !given.contains(spec.key) {
            if spec.required {
                throw usage("missing required option \(spec.fullName) \(spec.valueName)")
            }
            if let d = spec.defaultValue {
                guard let v = try? convert(d, spec, command: name) else {
                    preconditionFailure("default '\(d)' of \(spec.displayName) does not parse")
                }
                values[spec.key] = v
            }
        }

        let specs = command.positionals
        if positionalWords.count > specs.count {
            let extra = positionalWords[specs.count]
            let expected = specs.isEmpty ? "no positional arguments" : specs.map { "<\($0.name)>" }.joined(separator: " ")
            throw usage("unexpected argument '\(extra)' (expected \(expected))")
        }
        var positionals: [String: String] = [:]
        for (k, spec) in specs.enumerated() {
            guard k < positionalWords.count else {
                if spec.required {
                    let choices = spec.choices.map { ": one of \($0.joined(separator: ", "))" } ?? ""
                    throw usage("missing argument <\(spec.name)>\(choices)")
                }
                continue
            }
            let word = positionalWords[k]
            if let choices = spec.choices, !choices.contains(word) {
                throw usage("unknown \(spec.name) '\(word)' (valid: \(choices.joined(separator: ", ")))"
                    + Suggestion.didYouMean(word, among: choices))
            }
            positionals[spec.name] = word
        }
        return ParsedArguments(positionals: positionals, values: values, given: given)
    }

    /// True for words like `-3`, `-0.5`, `-1e-3`, which are values rather than options.
    static func isNumber(_ word: String) -> Bool {
        guard word.hasPrefix("-"), word.count > 1 else { return false }
        return Double(word) != nil
    }

    /// Converts and validates one raw value.
    static func convert(_ raw: String, _ spec: OptionSpec, command: String) throws -> ArgumentValue {
        func bad(_ why: String? = nil) -> UsageError {
            UsageError("invalid value '\(raw)' for \(spec.fullName): \(why ?? "expected \(spec.kind.expectation)")",
                       command: command)
        }
        func integer(_ s: String) throws -> Int {
            guard let v = Int(s.trimmingWhitespace()) else { throw bad() }
            if let m = spec.minimum, v < m { throw bad("must be at least \(m)") }
            return v
        }
        func real(_ s: String) throws -> Double {
            guard let v = Double(s.trimmingWhitespace()), v.isFinite else { throw bad() }
            return v
        }
        switch spec.kind {
        case .flag:
            throw bad()
        case .int:
            return .int(try integer(raw))
        case .double:
            return .double(try real(raw))
        case .string:
            if raw.isEmpty { throw bad("expected a non-empty value") }
            if let choices = spec.choices, !choices.contains(raw) {
                throw bad("expected one of \(choices.joined(separator: ", "))\(Suggestion.didYouMean(raw, among: choices))")
            }
            return .string(raw)
        case .intList:
            let parts = raw.split(separator: ",", omittingEmptySubsequences: false)
            return .intList(try parts.map { try integer(String($0)) })
        case .doubleList:
            let parts = raw.split(separator: ",", omittingEmptySubsequences: false)
            return .doubleList(try parts.map { try real(String($0)) })
        }
    }

    private static func unknownOption(_ word: String, _ name: String, _ options: [OptionSpec], command: String) -> UsageError {
        // Compare without dashes so that `-dim` suggests `--dim` and `--nosie` suggests `--noise`.
        var spellings: [(bare: String, shown: String)] = []
        for o in options {
            if let l = o.long { spellings.append((l, "--\(l)")) }
            if let s = o.short { spellings.append((String(s), "-\(s)")) }
        }
        spellings.append(("help", "--help"))
        let bare = spellings.map(\.bare)
        let hint = Suggestion.closest(to: name, among: bare).map { match in
            "; did you mean '\(spellings.first { $0.bare == match }!.shown)'?"
        } ?? ""
        return UsageError("unknown option '\(word)' for 'snn \(command)'\(hint)", command: command)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return String(s)
    }
}

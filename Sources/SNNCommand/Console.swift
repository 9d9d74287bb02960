import Foundation

/// Output helpers: one-line errors on stderr, durations, numbers.
enum Console {
    /// Writes `snn: error: message` as one line on stderr (newlines in the message become spaces).
    static func error(_ message: String) {
        let line = "snn: error: " + message.split(whereSeparator: \.isNewline).joined(separator: " ") + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// The readable text of any error: the `description` of snn's typed errors, the localized text of
    /// Foundation's.
    static func message(for error: any Error) -> String {
        if let cocoa = error as? CocoaError {
            if let underlying = cocoa.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
                return String(cString: strerror(Int32(underlying.code)))
            }
            return cocoa.localizedDescription
        }
        if type(of: error) is NSError.Type { return (error as NSError).localizedDescription }
        return String(describing: error)
    }

    /// Creates the folder `path` and any missing parents (`mkdir -p`).
    /// - Throws: `CommandFailure` naming the folder and the system's reason.
    static func makeDirectories(_ path: String) throws {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: prefix, isDirectory: &isFolder) {
                if !isFolder.boolValue {
                    throw CommandFailure("cannot create the folder '\(path)': '\(prefix)' is a file; choose another output folder")
                }
            } else if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                let reason = String(cString: strerror(errno))
                throw CommandFailure("cannot create the folder '\(path)' (\(reason)); choose a writable output folder")
            }
            prefix += "/"
        }
    }

    /// `0.8 ms`, `12.3 ms`, `4.56 s`.
    static func format(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        if seconds < 1 { return String(format: "%.1f ms", seconds * 1000) }
        return String(format: "%.2f s", seconds)
    }

    /// A number in at most `width` characters, `%.6g` style (`-0.999871`, `1.2e-07`).
    static func number(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        return String(format: "%.6g", x)
    }
}

/// Measures wall time from its creation.
struct Stopwatch {
    private let start = ContinuousClock.now
    var elapsed: Duration { ContinuousClock.now - start }
    var formatted: String { Console.format(elapsed) }
}

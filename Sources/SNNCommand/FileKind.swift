/// The file types snn reads and writes, chosen by extension.
enum FileKind: String {
    case npy, npz, csv, txt, safetensors

    /// The kind of `path` by its extension (case-insensitive), nil for anything else.
    init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        self.init(rawValue: path[path.index(after: dot)...].lowercased())
    }

    /// Checks that `path` (the value of `option`) has one of `allowed` extensions; a `UsageError` otherwise.
    static func require(_ path: String, _ allowed: [FileKind], option: String, command: String) throws -> FileKind {
        if let kind = FileKind(path: path), allowed.contains(kind) { return kind }
        let list = allowed.map { ".\($0.rawValue)" }.joined(separator: " or ")
        throw UsageError("\(option) '\(path)' must end in \(list)", command: command)
    }
}

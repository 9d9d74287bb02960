#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Atomic file replacement: write a temporary file in the destination's folder, flush it, then `rename(2)` it over
/// the destination, so readers see either the old file or the complete new one, never a partial write.
public enum AtomicFile {
    /// Writes `bytes` to `path` atomically. The temporary file is removed on any failure.
    /// - Throws: `DataError.unwritable` naming the path and the reason (missing folder, permission denied, disk full).
    /// - Complexity: O(bytes.count).
    public static func write(_ bytes: [UInt8], to path: String) throws {
        precondition(!path.isEmpty, "AtomicFile.write: empty path")
        let folder = folderOf(path)
        let slash = path.lastIndex(of: "/")
        let directoryPrefix = slash.map { String(path[...$0]) } ?? ""
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !base.isEmpty else { throw DataError.unwritable(path: path, reason: "the path names a folder, not a file") }
        var info = stat()
        if stat(folder, &info) != 0 {
            throw DataError.unwritable(path: path, reason: errno == ENOENT ? "folder \(folder) does not exist" : errnoText(errno))
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw DataError.unwritable(path: path, reason: "\(folder) is not a folder")
        }

        var fd: Int32 = -1
        var temp = ""
        for _ in 0..<16 {
            temp = directoryPrefix + "." + base + ".tmp-\(getpid())-"
                + String(UInt32.random(in: 0...UInt32.max), radix: 36)
            fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else {
            let code = errno
            let reason = code == EACCES || code == EROFS || code == EPERM
                ? "folder \(folder) is not writable (\(errnoText(code)))" : errnoText(code)
            throw DataError.unwritable(path: path, reason: reason)
        }
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let n = systemWrite(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errnoText(errno)
                    return
                }
                done += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = errnoText(errno) }
        if close(fd) != 0, failure == nil { failure = errnoText(errno) }
        if failure == nil, rename(temp, path) != 0 {
            failure = errno == EISDIR || errno == ENOTEMPTY || errno == EEXIST ? "a folder of that name exists" : errnoText(errno)
        }
        if let reason = failure {
            unlink(temp)
            throw DataError.unwritable(path: path, reason: reason)
        }
    }

    /// Removes the temporary files `write` left next to `path` when a process was killed mid-write
    /// (`.<name>.tmp-<pid>-<random>` whose process no longer runs). Failures are ignored.
    /// - Complexity: O(entries in the folder).
    public static func removeStaleTemporaries(of path: String) {
        let folder = folderOf(path)
        let slash = path.lastIndex(of: "/")
        let directoryPrefix = slash.map { String(path[...$0]) } ?? ""
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let prefix = "." + base + ".tmp-"
        guard !base.isEmpty, let dir = opendir(folder) else { return }
        defer { closedir(dir) }
        var stale: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name.hasPrefix(prefix), let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }) else { continue }
            if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH { stale.append(directoryPrefix + name) }
        }
        for name in stale { unlink(name) }
    }

    /// The folder part of `path` ("." for a bare file name, "/" for a file in the root).
    static func folderOf(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }
}

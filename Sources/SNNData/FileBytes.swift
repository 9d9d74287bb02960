#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads through POSIX calls, with errors that name the file and the reason.
enum FileBytes {
    /// The contents of the regular file at `path`.
    /// - Throws: `DataError.fileNotFound` or `.unreadable`.
    /// - Complexity: O(file size).
    static func read(path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { throw DataError.fileNotFound(path: path) }
            throw DataError.unreadable(path: path, reason: errnoText(code))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw DataError.unreadable(path: path, reason: errnoText(errno)) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw DataError.unreadable(path: path, reason: (info.st_mode & S_IFMT) == S_IFDIR ? "it is a folder" : "not a regular file")
        }
        let size = Int(info.st_size)
        var out = [UInt8](repeating: 0, count: size)
        var done = 0
        try out.withUnsafeMutableBytes { buffer in
            while done < size {
                let n = systemRead(fd, buffer.baseAddress! + done, size - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw DataError.unreadable(path: path, reason: errnoText(errno))
                }
                if n == 0 { break }
                done += n
            }
        }
        if done < size { out.removeSubrange(done...) }
        return out
    }
}

/// The C library's text for an `errno` value.
func errnoText(_ code: Int32) -> String {
    String(cString: strerror(code))
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The raw POSIX calls the file readers and writers use, named so they do not clash with Swift methods of the same
// name (`write`, `read`) inside the types that call them.
#if canImport(Glibc)
let systemRead = Glibc.read
let systemWrite = Glibc.write
#elseif canImport(Darwin)
let systemRead = Darwin.read
let systemWrite = Darwin.write
#endif

import SNNLinalg

// Generic entry points of a library are not specialized for the caller's type when the caller lives in
// another module, and unspecialized generic loops run several times slower (every `+` and `>` through a
// witness table). The hot kernels therefore test the scalar type once and call their body with concrete
// `Float`/`Double` pointers, which the compiler specializes inside this module.

/// The same memory seen as elements of `U` (used only when `T == U`).
@inline(__always) func rebound<T, U>(_ p: UnsafeMutablePointer<T>, to: U.Type) -> UnsafeMutablePointer<U> {
    UnsafeMutableRawPointer(p).assumingMemoryBound(to: U.self)
}

/// The same memory seen as elements of `U` (used only when `T == U`).
@inline(__always) func rebound<T, U>(_ p: UnsafePointer<T>, to: U.Type) -> UnsafePointer<U> {
    UnsafeRawPointer(p).assumingMemoryBound(to: U.self)
}

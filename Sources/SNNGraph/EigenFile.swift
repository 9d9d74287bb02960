import SNNData
import SNNLinalg

/// Eigenpairs on disk: a plain `numpy.savez` archive with `values` (float64, shape `(r,)`, descending) and
/// `vectors` (float64, shape `(n, r)`, eigenvector k in column k), as `snn eigs` writes them.
///
/// From Python: `z = numpy.load(path); z["values"], z["vectors"]`.
public enum EigenFile {
    /// Writes the eigenpairs atomically (`numpy.savez(path, values=values, vectors=vectors)`).
    /// - Precondition: `vectors.cols == values.count`.
    /// - Throws: `DataError.unwritable`.
    /// - Complexity: O(n · r).
    public static func write(values: [Double], vectors: Matrix<Double>, path: String) throws {
        precondition(vectors.cols == values.count, "EigenFile: \(values.count) values but \(vectors.cols) vectors")
        try NPZ.write([("values", NumpyArray(vector: values)), ("vectors", NumpyArray(vectors))], path: path)
    }

    /// Reads eigenpairs written by `write` or by `numpy.savez` / `savez_compressed` (float32 or float64 members;
    /// other members are ignored).
    /// - Throws: `DataError` for a missing or malformed archive; `GraphFileError.invalidEigenpairs` for a missing
    ///   member, a wrong rank or dtype, or `vectors` whose column count differs from the number of values.
    /// - Complexity: O(file size).
    public static func read(path: String) throws -> (values: [Double], vectors: Matrix<Double>) {
        func invalid(_ problem: String) -> GraphFileError { .invalidEigenpairs(file: path, problem: problem) }
        let members = try NPZ.read(path: path)
        guard let values = members.first(where: { $0.name == "values" })?.array else {
            throw invalid("member 'values' is missing")
        }
        guard let vectors = members.first(where: { $0.name == "vectors" })?.array else {
            throw invalid("member 'vectors' is missing")
        }
        guard !values.dtype.isInteger, !vectors.dtype.isInteger else {
            throw invalid("'values' and 'vectors' must be float32 or float64, got \(values.dtype.rawValue) and \(vectors.dtype.rawValue)")
        }
        guard values.shape.count == 1 else {
            throw invalid("'values' must be one-dimensional (r,), got shape \(GraphFile.pythonShape(values.shape))")
        }
        guard vectors.shape.count == 2, vectors.shape[1] == values.count else {
            throw invalid("'vectors' must have shape (n, \(values.count)) to match \(values.count) values, got "
                + GraphFile.pythonShape(vectors.shape))
        }
        return (values.doubles(), try vectors.matrix(Double.self))
    }
}

import Foundation
import XCTest
@testable import SNNData

/// Access to the committed fixtures (written by scripts/make_fixtures.py) and their manifest `data_fixtures.json`.
enum Fixtures {
    static let folder: URL = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    static func bytes(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: folder.appendingPathComponent(name))) }

    /// The manifest: `npy`, `npz`, `csv` sections keyed by file name.
    static func section(_ name: String) -> [String: Any] {
        let data = try! Data(contentsOf: folder.appendingPathComponent("data_fixtures.json"))
        let manifest = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        return manifest[name] as! [String: Any]
    }
}

/// One array as the manifest describes it.
struct ExpectedArray {
    var dtype: String
    var shape: [Int]
    var fortran: Bool
    /// Exact decimal values (C order).
    var values: [String]

    init(_ any: Any) {
        let d = any as! [String: Any]
        dtype = d["dtype"] as! String
        shape = (d["shape"] as! [Any]).map { ($0 as! NSNumber).intValue }
        fortran = d["fortran"] as? Bool ?? false
        values = d["values"] as? [String] ?? []
    }

    /// Asserts that `a` has this dtype, shape and exactly these values.
    func check(_ a: NumpyArray, _ label: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(a.dtype.rawValue, dtype, label, file: file, line: line)
        XCTAssertEqual(a.shape, shape, label, file: file, line: line)
        switch a.dtype {
        case .int32, .int64:
            XCTAssertEqual(try a.int64s(), values.map { Int64($0)! }, label, file: file, line: line)
        case .float32:
            XCTAssertEqual(a.elements(Float.self), values.map { Float(Double($0)!) }, label, file: file, line: line)
        case .float64:
            XCTAssertEqual(a.doubles(), values.map { Double($0)! }, label, file: file, line: line)
        }
    }
}

/// A fresh temporary folder, removed by the caller.
func makeTemporaryFolder() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("snn-data-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
}

/// Asserts that `body` throws a `DataError` and returns it.
@discardableResult
func assertDataError<T>(_ body: @autoclosure () throws -> T, file: StaticString = #filePath, line: UInt = #line) -> DataError? {
    do {
        _ = try body()
        XCTFail("expected a DataError", file: file, line: line)
        return nil
    } catch let e as DataError {
        return e
    } catch {
        XCTFail("expected a DataError, got \(error)", file: file, line: line)
        return nil
    }
}

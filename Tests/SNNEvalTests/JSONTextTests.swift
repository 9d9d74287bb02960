import XCTest
import Foundation
@testable import SNNEval

/// The JSON writer: valid JSON that Foundation parses back to the same values, non-finite numbers as null,
/// string escapes, key order kept.
final class JSONTextTests: XCTestCase {
    func testRenderedTextParsesBackWithNullsForNonFiniteNumbers() throws {
        let document = JSONText.object([
            ("b", .number(0.1)), ("a", .numbers([1e-5, .infinity, nil, -0.0])), ("s", .string("q\"\\\n\u{1}é")),
            ("nested", .array([.object([("k", .integer(3)), ("t", .bool(true))]), .null])),
        ])
        let text = document.rendered()
        XCTAssertTrue(text.hasPrefix("{\n  \"b\": 0.1,\n  \"a\": [1e-05, null, null, -0.0],"), text)
        XCTAssertTrue(text.contains("\"q\\\"\\\\\\n\\u0001é\""), text)
        let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(parsed["b"] as? Double, 0.1)
        let a = try XCTUnwrap(parsed["a"] as? [Any])
        XCTAssertEqual(a[0] as? Double, 1e-5)
        XCTAssertTrue(a[1] is NSNull && a[2] is NSNull)
        XCTAssertEqual(parsed["s"] as? String, "q\"\\\n\u{1}é")
        let nested = try XCTUnwrap(parsed["nested"] as? [Any])
        XCTAssertEqual((nested[0] as? [String: Any])?["k"] as? Int, 3)
        XCTAssertTrue(nested[1] is NSNull)
    }

    func testClusteringEvaluationChecksTheLabelCount() {
        XCTAssertThrowsError(try ClusteringEvaluation(embedding: TestGraphs.gaussian(rows: 4, cols: 2, seed: 1), labels: [0, 1, 1])) { error in
            XCTAssertEqual(error as? EvalError, .mismatch("there are 3 labels but the embedding has 4 rows; pass one label per point of the graph"))
        }
    }
}

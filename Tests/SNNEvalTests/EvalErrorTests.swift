import XCTest
@testable import SNNEval

final class EvalErrorTests: XCTestCase {
    func testDescriptionIsTheMessage() {
        XCTAssertEqual("\(EvalError.mismatch("the embedding has 3 rows, the labels 4"))", "the embedding has 3 rows, the labels 4")
    }
}

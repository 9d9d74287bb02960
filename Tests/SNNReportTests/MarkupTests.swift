import XCTest
@testable import SNNReport

final class MarkupTests: XCTestCase {
    func testEscapeReplacesEveryMarkupCharacter() {
        XCTAssertEqual(Markup.escape("a<b & \"c\" > 'd'"), "a&lt;b &amp; &quot;c&quot; &gt; &#39;d&#39;")
        XCTAssertEqual(Markup.escape("λ₁ = 1"), "λ₁ = 1")
    }
}

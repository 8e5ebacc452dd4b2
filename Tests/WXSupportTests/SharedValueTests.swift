import XCTest
import WXSupport

/// A shared value behaves as a value: a change through one copy is never seen through another.
final class SharedValueTests: XCTestCase {
    func testAChangedCopyLeavesTheOriginalAsItWas() {
        let original = SharedValue(["a", "b"])
        var copy = original
        copy.value.append("c")
        XCTAssertEqual(original.value, ["a", "b"])
        XCTAssertEqual(copy.value, ["a", "b", "c"])
    }

    func testAnUnsharedValueIsChangedInPlace() {
        var only = SharedValue([1, 2])
        only.value[0] = 10
        only.value.append(3)
        XCTAssertEqual(only.value, [10, 2, 3])
    }
}

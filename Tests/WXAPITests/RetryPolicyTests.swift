import Foundation
import XCTest
@testable import WXAPI

final class RetryPolicyTests: XCTestCase {
    let policy = RetryPolicy(maxAttempts: 6, baseDelay: 1, maxDelay: 8, maxTotalDelay: 60)

    func testDelaysDoubleFromTheBaseWithJitterInTheUpperHalf() {
        XCTAssertEqual(policy.delay(beforeRetry: 1, jitter: 0), 0.5)
        XCTAssertEqual(policy.delay(beforeRetry: 1, jitter: 1), 1)
        XCTAssertEqual(policy.delay(beforeRetry: 2, jitter: 0), 1)
        XCTAssertEqual(policy.delay(beforeRetry: 3, jitter: 0.5), 3)
    }

    func testDelaysAreCappedAtTheMaximum() {
        XCTAssertEqual(policy.delay(beforeRetry: 10, jitter: 1), 8)
        XCTAssertEqual(policy.delay(beforeRetry: 10, jitter: 0), 4)
    }

    func testJitterOutsideTheUnitIntervalIsClamped() {
        XCTAssertEqual(policy.delay(beforeRetry: 1, jitter: 7), 1)
        XCTAssertEqual(policy.delay(beforeRetry: 1, jitter: -1), 0.5)
    }

    func testAtLeastOneAttemptIsAlwaysMade() {
        XCTAssertEqual(RetryPolicy(maxAttempts: 0).maxAttempts, 1)
    }
}

final class BatchingTests: XCTestCase {
    func testListsThatFitOneCallStayWhole() {
        XCTAssertEqual(WeChatClient.batches(Array(0..<10_000), maxSize: 10_000).map(\.count), [10_000])
    }

    func testLongerListsSplitEvenlySoNoBatchFallsUnderTwo() {
        XCTAssertEqual(WeChatClient.batches(Array(0..<10_001), maxSize: 10_000).map(\.count), [5_001, 5_000])
        XCTAssertEqual(WeChatClient.batches(Array(0..<25_000), maxSize: 10_000).map(\.count), [8_334, 8_333, 8_333])
    }

    func testBatchesKeepOrderAndLoseNothing() {
        let items = Array(0..<20_003)
        XCTAssertEqual(WeChatClient.batches(items, maxSize: 10_000).flatMap { $0 }, items)
    }

    func testBatchKeysAreDistinctDeterministicAndShort() {
        let keys = (0..<3).map { ClientMsgID.batch("post-42", index: $0) }
        XCTAssertEqual(Set(keys).count, 3)
        XCTAssertEqual(keys, (0..<3).map { ClientMsgID.batch("post-42", index: $0) })
        XCTAssertTrue(keys.allSatisfy { $0.count == 32 })
    }

    func testDerivedKeysAreHexOfTheSeed() {
        XCTAssertEqual(ClientMsgID.derive(from: "abc"), "ba7816bf8f01cfea414140de5dae2223")
    }
}

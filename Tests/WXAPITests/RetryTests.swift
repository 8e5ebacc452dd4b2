import Foundation
import XCTest
import WXSandbox
import WXSupport
@testable import WXAPI

final class RetryTests: XCTestCase {
    func testAThirtyPercentFailureRateIsSurvivedByRetries() async throws {
        let sandbox = try SandboxHarness()
        let client = sandbox.client(retry: RetryPolicy(maxAttempts: 12, baseDelay: 1, maxDelay: 8, maxTotalDelay: 600))
        sandbox.server.faults = SandboxFaults(failRate: 0.3)
        let cover = try await client.testCover()
        for index in 0..<20 {
            _ = try await client.testDraft(title: "第\(index)篇", cover: cover)
            _ = try await client.draftCount()
        }
        let ledger = sandbox.ledger()
        XCTAssertEqual(ledger.drafts.count, 20)
        XCTAssertGreaterThan(sandbox.transcript.sleeps.count, 0)
        XCTAssertEqual(sandbox.transcript.events.filter { $0.kind == .retry }.count, sandbox.transcript.sleeps.count)
        XCTAssertEqual(Set(sandbox.transcript.events.compactMap(\.errcode)), [-1])
    }

    func testWaitsGrowExponentiallyWithinTheirJitterBand() async throws {
        let sandbox = try SandboxHarness()
        let client = sandbox.client(retry: RetryPolicy(maxAttempts: 4, baseDelay: 2, maxDelay: 30, maxTotalDelay: 600))
        _ = try await client.accessToken()
        sandbox.server.faults = SandboxFaults(failRate: 1)
        do {
            _ = try await client.tags()
            XCTFail("every call fails")
        } catch let error as WeChatAPIError {
            XCTAssertEqual(error.errcode, -1)
            XCTAssertEqual(error.attempts, 4)
            XCTAssertTrue(error.description.contains("after 4 attempts"), error.description)
        }
        let sleeps = sandbox.transcript.sleeps
        XCTAssertEqual(sleeps.count, 3)
        for (index, range) in [1.0...2.0, 2.0...4.0, 4.0...8.0].enumerated() {
            XCTAssertTrue(range.contains(sleeps[index]), "wait \(index + 1) was \(sleeps[index])")
        }
    }

    func testRetriesStopWhenTheTotalWaitWouldExceedTheBudget() async throws {
        let sandbox = try SandboxHarness()
        let client = sandbox.client(retry: RetryPolicy(maxAttempts: 10, baseDelay: 4, maxDelay: 30, maxTotalDelay: 10))
        _ = try await client.accessToken()
        sandbox.server.faults = SandboxFaults(failRate: 1)
        do {
            _ = try await client.tags()
            XCTFail("every call fails")
        } catch let error as WeChatAPIError {
            XCTAssertLessThan(error.attempts, 10)
        }
        XCTAssertLessThanOrEqual(sandbox.transcript.sleeps.reduce(0, +), 10)
    }

    func testASendAllWhoseAnswerIsLostIsRetriedWithTheSameKeyAndReturnsTheOriginalMsgID() async throws {
        let sandbox = try SandboxHarness()
        let server = sandbox.server
        // The first answer is lost after the sandbox acted; the network recovers during the first wait.
        let client = sandbox.client(onSleep: { _ in server.faults = SandboxFaults() })
        let tag = try XCTUnwrap(server.audience().tags.first)
        let draft = try await client.testDraft(cover: try await client.testCover())
        server.faults = SandboxFaults(dropRate: 1)
        let result = try await client.massSendAll(audience: .tag(tag.id), message: .mpnews(mediaID: draft), clientMsgID: "post-2026-01-01")
        let ledger = sandbox.ledger()
        XCTAssertEqual(ledger.broadcasts.count, 1, "one broadcast, however many requests")
        XCTAssertEqual(result.msgID, String(ledger.broadcasts[0].msgID))
        XCTAssertTrue(result.wasAlreadySent)
        // Dropped answer, then 45066 (same key within a minute), then 45065 with the msg_id.
        XCTAssertEqual(ledger.callCount("/cgi-bin/message/mass/sendall"), 3)
        XCTAssertEqual(sandbox.transcript.events.filter { $0.kind == .request }.compactMap(\.errcode), [45066, 45065])
        // Every request carried the same clientmsgid: the ledger's broadcast has it.
        XCTAssertEqual(ledger.broadcasts[0].clientMsgID, "post-2026-01-01")
    }

    func testADraftWhoseAnswerIsLostIsNotAddedTwice() async throws {
        let sandbox = try SandboxHarness()
        let client = sandbox.client()
        let cover = try await client.testCover()
        sandbox.server.faults = SandboxFaults(dropRate: 1)
        do {
            _ = try await client.testDraft(cover: cover)
            XCTFail("the answer was dropped")
        } catch let error as WeChatAPIError {
            XCTAssertEqual(error.classification, .retryable)
            XCTAssertTrue(error.mayHaveBeenApplied)
            XCTAssertEqual(error.attempts, 1)
            XCTAssertTrue(error.description.contains("the request may have reached WeChat"), error.description)
        }
        XCTAssertEqual(sandbox.ledger().drafts.count, 1)
        XCTAssertEqual(sandbox.ledger().callCount("/cgi-bin/draft/add"), 1)
        XCTAssertTrue(sandbox.transcript.sleeps.isEmpty)
    }

    func testADraftIsRetriedWhenTheConnectionWasNeverMade() async throws {
        // A cached token, so the only request is draft/add itself.
        let state = try SandboxHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let base = URL(string: "http://127.0.0.1:1")!
        let cache = TokenCacheFile(tokens: ["wx1@http://127.0.0.1:1": .init(accessToken: "CACHED", expiresAt: SandboxHarness.start.timeIntervalSince1970 + 7200)])
        try JSONEncoder().encode(cache).write(to: state.appendingPathComponent("token.json"))
        let transcript = Transcript()
        let client = WeChatClient(credentials: WeChatCredentials(appID: "wx1", secret: "s"), baseURL: base, stateDirectory: state,
                                  retryPolicy: RetryPolicy(maxAttempts: 3), clock: ManualClock(SandboxHarness.start),
                                  sleeper: { transcript.recordSleep($0) }, logger: { transcript.record($0) })
        do {
            _ = try await client.addDraft(articles: [DraftArticle(title: "t", content: "c", thumbMediaID: "m")])
            XCTFail("nothing listens on port 1")
        } catch let error as WeChatAPIError {
            XCTAssertEqual(error.operation, "addDraft")
            XCTAssertEqual(error.attempts, 3)
            XCTAssertFalse(error.mayHaveBeenApplied)
            XCTAssertTrue(error.description.contains("cannot connect to 127.0.0.1"), error.description)
        }
        XCTAssertEqual(transcript.sleeps.count, 2)
        XCTAssertEqual(transcript.events.filter { $0.kind == .request }.map(\.target), Array(repeating: "/cgi-bin/draft/add?access_token=REDACTED", count: 3))
    }

    func testAnIdempotentReadWhoseAnswerIsLostIsRetried() async throws {
        let sandbox = try SandboxHarness()
        let server = sandbox.server
        let client = sandbox.client(onSleep: { _ in server.faults = SandboxFaults() })
        _ = try await client.accessToken()
        server.faults = SandboxFaults(dropRate: 1)
        let count = try await client.draftCount()
        XCTAssertEqual(count, 0)
        XCTAssertEqual(sandbox.transcript.events.filter { $0.kind == .retry }.count, 1)
        // libcurl itself may replay a GET once on a dead kept-alive connection, which is harmless for reads.
        XCTAssertGreaterThanOrEqual(sandbox.ledger().callCount("/cgi-bin/draft/count"), 2)
    }
}

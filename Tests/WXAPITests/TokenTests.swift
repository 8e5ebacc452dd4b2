import Foundation
import XCTest
import WXSandbox
import WXSupport
@testable import WXAPI

final class TokenTests: XCTestCase {
    func testATokenTheServerExpiredIsRefreshedOnceAndTheCallRepeated() async throws {
        let sandbox = try SandboxHarness()
        // The client's clock stands still, so it cannot know the token expired: only the 42001 tells it.
        let client = sandbox.client(clock: ManualClock(SandboxHarness.start))
        _ = try await client.tags()
        sandbox.server.advanceClock(by: 7200 + 1)
        let tags = try await client.tags()
        XCTAssertFalse(tags.isEmpty)
        XCTAssertEqual(sandbox.transcript.events.filter { $0.kind == .request }.compactMap(\.errcode), [42001])
        XCTAssertEqual(sandbox.transcript.events.filter { $0.kind == .tokenRefresh }.count, 1)
        XCTAssertEqual(sandbox.ledger().callCount("/cgi-bin/stable_token"), 2)
    }

    func testATokenIsRenewedFiveMinutesBeforeItExpiresWithoutAnyRejection() async throws {
        let sandbox = try SandboxHarness()
        let client = sandbox.client()
        let first = try await client.accessToken()
        sandbox.server.advanceClock(by: 7200 - 299)
        _ = try await client.tags()
        let second = try await client.accessToken()
        XCTAssertNotEqual(first.value, second.value)
        XCTAssertTrue(sandbox.transcript.events.allSatisfy { $0.errcode == nil })
        XCTAssertEqual(sandbox.ledger().callCount("/cgi-bin/stable_token"), 2)
    }

    func testATokenWellBeforeTheRenewalWindowIsKept() async throws {
        let sandbox = try SandboxHarness()
        let client = sandbox.client()
        _ = try await client.accessToken()
        sandbox.server.advanceClock(by: 7200 - 301)
        _ = try await client.tags()
        XCTAssertEqual(sandbox.ledger().callCount("/cgi-bin/stable_token"), 1)
    }

    func testAnInvalidatedTokenMidRunIsReplacedOnce() async throws {
        let sandbox = try SandboxHarness()
        let client = sandbox.client()
        let before = try await client.accessToken()
        _ = try await client.draftCount()
        sandbox.server.invalidateTokens()
        let count = try await client.draftCount()
        XCTAssertEqual(count, 0)
        let after = try await client.accessToken()
        XCTAssertNotEqual(before.value, after.value)
        XCTAssertEqual(sandbox.transcript.events.filter { $0.kind == .request }.compactMap(\.errcode), [40001])
    }

    func testTheTokenIsCachedInAPrivateFileSharedByLaterClients() async throws {
        let sandbox = try SandboxHarness()
        let state = try SandboxHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let token = try await sandbox.client(stateDirectory: state).accessToken()
        let second = try await sandbox.client(stateDirectory: state).accessToken()
        XCTAssertEqual(second, token)
        XCTAssertEqual(sandbox.ledger().callCount("/cgi-bin/stable_token"), 1)
        let path = state.appendingPathComponent("token.json").path
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
        let cache = TokenStore.read(URL(fileURLWithPath: path))
        XCTAssertEqual(Array(cache.tokens.keys), ["\(sandbox.configuration.appID)@\(sandbox.server.baseURL.absoluteString)"])
    }

    func testTokensForOneAPIBaseAreNeverSentToAnother() async throws {
        let first = try SandboxHarness()
        let second = try SandboxHarness()
        let state = try SandboxHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        _ = try await first.client(stateDirectory: state).tags()
        _ = try await second.client(stateDirectory: state).tags()
        XCTAssertEqual(second.ledger().callCount("/cgi-bin/stable_token"), 1)
        XCTAssertTrue(second.transcript.events.allSatisfy { $0.errcode == nil }, second.transcript.lines.joined(separator: "\n"))
        XCTAssertEqual(TokenStore.read(state.appendingPathComponent("token.json")).tokens.count, 2)
    }

    func testClientsSharingAStateFolderFetchOneTokenEvenWhenStartingTogether() async throws {
        let sandbox = try SandboxHarness()
        let state = try SandboxHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let clients = (0..<4).map { _ in sandbox.client(stateDirectory: state) }
        let values = try await withThrowingTaskGroup(of: String.self) { group in
            for client in clients { group.addTask { try await client.accessToken().value } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        XCTAssertEqual(values.count, 1)
        XCTAssertEqual(sandbox.ledger().callCount("/cgi-bin/stable_token"), 1)
    }

    func testAfterARejectionAClientAdoptsTheTokenAnotherProcessAlreadyRefreshed() async throws {
        let sandbox = try SandboxHarness()
        let state = try SandboxHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let first = sandbox.client(stateDirectory: state)
        let second = sandbox.client(stateDirectory: state)
        _ = try await first.tags()
        _ = try await second.tags()
        sandbox.server.invalidateTokens()
        _ = try await first.tags()
        XCTAssertEqual(sandbox.ledger().callCount("/cgi-bin/stable_token"), 2)
        _ = try await second.tags()
        XCTAssertEqual(sandbox.ledger().callCount("/cgi-bin/stable_token"), 2, "the second client took the refreshed token from token.json")
        let firstToken = try await first.accessToken()
        let secondToken = try await second.accessToken()
        XCTAssertEqual(firstToken, secondToken)
    }

    func testConcurrentCallsShareOneTokenFetch() async throws {
        let sandbox = try SandboxHarness()
        let client = sandbox.client()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 { group.addTask { _ = try await client.draftCount() } }
            try await group.waitForAll()
        }
        XCTAssertEqual(sandbox.ledger().callCount("/cgi-bin/stable_token"), 1)
    }

    func testAWrongSecretIsFatalAndSaysWhereTheSecretComesFrom() async throws {
        let sandbox = try SandboxHarness()
        let client = WeChatClient(credentials: WeChatCredentials(appID: sandbox.configuration.appID, secret: "wrong-secret-123"),
                                  baseURL: sandbox.server.baseURL, sleeper: { _ in XCTFail("a wrong secret must not be retried") })
        do {
            _ = try await client.tags()
            XCTFail("wrong secret")
        } catch let error as WeChatAPIError {
            XCTAssertEqual(error.operation, "stableToken")
            XCTAssertEqual(error.errcode, 40125)
            XCTAssertEqual(error.classification, .fatal)
            XCTAssertTrue(error.description.contains("WXPUB_APPSECRET"), error.description)
            XCTAssertFalse(error.description.contains("wrong-secret-123"))
        }
    }
}

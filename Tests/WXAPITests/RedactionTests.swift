import Foundation
import XCTest
import WXSandbox
import WXSupport
@testable import WXAPI

final class RedactionTests: XCTestCase {
    /// Runs successes, token rejections, busy answers, lost answers and refusals, then searches
    /// every log line and error message for any token the client held and for the AppSecret.
    func testNoLogLineOrErrorMessageContainsATokenOrTheSecret() async throws {
        let sandbox = try SandboxHarness()
        let server = sandbox.server
        let state = try SandboxHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let client = sandbox.client(stateDirectory: state, retry: RetryPolicy(maxAttempts: 12, maxTotalDelay: 1000),
                                    onSleep: { _ in server.faults = SandboxFaults(failRate: 0.3) })
        var tokens: [String] = []
        var messages: [String] = []
        func attempt(_ body: () async throws -> Void) async {
            do { try await body() } catch {
                messages.append(String(describing: error))
                messages.append("\(error)")
                if let error = error as? WeChatAPIError { messages.append(error.errmsg ?? ""); messages.append(error.reason + error.fix) }
            }
        }

        let transcript = sandbox.transcript
        tokens.append(try await client.accessToken().value)
        let cover = try await client.testCover()
        let draft = try await client.testDraft(cover: cover)
        server.invalidateTokens()
        await attempt { _ = try await client.getDraft(mediaID: draft) }
        tokens.append(try await client.accessToken().value)
        await attempt { _ = try await client.getMedia(mediaID: "missing") }
        server.faults = SandboxFaults(failRate: 0.3)
        for _ in 0..<10 { await attempt { _ = try await client.draftCount() } }
        server.faults = SandboxFaults(dropRate: 1)
        await attempt { _ = try await client.testDraft(cover: cover) }
        server.faults = SandboxFaults()
        server.advanceClock(by: 7200)
        await attempt { _ = try await client.tags() }
        tokens.append(try await client.accessToken().value)
        let wrong = WeChatClient(credentials: WeChatCredentials(appID: sandbox.configuration.appID, secret: "not-the-secret-42"),
                                 baseURL: server.baseURL, logger: { transcript.record($0) })
        await attempt { _ = try await wrong.tags() }
        let refused = WeChatClient(credentials: sandbox.credentials, baseURL: URL(string: "http://127.0.0.1:1")!, retryPolicy: .none,
                                   logger: { transcript.record($0) })
        await attempt { _ = try await refused.tags() }

        let lines = sandbox.transcript.lines
        XCTAssertGreaterThan(lines.count, 20)
        XCTAssertTrue(lines.contains { $0.contains("access_token=REDACTED") })
        XCTAssertGreaterThanOrEqual(messages.count, 4)
        XCTAssertEqual(Set(tokens).count, 3, "three different tokens were in use")
        let everything = (lines + messages).joined(separator: "\n")
        for secret in tokens + [sandbox.configuration.secret, "not-the-secret-42"] {
            XCTAssertFalse(everything.contains(secret), "leaked \(secret.prefix(6))…")
        }
    }

    func testRequestLinesShowMethodRedactedTargetStatusAndDuration() async throws {
        let sandbox = try SandboxHarness()
        _ = try await sandbox.client().followers()
        let lines = sandbox.transcript.lines
        XCTAssertEqual(lines.count, 2)
        XCTAssertNotNil(lines[0].range(of: #"^POST /cgi-bin/stable_token 200 \(\d+ ms\)$"#, options: .regularExpression), lines[0])
        XCTAssertNotNil(lines[1].range(of: #"^GET /cgi-bin/user/get\?access_token=REDACTED&next_openid= 200 \(\d+ ms\)$"#, options: .regularExpression), lines[1])
    }

    func testAnEventBuiltFromARawURLIsRedactedAnyway() {
        let event = WeChatLogEvent(kind: .request, operation: "tags", method: "GET", target: "/cgi-bin/tags/get?access_token=RAW123", status: 200,
                                   errcode: nil, duration: 0.0125, attempt: 2, note: "secret=abc")
        XCTAssertEqual(event.description, "GET /cgi-bin/tags/get?access_token=REDACTED 200 (13 ms) attempt 2: secret=REDACTED")
    }
}

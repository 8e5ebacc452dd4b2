import Foundation
import WXSandbox
import XCTest

final class TokenTests: SandboxTestCase {
    func tokenReply(appid: String? = nil, secret: String? = nil, grant: String = "client_credential") throws -> SandboxClient.Reply {
        var q = ["grant_type": grant]
        q["appid"] = appid ?? appID
        q["secret"] = secret ?? self.secret
        return try client.get("/cgi-bin/token", q)
    }

    func stable(force: Bool = false) throws -> SandboxClient.Reply {
        try client.post("/cgi-bin/stable_token", value: ["grant_type": "client_credential", "appid": .string(appID), "secret": .string(secret), "force_refresh": .bool(force)])
    }

    func draftCount(_ token: String?) throws -> SandboxClient.Reply {
        try client.get("/cgi-bin/draft/count", token.map { ["access_token": $0] } ?? [:])
    }

    func testTokenAnswersAccessTokenAndExpiresInWithoutErrcode() throws {
        let reply = try tokenReply()
        XCTAssertNil(reply.json["errcode"])
        XCTAssertEqual(reply.json["expires_in"]?.intValue, 7200)
        XCTAssertGreaterThanOrEqual(reply.json["access_token"]?.stringValue?.count ?? 0, 100)
    }

    func testTokenChecksCredentials() throws {
        assertError(try tokenReply(appid: "wxwrong"), 40013)
        assertError(try tokenReply(secret: "wrong"), 40125)
        assertError(try tokenReply(appid: ""), 41002)
        assertError(try tokenReply(secret: ""), 41004)
        assertError(try tokenReply(grant: "password"), 40002)
    }

    func testCallsWithoutAnUnknownOrExpiredTokenAreRefused() throws {
        assertError(try draftCount(nil), 41001)
        assertError(try draftCount("NOT-A-TOKEN"), 40001)
        let token = try token()
        XCTAssertEqual(try draftCount(token).json["total_count"]?.intValue, 0)
        server.advanceClock(by: 7199)
        XCTAssertNil(try draftCount(token).errcode)
        server.advanceClock(by: 1)
        assertError(try draftCount(token), 42001)
    }

    func testANewOrdinaryTokenLeavesThePreviousOneValidForFiveMinutes() throws {
        let first = try token()
        let second = try token()
        XCTAssertNotEqual(first, second)
        server.advanceClock(by: 299)
        XCTAssertNil(try draftCount(first).errcode)
        server.advanceClock(by: 1)
        assertError(try draftCount(first), 40001)
        XCTAssertNil(try draftCount(second).errcode)
    }

    func testStableTokenInNormalModeReturnsTheSameTokenWithItsRemainingLifetime() throws {
        let a = try stable()
        server.advanceClock(by: 1000)
        let b = try stable()
        XCTAssertEqual(a.json["access_token"], b.json["access_token"])
        XCTAssertEqual(b.json["expires_in"]?.intValue, 6200)
    }

    func testStableTokenIsRenewedInItsLastFiveMinutesAndTheOldOneLivesOut() throws {
        let a = try stable().json["access_token"]!.stringValue!
        server.advanceClock(by: 7200 - 300)
        let b = try stable()
        XCTAssertNotEqual(b.json["access_token"]?.stringValue, a)
        XCTAssertEqual(b.json["expires_in"]?.intValue, 7200)
        XCTAssertNil(try draftCount(a).errcode)
        server.advanceClock(by: 300)
        XCTAssertNotNil(try draftCount(a).errcode)
    }

    func testForceRefreshReplacesTheStableTokenAtOnceButNotMoreThanEvery30Seconds() throws {
        let a = try stable().json["access_token"]!.stringValue!
        let b = try stable(force: true).json["access_token"]!.stringValue!
        XCTAssertNotEqual(a, b)
        assertError(try draftCount(a), 40001)
        server.advanceClock(by: 10)
        XCTAssertEqual(try stable(force: true).json["access_token"]?.stringValue, b, "a second force refresh within 30 s is not honoured")
    }

    func testOrdinaryAndStableTokensAreIsolated() throws {
        let stableToken = try stable().json["access_token"]!.stringValue!
        _ = try token()
        _ = try token()
        server.advanceClock(by: 600)
        XCTAssertNil(try draftCount(stableToken).errcode)
    }

    func testStableTokenRequiresPost() throws {
        assertError(try client.get("/cgi-bin/stable_token"), 43002)
    }

    func testInvalidateTokensHookMakesEveryTokenInvalid() throws {
        let token = try token()
        let hook = try client.post("/__sandbox/faults", json: #"{"invalidate_tokens": true}"#)
        XCTAssertEqual(hook.status, 200)
        assertError(try draftCount(token), 40001)
        XCTAssertNil(try draftCount(try self.token()).errcode)
    }
}

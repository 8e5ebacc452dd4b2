import Foundation
import XCTest
@testable import WXAPI

final class WeChatAPIErrorTests: XCTestCase {
    func testRidIsParsedFromTheCurrentSuffix() {
        let (text, rid) = WeChatAPIError.splitTrace("invalid media_id rid: 64ffdf3b-25c2606d-7d6d6392")
        XCTAssertEqual(text, "invalid media_id")
        XCTAssertEqual(rid, "64ffdf3b-25c2606d-7d6d6392")
    }

    func testRidIsParsedFromTheOlderHintSuffix() {
        let (text, rid) = WeChatAPIError.splitTrace("has no masssend quota hint: [5zSqvA0950ge21]")
        XCTAssertEqual(text, "has no masssend quota")
        XCTAssertEqual(rid, "5zSqvA0950ge21")
    }

    func testErrmsgWithoutSuffixHasNoRid() {
        let (text, rid) = WeChatAPIError.splitTrace("ok")
        XCTAssertEqual(text, "ok")
        XCTAssertNil(rid)
    }

    func testWordsContainingRidAreNotASuffix() {
        XCTAssertNil(WeChatAPIError.splitTrace("grid:layout broken").rid)
    }

    func testClassificationFollowsTheErrcode() {
        let expected: [Int: WeChatAPIError.Classification] = [
            -1: .retryable, 45011: .retryable, 45066: .retryable,
            40001: .token, 40014: .token, 42001: .token,
            45009: .quota, 45028: .quota,
            45065: .duplicate,
            48001: .permission,
            40007: .fatal, 45166: .fatal, 40164: .fatal,
        ]
        for (code, classification) in expected {
            XCTAssertEqual(WeChatAPIError.classify(errcode: code), classification, "errcode \(code)")
        }
    }

    func testA40001FromTheTokenEndpointIsAWrongSecretNotARefresh() {
        let error = WeChatAPIError.platform(operation: "stableToken", path: "/cgi-bin/stable_token", errcode: 40001,
                                            errmsg: "invalid credential rid: 1-2-3", msgID: nil, right: nil, tokenRequest: true)
        XCTAssertEqual(error.classification, .fatal)
        XCTAssertTrue(error.description.contains("AppSecret"), error.description)
    }

    func testPermissionErrorsSayWhichRightIsMissing() {
        let error = WeChatAPIError.platform(operation: "massSendAll", path: "/cgi-bin/message/mass/sendall", errcode: 48001,
                                            errmsg: "api unauthorized rid: 6a-6b-6c", msgID: nil, right: WeChatClient.massRight, tokenRequest: false)
        XCTAssertEqual(error.classification, .permission)
        XCTAssertEqual(error.rid, "6a-6b-6c")
        XCTAssertEqual(error.description,
                       "WeChat API massSendAll failed (/cgi-bin/message/mass/sendall): the account lacks the mass-send right (群发; verified accounts only) "
                       + "[errcode 48001 \"api unauthorized\", rid 6a-6b-6c]. this API needs a verified (认证) account with that right; check 公众平台 → 设置与开发 → 接口权限")
    }

    func testDuplicateErrorsCarryTheEarlierMsgID() {
        let error = WeChatAPIError.platform(operation: "massSendAll", path: "/cgi-bin/message/mass/sendall", errcode: 45065,
                                            errmsg: "clientmsgid exist", msgID: "1000001", right: nil, tokenRequest: false)
        XCTAssertEqual(error.classification, .duplicate)
        XCTAssertEqual(error.msgID, "1000001")
        XCTAssertTrue(error.description.contains("msg_id 1000001"))
    }

    func testServerErrorsAndCutOffBodiesAreRetryableButMayHaveBeenApplied() {
        let http = WeChatAPIError.http(operation: "addDraft", path: "/cgi-bin/draft/add", status: 502)
        XCTAssertEqual(http.classification, .retryable)
        XCTAssertTrue(http.mayHaveBeenApplied)
        let cut = WeChatAPIError.malformed(operation: "addDraft", path: "/cgi-bin/draft/add", status: 200, detail: "12 bytes that are not complete JSON")
        XCTAssertEqual(cut.classification, .retryable)
        XCTAssertTrue(cut.mayHaveBeenApplied)
    }

    func testA404PointsAtTheBaseURL() {
        let error = WeChatAPIError.http(operation: "tags", path: "/cgi-bin/tags/get", status: 404)
        XCTAssertEqual(error.classification, .fatal)
        XCTAssertTrue(error.description.contains("WXPUB_API_BASE"), error.description)
    }

    func testRefusedConnectionsAreSafeToRetryAndTimeoutsAreNot() {
        let refused = WeChatAPIError.transport(operation: "addDraft", path: "/cgi-bin/draft/add", TransportError(reason: .notConnected, message: "cannot connect"))
        XCTAssertFalse(refused.mayHaveBeenApplied)
        let timeout = WeChatAPIError.transport(operation: "addDraft", path: "/cgi-bin/draft/add", TransportError(reason: .interrupted, message: "timed out"))
        XCTAssertTrue(timeout.mayHaveBeenApplied)
        XCTAssertEqual(timeout.classification, .retryable)
    }

    func testSecretsInTransportMessagesAreRedacted() {
        let error = TransportError(reason: .interrupted, message: "the request to http://h/cgi-bin/tags/get?access_token=SECRETTOKEN&x=1 failed")
        XCTAssertEqual(error.message, "the request to http://h/cgi-bin/tags/get?access_token=REDACTED&x=1 failed")
    }

    func testCredentialsNeverPrintTheSecret() {
        let credentials = WeChatCredentials(appID: "wx123", secret: "topsecretvalue")
        XCTAssertFalse("\(credentials)".contains("topsecretvalue"))
        XCTAssertFalse("\(AccessToken(value: "tok_abc", expiresAt: Date()))".contains("tok_abc"))
    }
}

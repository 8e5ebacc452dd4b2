import XCTest
import WXSupport

final class RedactionTests: XCTestCase {
    func testAccessTokenInQueryStringIsRedacted() {
        XCTAssertEqual(
            Redaction.redact("POST https://api.weixin.qq.com/cgi-bin/draft/add?access_token=ACCESS123&x=1"),
            "POST https://api.weixin.qq.com/cgi-bin/draft/add?access_token=REDACTED&x=1")
    }

    func testSecretInTokenURLIsRedacted() {
        XCTAssertEqual(
            Redaction.redact("GET /cgi-bin/token?grant_type=client_credential&appid=wx1&secret=s3cr3t"),
            "GET /cgi-bin/token?grant_type=client_credential&appid=wx1&secret=REDACTED")
    }

    func testSecretInJSONBodyIsRedacted() {
        XCTAssertEqual(
            Redaction.redact(#"{"appid":"wx1","secret": "s3cr3t","force_refresh":false}"#),
            #"{"appid":"wx1","secret": "REDACTED","force_refresh":false}"#)
    }

    func testAccessTokenInJSONResponseIsRedacted() {
        XCTAssertEqual(Redaction.redact(#"{"access_token":"abc","expires_in":7200}"#), #"{"access_token":"REDACTED","expires_in":7200}"#)
    }

    func testSeveralOccurrencesAreAllRedacted() {
        let text = "a?access_token=one b?access_token=two"
        XCTAssertEqual(Redaction.redact(text), "a?access_token=REDACTED b?access_token=REDACTED")
    }

    func testWordsThatMerelyContainTheKeyAreLeftAlone() {
        XCTAssertEqual(Redaction.redact("my_secret=visible top_secret"), "my_secret=visible top_secret")
    }
}

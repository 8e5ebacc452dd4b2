import Foundation
import XCTest
@testable import WXAPI

final class URLSessionTransportTests: XCTestCase {
    func testARefusedConnectionIsReportedAsNotConnectedWithoutTheToken() async throws {
        let transport = URLSessionTransport(timeout: 5)
        let url = URL(string: "http://127.0.0.1:1/cgi-bin/tags/get?access_token=SHOULD_NOT_APPEAR")!
        do {
            _ = try await transport.send(HTTPRequest(method: .get, url: url))
            XCTFail("port 1 should refuse the connection")
        } catch let error as TransportError {
            XCTAssertEqual(error.reason, .notConnected, error.message)
            XCTAssertFalse(error.message.contains("SHOULD_NOT_APPEAR"))
        }
    }

    func testTimeoutCodesBecomeASentence() {
        let url = URL(string: "https://api.weixin.qq.com/cgi-bin/draft/add?access_token=T0K")!
        let error = URLSessionTransport.describe(URLError(.timedOut), url: url, timeout: 30)
        XCTAssertEqual(error.message, "no answer from api.weixin.qq.com within 30 s (timed out)")
        XCTAssertEqual(error.reason, .interrupted)
        XCTAssertEqual(error.code, -1001)
    }
}

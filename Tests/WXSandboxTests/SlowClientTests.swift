import Foundation
import WXSandbox
import WXTestSupport
import XCTest

/// Issue 14: the sandbox's server (the shared WXHTTP server) stays answerable while hundreds of
/// peers hold connections open without finishing a request.
final class SlowClientTests: SandboxTestCase {
    func testHundredsOfHeldConnectionsDoNotStopAnAPICall() throws {
        let port = server.port!
        var held: [RawSocket] = []
        for i in 0..<400 {
            let s = try RawSocket(port: port)
            if i % 2 == 0 { s.write("POST /cgi-bin/draft/add HTTP/1.1\r\nContent-Length: 100\r\n\r\n{") }
            held.append(s)
        }
        let reply = try client.get("/cgi-bin/draft/count")
        XCTAssertEqual(reply.errcode, 41001, "answered, not starved: \(reply.text)")
        XCTAssertTrue(held[0].isClosedByPeer(), "the longest-waiting peer made room")
    }
}

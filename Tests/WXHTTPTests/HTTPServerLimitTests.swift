import Foundation
import WXHTTP
import WXTestSupport
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// The shared server's bounds (issue 14): slow and dripping peers, oversized and malformed
/// requests, hundreds of connections at once — and a normal request is still answered.
final class HTTPServerLimitTests: XCTestCase {
    var server: HTTPServer!
    var port = 0
    /// Requests to `/block` signal `entered`, then wait here until the test signals.
    let gate = DispatchSemaphore(value: 0)
    let entered = DispatchSemaphore(value: 0)

    func start(_ limits: HTTPLimits) throws {
        let (gate, entered) = (self.gate, self.entered)
        server = HTTPServer(limits: limits) { request in
            if request.path == "/stall" {
                return .stall(.text("0123456789", status: 200), bodyBytes: 4, stall: 30)
            }
            if request.path == "/block" {
                entered.signal()
                gate.wait()
            }
            return .respond(.text("\(request.method) \(request.path) raw=\(request.rawPath) body=\(request.body.count)\n", status: 200))
        }
        port = try server.start(port: 0)
    }

    override func tearDown() {
        server?.stop()
        server = nil
    }

    func normalRequest(_ path: String = "/hello") throws -> String {
        let s = try RawSocket(port: port)
        s.write("GET \(path) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        return s.readAll()
    }

    func testARequestThatDripsPastItsDeadlineIsAnswered408AndClosed() throws {
        try start(HTTPLimits(requestDeadline: 1))
        let s = try RawSocket(port: port)
        s.write("GET /slow HT")
        sleep(1)
        s.write("TP/1.1\r\n")  // still dripping: the deadline counts from the first byte, not the last
        let answer = s.readAll()
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 408 "), answer)
        XCTAssertTrue(answer.contains("not complete within 1 seconds"), answer)
    }

    func testABodyThatDripsPastTheDeadlineIsAnswered408() throws {
        try start(HTTPLimits(requestDeadline: 1))
        let s = try RawSocket(port: port)
        s.write("POST /upload HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc")
        XCTAssertTrue(s.readAll().hasPrefix("HTTP/1.1 408 "))
        XCTAssertEqual(try normalRequest().components(separatedBy: "\r\n").first, "HTTP/1.1 200 OK")
    }

    func testAnIdleKeepAliveConnectionIsClosedQuietlyAfterTheIdleTimeout() throws {
        try start(HTTPLimits(idleTimeout: 0.5))
        let s = try RawSocket(port: port)
        s.write("GET /a HTTP/1.1\r\n\r\n")
        XCTAssertTrue(s.readResponse().contains("GET /a"))
        XCTAssertEqual(s.readAll(), "", "no 408 for a connection that sent nothing")
    }

    func testSlowClientsDoNotBlockANormalRequest() throws {
        try start(HTTPLimits(requestDeadline: 30))
        let slow = try (0..<20).map { _ in try RawSocket(port: port) }
        for s in slow { s.write("GET /slow HTTP/1.1\r\nX-Drip: ") }
        let answer = try normalRequest()
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 200 "), answer)
        XCTAssertTrue(answer.contains("GET /hello"))
    }

    func testHundredsOfConnectionsHeldOpenAtTheCapStillLetANormalRequestThrough() throws {
        try start(HTTPLimits(maxConnections: 32, requestDeadline: 60, idleTimeout: 60))
        var held: [RawSocket] = []
        for i in 0..<300 {
            let s = try RawSocket(port: port)
            if i % 2 == 0 { s.write("GET /drip HTTP/1.1\r\n") }  // half drip a partial request, half send nothing
            held.append(s)
        }
        // Every slow peer is still within its 60 s deadline: only eviction can make room.
        let answer = try normalRequest()
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 200 "), answer)
        let stats = server.statistics
        XCTAssertLessThanOrEqual(stats.open, 32 + 1)
        XCTAssertGreaterThan(stats.evicted, 200)
        XCTAssertTrue(held[0].isClosedByPeer(), "the longest-waiting connection was evicted")
    }

    func testWhenEveryConnectionIsInAHandlerANewOneGets503AtOnce() throws {
        try start(HTTPLimits(maxConnections: 2))
        let busy = try (0..<2).map { _ in try RawSocket(port: port) }
        for s in busy { s.write("GET /block HTTP/1.1\r\n\r\n") }
        // Both handlers run: neither connection is waiting for bytes any more.
        XCTAssertEqual(entered.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(entered.wait(timeout: .now() + 10), .success)
        let refused = try normalRequest()
        XCTAssertTrue(refused.hasPrefix("HTTP/1.1 503 "), refused)
        XCTAssertTrue(refused.contains("Retry-After: 1"), refused)
        gate.signal()
        gate.signal()
        for s in busy { XCTAssertTrue(s.readResponse().contains("GET /block")) }
        XCTAssertTrue(try normalRequest().hasPrefix("HTTP/1.1 200 "))
    }

    func testOversizedHeadersGet431() throws {
        try start(HTTPLimits(maxHeaderBytes: 1024))
        let s = try RawSocket(port: port)
        s.write("GET / HTTP/1.1\r\nX-Big: " + String(repeating: "a", count: 4096) + "\r\n\r\n")
        XCTAssertTrue(s.readAll().hasPrefix("HTTP/1.1 431 "))
        XCTAssertTrue(try normalRequest().hasPrefix("HTTP/1.1 200 "))
    }

    func testAnOversizedBodyGets413BeforeItIsRead() throws {
        try start(HTTPLimits(maxBodyBytes: 1000))
        let s = try RawSocket(port: port)
        s.write("POST /upload HTTP/1.1\r\nContent-Length: 1001\r\n\r\n")
        XCTAssertTrue(s.readAll().hasPrefix("HTTP/1.1 413 "))
        let chunked = try RawSocket(port: port)
        chunked.write("POST /upload HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3e9\r\n")
        XCTAssertTrue(chunked.readAll().hasPrefix("HTTP/1.1 413 "))
    }

    func testBodiesInFlightBeyondTheBudgetGet503UntilMemoryIsFreed() throws {
        try start(HTTPLimits(maxBodyBytes: 800, bodyBudgetBytes: 1000))
        let first = try RawSocket(port: port)
        first.write("POST /a HTTP/1.1\r\nContent-Length: 800\r\n\r\n" + String(repeating: "x", count: 100))
        // The first body's 800 bytes are reserved as soon as its headers are read.
        for _ in 0..<1000 where server.statistics.bodyBytes < 800 { usleep(10_000) }
        XCTAssertEqual(server.statistics.bodyBytes, 800)
        let second = try RawSocket(port: port)
        second.write("POST /b HTTP/1.1\r\nContent-Length: 500\r\n\r\n" + String(repeating: "y", count: 500))
        let refused = second.readAll()
        XCTAssertTrue(refused.hasPrefix("HTTP/1.1 503 "), refused)
        XCTAssertTrue(refused.contains("too many request bodies"), refused)
        first.write(String(repeating: "x", count: 700))
        XCTAssertTrue(first.readResponse().contains("POST /a raw=/a body=800"))
        let third = try RawSocket(port: port)
        third.write("POST /b HTTP/1.1\r\nContent-Length: 500\r\n\r\n" + String(repeating: "y", count: 500))
        XCTAssertTrue(third.readResponse().contains("body=500"))
        for _ in 0..<1000 where server.statistics.bodyBytes > 0 { usleep(10_000) }
        XCTAssertEqual(server.statistics.bodyBytes, 0, "every body was given back")
    }

    func testMalformedRequestsGet400AndTheServerCarriesOn() throws {
        try start(HTTPLimits())
        for request in ["\u{01}\u{02}garbage\r\n\r\n", "GET /x\r\n\r\n", "GET /x HTTP/1.1\r\nno colon\r\n\r\n", "POST /x HTTP/1.1\r\nContent-Length: 1x\r\n\r\n"] {
            let s = try RawSocket(port: port)
            s.write(request)
            XCTAssertTrue(s.readAll().hasPrefix("HTTP/1.1 400 "), request)
        }
        XCTAssertTrue(try normalRequest().hasPrefix("HTTP/1.1 200 "))
    }

    func testHEADGetsTheHeadersWithoutTheBody() throws {
        try start(HTTPLimits())
        let s = try RawSocket(port: port)
        s.write("HEAD /h HTTP/1.1\r\n\r\n")
        let head = s.readResponse(head: true)
        XCTAssertTrue(head.contains("Content-Length: 22"), head)
        s.write("GET /h HTTP/1.1\r\nConnection: close\r\n\r\n")
        XCTAssertTrue(s.readAll().hasPrefix("HTTP/1.1 200 OK\r\n"), "the HEAD answer carried no body bytes")
    }

    func testThePathIsDecodedAndTheRawPathKept() throws {
        try start(HTTPLimits())
        let answer = try normalRequest("/%2e%2e/a%20b%2")
        XCTAssertTrue(answer.contains("GET /../a b%2 raw=/%2e%2e/a%20b%2 "), answer)
    }

    func testAStallSendsPartOfTheBodyThenHoldsUntilTheServerStops() throws {
        try start(HTTPLimits())
        let s = try RawSocket(port: port, timeout: 1)
        s.write("GET /stall HTTP/1.1\r\n\r\n")
        let partial = s.readAll()  // ends at the 1 s read timeout: the server went silent
        XCTAssertTrue(partial.hasPrefix("HTTP/1.1 200 OK\r\n"), partial)
        XCTAssertTrue(partial.contains("Content-Length: 10\r\n"))
        XCTAssertTrue(partial.hasSuffix("\r\n\r\n0123"), partial)
        XCTAssertTrue(try normalRequest().hasPrefix("HTTP/1.1 200 "), "others are still served")
        server.stop()
        XCTAssertTrue(s.isClosedByPeer())
    }

    func testAPortInUseIsAClearError() throws {
        try start(HTTPLimits())
        let other = HTTPServer { _ in .drop }
        XCTAssertThrowsError(try other.start(port: port)) { error in
            let e = error as? HTTPServer.StartError
            XCTAssertEqual(e?.addressInUse, true)
            XCTAssertEqual(e?.description, "port \(port) on 127.0.0.1 is already in use by another program; stop it, or choose another --port (0 picks a free one)")
        }
    }

    func testAHostThatIsNotAnIPv4AddressIsRefused() {
        let other = HTTPServer { _ in .drop }
        XCTAssertThrowsError(try other.start(host: "example.invalid", port: 0)) { error in
            XCTAssertTrue("\(error)".contains("not an IPv4 address"))
        }
    }
}

import Foundation
import WXSandbox
import WXTestSupport
import XCTest

#if canImport(Glibc)
    import Glibc
#endif
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

final class HTTPServerTests: SandboxTestCase {
    func raw() throws -> RawSocket { try RawSocket(port: server.port!) }

    func assertServerStillAnswers(file: StaticString = #filePath, line: UInt = #line) throws {
        let reply = try client.get("/cgi-bin/draft/count")
        XCTAssertEqual(reply.errcode, 41001, file: file, line: line)
    }

    func testGarbageGetsA400AndTheServerCarriesOn() throws {
        let s = try raw()
        s.write("\u{01}\u{02}garbage without any structure\r\n\r\n")
        XCTAssertTrue(s.readAll().hasPrefix("HTTP/1.1 400 "))
        try assertServerStillAnswers()
    }

    func testMalformedRequestLinesAndHeadersGet400() throws {
        for request in [
            "GET\r\n\r\n", "get /x HTTP/1.1\r\n\r\n", "GET x HTTP/1.1\r\n\r\n", "GET /x HTTP/1.1\r\nno colon here\r\n\r\n",
            "GET /x HTTP/1.1\r\nBad Name: v\r\n\r\n",
        ] {
            let s = try raw()
            s.write(request)
            XCTAssertTrue(s.readAll().hasPrefix("HTTP/1.1 400 "), request)
        }
        let s = try raw()
        s.write("GET /x HTTP/2.0\r\n\r\n")
        XCTAssertTrue(s.readAll().hasPrefix("HTTP/1.1 505 "))
        try assertServerStillAnswers()
    }

    func testBadContentLengthGets400() throws {
        for header in ["Content-Length: abc", "Content-Length: -5", "Content-Length: 5\r\nContent-Length: 6", "Content-Length: 3\r\nTransfer-Encoding: chunked"] {
            let s = try raw()
            s.write("POST /cgi-bin/draft/add HTTP/1.1\r\nHost: x\r\n\(header)\r\n\r\nabc")
            XCTAssertTrue(s.readAll().hasPrefix("HTTP/1.1 400 "), header)
        }
    }

    func testABodyThatEndsEarlyGets400() throws {
        let s = try raw()
        s.write("POST /cgi-bin/draft/add HTTP/1.1\r\nContent-Length: 100\r\n\r\nshort")
        shutdown(s.fd, Int32(SHUT_WR))
        XCTAssertTrue(s.readAll().hasPrefix("HTTP/1.1 400 "))
    }

    func testAnOversizedBodyGets413WithoutBeingRead() throws {
        let s = try raw()
        s.write("POST /cgi-bin/draft/add HTTP/1.1\r\nContent-Length: \(20 * 1024 * 1024 + 1)\r\n\r\n")
        XCTAssertTrue(s.readAll().hasPrefix("HTTP/1.1 413 "))
        try assertServerStillAnswers()
    }

    func testChunkedBodiesAreDecoded() throws {
        let token = try token()
        let s = try raw()
        let body = #"{"cgi_path":"/cgi-bin/draft/add"}"#
        let (a, b) = (String(body.prefix(10)), String(body.dropFirst(10)))
        s.write("POST /cgi-bin/openapi/quota/get?access_token=\(token) HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
            + String(a.utf8.count, radix: 16) + ";ext=1\r\n\(a)\r\n" + String(b.utf8.count, radix: 16) + "\r\n\(b)\r\n0\r\nTrailer: x\r\n\r\n")
        let response = s.readResponse()
        XCTAssertTrue(response.hasPrefix("HTTP/1.1 200 "), response)
        XCTAssertTrue(response.contains(#""daily_limit":1000"#), response)
    }

    func testBadChunkSizeGets400() throws {
        let s = try raw()
        s.write("POST /cgi-bin/draft/add HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n")
        XCTAssertTrue(s.readAll().hasPrefix("HTTP/1.1 400 "))
    }

    func testKeepAliveServesSeveralRequestsOnOneConnectionAndHonoursClose() throws {
        let s = try raw()
        s.write("GET /cgi-bin/draft/count HTTP/1.1\r\nHost: x\r\n\r\n")
        let first = s.readResponse()
        XCTAssertTrue(first.contains("Connection: keep-alive"), first)
        XCTAssertTrue(first.contains("41001"))
        s.write("GET /cgi-bin/draft/count HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let second = s.readAll()
        XCTAssertTrue(second.contains("Connection: close"), second)
        XCTAssertTrue(second.contains("41001"))
    }

    func testExpectContinueIsAnswered() throws {
        let s = try raw()
        let body = #"{"cgi_path":"/cgi-bin/token"}"#
        s.write("POST /cgi-bin/openapi/quota/get HTTP/1.1\r\nContent-Length: \(body.utf8.count)\r\nExpect: 100-continue\r\n\r\n")
        XCTAssertTrue(s.readResponse().hasPrefix("HTTP/1.1 100 Continue"))
        s.write(body)
        XCTAssertTrue(s.readResponse().contains("41001"))
    }

    func testUnknownPathsAre404() throws {
        XCTAssertEqual(try client.get("/cgi-bin/menu/create").status, 404)
        XCTAssertEqual(try client.get("/elsewhere").status, 404)
    }

    func testManyClientsAtOnce() throws {
        let token = try token()
        let thumb = try uploadCover(token)
        let count = 64
        let failures = ManagedCounter()
        let base = server.baseURL
        let port = server.port!
        let articles = (0..<count).map { article(title: "并发 \($0)", thumb: thumb) }
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let c = SandboxClient(base: base)
            do {
                let reply = try c.post("/cgi-bin/draft/add", ["access_token": token], value: ["articles": [articles[i]]])
                if reply.json["media_id"] == nil { failures.increment() }
                let raw = try RawSocket(port: port)
                raw.write("GET /cgi-bin/draft/count?access_token=\(token) HTTP/1.1\r\n\r\n")
                if !raw.readResponse().contains("total_count") { failures.increment() }
            } catch {
                failures.increment()
            }
        }
        XCTAssertEqual(failures.value, 0)
        XCTAssertEqual(try client.get("/cgi-bin/draft/count", ["access_token": token]).json["total_count"]?.intValue, Int64(count))
        XCTAssertEqual(server.ledger().callCount("/cgi-bin/draft/add"), count)
    }

    func testADroppedCallResetsTheConnectionAtOnce() throws {
        let s = try raw()
        s.write("GET /cgi-bin/draft/count HTTP/1.1\r\n\r\n")
        XCTAssertTrue(s.readResponse().hasPrefix("HTTP/1.1 200 "))
        server.faults = SandboxFaults(dropRate: 1)
        let start = Date()
        s.write("GET /cgi-bin/draft/count HTTP/1.1\r\n\r\n")
        XCTAssertEqual(s.readAll(), "")
        XCTAssertLessThan(Date().timeIntervalSince(start), 1)
    }

    func testStopClosesTheListenerAndIdleConnections() throws {
        let idle = try raw()
        let port = server.port!
        server.stop()
        XCTAssertEqual(idle.readAll(), "")
        XCTAssertThrowsError(try RawSocket(port: port))
    }
}

final class ManagedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() {
        lock.lock()
        count += 1
        lock.unlock()
    }
    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}

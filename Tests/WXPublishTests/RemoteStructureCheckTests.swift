import Foundation
import WXHTML
import WXPublish
import WXSandbox
import WXSupport
import XCTest

/// `check --remote`: WeChat's online structure check, here served by the sandbox.
final class RemoteStructureCheckTests: XCTestCase {
    var server: SandboxServer!

    override func setUpWithError() throws {
        server = try SandboxServer(configuration: SandboxConfiguration())
        try server.start()
    }

    override func tearDown() { server.stop() }

    let html = """
        <section style="font-size: 16px">
        <p style="text-align: start">起始对齐</p>
        </section>
        """

    func testRemoteFindingsAreLocatedInThePost() async throws {
        let document = HTMLParser.parseFragment(html, file: "content/posts/a.md", line: 10, column: 1).nodes
        let found = try await RemoteStructureCheck(base: server.baseURL).verify(content: html, document: document, file: "content/posts/a.md", local: [])
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.location, SourceLocation(file: "content/posts/a.md", line: 11, column: 1))
        XCTAssertEqual(found.first?.severity, .error)
    }

    func testFindingsTheLocalRulesAlreadyReportedAreNotRepeated() async throws {
        let document = HTMLParser.parseFragment(html, file: "content/posts/a.md", line: 10, column: 1).nodes
        let remote = RemoteStructureCheck(base: server.baseURL)
        let local = try await remote.verify(content: html, document: document, file: "content/posts/a.md", local: [])
        let again = try await remote.verify(content: html, document: document, file: "content/posts/a.md", local: local)
        XCTAssertEqual(again, [])
    }

    func testAnUnreachableCheckSaysItIsUnavailable() async throws {
        let port = server.port!
        server.stop()
        do {
            _ = try await RemoteStructureCheck(base: URL(string: "http://127.0.0.1:\(port)")!).verify(content: html, document: [], file: "a.md", local: [])
            XCTFail("expected Unavailable")
        } catch let error as RemoteStructureCheck.Unavailable {
            XCTAssertTrue(error.description.contains("the local rules still ran"), error.description)
        }
    }
}

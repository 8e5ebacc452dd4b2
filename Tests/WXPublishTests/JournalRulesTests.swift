import Foundation
import WXAPI
import WXSandbox
import WXSupport
import XCTest

@testable import WXPublish

/// The journal is read strictly: a version or a mode this wxpub does not know stops the run
/// before anything is sent, and a stale draft is forgotten only when WeChat says it is gone.
final class JournalRulesTests: XCTestCase {
    static func entryJSON(mode: String, version: Int = 1) -> String {
        """
        {"entries": {"abc": {"account": "wx@sandbox", "article_hashes": ["h"], "audience": "all", "clientmsgid": "abc",
          "created_at": "2027-03-01T00:00:00Z", "group": "all", "mode": "\(mode)", "posts": ["p"], "step": "sent",
          "titles": ["t"], "updated_at": "2027-03-01T00:00:00Z", "window": "2027-03-01"}}, "version": \(version)}
        """
    }

    func store() -> FileStateStore {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wxpub-journal-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        return FileStateStore(directory: directory)
    }

    func testKnownModesLoadTyped() throws {
        let store = store()
        try store.write("journal.json", Data(Self.entryJSON(mode: "publish").utf8))
        XCTAssertEqual(try Journal.load(from: store).entries["abc"]?.mode, .publish)
    }

    func testAnUnknownModeIsALoadErrorNeverABroadcast() throws {
        let store = store()
        try store.write("journal.json", Data(Self.entryJSON(mode: "teleport").utf8))
        XCTAssertThrowsError(try Journal.load(from: store)) { error in
            XCTAssertEqual((error as? StateFileError)?.file, "journal.json")
            XCTAssertTrue("\(error)".contains("teleport"), "\(error)")
        }
    }

    func testAJournalOfAnotherVersionIsRefusedWithTheVersionNamed() throws {
        let store = store()
        try store.write("journal.json", Data(Self.entryJSON(mode: "broadcast", version: 2).utf8))
        XCTAssertThrowsError(try Journal.load(from: store)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("version 2") && text.contains("reads version 1"), text)
        }
    }

    /// Answers draft/delete with 48001 (no permission) and passes everything else to the sandbox.
    struct RefusingDraftDelete: HTTPTransport {
        let inner = URLSessionTransport()
        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            if request.url.path == "/cgi-bin/draft/delete" {
                return HTTPResponse(status: 200, headers: ["content-type": "application/json"], body: Data(#"{"errcode":48001,"errmsg":"api unauthorized"}"#.utf8))
            }
            return try await inner.send(request)
        }
    }

    func testAStaleDraftThatCannotBeDeletedKeepsItsEntry() async throws {
        let site = try ModeTests.site(mode: "broadcast")
        let account = try SandboxAccount(transport: RefusingDraftDelete())
        do {
            try await account.publish(site) { label in if label.hasSuffix(":draft_added") { throw SimulatedCrash(at: label) } }
            XCTFail("should have stopped after draft/add")
        } catch is SimulatedCrash {}
        let old = try XCTUnwrap(try account.journal().entries.values.first)
        try site.write("content/posts/2026-11-20-p.md", TestSite.post([("title", "模式（修订）")], body: "改过的正文。"))

        let (_, outcomes) = try await account.publish(site, options: Planner.Options(forceNewDraft: true))

        guard case .failed(let why) = outcomes.first?.result else { return XCTFail("\(outcomes.map(\.result.text))") }
        XCTAssertTrue(why.contains(old.draftMediaID!) && why.contains("not orphaned"), why)
        XCTAssertEqual(try account.journal().entries[old.clientMsgID]?.draftMediaID, old.draftMediaID, "the live draft is still recorded")
        XCTAssertTrue(account.ledger.broadcasts.isEmpty)
    }
}

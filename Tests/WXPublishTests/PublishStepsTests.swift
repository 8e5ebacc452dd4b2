import Foundation
import WXSandbox
import WXSupport
import XCTest

@testable import WXPublish

/// Publishing as named steps: the loop announces each step, a failure names the step it
/// happened in, and the next step follows from the journal alone.
final class PublishStepsTests: XCTestCase {
    final class EventLog: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [Publisher.Event] = []
        func append(_ e: Publisher.Event) { lock.lock(); items.append(e); lock.unlock() }
        var all: [Publisher.Event] { lock.lock(); defer { lock.unlock() }; return items }
    }

    func testEachBroadcastRunsUploadDraftSendInOrderAndAnnouncesEveryStep() async throws {
        let site = try PublisherTests.twoPostSite()
        let account = try SandboxAccount()
        let log = EventLog()
        let publisher = Publisher(
            planner: account.planner(try site.config()), client: account.client, store: account.store, clock: account.server.clock,
            events: { log.append($0) })

        _ = try await publisher.run(try site.compile().posts)

        let finished = log.all.filter { $0.phase == .finished }.map { "\($0.index)/\($0.total) \($0.step)" }
        XCTAssertEqual(finished, ["1/2 uploading media", "1/2 adding draft", "1/2 sending", "2/2 uploading media", "2/2 adding draft", "2/2 sending"])
        XCTAssertEqual(log.all.filter { $0.phase == .started }.count, 6)
    }

    func testAFailureNamesTheStepItHappenedIn() async throws {
        let site = try PublisherTests.twoPostSite()
        let account = try SandboxAccount(verified: false)

        let (_, outcomes) = try await account.publish(site)

        guard case .failed(let why) = outcomes.first?.result else { return XCTFail("\(outcomes.map(\.result.text))") }
        XCTAssertTrue(why.hasPrefix("sending: "), why)
    }

    func testASendLeftOpenIsSettledFromTheJournalWithoutUploadingOrDraftingAgain() async throws {
        let site = try PublisherTests.twoPostSite()
        let account = try SandboxAccount()
        do {
            try await account.publish(site) { label in if label.hasSuffix(":sending") { throw SimulatedCrash(at: label) } }
            XCTFail("should have stopped at the first `sending`")
        } catch is SimulatedCrash {}
        let uploads = account.uploadCalls
        let drafts = account.ledger.callCount("/cgi-bin/draft/add")
        let log = EventLog()
        let publisher = Publisher(
            planner: account.planner(try site.config()), client: account.client, store: account.store, clock: account.server.clock,
            events: { log.append($0) })

        _ = try await publisher.run(try site.compile().posts)

        XCTAssertEqual(log.all.filter { $0.phase == .finished }.first?.step, "settling an interrupted send")
        XCTAssertEqual(account.ledger.callCount("/cgi-bin/draft/add"), drafts + 1, "only the second post's draft is added")
        XCTAssertEqual(account.uploadCalls - uploads, 1, "only the second post's image (the cover is shared)")
        XCTAssertEqual(account.ledger.broadcasts.count, 2)
    }
}

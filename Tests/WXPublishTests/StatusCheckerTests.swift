import Foundation
import WXAPI
import WXSandbox
import WXSupport
import XCTest

@testable import WXPublish

/// `wxpub status`: the journal's sends, asked about with mass/get and freepublish/get, their
/// answers written back.
final class StatusCheckerTests: XCTestCase {
    func checker(_ account: SandboxAccount, _ site: TestSite) throws -> StatusChecker {
        StatusChecker(account: account.planner(try site.config()).account, client: account.client, store: account.store, clock: account.server.clock)
    }

    func testStatusMovesFromSendingToSuccessAndIsWrittenToTheJournal() async throws {
        let site = try PublisherTests.twoPostSite()
        let account = try SandboxAccount()
        try await account.publish(site)

        let early = try await checker(account, site).refresh()
        XCTAssertEqual(early.map(\.status), ["SENDING", "SENDING"])
        XCTAssertEqual(early.map(\.kind), [.broadcast, .broadcast])

        account.server.advanceClock(by: account.server.configuration.massSendSeconds)
        let rows = try await checker(account, site).refresh()

        XCTAssertEqual(rows.map(\.status), ["SEND_SUCCESS", "SEND_SUCCESS"])
        XCTAssertEqual(rows.map(\.previousStatus), ["SENDING", "SENDING"])
        XCTAssertEqual(Set(rows.map(\.id)), Set(account.ledger.broadcasts.map { String($0.msgID) }))
        XCTAssertEqual(Set(try account.journal().entries.values.compactMap(\.status)), ["SEND_SUCCESS"])
        XCTAssertEqual(account.ledger.callCount("/cgi-bin/message/mass/get"), 4)
    }

    func testOnlyTheGivenMsgIDsAreAsked() async throws {
        let site = try PublisherTests.twoPostSite()
        let account = try SandboxAccount()
        try await account.publish(site)
        let id = String(account.ledger.broadcasts[1].msgID)

        let rows = try await checker(account, site).refresh(ids: [id, "999"])

        XCTAssertEqual(rows.map(\.id), [id, "999"])
        XCTAssertEqual(rows[0].titles, account.ledger.broadcasts[1].titles)
        XCTAssertEqual(rows[0].status, "SENDING")
        XCTAssertNil(rows[1].clientMsgID, "999 is not in the journal")
        XCTAssertNil(rows[1].status)
        XCTAssertTrue(rows[1].error?.contains("40059") ?? false, rows[1].error ?? "")
        XCTAssertEqual(account.ledger.callCount("/cgi-bin/message/mass/get"), 2)
    }

    func testPublishJobsAreAskedWithFreepublishGet() async throws {
        let site = try ModeTests.site(mode: "publish")
        let account = try SandboxAccount()
        try await account.publish(site)
        account.server.advanceClock(by: account.server.configuration.publishSeconds)

        let rows = try await checker(account, site).refresh()

        XCTAssertEqual(rows.map(\.kind), [.publish])
        XCTAssertEqual(rows.map(\.id), [account.ledger.publishes[0].publishID])
        XCTAssertEqual(rows.map(\.status), ["PUBLISHED"])
        XCTAssertEqual(try account.journal().entries.values.first?.status, "PUBLISHED")
    }
}

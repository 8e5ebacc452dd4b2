import Foundation
import WXAPI
import WXContent
import WXSandbox
import WXSupport
import XCTest

@testable import WXPublish

/// The journal and the media cache are for people and git: plain JSON, sorted keys, no token or
/// secret; and one run at a time.
final class StateFileTests: XCTestCase {
    func testJournalAndMediaCacheAreSortedJSONWithoutTokenOrSecret() async throws {
        let site = try PublisherTests.twoPostSite()
        let account = try SandboxAccount()
        try await account.publish(site)
        let token = try await account.client.accessToken().value

        for name in ["journal.json", "media.json"] {
            let data = try XCTUnwrap(FileManager.default.contents(atPath: account.stateDirectory.appendingPathComponent(name).path), name)
            let object = try JSONSerialization.jsonObject(with: data)
            let resorted = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            XCTAssertEqual(String(decoding: data, as: UTF8.self), String(decoding: resorted, as: UTF8.self), "\(name) keeps its keys sorted")
            let text = String(decoding: data, as: UTF8.self)
            XCTAssertFalse(text.contains(token), "\(name) holds the access token")
            XCTAssertFalse(text.contains(account.secret), "\(name) holds the AppSecret")
            XCTAssertFalse(text.contains("access_token"), name)
        }
        let media = try MediaCache.load(from: account.store)
        XCTAssertEqual(media.accounts.values.first?.count, 3, "two body images and one cover")
    }

    func testJournalRoundTripsThroughItsFile() async throws {
        let site = try PublisherTests.twoPostSite()
        let account = try SandboxAccount()
        try await account.publish(site)
        let journal = try account.journal()
        try journal.save(to: account.store)
        XCTAssertEqual(try account.journal(), journal)
    }

    func testUnreadableJournalIsNeverOverwritten() async throws {
        let site = try PublisherTests.twoPostSite()
        let account = try SandboxAccount()
        try account.store.write("journal.json", Data("{ not json".utf8))

        do {
            try await account.publish(site)
            XCTFail("a damaged journal must stop the run")
        } catch let error as StateFileError {
            XCTAssertEqual(error.file, "journal.json")
            XCTAssertTrue(error.description.contains("will not overwrite"), error.description)
        }
        XCTAssertEqual(try account.store.read("journal.json"), Data("{ not json".utf8))
        XCTAssertTrue(account.ledger.broadcasts.isEmpty)
    }

    func testSecondConcurrentRunOnTheSameStateFolderFailsBusy() async throws {
        let site = try PublisherTests.twoPostSite()
        let account = try SandboxAccount()
        account.server.faults = SandboxFaults(latencyMilliseconds: 150)
        let started = Counter()
        let first = account.publisher(try site.config()) { label in _ = started.next(label) }
        let posts = try site.compile().posts
        let running = Task { try await first.run(posts) }
        while started.labels.isEmpty { try await Task.sleep(nanoseconds: 5_000_000) }

        do {
            _ = try await account.publisher(try site.config()).run(posts)
            XCTFail("the second run should find the journal locked")
        } catch let error as PublishError {
            XCTAssertEqual(error, .busy)
            XCTAssertTrue(error.description.contains("wait for it to finish"))
        }
        let (_, outcomes) = try await running.value
        XCTAssertEqual(outcomes.filter(\.result.isSent).count, 2, "the first run is not disturbed")
        XCTAssertEqual(account.ledger.broadcasts.count, 2)
        // Once it is done, the lock is free again.
        let after = try await account.publisher(try site.config()).run(posts)
        XCTAssertEqual(after.plan.broadcasts.map(\.state), [.done, .done])
    }
}

import Foundation
import WXAPI
import WXContent
import WXSupport
import XCTest

@testable import WXPublish

/// `--dry-run` plans from the site, the journal and the media cache alone: no network, no secret.
final class DryRunTests: XCTestCase {
    func testPlanNeedsNoSecretAndNoNetwork() throws {
        let site = try PublisherTests.twoPostSite()
        let config = try site.config(environment: [:])  // WXPUB_APPSECRET unset
        XCTAssertNil(try config.resolveSecret(environment: [:]))
        let store = FileStateStore(directory: site.root.appendingPathComponent(".wxpub"))

        let plan = try Planner(config: config).plan(
            try site.compile().posts, journal: try Journal.load(from: store), media: try MediaCache.load(from: store),
            now: SandboxAccount.defaultNow)

        XCTAssertEqual(plan.account, "wx5a4db0c0ffee0001@api.weixin.qq.com")
        XCTAssertEqual(plan.accountType, "service")
        XCTAssertEqual(plan.quota, Plan.QuotaSummary(period: "month", limit: 4, window: "2026-11", usedBefore: 0, plannedNow: 1))
        XCTAssertEqual(plan.broadcasts.map(\.state), [.ready, .ready])
        XCTAssertEqual(plan.broadcasts.map(\.audience), ["all", "tag:听众交流会"])
        XCTAssertEqual(plan.broadcasts.map(\.countsAgainstQuota), [true, false])
        XCTAssertEqual(plan.broadcasts[1].images.map(\.source), ["content/images/b.jpg", "content/images/a.png", "content/images/cover.png"])
        XCTAssertTrue(plan.broadcasts.allSatisfy { $0.images.allSatisfy { !$0.cached } })
        XCTAssertTrue(plan.broadcasts.allSatisfy { $0.clientMsgID.utf8.count == 32 })
        XCTAssertFalse(FileManager.default.fileExists(atPath: store.directory.path), "planning writes nothing")
    }

    func testPlanIsTheSameForTheSameInputs() throws {
        let site = try PublisherTests.twoPostSite()
        let planner = Planner(config: try site.config())
        let posts = try site.compile().posts
        let a = try planner.plan(posts, journal: Journal(), media: MediaCache(), now: SandboxAccount.defaultNow)
        let b = try planner.plan(try site.compile().posts, journal: Journal(), media: MediaCache(), now: SandboxAccount.defaultNow)
        XCTAssertEqual(a, b)
    }

    func testPlanAfterARunShowsDoneBroadcastsAndCachedImages() async throws {
        let site = try PublisherTests.twoPostSite()
        let account = try SandboxAccount()
        try await account.publish(site)

        let plan = try account.planner(try site.config()).plan(
            try site.compile().posts, journal: try account.journal(), media: try MediaCache.load(from: account.store), now: account.server.now())

        XCTAssertEqual(plan.broadcasts.map(\.state), [.done, .done])
        XCTAssertTrue(plan.broadcasts.allSatisfy { $0.images.allSatisfy(\.cached) })
        XCTAssertEqual(plan.quota.usedBefore, 1)
        XCTAssertTrue(plan.broadcasts[0].note?.hasPrefix("sent as msg_id ") ?? false)
    }

    func testFuturePostsWaitUnlessNamed() throws {
        let site = try PublisherTests.twoPostSite()
        try site.write("content/posts/2026-12-01-later.md", TestSite.post([("title", "以后"), ("publish_at", "2026-12-01 08:00")], body: "x"))
        let planner = Planner(config: try site.config())
        let posts = try site.compile().posts

        let plan = try planner.plan(posts, journal: Journal(), media: MediaCache(), now: SandboxAccount.defaultNow)
        XCTAssertEqual(plan.waiting.map(\.slug), ["later"])
        XCTAssertEqual(plan.waiting.first?.publishAt, SandboxAccount.beijing("2026-12-01T08:00:00"), "no offset means the site time zone")
        XCTAssertEqual(plan.broadcasts.count, 2)

        let named = try planner.plan(posts.filter { $0.post.slug == "later" }, journal: Journal(), media: MediaCache(), now: SandboxAccount.defaultNow,
                                     options: Planner.Options(ignoreSchedule: true))
        XCTAssertEqual(named.broadcasts.map(\.articles.first?.title), ["以后"])
    }

    func testAPlanWithoutImagesHasTheSameBroadcastsAndStates() throws {
        let site = try PublisherTests.twoPostSite()
        let planner = Planner(config: try site.config())
        let posts = try site.compile().posts

        let full = try planner.plan(posts, journal: Journal(), media: MediaCache(), now: SandboxAccount.defaultNow)
        let statesOnly = try planner.plan(posts, journal: Journal(), media: MediaCache(), now: SandboxAccount.defaultNow, options: Planner.Options(images: false))

        XCTAssertFalse(full.broadcasts.allSatisfy { $0.images.isEmpty }, "the two-post site has covers to upload")
        XCTAssertTrue(statesOnly.broadcasts.allSatisfy { $0.images.isEmpty })
        var withoutImages = full
        for index in withoutImages.broadcasts.indices { withoutImages.broadcasts[index].images = [] }
        XCTAssertEqual(statesOnly.broadcasts, withoutImages.broadcasts)
        XCTAssertEqual(statesOnly.quota, full.quota)
    }

    func testGroupMissingFromTheConfigIsBlockedNeverSentToEveryone() throws {
        let site = try PublisherTests.twoPostSite()
        var posts = try site.compile().posts
        posts[0].post.groups = [Located("listners", at: SourceLocation(file: posts[0].post.path, line: 3, column: 9))]

        let plan = try Planner(config: try site.config()).plan(posts, journal: Journal(), media: MediaCache(), now: SandboxAccount.defaultNow)

        XCTAssertEqual(plan.broadcasts.map(\.state), [.blocked, .ready])
        XCTAssertNotEqual(plan.broadcasts[0].audience, "all")
        XCTAssertTrue(plan.broadcasts[0].note?.contains("`listners`") ?? false, plan.broadcasts[0].note ?? "")
    }

    func testDraftPostsAreNeverPlanned() throws {
        let site = try PublisherTests.twoPostSite()
        try site.write("content/posts/2026-11-23-wip.md", TestSite.post([("title", "草稿"), ("draft", "true")], body: "x"))
        let plan = try Planner(config: try site.config()).plan(try site.compile().posts, journal: Journal(), media: MediaCache(), now: SandboxAccount.defaultNow)
        XCTAssertFalse(plan.broadcasts.contains { $0.articles.contains { $0.slug == "wip" } })
    }

    func testBundleOfPostsWithDifferentGroupsIsRefusedWithAReason() throws {
        let site = try PublisherTests.twoPostSite()
        do {
            _ = try Planner(config: try site.config()).plan(
                try site.compile().posts, journal: Journal(), media: MediaCache(), now: SandboxAccount.defaultNow, options: Planner.Options(bundle: true))
            XCTFail("a bundle goes to one audience")
        } catch let error as Planner.PlanningError {
            XCTAssertTrue(error.description.contains("groups differ"), error.description)
        }
    }

    func testLiveConnectionWithoutTheSecretSaysWhereToPutIt() throws {
        let site = try PublisherTests.twoPostSite()
        let config = try site.config(environment: [:])
        XCTAssertThrowsError(try AccountConnection.live(config: config, environment: [:])) { error in
            let text = "\(error)"
            XCTAssertTrue(error is AccountConnection.MissingCredentials)
            XCTAssertTrue(text.contains("WXPUB_APPSECRET"), text)
            XCTAssertTrue(text.contains("--dry-run"), text)
        }
    }

    func testLiveConnectionWithTheSecretInTheEnvironmentNeedsNoNetworkToBuild() throws {
        let site = try PublisherTests.twoPostSite()
        let config = try site.config(environment: [:])
        let connection = try AccountConnection.live(config: config, environment: ["WXPUB_APPSECRET": "s3cret"])
        XCTAssertEqual(connection.appID, "wx5a4db0c0ffee0001")
        XCTAssertEqual(connection.stateDirectory.lastPathComponent, ".wxpub")
        XCTAssertNil(connection.sandbox)
    }
}

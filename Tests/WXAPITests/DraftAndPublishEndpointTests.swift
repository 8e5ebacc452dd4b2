import Foundation
import XCTest
import WXSandbox
import WXSupport
@testable import WXAPI

final class DraftAndPublishEndpointTests: XCTestCase {
    func testADraftCanBeAddedReadUpdatedCountedAndDeleted() async throws {
        let sandbox = try SandboxHarness()
        let client = sandbox.client()
        let cover = try await client.testCover()
        let id = try await client.testDraft(title: "第一版", cover: cover)
        var stored = try await client.getDraft(mediaID: id)
        XCTAssertEqual(stored.map(\.title), ["第一版"])
        XCTAssertEqual(stored.first?.thumbMediaID, cover)
        let countAfterAdd = try await client.draftCount()
        XCTAssertEqual(countAfterAdd, 1)

        var article = try XCTUnwrap(stored.first)
        article.title = "第二版"
        article.needOpenComment = true
        try await client.updateDraft(mediaID: id, index: 0, article: article)
        stored = try await client.getDraft(mediaID: id)
        XCTAssertEqual(stored.first?.title, "第二版")
        XCTAssertEqual(stored.first?.needOpenComment, true)

        try await client.deleteDraft(mediaID: id)
        let countAfterDelete = try await client.draftCount()
        XCTAssertEqual(countAfterDelete, 0)
        XCTAssertEqual(sandbox.ledger().drafts.first?.status, "deleted")
    }

    func testADraftOfNineArticlesIsRejectedLocally() async throws {
        let sandbox = try SandboxHarness()
        let article = DraftArticle(title: "t", content: "<p>x</p>", thumbMediaID: "m")
        do {
            _ = try await sandbox.client().addDraft(articles: Array(repeating: article, count: 9))
            XCTFail("9 articles")
        } catch let error as WeChatAPIError {
            XCTAssertEqual(error.attempts, 0)
        }
        XCTAssertEqual(sandbox.ledger().callCount("/cgi-bin/draft/add"), 0)
    }

    func testSubmitPublishReportsPublishingThenTheArticleURL() async throws {
        let sandbox = try SandboxHarness()
        let client = sandbox.client()
        let draft = try await client.testDraft(cover: try await client.testCover())
        let submission = try await client.submitPublish(mediaID: draft)
        XCTAssertFalse(submission.publishID.isEmpty)
        let early = try await client.getPublishStatus(publishID: submission.publishID)
        XCTAssertEqual(early.state, .publishing)
        sandbox.server.advanceClock(by: 60)
        let done = try await client.getPublishStatus(publishID: submission.publishID)
        XCTAssertEqual(done.state, .success)
        XCTAssertEqual(done.articleID, sandbox.ledger().publishes.first?.articleID)
        XCTAssertNotNil(done.articleURLs[1])
    }

    func testPublishingOnAnUnverifiedAccountNamesTheMissingRight() async throws {
        let sandbox = try SandboxHarness(verified: false)
        let client = sandbox.client()
        let draft = try await client.testDraft(cover: try await client.testCover())
        do {
            _ = try await client.submitPublish(mediaID: draft)
            XCTFail("unverified accounts cannot publish")
        } catch let error as WeChatAPIError {
            XCTAssertEqual(error.classification, .permission)
            XCTAssertEqual(error.errcode, 48001)
            XCTAssertTrue(error.description.contains("the account lacks the publishing right"), error.description)
        }
    }

    func testAPIQuotaReportsTheDailyLimitAndUse() async throws {
        let sandbox = try SandboxHarness()
        let client = sandbox.client()
        _ = try await client.draftCount()
        let quota = try await client.apiQuota(cgiPath: "/cgi-bin/draft/count")
        XCTAssertEqual(quota.dailyLimit, 1000)
        XCTAssertEqual(quota.used, 1)
        XCTAssertEqual(quota.remain, 999)
    }
}

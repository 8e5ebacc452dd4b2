import Foundation
import WXAPI
import WXSandbox
import WXSupport
import XCTest

@testable import WXPublish

/// `wxpub preview`: one post to one phone, through the publish media pipeline, no quota, and the
/// preview's draft cleaned up afterwards.
final class PreviewerTests: XCTestCase {
    func previewer(_ account: SandboxAccount, _ site: TestSite) throws -> Previewer {
        Previewer(planner: account.planner(try site.config()), client: account.client, store: account.store, clock: account.server.clock)
    }

    func post(_ site: TestSite, _ slug: String) throws -> CompiledPost {
        try XCTUnwrap(try site.compile().posts.first { $0.post.slug == slug })
    }

    func testRecipientLooksLikeAnOpenIDOrIsAWeChatID() {
        XCTAssertEqual(Previewer.recipient("oAbCdEfGhIjKlMnOpQrStUvWx-_9"), .openID("oAbCdEfGhIjKlMnOpQrStUvWx-_9"))
        XCTAssertEqual(Previewer.recipient("zhang_san-01"), .wxName("zhang_san-01"))
        XCTAssertEqual(Previewer.recipient("oAbCdEfGhIjKlMnOpQrStUvWx-_"), .wxName("oAbCdEfGhIjKlMnOpQrStUvWx-_"), "27 characters is not an OpenID")
        XCTAssertEqual(Previewer.recipient("oAbCdEfGhIjKlMnOpQrStUvWx.9"), .wxName("oAbCdEfGhIjKlMnOpQrStUvWx.9"))
    }

    func testPreviewToAFollowerSendsOneMessageUsesNoQuotaAndDeletesItsDraft() async throws {
        let site = try PublisherTests.twoPostSite()
        let account = try SandboxAccount()
        let openID = account.server.audience().followers[3]

        let result = try await previewer(account, site).preview(try post(site, "second"), to: Previewer.recipient(openID))

        let ledger = account.ledger
        XCTAssertEqual(ledger.previews.count, 1)
        XCTAssertEqual(ledger.previews[0].touser, openID)
        XCTAssertNil(ledger.previews[0].towxname)
        XCTAssertEqual(ledger.previews[0].titles, ["第二篇"])
        XCTAssertEqual(result.msgID, String(ledger.previews[0].msgID))
        XCTAssertTrue(result.draftDeleted)
        XCTAssertEqual(ledger.drafts.map(\.status), ["deleted"])
        XCTAssertEqual(result.uploads, 3)
        XCTAssertTrue(ledger.broadcasts.isEmpty)
        XCTAssertFalse(FileManager.default.fileExists(atPath: account.stateDirectory.appendingPathComponent("journal.json").path),
                       "a preview is not a delivery")
    }

    func testPreviewToAWeChatIDUsesTowxname() async throws {
        let site = try PublisherTests.twoPostSite()
        let account = try SandboxAccount()

        _ = try await previewer(account, site).preview(try post(site, "first"), to: Previewer.recipient("editor_wang"))

        XCTAssertEqual(account.ledger.previews.map(\.towxname), ["editor_wang"])
    }

    func testPreviewAndPublishShareTheMediaCache() async throws {
        let site = try PublisherTests.twoPostSite()
        let account = try SandboxAccount()
        _ = try await previewer(account, site).preview(try post(site, "second"), to: .wxName("editor_wang"))
        let uploadsAfterPreview = account.uploadCalls

        let (_, outcomes) = try await account.publish(site)

        XCTAssertEqual(uploadsAfterPreview, 3)
        XCTAssertEqual(account.uploadCalls, 3, "publish reuses every upload the preview made")
        XCTAssertEqual(outcomes.map(\.uploads), [0, 0])
        let again = try await previewer(account, site).preview(try post(site, "first"), to: .wxName("editor_wang"))
        XCTAssertEqual(again.uploads, 0)
    }

    func testPreviewToAnUnknownOpenIDFailsAndStillDeletesTheDraft() async throws {
        let site = try PublisherTests.twoPostSite()
        let account = try SandboxAccount()

        do {
            _ = try await previewer(account, site).preview(try post(site, "first"), to: .openID("oNotAFollowerOfThisAccount01"))
            XCTFail("the sandbox knows no such follower")
        } catch let error as WeChatAPIError {
            XCTAssertEqual(error.errcode, 40003)
        }
        XCTAssertEqual(account.ledger.drafts.map(\.status), ["deleted"])
        XCTAssertTrue(account.ledger.previews.isEmpty)
    }
}

import Foundation
import XCTest
import WXSandbox
import WXSupport
@testable import WXAPI

final class AudienceEndpointTests: XCTestCase {
    func testTagsCanBeCreatedListedRenamedAndDeleted() async throws {
        let sandbox = try SandboxHarness()
        let client = sandbox.client()
        let before = try await client.tags()
        let tag = try await client.createTag(name: "技术读者")
        XCTAssertEqual(tag.name, "技术读者")
        let tagCount = try await client.tags().count
        XCTAssertEqual(tagCount, before.count + 1)
        try await client.updateTag(id: tag.id, name: "工程师")
        let renamed = try await client.tags().first { $0.id == tag.id }?.name
        XCTAssertEqual(renamed, "工程师")
        try await client.deleteTag(id: tag.id)
        let deleted = try await client.tags().first { $0.id == tag.id }
        XCTAssertNil(deleted)
    }

    func testTagNamesOverThirtyBytesAreRejectedLocally() async throws {
        let sandbox = try SandboxHarness()
        do {
            _ = try await sandbox.client().createTag(name: "一二三四五六七八九十一")  // 33 bytes
            XCTFail("too long")
        } catch let error as WeChatAPIError {
            XCTAssertTrue(error.description.contains("33 bytes"), error.description)
        }
        XCTAssertEqual(sandbox.ledger().callCount("/cgi-bin/tags/create"), 0)
    }

    func testTaggingGoesOutInBatchesOfFiftyAndCountsMembers() async throws {
        let sandbox = try SandboxHarness(followers: 120)
        let client = sandbox.client()
        let tag = try await client.createTag(name: "全员")
        let everyone = sandbox.server.audience().followers
        try await client.tagMembers(tagID: tag.id, openIDs: everyone)
        XCTAssertEqual(sandbox.ledger().callCount("/cgi-bin/tags/members/batchtagging"), 3)
        let membersAfterTagging = try await client.tags().first { $0.id == tag.id }?.count
        XCTAssertEqual(membersAfterTagging, 120)
        try await client.untagMembers(tagID: tag.id, openIDs: Array(everyone.prefix(70)))
        XCTAssertEqual(sandbox.ledger().callCount("/cgi-bin/tags/members/batchuntagging"), 2)
        let membersAfterUntagging = try await client.tags().first { $0.id == tag.id }?.count
        XCTAssertEqual(membersAfterUntagging, 50)
    }

    func testFollowersArePagedByTenThousandAndAllFollowersWalksEveryPage() async throws {
        let sandbox = try SandboxHarness(followers: 23_000)
        let client = sandbox.client()
        let first = try await client.followers()
        XCTAssertEqual(first.total, 23_000)
        XCTAssertEqual(first.openIDs.count, 10_000)
        XCTAssertNotNil(first.nextOpenID)
        let all = try await client.allFollowers()
        XCTAssertEqual(all, sandbox.server.audience().followers)
        XCTAssertEqual(sandbox.ledger().callCount("/cgi-bin/user/get"), 1 + 3)
    }

    func testUserInfoDescribesAFollower() async throws {
        let sandbox = try SandboxHarness()
        let openID = try XCTUnwrap(sandbox.server.audience().followers.first)
        let info = try await sandbox.client().userInfo(openID: openID)
        XCTAssertEqual(info.openID, openID)
        XCTAssertTrue(info.isFollower)
    }
}

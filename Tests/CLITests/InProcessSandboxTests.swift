import Foundation
import XCTest

/// `--sandbox` on the account commands: an in-process sandbox whose state lives in the site's
/// `.wxpub/sandbox/`, so one run sees what the previous one did, and no credentials are needed.
final class InProcessSandboxTests: XCTestCase {
    private var site: TestSite!

    override func setUpWithError() throws {
        try super.setUpWithError()
        site = try TestSite.minimal(groups: ["vip: 会员"])
    }

    override func tearDown() {
        site?.remove()
        super.tearDown()
    }

    func testFollowersCountNeedsNoCredentials() throws {
        let result = try WXPub.run(["followers", "--count", "--sandbox"], in: site.root, env: ["WXPUB_APPSECRET": nil])
        XCTAssertEqual(result.status, 0, "\(result)")
        XCTAssertEqual(result.stdout, "1000\n")
    }

    func testATagCreatedInOneRunIsListedInTheNext() throws {
        let sync = try WXPub.run(["groups", "sync", "--sandbox"], in: site.root)
        XCTAssertEqual(sync.status, 0, "\(sync)")
        XCTAssertTrue(sync.stdout.contains("会员"), "\(sync)")
        let list = try WXPub.run(["groups", "--sandbox"], in: site.root)
        XCTAssertEqual(list.status, 0, "\(list)")
        XCTAssertTrue(list.stdout.contains("会员  ← `vip`"), "\(list)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.url(".wxpub/sandbox").path))
    }

    func testMediaGetFindsTheCoverOfAnEarlierSandboxPublish() throws {
        XCTAssertEqual(try WXPub.run(["publish", "--sandbox"], in: site.root).status, 0)
        // The media cache names the material publish uploaded for the cover.
        let cache = try JSONSerialization.jsonObject(with: site.read(".wxpub/sandbox/media.json"))
        let mediaID = try XCTUnwrap(firstString(forKey: "media_id", in: cache), "no media_id in the sandbox media cache")
        let out = site.url("cover-copy.png")
        let result = try WXPub.run(["media", "get", mediaID, "-o", out.path, "--sandbox"], in: site.root)
        XCTAssertEqual(result.status, 0, "\(result)")
        XCTAssertEqual(try Data(contentsOf: out), TestSite.pixelPNG)
    }

    private func firstString(forKey key: String, in value: Any) -> String? {
        if let object = value as? [String: Any] {
            if let found = object[key] as? String { return found }
            for inner in object.values { if let found = firstString(forKey: key, in: inner) { return found } }
        } else if let array = value as? [Any] {
            for inner in array { if let found = firstString(forKey: key, in: inner) { return found } }
        }
        return nil
    }
}

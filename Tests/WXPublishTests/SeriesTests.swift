import Foundation
import WXContent
import WXRender
import WXSandbox
import WXSupport
import XCTest

@testable import WXPublish

/// `split: h2`: a post over WeChat's content limit goes out as a series — parts under the limit,
/// in order, in one broadcast and one quota slot, images shared between parts uploaded once.
final class SeriesTests: XCTestCase {
    /// `sections` sections of about `characters` characters each, headed `## 第N节`; the first and
    /// last show the same image.
    static func longBody(sections: Int, characters: Int) -> String {
        var out = "开篇的一段话。\n\n"
        for n in 1...sections {
            out += "## 第\(n)节\n\n"
            if n == 1 || n == sections { out += "![图](../images/a.png)\n\n" }
            let paragraph = String(repeating: "公众号文章的正文，", count: 20)
            for _ in 0..<(characters / 180) { out += paragraph + "\n\n" }
        }
        return out
    }

    static func site(_ fields: [(String, String)], body: String) throws -> TestSite {
        try TestSite(
            ["wxpub.yml": TestSite.config(type: "subscription"),
             "content/posts/2027-02-01-long.md": TestSite.post([("title", "长文")] + fields, body: body)],
            images: ["content/images/cover.png": TestImage.png(seed: 1), "content/images/a.png": TestImage.png(seed: 2)])
    }

    func testSplitH2CutsALongPostIntoPartsUnderTheLimitThatGoOutAsOneBroadcast() async throws {
        let site = try Self.site([("split", "h2")], body: Self.longBody(sections: 5, characters: 5000))
        let compiled = try site.compile()
        XCTAssertEqual(compiled.errors, [])
        let parts = compiled.posts
        XCTAssertGreaterThan(parts.count, 1)
        XCTAssertLessThanOrEqual(parts.count, 8)
        for part in parts { XCTAssertLessThan(part.article.content.count, ArticleLimits.contentCharacters, part.post.slug) }
        XCTAssertEqual(parts.map(\.article.title), Array(["长文（一）", "长文（二）", "长文（三）", "长文（四）", "长文（五）"].prefix(parts.count)))
        XCTAssertEqual(parts.map(\.post.slug), (1...parts.count).map { "long-\($0)" })
        // As few parts as possible: no two neighbours would fit together.
        let compiler = try ArticleCompiler(site: try site.config())
        for i in 0..<(parts.count - 1) {
            var merged = parts[i].post
            merged.body = parts[i].post.body + "\n" + parts[i + 1].post.body
            XCTAssertTrue(compiler.compile(merged).diagnostics.contains { $0.rule == "limit/content" }, "parts \(i + 1) and \(i + 2) would fit as one")
        }

        let account = try SandboxAccount(type: .subscription, now: SandboxAccount.beijing("2027-03-01T21:00:00"))
        let (plan, outcomes) = try await account.publish(site)

        XCTAssertEqual(plan.broadcasts.count, 1)
        XCTAssertEqual(outcomes.map(\.result.isSent), [true])
        XCTAssertEqual(account.ledger.broadcasts.map(\.titles), [parts.map(\.article.title)])
        XCTAssertEqual(plan.quota.plannedNow, 1, "one quota slot for the whole series")
        XCTAssertEqual(account.ledger.callCount("/cgi-bin/media/uploadimg"), 1, "the image in the first and last part is uploaded once")
    }

    func testPartsListTitlesTheSeries() throws {
        // Two sections that each fit and together do not (the compact output is ≈ 1.1 characters of HTML per character of text).
        let site = try Self.site([("split", "h2"), ("parts", "[上篇, 下篇]")], body: Self.longBody(sections: 2, characters: 12000))

        let compiled = try site.compile()

        XCTAssertEqual(compiled.errors, [])
        XCTAssertEqual(compiled.posts.map(\.article.title), ["上篇", "下篇"])
    }

    func testAPostThatFitsIsNotSplit() throws {
        let site = try Self.site([("split", "h2")], body: Self.longBody(sections: 2, characters: 400))

        let compiled = try site.compile()

        XCTAssertEqual(compiled.posts.map(\.article.title), ["长文"])
        XCTAssertNil(compiled.posts.first?.series)
    }

    func testASectionOverTheLimitOnItsOwnIsAnErrorAtItsHeading() throws {
        let body = "## 短节\n\n短。\n\n## 长节\n\n" + String(repeating: String(repeating: "很长的正文，", count: 30) + "\n\n", count: 160)
        let site = try Self.site([("split", "h2")], body: body)

        let compiled = try site.compile()

        XCTAssertEqual(compiled.posts.count, 0)
        let error = try XCTUnwrap(compiled.errors.first { $0.rule == "limit/content" })
        XCTAssertEqual(error.location.line, 11, "the `## 长节` line (lines 1–5 front matter, 6 blank, 7 `## 短节`)")
        XCTAssertTrue(error.message.contains("on its own"), error.message)
    }

    func testWithoutSplitTheLimitErrorSuggestsIt() throws {
        let site = try Self.site([], body: Self.longBody(sections: 5, characters: 5000))

        let compiled = try site.compile()

        let error = try XCTUnwrap(compiled.errors.first { $0.rule == "limit/content" })
        XCTAssertTrue(error.fix?.contains("split: h2") ?? false, error.fix ?? "")
    }
}

import Foundation
import XCTest
import WXSupport

@testable import WXContent

/// A slug names the post's build folder: one too long for a file name is a located `check` error,
/// never a failure at `build` time.
final class SlugLengthTests: XCTestCase {
    private let site = SiteConfig(root: URL(fileURLWithPath: "/site"))

    private func load(_ text: String, fileName: String = "2024-05-01-post.md") -> PostLoader.Result {
        PostLoader(site: site).parse(text, path: "content/posts/\(fileName)", fileURL: URL(fileURLWithPath: "/site/content/posts/\(fileName)"))
    }

    private func errors(_ result: PostLoader.Result) -> [String] {
        result.diagnostics.filter { $0.severity == .error }.map { "\($0.location): \($0.message)" }
    }

    func testAFrontMatterSlugOf128CharactersIsAccepted() {
        let slug = String(repeating: "a", count: 128)
        let result = load("---\ntitle: 标题\nslug: \(slug)\n---\n正文\n")
        XCTAssertEqual(errors(result), [])
        XCTAssertEqual(result.post?.slug, slug)
    }

    func testAFrontMatterSlugOf300CharactersIsAnErrorAtItsLine() {
        let result = load("---\ntitle: 标题\nslug: \"\(String(repeating: "a", count: 300))\"\n---\n正文\n")
        XCTAssertEqual(errors(result), [
            "content/posts/2024-05-01-post.md:3:7: slug is 300 characters long; wxpub allows at most 128 (it names the post's build folder)"
        ])
        XCTAssertEqual(result.post?.slug, "post", "the file name's slug is kept")
    }

    func testASlugTakenFromAVeryLongFileNameIsAnErrorAtTheTop() {
        let name = "2024-05-01-" + String(repeating: "长", count: 60) + ".md"
        let result = load("---\ntitle: 标题\n---\n正文\n", fileName: name)
        XCTAssertEqual(errors(result), [
            "content/posts/\(name):1:1: the slug taken from the file name is 180 bytes long; wxpub allows at most 128 (it names the post's build folder)"
        ])
    }

    func testAnInvalidSlugIsQuotedShortened() {
        let result = load("---\ntitle: 标题\nslug: \"\(String(repeating: "坏", count: 100))\"\n---\n正文\n")
        XCTAssertEqual(errors(result).first?.contains("slug `\(String(repeating: "坏", count: 60))` may only contain"), true, "\(errors(result))")
    }
}

import Foundation
import XCTest

/// The theme's findings are reported once, before any post's, and counted in the summary — also
/// when they are looked for while the posts already compile, and when there is no post at all.
final class ThemeFindingsCLITests: XCTestCase {
    /// A minimal site whose theme sets a `font-family` (WeChat rule 3, a warning).
    func siteWithAThemeWarning() throws -> TestSite {
        let site = try TestSite.minimal()
        try site.write("templates/theme.css", Data("p { font-family: serif; }\n".utf8))
        return site
    }

    func testTheThemesFindingComesBeforeThePostsAndIsCounted() throws {
        let site = try siteWithAThemeWarning()
        defer { site.remove() }
        try site.write("content/posts/2024-05-02-second.md", Data("---\ntitle: 第二篇\nparts: [一, 二]\n---\n\n正文。\n".utf8))

        let check = try WXPub.run(["check"], in: site.root)

        let lines = check.stderr.split(separator: "\n").map(String.init)
        let theme = try XCTUnwrap(lines.firstIndex { $0.contains("templates/theme.css") }, "\(check)")
        let post = try XCTUnwrap(lines.firstIndex { $0.contains("`parts` has no effect without `split`") }, "\(check)")
        XCTAssertLessThan(theme, post, "\(check)")
        XCTAssertEqual(lines.filter { $0.contains("templates/theme.css") && $0.contains("warning") }.count, 1, "\(check)")
        XCTAssertTrue(check.stderr.contains("2 posts: 0 errors, 2 warnings"), "\(check)")
    }

    func testASiteWithoutPostsStillReportsItsThemesFinding() throws {
        let site = try siteWithAThemeWarning()
        defer { site.remove() }
        try FileManager.default.removeItem(at: site.url("content/posts/2024-05-01-first.md"))

        let check = try WXPub.run(["check"], in: site.root)

        XCTAssertTrue(check.stderr.contains("templates/theme.css"), "\(check)")
        XCTAssertTrue(check.stderr.contains("0 posts: 0 errors, 1 warning"), "\(check)")
    }
}

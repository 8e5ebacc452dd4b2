import Foundation
import WXContent
import WXSupport
import XCTest

@testable import WXRender

/// Raw HTML with its own colours is checked as dark mode shows it, at the raw HTML's line.
final class DarkModeRawHTMLTests: XCTestCase {
    func darkModeFindings(_ body: String) throws -> [String] {
        let site = try TestSite()
        defer { site.remove() }
        let compiler = try ArticleCompiler(site: site.config(defaultCover: "images/green.jpg"))
        return compiler.compile(site.post(body)).diagnostics.filter { $0.message.hasPrefix("in Dark Mode") }.map(\.description)
    }

    func testAuthoredMidGreyTextIsAWarningAtItsLine() throws {
        XCTAssertEqual(try darkModeFindings("第一段\n\n<p style=\"color: #5a5a5a\">灰色的字</p>\n"), [
            "content/posts/post.md:7:1: warning: in Dark Mode this text (#5a5a5a on #ffffff) becomes #5a5a5a on #191919, a contrast of 2.55:1 "
                + "(below 3:1; 6.9:1 in light mode) [wechat/4.1.1]\n"
                + "  fix: Choose a text colour further from its background in brightness (darker text on light backgrounds), or leave the colours to the theme.",
        ])
    }

    func testAuthoredTextOnATintedBoxIsAWarning() throws {
        let findings = try darkModeFindings("<section style=\"background-color: #fff3e0\"><p style=\"color: #e65100\">提示</p></section>\n")
        XCTAssertEqual(findings.count, 1, "\(findings)")
    }

    func testTheTemplatesOwnColoursAreNotTheAuthors() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write(Data("<section><p style=\"color: #5a5a5a\">{{title}}</p>{{{body}}}</section>\n".utf8), to: "templates/article.html")
        let config = try site.config(defaultCover: "images/green.jpg")
        let compiler = ArticleCompiler(site: config, theme: try Theme.load(site: config))
        let diagnostics = compiler.compile(site.post("第一段\n")).diagnostics
        XCTAssertEqual(diagnostics.filter { $0.message.hasPrefix("in Dark Mode") }, [])
    }

    func testColoursThatDarkModeFixesAndThemeColoursAreNotReported() throws {
        XCTAssertEqual(try darkModeFindings("<p style=\"color: #333333\">深色的字</p>\n\n**加粗** 与 `代码`\n"), [])
    }

}

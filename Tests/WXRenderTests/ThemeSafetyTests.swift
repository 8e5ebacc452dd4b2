import WXHTML
import XCTest

@testable import WXRender

/// A theme's declarations that WeChat would not keep are removed once, with a warning at their
/// line in the theme file, and never reach an article.
final class ThemeSafetyTests: XCTestCase {
    var site: TestSite!

    override func setUpWithError() throws { site = try TestSite() }
    override func tearDown() { site.remove() }

    private func theme(_ css: String) throws -> Theme {
        try site.write(Data(css.utf8), to: "templates/theme.css")
        return try Theme.load(site: site.config())
    }

    func testEscapedScriptsTrackingImagesAndFixedOverlaysAreRemovedWithWarningsAtTheirLines() throws {
        let theme = try theme(#"""
            p {
              color: #333;
              background: url(\6a avascript:alert(1));
              width: \65 xpression(alert(1));
            }
            .article { background-image: url(https://tracker.example/p.gif); position: fixed; }
            """#)
        XCTAssertEqual(theme.warnings.map { "\($0.location): \($0.message)" }, [
            #"templates/theme.css:3:3: removed `background: url(\6a avascript:alert(1))` from the theme: a javascript: URL runs code"#,
            #"templates/theme.css:4:3: removed `width: \65 xpression(alert(1))` from the theme: expression() runs code"#,
            "templates/theme.css:6:12: removed `background-image: url(https://tracker.example/p.gif)` from the theme: url(https://tracker.example/p.gif) loads an image from outside WeChat on every read (a tracking image); WeChat removes it",
            "templates/theme.css:6:66: removed `position: fixed` from the theme: `position: fixed` lays an overlay over the reader's screen; WeChat removes it",
        ])
        XCTAssertEqual(theme.warnings.compactMap(\.rule), Array(repeating: "theme/unsafe-css", count: 4))
        XCTAssertEqual(theme.stylesheet.rules.flatMap(\.declarations).map(\.description), ["color: #333"])
    }

    func testRemovedDeclarationsNeverReachTheArticle() throws {
        _ = try theme("p { color: #333; background: url(https://tracker.example/p.gif); }\n")
        let compiler = try ArticleCompiler(site: site.config())
        let result = compiler.compile(site.post("正文", cover: "/images/red.png"))
        XCTAssertTrue(result.content?.contains("color:#333") == true, result.content ?? "")
        XCTAssertFalse(result.content?.contains("tracker.example") == true, result.content ?? "")
        XCTAssertEqual(compiler.themeDiagnostics.filter { $0.rule == "theme/unsafe-css" }.count, 1)
    }

    func testTheBuiltInThemeLosesNothing() throws {
        XCTAssertEqual(try Theme.builtIn().warnings, [])
    }
}

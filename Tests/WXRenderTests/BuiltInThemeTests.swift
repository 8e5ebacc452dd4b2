import Foundation
import WXContent
import WXHTML
import WXStructure
import WXSupport
import WXTestSupport
import XCTest

@testable import WXRender

/// `theme: NAME` picks one of the built-in themes; a site's own templates still override it file
/// by file; every built-in theme passes the structure rules, styles every hook the renderer emits,
/// and renders the example site exactly as its golden articles (`Fixtures/themes/<theme>/`,
/// regenerated with `RECORD_SNAPSHOTS=1`).
final class BuiltInThemeTests: XCTestCase {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/themes")

    func site(_ yaml: String, files: [String: String] = [:]) throws -> (TestSite, SiteConfig) {
        var data = files.mapValues { Data($0.utf8) }
        data["wxpub.yml"] = Data(("account:\n  name: 测试号\n" + yaml).utf8)
        let site = try TestSite(files: data)
        return (site, try SiteConfig.load(root: site.root, environment: [:]))
    }

    func testThereAreThreeBuiltInThemesWithDistinctStylesheets() {
        XCTAssertEqual(BuiltInTheme.all.map(\.name), ["default", "magazine", "tech"])
        XCTAssertEqual(Set(BuiltInTheme.all.map { $0.files["theme.css"]! }).count, 3)
        XCTAssertEqual(BuiltInTheme.named("default")?.files, DefaultTheme.files)
    }

    func testThemeKeySelectsTheBuiltInTheme() throws {
        let (site, config) = try site("theme: tech\ndefaults:\n  cover: images/green.jpg\n")
        defer { site.remove() }
        let compiler = try ArticleCompiler(site: config)
        let html = try XCTUnwrap(compiler.compile(site.post("## 小标题\n\n正文")).article?.content)
        XCTAssertTrue(html.contains("<h2 style=\"font-size:18px;color:#15b\">小标题</h2>"), html)
        XCTAssertEqual(compiler.theme.sources["theme.css"], "(built-in tech)/theme.css")
    }

    func testWithoutThemeKeyTheDefaultThemeIsUsed() throws {
        let (site, config) = try site("")
        defer { site.remove() }
        XCTAssertNil(config.theme)
        XCTAssertEqual(try ArticleCompiler(site: config).theme.sources["theme.css"], "(built-in)/theme.css")
    }

    func testSiteTemplatesStillOverrideTheChosenThemeFileByFile() throws {
        let (site, config) = try site("theme: magazine\n", files: ["templates/theme.css": "p { color: #123456; }\n"])
        defer { site.remove() }
        let theme = try Theme.load(site: config)
        XCTAssertEqual(theme.sources["theme.css"], "templates/theme.css")
        XCTAssertEqual(theme.sources["partials/footer.html"], "(built-in magazine)/partials/footer.html")
    }

    func testAnUnknownThemeIsAnErrorAtItsLineWithASuggestion() throws {
        let (site, config) = try site("theme: magazin\n")
        defer { site.remove() }
        XCTAssertThrowsError(try Theme.load(site: config)) { error in
            XCTAssertEqual((error as? DiagnosticError)?.diagnostics.map(\.description),
                           ["wxpub.yml:3:8: error: unknown theme `magazin` (did you mean `magazine`?) [theme/name]\n"
                            + "  fix: use one of the built-in themes: default, magazine, tech (`wxpub themes` lists them)"])
        }
    }

    func testEveryBuiltInThemeRaisesNoThemeFinding() throws {
        for builtIn in BuiltInTheme.all {
            let compiler = ArticleCompiler(site: SiteConfig(root: URL(fileURLWithPath: "/nonexistent")), theme: try Theme.builtIn(builtIn))
            XCTAssertEqual(compiler.themeDiagnostics.map(\.description), [], builtIn.name)
        }
    }

    /// The hooks of docs/theme-classes.md: every one has a rule in the magazine and tech themes,
    /// except those a theme leaves alone on purpose because every span costs characters of
    /// WeChat's 20,000: list markers stay text in the item's colour (so the list kinds, there to
    /// style markers, need no rule either), numbers, operators and comments stay in the code's
    /// colour (a class without a rule gets no span), and a code block that scrolls itself leaves its
    /// `code-scroll` wrapper (then not written) and `code-body` to inherit.
    func testTheNewThemesStyleEveryHookTheRendererEmits() throws {
        let doc = try String(contentsOf: Self.repoRoot.appendingPathComponent("docs/theme-classes.md"), encoding: .utf8)
        var hooks: Set<String> = []
        for line in doc.split(separator: "\n") where line.hasPrefix("| `") {
            let cell = line.split(separator: "|")[0]
            for part in cell.split(separator: "`") where part.hasPrefix(".") { hooks.insert(String(part)) }
        }
        XCTAssertGreaterThan(hooks.count, 30)
        hooks.subtract([".list-marker", ".list-bullet", ".list-ordered", ".hl-number", ".hl-operator", ".hl-comment", ".code-scroll", ".code-body"])
        for name in ["magazine", "tech"] {
            let theme = try Theme.builtIn(BuiltInTheme.named(name)!)
            let classes = Set(theme.stylesheet.rules.flatMap(\.selectors).flatMap(\.compounds).flatMap(\.classes))
            let missing = hooks.filter { !classes.contains(String($0.dropFirst())) }
            XCTAssertEqual(missing.sorted(), [], "\(name) has no rule for these hooks")
        }
    }

    /// Each post of the example site compiled in each built-in theme.
    static func forEachExamplePostInEachTheme(_ body: (BuiltInTheme, String, Post, CompileResult) throws -> Void) throws {
        var config = try SiteConfig.load(root: repoRoot, environment: [:])
        for builtIn in BuiltInTheme.all {
            config.theme = nil
            let compiler = ArticleCompiler(site: config, theme: try Theme.builtIn(builtIn))
            let loader = PostLoader(site: config)
            for path in Site(config: config).postPaths() {
                let post = try XCTUnwrap(loader.load(path: path).post)
                try body(builtIn, path, post, compiler.compile(post))
            }
        }
    }

    func testTheExampleSiteInEachThemeMatchesItsGoldenArticlesAndPassesTheStructureRules() throws {
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
        try Self.forEachExamplePostInEachTheme { builtIn, path, post, result in
            XCTAssertEqual(result.diagnostics.map(\.description), [], "\(builtIn.name): \(path)")
            let html = try XCTUnwrap(result.article?.content)
            let findings = StructureChecker().check(HTMLParser.parseFragment(html, file: path).nodes, file: path)
            XCTAssertEqual(findings.map(\.description), [], "\(builtIn.name): \(path)")
            let golden = Self.goldenFolder.appendingPathComponent("\(builtIn.name)/\(post.slug).html")
            if record {
                try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data((html + "\n").utf8).write(to: golden)
            }
            let expected = try String(contentsOf: golden, encoding: .utf8)
            XCTAssertEqual(html + "\n", expected, "\(builtIn.name)/\(post.slug).html differs; if intended, rerun with RECORD_SNAPSHOTS=1")
        }
    }

    /// Every theme's previews of the example site in headless Chromium at 375 px, in light and
    /// dark mode: nothing wider than the screen outside a sideways-scrolling box, no text below
    /// 12 px, no line height below the font size (`scripts/check-legibility.py`).
    func testEveryThemeIsLegibleOnA375pxPhoneInLightAndDarkMode() throws {
        guard OracleProcess.pythonHas("playwright"), FileManager.default.fileExists(atPath: "/usr/bin/chromium") else {
            throw XCTSkip("Playwright or Debian's chromium is missing; skipping the 375 px legibility check")
        }
        let config = try SiteConfig.load(root: Self.repoRoot, environment: [:])
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("wxpub-legibility-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let written = try ThemePreviews(site: config, outputDirectory: out).write()
        let pages = written.flatMap { theme in theme.posts.map { out.appendingPathComponent("\(theme.theme.name)/\($0.slug)/index.html").path } }
        XCTAssertEqual(pages.count, 3 * Site(config: config).postPaths().count, "every example post in every theme")
        let result = try XCTUnwrap(OracleProcess.run(["python3", Self.repoRoot.appendingPathComponent("scripts/check-legibility.py").path] + pages))
        XCTAssertEqual(result.status, 0, result.output + result.errors)
    }
}

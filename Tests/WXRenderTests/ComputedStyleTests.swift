import Foundation
import WXContent
import WXSupport
import XCTest

@testable import WXRender

/// The proof that compact output looks the same: `Fixtures/computed/<case>.txt` holds, for every
/// visible text run of an article, its computed style (see `ComputedStyles`), recorded from the
/// renderer *before* the one-pass renderer and the compact style table replaced it (issue 10).
/// Today's output must give the same runs. Articles are compiled with the theme of that time,
/// kept in `Fixtures/computed/theme/`, so the proof is about the renderer; the default theme has
/// been made lighter since (see docs/theme-classes.md). Re-record only on purpose, with
/// `RECORD_COMPUTED_STYLES=1`, and say why in the commit.
///
/// Allowed differences, both required by issue 10: list markers are written as text (`•`, `◦`,
/// `▪`, `3.`, `☐`, `☑`) instead of being drawn by `ul`/`ol`, so the new output has those extra
/// runs; they are skipped when they are not in the recording.
final class ComputedStyleTests: XCTestCase {
    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_COMPUTED_STYLES"] == "1" }
    static let sourceFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func testEveryGoldenCaseKeepsTheComputedStyleOfEveryTextRun() throws {
        try TestSite.compileGoldenCases(files: try Self.recordedTheme()) { name, result in
            let content = try XCTUnwrap(result.content, name)
            try check(content, against: "computed/golden-\(name).txt")
        }
    }

    func testTheSeedPostKeepsTheComputedStyleOfEveryTextRun() throws {
        let site = try TestSite(files: try Self.recordedTheme())
        defer { site.remove() }
        let post = try SeedPost.load(site: site)
        let content = try XCTUnwrap(try ArticleCompiler(site: site.config(defaultCover: "images/green.jpg")).compile(post).content)
        try check(content, against: "computed/seed.txt")
    }

    func testEveryExamplePostKeepsTheComputedStyleOfEveryTextRun() throws {
        let config = try SiteConfig.load(root: ThemeComplianceTests.repoRoot, environment: [:])
        var themed = config
        themed.templatesDirectory = Self.relativePath(from: config.root, to: TestSite.fixtures.appendingPathComponent("computed/theme"))
        let compiler = ArticleCompiler(site: config, theme: try Theme.load(site: themed))
        for path in Site(config: config).postPaths() {
            let post = try XCTUnwrap(PostLoader(site: config).load(path: path).post, path)
            let content = try XCTUnwrap(compiler.compile(post).content, path)
            try check(content, against: "computed/example-\(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent).txt")
        }
    }

    /// The theme the recordings were made with, as `templates/…` files of a test site.
    static func recordedTheme() throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in ["theme.css", "article.html", "partials/footer.html", "partials/header.html", "partials/references.html"] {
            files["templates/" + name] = try Data(contentsOf: TestSite.fixtures.appendingPathComponent("computed/theme/" + name))
        }
        return files
    }

    static func relativePath(from root: URL, to folder: URL) -> String {
        let from = root.standardizedFileURL.pathComponents
        let to = folder.standardizedFileURL.pathComponents
        var common = 0
        while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
        return (Array(repeating: "..", count: from.count - common) + to[common...]).joined(separator: "/")
    }

    /// Text a list marker is written as (issue 10: markers are text inside each item).
    static func isListMarker(_ text: String) -> Bool {
        if ["•", "◦", "▪", "☐", "☑"].contains(text) { return true }
        return text.hasSuffix(".") && text.count > 1 && text.dropLast().allSatisfy(\.isASCII) && Int(text.dropLast()) != nil
    }

    func check(_ html: String, against relative: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let runs = ComputedStyles.runs(ofHTML: html)
        if Self.recording {
            let text = runs.map(\.description).joined(separator: "\n") + "\n"
            try text.write(to: Self.sourceFixtures.appendingPathComponent(relative), atomically: true, encoding: .utf8)
            return
        }
        let recorded = try String(contentsOf: TestSite.fixtures.appendingPathComponent(relative), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        // A marker in an unstyled span is part of the item's text run: take it off.
        let unmarked = runs.enumerated().map { offset, run -> ComputedStyles.Run in
            var run = run
            if let space = run.text.firstIndex(of: " "), Self.isListMarker(String(run.text[..<space])),
                offset >= recorded.count || !recorded[offset].hasPrefix(String(run.text[...space]))
            {
                run.text = String(run.text[run.text.index(after: space)...])
            }
            return run
        }
        var actual = unmarked.map(\.description)
        // Skip marker runs the recording does not have, in order.
        var kept: [String] = []
        var index = 0
        for (run, line) in zip(unmarked, actual) {
            if index < recorded.count, recorded[index] == line {
                kept.append(line)
                index += 1
            } else if Self.isListMarker(run.text) {
                continue
            } else {
                kept.append(line)
                index += 1
            }
        }
        actual = kept
        for (i, (old, new)) in zip(recorded, actual).enumerated() where old != new {
            XCTFail("\(relative): text run \(i + 1) differs\n  recorded: \(old)\n  now:      \(new)", file: file, line: line)
            return
        }
        XCTAssertEqual(actual.count, recorded.count, "\(relative): number of text runs", file: file, line: line)
    }
}

import Foundation
import XCTest

/// `wxpub themes` and `wxpub init --theme`, run as the real binary.
final class ThemesCommandTests: XCTestCase {
    func testThemesListsEachBuiltInThemeByNameAtLineStartAndWritesPreviews() throws {
        let site = try TestSite.empty()
        defer { site.remove() }
        let result = try WXPub.run(["themes"], in: site.root)
        XCTAssertEqual(result.status, 0, "\(result)")
        let names = result.stdout.split(separator: "\n").map { String($0.split(separator: " ")[0]) }
        XCTAssertEqual(names, ["default", "magazine", "tech"], "\(result)")
        XCTAssertTrue(result.stdout.contains("magazine  a warm long read"), "\(result)")
        for theme in names {
            let page = try String(contentsOf: site.url("build/themes/\(theme)/hello-wxpub/index.html"), encoding: .utf8)
            XCTAssertTrue(page.contains("你好，wxpub"), theme)
        }
        let index = try String(contentsOf: site.url("build/themes/index.html"), encoding: .utf8)
        XCTAssertTrue(index.contains("href=\"tech/hello-wxpub/index.html\""), index)
    }

    func testThemesListOnlyWritesNothing() throws {
        let site = try TestSite.empty()
        defer { site.remove() }
        let result = try WXPub.run(["themes", "--list"], in: site.root)
        XCTAssertEqual(result.status, 0, "\(result)")
        XCTAssertEqual(result.stdout.split(separator: "\n").count, 3)
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.url("build").path))
    }

    func testInitWithAThemeNamesItInTheConfigCopiesItAndChecksClean() throws {
        let site = try TestSite.empty()
        defer { site.remove() }
        let result = try WXPub.run(["init", site.root.path, "--theme", "tech"])
        XCTAssertEqual(result.status, 0, "\(result)")
        let config = try String(contentsOf: site.url("wxpub.yml"), encoding: .utf8)
        XCTAssertTrue(config.contains("\ntheme: tech "), config)
        let css = try String(contentsOf: site.url("templates/theme.css"), encoding: .utf8)
        XCTAssertTrue(css.contains("built-in theme \"tech\""), css)
        let check = try WXPub.run(["check", "--strict"], in: site.root)
        XCTAssertEqual(check.status, 0, "\(check)")
    }

    func testInitWithAnUnknownThemeIsAUsageErrorWithASuggestion() throws {
        let site = try TestSite.empty()
        defer { site.remove() }
        let result = try WXPub.run(["init", site.root.path, "--theme", "tehc"])
        XCTAssertEqual(result.status, 2, "\(result)")
        XCTAssertTrue(result.stderr.contains("error: --theme tehc: no such built-in theme (did you mean `tech`?); choose one of default, magazine, tech"), "\(result)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.url("wxpub.yml").path))
    }
}

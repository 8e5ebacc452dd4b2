import Foundation
import WXContent
import WXSupport
import XCTest

@testable import WXRender

/// `Fixtures/golden/<case>.md` compiled with the default theme must give `<case>.html` (the
/// article content, a line break added after each block end for readable diffs) and, when the
/// case has findings, `<case>.diagnostics`. Regenerate with `RECORD_SNAPSHOTS=1`.
final class GoldenTests: XCTestCase {
    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }
    static let sourceFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func testEveryGoldenCase() throws {
        try TestSite.compileGoldenCases { name, result in
            let content = try XCTUnwrap(result.content, "\(name): \(result.diagnostics)")
            try check(Self.readable(content), against: "golden/\(name).html")
            let findings = result.diagnostics.map(\.description).joined(separator: "\n")
            try check(findings.isEmpty ? nil : findings + "\n", against: "golden/\(name).diagnostics")
        }
    }

    func testSeedPostCarriesItsTitleAndDescription() throws {
        let site = try TestSite()
        defer { site.remove() }
        let post = try SeedPost.load(site: site)
        let result = try ArticleCompiler(site: site.config(defaultCover: "images/green.jpg")).compile(post)
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }, [])
        let article = try XCTUnwrap(result.article)
        XCTAssertEqual(article.title, "微信公众平台订阅号与服务号及高级接口及微信支付接入")
        XCTAssertEqual(article.digest, "微信公众平台订阅号与服务号的区别，微信公众平台高级接口的功能解读，微信公众平台支付接口接入")
        XCTAssertTrue(article.content.contains("微信5.0今天发布了"))
        try check(Self.readable(article.content), against: "seed/2013-08-05-subscription-vs-service-accounts.html")
        try check(String(decoding: BuildWriter.articleJSON(article), as: UTF8.self), against: "seed/article.json")
    }

    /// Compares with the fixture, or writes it when recording. `nil` means "no such file".
    func check(_ actual: String?, against relative: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = Self.sourceFixtures.appendingPathComponent(relative)
        if Self.recording {
            if let actual { try actual.write(to: url, atomically: true, encoding: .utf8) } else { try? FileManager.default.removeItem(at: url) }
            return
        }
        let expected = try? String(contentsOf: TestSite.fixtures.appendingPathComponent(relative), encoding: .utf8)
        XCTAssertEqual(actual, expected, "\(relative) differs; if the change is intended, rerun with RECORD_SNAPSHOTS=1", file: file, line: line)
    }

    /// The content with a line break after each block's end tag.
    static func readable(_ html: String) -> String {
        var out = html
        for tag in ["p", "h1", "h2", "h3", "h4", "h5", "h6", "section", "li", "ul", "ol", "blockquote", "figure"] {
            out = out.replacingOccurrences(of: "</\(tag)>", with: "</\(tag)>\n")
        }
        out = out.replacingOccurrences(of: "<hr>", with: "<hr>\n")
        return out.hasSuffix("\n") ? out : out + "\n"
    }
}

/// The seed document as the loaders will present it: `title1:` and `description:` mapped to title
/// and digest by the config's aliases.
enum SeedPost {
    static let path = "content/posts/2013-08-05-subscription-vs-service-accounts.md"

    static func load(site: TestSite) throws -> Post {
        let text = try String(contentsOf: TestSite.fixtures.appendingPathComponent("seed/2013-08-05-subscription-vs-service-accounts.md"), encoding: .utf8)
        try site.write(Data(text.utf8), to: path)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let end = try XCTUnwrap(lines.dropFirst().firstIndex { $0 == "---" })
        var fields: [String: Located<String>] = [:]
        for (index, line) in lines[1..<end].enumerated() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            fields[key] = Located(value, at: SourceLocation(file: path, line: index + 2, column: key.count + 3))
        }
        let body = lines[(end + 1)...].joined(separator: "\n")
        return Post(
            path: path, fileURL: site.root.appendingPathComponent(path), slug: "subscription-vs-service-accounts",
            title: fields["title1"], digest: fields["description"], body: body, bodyStartLine: end + 2)
    }
}

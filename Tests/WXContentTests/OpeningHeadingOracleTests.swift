import Foundation
import WXContent
import WXTestSupport
import XCTest

/// Which bodies open with a level-1 heading, and its text: held against `cmark` (the CommonMark
/// reference) over generated openings, and the body left behind keeps every line number.
final class OpeningHeadingOracleTests: XCTestCase {
    static let openings: [String] = {
        let texts = [
            "科技爱好者周刊（第 300 期）", "Hello 世界", "标题：副标题", "C# 入门", "100% 完成", "**粗体** 标题", "*斜体*标题",
            "`code` 标题", "[链接](https://example.com) 标题", "![图](a.png) 标题", "转义 \\*星号\\*", "A &amp; B", "a_b_c 标识符",
            "__强调__ 文字", "***两者*** 都有", "5 * 3 = 15", "<b>粗</b> 标题", "`` a`b `` 代码", "标题 *未闭合",
        ]
        let forms = [
            "# %@", "#%@", "  # %@", "   #  %@  ", "    # %@", "# %@ #", "# %@#", "# %@ ###   ", "#\t%@", "## %@", "\\# %@",
            "%@\n===", "%@\n=", "  %@\n   ===  ", "%@\n---", "%@\n=== x", "- %@\n===", "1. %@\n===", "> # %@", "%@\n\n# 第二个",
            "\n\n# %@", " \n# %@", "# %@\n正文紧跟", "2) %@\n===", "+ %@\n===",
            "    %@\n===", "***\n%@\n===", "* * *\n===", "<div>%@</div>\n===", "<span>%@</span>\n===", "```\n%@\n```", "-\t%@\n===",
        ]
        return forms.flatMap { form in texts.map { form.replacingOccurrences(of: "%@", with: $0) + "\n\n正文。\n" } }
    }()

    /// (Raw HTML such as `<h1>…</h1>` is not a Markdown heading and is left out: cmark renders it the same.)
    /// The text of the `<h1>` cmark puts first in its output (tags removed), if the output starts with one.
    static func cmarkTitle(_ html: String) -> String? {
        guard html.hasPrefix("<h1>"), let end = html.range(of: "</h1>") else { return nil }
        var text = String(html[html.index(html.startIndex, offsetBy: 4)..<end.lowerBound])
        // An image's text is its alt attribute.
        text = text.replacingOccurrences(of: #"<img src="[^"]*" alt="([^"]*)" />"#, with: "$1", options: .regularExpression)
        text = text.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        return text.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
    }

    func testOpeningHeadingAgreesWithCmark() throws {
        guard let probe = OracleProcess.run(["cmark", "--version"]), probe.status == 0 else {
            throw XCTSkip("cmark not found (apt-get install cmark); opening-heading differential skipped")
        }
        let joined = Self.openings.enumerated().map { "\($1)\n<!-- case \($0) -->\n" }.joined(separator: "\n")
        guard let result = OracleProcess.run(["cmark", "--unsafe"], input: Data(joined.utf8)), result.status == 0 else {
            return XCTFail("cmark failed")
        }
        var html = String(decoding: result.stdout, as: UTF8.self)
        for (n, body) in Self.openings.enumerated() {
            guard let marker = html.range(of: "<!-- case \(n) -->") else { return XCTFail("case \(n) lost in cmark's output") }
            let expected = Self.cmarkTitle(String(html[..<marker.lowerBound]))
            html = String(html[marker.upperBound...]).trimmingCharacters(in: .newlines)
            XCTAssertEqual(OpeningHeading.find(in: body)?.text, expected, "case \(n): \(body.debugDescription)")
        }
    }

    func testARunawayHeadingIsReadWithoutCrashing() {
        let deep = "# " + String(repeating: "[", count: 50_000) + "x" + String(repeating: "](u)", count: 50_000) + "\n"
        XCTAssertNotNil(OpeningHeading.find(in: deep))
        XCTAssertNotNil(OpeningHeading.find(in: "# " + String(repeating: "[`*", count: 600) + "\n"))
    }

    func testTheBodyLeftBehindKeepsEveryLine() throws {
        for body in Self.openings {
            guard let heading = OpeningHeading.find(in: body) else { continue }
            let before = body.split(separator: "\n", omittingEmptySubsequences: false)
            let after = heading.remainingBody.split(separator: "\n", omittingEmptySubsequences: false)
            XCTAssertEqual(after.count, before.count, body.debugDescription)
            XCTAssertEqual(after.last, before.last)
            XCTAssertFalse(String(before[heading.line - 1]).isEmpty, body.debugDescription)
        }
    }
}

import WXContent
import XCTest

/// Jekyll/Hugo template syntax is found outside code, at its body line:column, and
/// `{% raw %}…{% endraw %}` is unwrapped without moving any line.
final class TemplateSyntaxTests: XCTestCase {
    func found(_ body: String) -> [String] {
        TemplateSyntax.scan(body).findings.map { "\($0.line):\($0.column) \($0.tool.rawValue) \($0.kind.rawValue) \($0.text)" }
    }

    func testLiquidTagAndOutputInAParagraphAreJekyll() {
        XCTAssertEqual(found("正文 {% include note.html %} 和 {{ page.title }}。\n"), [
            "1:4 Jekyll Liquid tag {% include note.html %}",
            "1:30 Jekyll Liquid output {{ page.title }}",
        ])
    }

    func testShortcodesAreHugo() {
        XCTAssertEqual(found("段落\n\n{{< figure src=\"a.png\" >}}\n\n{{% note %}}提示{{% /note %}}\n"), [
            "3:1 Hugo shortcode {{< figure src=\"a.png\" >}}",
            "5:1 Hugo shortcode {{% note %}}",
            "5:15 Hugo shortcode {{% /note %}}",
        ])
    }

    func testCaptureBlockSpanningLinesIsFoundAtItsOpening() {
        XCTAssertEqual(found("{% capture x %}\n内容\n{% endcapture %}\n"), [
            "1:1 Jekyll Liquid tag {% capture x %}",
            "3:1 Jekyll Liquid tag {% endcapture %}",
        ])
    }

    func testNothingInsideFencedCodeBlocks() {
        XCTAssertEqual(found("```liquid\n{% include x %}\n{{ page.title }}\n```\n\n~~~~\n{{< figure >}}\n~~~~\n"), [])
    }

    func testFenceInsideABlockQuoteIsCode() {
        XCTAssertEqual(found("> ```\n> {{ page.title }}\n> ```\n"), [])
    }

    func testNothingInsideIndentedCodeButListContinuationIsText() {
        XCTAssertEqual(found("段落\n\n    {% include x %}\n"), [])
        XCTAssertEqual(found("- 项目\n\n    {% include x %}\n"), ["3:5 Jekyll Liquid tag {% include x %}"])
    }

    func testNothingInsideCodeSpansEvenAcrossALineBreak() {
        XCTAssertEqual(found("写 `{{ page.title }}` 或 `` `{% raw %}` `` 或 `{%\ninclude x %}`。\n"), [])
    }

    func testAnUnclosedBacktickRunIsLiteralSoTheTagAfterItCounts() {
        XCTAssertEqual(found("a ` b {{ x }}\n"), ["1:7 Jekyll Liquid output {{ x }}"])
    }

    func testRawIsUnwrappedItsContentKeptAndNotWarnedAbout() {
        let scan = TemplateSyntax.scan("前 {% raw %}{{ page.title }}{% endraw %} 后\n")
        XCTAssertEqual(scan.findings, [])
        XCTAssertEqual(scan.body, "前 {{ page.title }} 后\n")
    }

    func testRawAroundAFencedBlockKeepsEveryLineNumber() {
        let body = "{% raw %}\n```\n{{ x }}\n```\n{%- endraw -%}\n\n{{ after }}\n"
        let scan = TemplateSyntax.scan(body)
        XCTAssertEqual(scan.body, "\n```\n{{ x }}\n```\n\n\n{{ after }}\n")
        XCTAssertEqual(found(body), ["7:1 Jekyll Liquid output {{ after }}"])
    }

    func testTextAfterEndrawOnItsLineIsStillScanned() {
        XCTAssertEqual(found("{% raw %}\n{{ a }}\n\n{{ b }}\n{% endraw %} {{ c }}\n"), ["5:14 Jekyll Liquid output {{ c }}"])
    }

    func testHugosCommentedShortcodeIsShownAsTheShortcodeWithoutAWarning() {
        let scan = TemplateSyntax.scan("写法：{{</* figure src=\"a.png\" */>}} 与 {{%/* note */%}}。\n")
        XCTAssertEqual(scan.findings, [])
        XCTAssertEqual(scan.body, "写法：{{< figure src=\"a.png\" >}} 与 {{% note %}}。\n")
    }

    func testAnUnclosedRawIsItselfReported() {
        XCTAssertEqual(found("{% raw %} 没有结尾\n"), ["1:1 Jekyll Liquid tag {% raw %}"])
    }

    func testUnclosedOpenersStayLinear() {
        // 60,000 openers with no closer on one line: each kind is searched for once, not once per opener,
        // and columns are counted on from the previous finding.
        for (opener, findings) in [("{{", 0), ("{%", 0), ("`", 0), ("{{<", 0), ("{% raw %}", 60_000)] {
            let scan = TemplateSyntax.scan(String(repeating: opener + " ", count: 60_000) + "\n")
            XCTAssertEqual(scan.findings.count, findings, opener)
            XCTAssertEqual(scan.findings.last?.column, findings == 0 ? nil : 1 + 59_999 * 10, opener)
        }
    }

    func testPlainTextIsReturnedUntouched() {
        let body = "没有模板语法的正文，{单个花括号} 和 `code`。\n"
        let scan = TemplateSyntax.scan(body)
        XCTAssertEqual(scan.body, body)
        XCTAssertEqual(scan.findings, [])
    }
}

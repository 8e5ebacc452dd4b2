import Foundation
import WXContent
import WXTestSupport
import XCTest

/// Differential test of where template syntax counts as code: `cmark` (Debian's CommonMark
/// reference) renders generated documents, and every construct it leaves outside `<code>` must
/// be reported by the scan, and nothing it puts inside `<code>` may be.
final class TemplateSyntaxOracleTests: XCTestCase {
    /// One construct with a unique id (`x17`) that survives cmark's HTML escaping.
    static func construct(_ id: Int, _ g: inout SplitMix64) -> String {
        switch g.next(5) {
        case 0: return "{% include x\(id) %}"
        case 1: return "{{ x\(id) }}"
        case 2: return "{{< x\(id) >}}"
        case 3: return "{{% x\(id) %}}"
        default: return "{%- assign x\(id) = 1 -%}"
        }
    }

    static func document(_ g: inout SplitMix64) -> String {
        var id = 0
        func c(_ g: inout SplitMix64) -> String {
            id += 1
            return construct(id, &g)
        }
        var blocks: [String] = []
        for _ in 0..<(3 + g.next(5)) {
            switch g.next(11) {
            case 0: blocks.append("中文段落 \(c(&g)) 接着写。")
            case 1: blocks.append("行内 `\(c(&g))` 与 \(c(&g))。")
            case 2: blocks.append("```\n\(c(&g))\n```")
            case 3: blocks.append("~~~~ liquid\n\(c(&g))\n~~~\n\(c(&g))\n~~~~")
            case 4: blocks.append("    \(c(&g))\n    \(c(&g))")
            case 5: blocks.append("> 引用 \(c(&g))\n>\n> ```\n> \(c(&g))\n> ```")
            case 6: blocks.append("- 项目 \(c(&g))\n\n  ```\n  \(c(&g))\n  ```")
            case 7: blocks.append("## 标题 \(c(&g))")
            case 8: blocks.append("跨行 ``代码\n\(c(&g))`` 后 \(c(&g))")
            case 9: blocks.append("1. 第一\n2. 第二 \(c(&g))\n\n    续行 \(c(&g))")
            default: blocks.append("未闭合 ` 反引号 \(c(&g))")
            }
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    /// Ids outside `<code>…</code>` in cmark's HTML.
    static func idsOutsideCode(_ html: String) -> Set<String> {
        var text = html
        while let open = text.range(of: "<code"), let close = text.range(of: "</code>", range: open.upperBound..<text.endIndex) {
            text.removeSubrange(open.lowerBound..<close.upperBound)
        }
        return ids(in: text)
    }

    static func ids(in text: String) -> Set<String> {
        let regex = try! NSRegularExpression(pattern: "x[0-9]+")
        return Set(regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range, in: text)!]) })
    }

    func testScanAgreesWithCmarkOnWhatIsCodeOverSixHundredDocuments() throws {
        guard let probe = OracleProcess.run(["cmark", "--version"]), probe.status == 0 else {
            throw XCTSkip("cmark not found (apt-get install cmark); template-syntax differential skipped")
        }
        // One cmark run for all documents: each ends with an HTML comment at the margin, which closes
        // any open list or quote, and `--unsafe` keeps it in the output to split on.
        var g = SplitMix64(seed: 15)
        let documents = (0..<600).map { _ in Self.document(&g) }
        let joined = documents.enumerated().map { "\($1)\n<!-- document \($0) -->\n" }.joined(separator: "\n")
        guard let result = OracleProcess.run(["cmark", "--unsafe"], input: Data(joined.utf8)), result.status == 0 else {
            return XCTFail("cmark failed")
        }
        var html = String(decoding: result.stdout, as: UTF8.self)
        for (n, markdown) in documents.enumerated() {
            guard let marker = html.range(of: "<!-- document \(n) -->") else { return XCTFail("document \(n) lost in cmark's output") }
            let expected = Self.idsOutsideCode(String(html[..<marker.lowerBound]))
            html = String(html[marker.upperBound...])
            let ours = Set(TemplateSyntax.scan(markdown).findings.flatMap { Self.ids(in: $0.text) })
            XCTAssertEqual(ours, expected, "document \(n):\n\(markdown)")
        }
    }
}

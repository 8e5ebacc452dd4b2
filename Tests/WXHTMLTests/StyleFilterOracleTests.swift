import Foundation
import WXTestSupport
import XCTest

@testable import WXHTML

/// The style filter against an outside CSS parser: tinycss2 (PyPI), which reads declarations the
/// way the CSS Syntax spec (and so a browser) does. For tricky `style` attributes, every
/// declaration tinycss2 finds in what the filter keeps must itself pass the filter — a
/// declaration the two readers split differently would otherwise slip through.
final class StyleFilterOracleTests: XCTestCase {
    /// Ways to end the declaration before the payload, as an attacker would try.
    static let openers = [
        "color: red", #"color: \""#, #"font-family: 'a"#, "background: url(", #"font-family: a\"#, "width: 1px /*",
        "x: (", "color: red !important", "",
    ]
    static let separators = [";", "; ", "\n", "/**/;", #"\;"#, "}", ";;"]
    static let payloads = [
        "position: fixed", #"position:\66 ixed"#, #"\70 osition: fixed"#, "POSITION: Sticky",
        "background: url(https://tracker.example/p.gif)", #"background:url(\6a avascript:alert(1))"#,
        #"width: \65 xpression(alert(1))"#, "behavior: url(x.htc)", "-moz-binding: url(x.xml#a)",
        "background-image: url('h\\74tps://t.example/a.png')", "background: image-set('https://t.example/a.png' 1x)",
    ]

    static var cases: [String] {
        var out: [String] = []
        for opener in openers {
            for separator in separators {
                for payload in payloads { out.append(opener + separator + payload + "; top: 0") }
            }
        }
        return out
    }

    static let oracle = """
        import json, sys, tinycss2
        out = []
        for style in json.load(sys.stdin):
            found = []
            for node in tinycss2.parse_blocks_contents(style, skip_whitespace=True, skip_comments=True):
                if node.type == "declaration":
                    found.append([node.lower_name, tinycss2.serialize(node.value).strip()])
            out.append(found)
        json.dump(out, sys.stdout)
        """

    func testEveryDeclarationABrowserReadsInTheFilteredStyleIsSafe() throws {
        guard OracleProcess.pythonHas("tinycss2") else { throw XCTSkip("python3 with tinycss2 not available; style filter oracle skipped") }
        let cases = Self.cases
        let filtered = cases.map { CSSSafety.filter(styleAttribute: $0).attribute ?? "" }
        let input = try JSONSerialization.data(withJSONObject: filtered)
        let result = try XCTUnwrap(OracleProcess.run(["python3", "-c", Self.oracle], input: input))
        XCTAssertEqual(result.status, 0, result.errors)
        let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: result.stdout) as? [[[String]]])
        XCTAssertEqual(parsed.count, cases.count)
        var checked = 0
        for (index, declarations) in parsed.enumerated() {
            for pair in declarations where pair.count == 2 {
                checked += 1
                if let reason = CSSSafety.reasonToDrop(CSSDeclaration(pair[0], pair[1])) {
                    XCTFail("`\(cases[index])` was filtered to `\(filtered[index])`, where a browser reads `\(pair[0]): \(pair[1])` (\(reason))")
                }
            }
        }
        XCTAssertGreaterThan(checked, cases.count, "the oracle read almost nothing")
    }
}

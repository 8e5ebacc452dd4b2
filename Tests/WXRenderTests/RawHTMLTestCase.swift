import XCTest

@testable import WXRender

/// What the sanitizer suites (`SanitizerTests`, `SanitizerXSSTests`) share: a scratch site, and
/// `render`, which renders raw HTML in a post body starting at line 10 and returns the HTML with
/// the warnings as `line: message`. Holds no tests itself.
class RawHTMLTestCase: XCTestCase {
    var site: TestSite!

    override func setUpWithError() throws { site = try TestSite() }
    override func tearDown() { site.remove() }

    func render(_ markdown: String) -> (html: String, warnings: [String]) {
        let (html, body) = renderBody(site.post(markdown, bodyStartLine: 10), site: site.config())
        return (html, body.diagnostics.filter { $0.severity == .warning }.map { "\($0.location.line): \($0.message)" })
    }
}

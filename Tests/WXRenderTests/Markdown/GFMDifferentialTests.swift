import Foundation
import WXTestSupport
import XCTest

@testable import WXRender

/// Differential test against Debian's `cmark-gfm` command with the table, strikethrough,
/// autolink, tasklist and footnotes extensions: 400 generated documents mixing the extensions
/// with lists, quotes and code render to the same HTML (whitespace between tags and
/// cmark-gfm's footnote ids and accessibility attributes aside).
final class GFMDifferentialTests: XCTestCase {
    static let cmarkGFM = "/usr/bin/cmark-gfm"

    func testGeneratedDocumentsMatchCmarkGFM() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.cmarkGFM) else {
            throw XCTSkip("cmark-gfm not installed (apt-get install cmark-gfm); skipping the GFM differential test")
        }
        let documents = (1...400).map { seed in
            var corpus = MarkdownCorpus(seed: UInt64(seed))
            return corpus.gfmDocument()
        }
        let outputs = try Self.cmarkGFMHTML(documents)
        var failures = 0
        for (index, markdown) in documents.enumerated() {
            let seed = index + 1
            let expected = outputs[index]
            let got = CommonMarkHTML.render(MarkdownParser.parse(markdown, options: MarkdownOptions(cjkFriendly: false)))
            let (want, have) = (Self.canonical(expected), Self.canonical(got))
            if want != have {
                failures += 1
                if ProcessInfo.processInfo.environment["GFM_DUMP"] != nil {
                    try? markdown.write(toFile: "/tmp/gfm-fail-\(seed).md", atomically: true, encoding: .utf8)
                }
                let same = zip(want, have).prefix { $0 == $1 }.count
                XCTFail("document \(seed):\n\(markdown)\n--- cmark-gfm from the first difference:\n\(want.dropFirst(max(0, same - 60)).prefix(400))\n--- wxpub:\n\(have.dropFirst(max(0, same - 60)).prefix(400))")
                if failures > 5 { return }
            }
        }
    }

    /// Each document rendered by its own `cmark-gfm` run, all from one shell (one process
    /// start from here instead of 400).
    static func cmarkGFMHTML(_ documents: [String]) throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gfm-differential-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (index, markdown) in documents.enumerated() {
            try markdown.write(to: folder.appendingPathComponent("\(index).md"), atomically: true, encoding: .utf8)
        }
        let separator = "<!-- end of document -->"
        let script = "for i in $(seq 0 \(documents.count - 1)); do \(Self.cmarkGFM) --unsafe -e table -e strikethrough -e autolink "
            + "-e tasklist -e footnotes \"\(folder.path)/$i.md\" || exit 1; echo '\(separator)'; done"
        let result = try XCTUnwrap(OracleProcess.run(["/bin/sh", "-c", script]))
        XCTAssertEqual(result.status, 0, result.errors)
        let outputs = result.output.components(separatedBy: separator + "\n")
        XCTAssertEqual(outputs.count, documents.count + 1)
        return Array(outputs.prefix(documents.count))
    }

    /// Normalised HTML; footnote links lose their ids and targets (cmark-gfm 0.29.0.gfm.6 names
    /// them by label, the spec's renderer by number) and the attributes only that version writes.
    static func canonical(_ html: String) -> String {
        var text = CommonMarkHTML.normalize(html)
        for attribute in [" data-footnote-ref", " data-footnote-backref", " data-footnotes", " aria-label=\"Back to content\""] {
            text = text.replacingOccurrences(of: attribute, with: "")
        }
        for pattern in [##" id="fn[^"]*""##, ##" href="#fn[^"]*""##] {
            text = text.replacingOccurrences(of: pattern, with: "", options: .regularExpression)
        }
        return text
    }
}

import XCTest

@testable import WXRender

/// Bad input never crashes: generated documents cut and spliced with the characters the pass
/// treats specially all parse, and every node still points inside the document.
final class MarkdownRobustnessTests: XCTestCase {
    static let specials: [Unicode.Scalar] = ["*", "_", "~", "[", "]", "^", "|", "`", "\\", "<", ">", ":", "\n", " ", "-", "&", "中", "：", "\t", "!", "("]

    func testMutatedDocumentsParseAndKeepPositionsInside() {
        for seed in 1...600 {
            var corpus = MarkdownCorpus(seed: UInt64(seed) &* 7919)
            var scalars = Array((seed % 2 == 0 ? corpus.gfmDocument() : corpus.cjkSentence() + "\n" + corpus.gfmDocument()).unicodeScalars)
            for _ in 0..<(1 + corpus.int(12)) {
                let at = corpus.int(scalars.count + 1)
                switch corpus.int(3) {
                case 0: scalars.insert(corpus.pick(Self.specials), at: at)
                case 1: if at < scalars.count { scalars.removeSubrange(at..<min(scalars.count, at + 1 + corpus.int(8))) }
                default: scalars.insert(contentsOf: Array(repeating: corpus.pick(Self.specials), count: 1 + corpus.int(6)), at: at)
                }
            }
            let markdown = String(String.UnicodeScalarView(scalars))
            let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).count
            for cjkFriendly in [true, false] {
                let document = MarkdownParser.parse(markdown, options: MarkdownOptions(cjkFriendly: cjkFriendly))
                var stack = [document.root]
                while let node = stack.popLast() {
                    XCTAssertLessThanOrEqual(node.line, lines, "seed \(seed): \(node.kind) outside the document:\n\(markdown)")
                    XCTAssertGreaterThanOrEqual(node.line, 0)
                    stack += node.children
                }
                for finding in document.findings { XCTAssertLessThanOrEqual(finding.line, lines) }
            }
        }
    }

    func testDeepNestingIsLeftToTheRenderer() {
        let quotes = String(repeating: ">", count: 3000) + " **深**"
        XCTAssertEqual(MarkdownParser.parse(quotes).root.plainText, "深")
        let emphasis = String(repeating: "*a ", count: 3000) + String(repeating: " a*", count: 3000)
        XCTAssertFalse(MarkdownParser.parse(emphasis).root.children.isEmpty)
    }

    /// cmark parses without `CMARK_OPT_VALIDATE_UTF8` (a Swift string is valid UTF-8); a NUL
    /// still reaches the reader as U+FFFD, in text, code and link text alike.
    func testANulByteBecomesTheReplacementCharacter() {
        let root = MarkdownParser.parse("a\u{0}b **粗\u{0}** `c\u{0}d` [l\u{0}](u)").root
        XCTAssertEqual(root.plainText, "a\u{FFFD}b 粗\u{FFFD} c\u{FFFD}d l\u{FFFD}")
    }
}

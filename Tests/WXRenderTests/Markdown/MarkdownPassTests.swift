import WXSupport
import XCTest

@testable import WXRender

/// The Markdown pass, one construct per test: the tree it gives the renderer, with positions
/// (cmark's: body line, byte column) that diagnostics map into the post.
final class MarkdownPassTests: XCTestCase {
    private func parse(_ markdown: String, cjkFriendly: Bool = true) -> MarkdownDocument {
        MarkdownParser.parse(markdown, options: MarkdownOptions(cjkFriendly: cjkFriendly))
    }

    /// Every node below `node` for which `match` holds, in document order.
    private func all(_ node: MarkdownNode, _ match: (MarkdownNode) -> Bool) -> [MarkdownNode] {
        var out: [MarkdownNode] = match(node) ? [node] : []
        for child in node.children { out += all(child, match) }
        return out
    }

    private func texts(_ node: MarkdownNode, kind: MarkdownNode.Kind) -> [String] {
        all(node) { $0.kind == kind }.map(\.plainText)
    }

    // MARK: - CJK-friendly emphasis and breaks

    func testTheIssuesExamplesBecomeStrong() {
        let root = parse("**注意：**后文…这是**“引号”**测试\n\n正因为**……风险。**何况").root
        XCTAssertEqual(texts(root, kind: .strong), ["注意：", "“引号”", "……风险。"])
    }

    func testPlainCommonMarkKeepsTheMarkers() {
        let root = parse("**注意：**后文", cjkFriendly: false).root
        XCTAssertEqual(texts(root, kind: .strong), [])
        XCTAssertEqual(root.plainText, "**注意：**后文")
    }

    func testALineBreakBetweenChineseCharactersIsDropped() {
        let paragraph = parse("中文段落在这里\n换行").root.children[0]
        XCTAssertFalse(paragraph.children.contains { $0.kind == .softBreak })
        XCTAssertEqual(paragraph.plainText, "中文段落在这里换行")
    }

    func testALineBreakNextToLatinOrHangulStays() {
        XCTAssertTrue(parse("中文 wxpub\n继续").root.children[0].children.contains { $0.kind == .softBreak })
        XCTAssertTrue(parse("한국어\n문장").root.children[0].children.contains { $0.kind == .softBreak })
        XCTAssertTrue(parse("中文\n换行", cjkFriendly: false).root.children[0].children.contains { $0.kind == .softBreak })
    }

    // MARK: - Strikethrough and autolinks

    func testOneOrTwoTildesStrikeThroughAndThreeDoNot() {
        let root = parse("~~旧价格~~ 与 ~单~ 和 ~~~不是~~~").root
        XCTAssertEqual(texts(root, kind: .strikethrough), ["旧价格", "单"])
    }

    func testBareURLsAndAddressesBecomeLinks() {
        // GFM runs a URL on to the next white space, Chinese text included: the space ends it.
        let links = all(parse("详见 www.example.com 和 https://a.cn/x?y=1 或写信给 me@example.com。").root) {
            if case .link = $0.kind { return true } else { return false }
        }
        XCTAssertEqual(links.map(\.kind), [
            .link(url: "http://www.example.com", title: ""), .link(url: "https://a.cn/x?y=1", title: ""),
            .link(url: "mailto:me@example.com", title: ""),
        ])
        XCTAssertEqual(links.map(\.column), [8, 28, 60])
    }

    func testFullWidthPunctuationEndsAURLWithTheCJKRules() {
        func urls(_ markdown: String, cjkFriendly: Bool) -> [String] {
            all(parse(markdown, cjkFriendly: cjkFriendly).root) { if case .link = $0.kind { return true } else { return false } }
                .map { if case .link(let url, _) = $0.kind { return url } else { return "" } }
        }
        XCTAssertEqual(urls("详见https://example.com/a。后文，或www.example.org（备用）", cjkFriendly: true),
                       ["https://example.com/a", "http://www.example.org"])
        XCTAssertEqual(urls("维基 https://zh.wikipedia.org/wiki/微信 页面", cjkFriendly: true), ["https://zh.wikipedia.org/wiki/微信"])
        // GFM itself runs on to the next white space.
        XCTAssertEqual(urls("详见https://example.com/a。后文", cjkFriendly: false), ["https://example.com/a。后文"])
    }

    // MARK: - Tables

    func testATableKeepsAlignmentsCellsAndTheirPositions() throws {
        let root = parse("前言\n\n| 名称 | 数量 |\n|:--|--:|\n| 苹果 | **3** |\n").root
        let table = try XCTUnwrap(root.children.last)
        XCTAssertEqual(table.kind, .table(alignments: [.left, .right]))
        XCTAssertEqual([table.line, table.column], [3, 1])
        XCTAssertEqual(table.children.map(\.kind), [.tableRow(header: true), .tableRow(header: false)])
        XCTAssertEqual(table.children[1].children.map(\.plainText), ["苹果", "3"])
        let strong = try XCTUnwrap(all(table) { $0.kind == .strong }.first)
        XCTAssertEqual([strong.line, strong.column], [5, 12])
    }

    func testATableInterruptsAParagraph() {
        let root = parse("上面的文字\n| a | b |\n| - | - |\n| 1 | 2 |").root
        XCTAssertEqual(root.children.map(\.kind), [.paragraph, .table(alignments: [.none, .none])])
        XCTAssertEqual(root.children[0].plainText, "上面的文字")
    }

    func testShortRowsArePaddedAndLongRowsCut() throws {
        let table = try XCTUnwrap(parse("| a | b |\n| - | - |\n| 1 |\n| 1 | 2 | 3 |").root.children.first)
        XCTAssertEqual(table.children.map { $0.children.map(\.plainText) }, [["a", "b"], ["1", ""], ["1", "2"]])
    }

    func testAnEscapedPipeStaysInItsCell() throws {
        let table = try XCTUnwrap(parse("| a |\n| - |\n| 香蕉 \\| 芭蕉 |").root.children.first)
        XCTAssertEqual(table.children[1].children.map(\.plainText), ["香蕉 | 芭蕉"])
    }

    func testWithoutADelimiterRowPipesAreText() {
        XCTAssertEqual(parse("| a | b |\n| c | d |").root.children.map(\.kind), [.paragraph])
    }

    // MARK: - Task lists

    func testTaskMarkersOpenTheirItems() {
        let list = parse("- [ ] 待办\n- [x] 完成\n- [@] 普通").root.children[0]
        let firsts = list.children.map { $0.children[0].children[0].kind }
        XCTAssertEqual(firsts, [.taskMarker(checked: false), .taskMarker(checked: true), .text("[@] 普通")])
        XCTAssertEqual(list.children[0].children[0].plainText, "待办")
    }

    // MARK: - Footnotes

    func testNotesAreNumberedInReferenceOrderAndMovedToTheEnd() {
        let root = parse("乙[^b]，甲[^a]。\n\n[^a]: 甲注\n[^b]: 乙注\n").root
        let references = all(root) { if case .footnoteReference = $0.kind { return true } else { return false } }
        XCTAssertEqual(references.map(\.kind), [.footnoteReference(label: "b", number: 1), .footnoteReference(label: "a", number: 2)])
        XCTAssertEqual(root.children.dropFirst().map(\.kind), [
            .footnoteDefinition(label: "b", number: 1), .footnoteDefinition(label: "a", number: 2),
        ])
        XCTAssertEqual(root.children.last?.plainText, "甲注")
    }

    func testANoteKeepsSeveralParagraphsAndTheirPositions() throws {
        let root = parse("正文[^n]\n\n[^n]: 第一段 *强调*\n\n    第二段\n").root
        let note = try XCTUnwrap(root.children.last)
        XCTAssertEqual(note.children.map(\.plainText), ["第一段 强调", "第二段"])
        XCTAssertEqual([note.children[0].line, note.children[0].column], [3, 7])
        XCTAssertEqual([note.children[1].line, note.children[1].column], [5, 5])
        let emphasis = try XCTUnwrap(all(note) { $0.kind == .emphasis }.first)
        XCTAssertEqual([emphasis.line, emphasis.column], [3, 17])
    }

    func testAnUndefinedLabelStaysTextWithAWarningAtItsPosition() {
        let document = parse("正文[^无]结束")
        XCTAssertEqual(document.root.plainText, "正文[^无]结束")
        XCTAssertEqual(document.findings, [MarkdownFinding(kind: .undefinedFootnote("无"), line: 1, column: 7)])
        let diagnostic = document.findings[0].diagnostic(SourceMap(file: "post.md", body: "正文[^无]结束", bodyStartLine: 4))
        XCTAssertEqual(diagnostic.location, SourceLocation(file: "post.md", line: 4, column: 3))
        XCTAssertEqual(diagnostic.severity, .warning)
    }

    func testAnUnusedNoteIsLeftOutWithAWarning() {
        let document = parse("正文\n\n[^旧]: 没有引用\n")
        XCTAssertEqual(document.root.children.map(\.kind), [.paragraph])
        XCTAssertEqual(document.findings, [MarkdownFinding(kind: .unusedFootnote("旧"), line: 3, column: 1)])
    }

    func testNoteLikeLinesInCodeStayCode() {
        let document = parse("```\n[^1]: 不是脚注\n```\n\n引用[^1]")
        XCTAssertEqual(document.root.children[0].kind, .codeBlock(info: "", literal: "[^1]: 不是脚注\n"))
        XCTAssertEqual(document.findings.map(\.kind), [.undefinedFootnote("1")])
    }
}

import CCmark
import Foundation

/// The only file that talks to libcmark. It parses with `CMARK_OPT_SOURCEPOS` (positions for
/// diagnostics). `CMARK_OPT_VALIDATE_UTF8` is off: its input is a Swift `String`, valid UTF-8 by
/// construction, and cmark turns a NUL into U+FFFD with or without it, so the check only cost
/// time (a quarter of cmark's parse). `CMARK_OPT_SMART` is deliberately off: it guesses
/// English quote directions and misfires next to CJK text, and the editor's own characters
/// (often full-width quotes already) should reach the reader unchanged. We never ask cmark to
/// render, so render-only options such as `UNSAFE` do not apply.
enum CmarkParser {
    static let options: Int32 = CMARK_OPT_SOURCEPOS

    /// Parses `markdown` as plain CommonMark into a Swift tree. The C tree lives only inside this
    /// call and is freed by the value that owns it. `MarkdownParser` adds the GFM and CJK pass.
    static func parse(_ markdown: String) -> MarkdownNode {
        CmarkTree(markdown, source: MarkdownSource(markdown)).copy()
    }

    /// The same, given `markdown` already as a `MarkdownSource` (saves a second pass over it).
    static func parse(_ markdown: String, source: MarkdownSource) -> MarkdownNode {
        CmarkTree(markdown, source: source).copy()
    }
}

/// Owns one libcmark document and frees it when released.
private final class CmarkTree {
    let root: OpaquePointer
    let source: MarkdownSource
    /// The text cmark parsed (`source` holds its bytes): literals are sliced from it.
    let markdown: String

    init(_ markdown: String, source: MarkdownSource) {
        self.source = source
        self.markdown = markdown
        var text = markdown
        root = text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parse_document(chars.baseAddress, chars.count, CmarkParser.options)
            }
        }
    }

    deinit { cmark_node_free(root) }

    /// Walks with cmark's iterator (no recursion, so deeply nested quotes cannot exhaust the stack).
    func copy() -> MarkdownNode {
        guard let iterator = cmark_iter_new(root) else { return MarkdownNode(.document) }
        defer { cmark_iter_free(iterator) }
        var stack: [MarkdownNode] = []
        var result = MarkdownNode(.document)
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            if event == CMARK_EVENT_ENTER {
                var value = value(of: node)
                if Self.isLeaf(node) {
                    if stack.isEmpty { result = value } else { stack[stack.count - 1].children.append(value) }
                } else {
                    var count = 0
                    var child = cmark_node_first_child(node)
                    while let next = child {
                        count += 1
                        child = cmark_node_next(next)
                    }
                    value.children.reserveCapacity(count)
                    stack.append(value)
                }
            } else if event == CMARK_EVENT_EXIT {
                var finished = stack.removeLast()
                if Self.holdsInlines(finished.kind), finished.endLine > finished.line, !finished.nests(deeperThan: 48) {
                    let quoteDepth = stack.reduce(0) { $0 + ($1.kind == .blockQuote ? 1 : 0) }
                    fixContinuationColumns(&finished, quoteDepth: quoteDepth)
                }
                if stack.isEmpty { result = finished } else { stack[stack.count - 1].children.append(finished) }
            }
        }
        return result
    }

    /// Paragraphs and headings: the blocks whose children are inlines.
    private static func holdsInlines(_ kind: MarkdownNode.Kind) -> Bool {
        switch kind {
        case .paragraph, .heading: return true
        default: return false
        }
    }

    /// libcmark 0.30 gives inlines on a paragraph's continuation lines a column counted from the
    /// paragraph's first-line column: `paragraph col + offset in the line`, the offset counted
    /// from where cmark stopped matching containers on that line (after the indentation, after a
    /// quote marker, or, on lazy lines, after some of the indentation). This puts them where
    /// they are, choosing per line the reading under which the line's text nodes start with
    /// their own text.
    private func fixContinuationColumns(_ block: inout MarkdownNode, quoteDepth: Int) {
        let first = block.line
        var texts: [Int: [(column: Int, literal: String)]] = [:]
        func collect(_ node: MarkdownNode) {
            if node.line > first, case .text(let literal) = node.kind { texts[node.line, default: []].append((node.column, literal)) }
            for child in node.children { collect(child) }
        }
        for child in block.children { collect(child) }
        var shifts: [Int: Int] = [:]
        func shift(_ line: Int) -> Int {
            if let known = shifts[line] { return known }
            let bytes = source.line(line)
            var i = bytes.startIndex
            var afterQuotes = i
            func skipSpaces() { while i < bytes.endIndex, bytes[i] == 32 || bytes[i] == 9 { i += 1 } }
            for _ in 0..<quoteDepth {
                skipSpaces()
                guard i < bytes.endIndex, bytes[i] == UInt8(ascii: ">") else { break }
                i += 1
                afterQuotes = i
                if i < bytes.endIndex, bytes[i] == 32 { afterQuotes = i + 1 }
            }
            skipSpaces()
            // Where the counting starts lies between the line start and its text: after the containers
            // cmark matched on this line. Try the text start, then after the quote markers, then the rest.
            let contentColumn = i - bytes.startIndex + 1
            var starts = [contentColumn, afterQuotes - bytes.startIndex + 1]
            starts += (1..<max(1, contentColumn)).reversed()
            var candidates: [Int] = []
            for start in starts where !candidates.contains(start - block.column) { candidates.append(start - block.column) }
            let chosen = candidates.first { candidate in
                (texts[line] ?? []).allSatisfy { text in
                    guard let offset = source.offset(line: line, column: text.column + candidate), let head = text.literal.utf8.first
                    else { return false }
                    let b = source.bytes[offset]
                    return b == head || b == UInt8(ascii: "\\") || b == UInt8(ascii: "&")
                }
            } ?? candidates[0]
            shifts[line] = chosen
            return chosen
        }
        func fix(_ node: inout MarkdownNode) {
            if node.line > first { node.column += shift(node.line) }
            if node.endLine > first { node.endColumn += shift(node.endLine) }
            for i in node.children.indices { fix(&node.children[i]) }
        }
        for i in block.children.indices { fix(&block.children[i]) }
    }

    private static func isLeaf(_ node: OpaquePointer) -> Bool {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_CODE_BLOCK, CMARK_NODE_TEXT,
            CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
            return true
        default:
            return false
        }
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer, pointer.pointee != 0 else { return "" }  // titles are mostly empty
        return String(cString: pointer)
    }

    /// A text node's literal. Where the body at the node's position reads the same bytes (text
    /// without escapes or entities, most of it), the string is sliced from the body, which Swift
    /// need not validate again; otherwise it is decoded from cmark's copy.
    private func text(_ node: OpaquePointer, line: Int, column: Int) -> String {
        guard let pointer = cmark_node_get_literal(node) else { return "" }
        let count = strlen(pointer)
        if let offset = source.offset(line: line, column: column), offset + count <= source.bytes.count,
           source.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress! + offset, pointer, count) == 0 }) {
            let utf8 = markdown.utf8
            let start = utf8.index(utf8.startIndex, offsetBy: offset)
            if let sliced = String(utf8[start..<utf8.index(start, offsetBy: count)]) { return sliced }
        }
        return String(cString: pointer)
    }

    private func value(of node: OpaquePointer) -> MarkdownNode {
        let line = Int(cmark_node_get_start_line(node)), column = Int(cmark_node_get_start_column(node))
        let kind: MarkdownNode.Kind
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: kind = .document
        case CMARK_NODE_BLOCK_QUOTE: kind = .blockQuote
        case CMARK_NODE_LIST:
            kind = .list(
                ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(node)),
                tight: cmark_node_get_list_tight(node) != 0)
        case CMARK_NODE_ITEM: kind = .item
        case CMARK_NODE_CODE_BLOCK:
            kind = .codeBlock(info: Self.string(cmark_node_get_fence_info(node)), literal: Self.string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_BLOCK: kind = .htmlBlock(Self.string(cmark_node_get_literal(node)))
        case CMARK_NODE_PARAGRAPH: kind = .paragraph
        case CMARK_NODE_HEADING: kind = .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK: kind = .thematicBreak
        case CMARK_NODE_TEXT: kind = .text(text(node, line: line, column: column))
        case CMARK_NODE_SOFTBREAK: kind = .softBreak
        case CMARK_NODE_LINEBREAK: kind = .lineBreak
        case CMARK_NODE_CODE: kind = .code(Self.string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_INLINE: kind = .htmlInline(Self.string(cmark_node_get_literal(node)))
        case CMARK_NODE_EMPH: kind = .emphasis
        case CMARK_NODE_STRONG: kind = .strong
        case CMARK_NODE_LINK: kind = .link(url: Self.string(cmark_node_get_url(node)), title: Self.string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE: kind = .image(url: Self.string(cmark_node_get_url(node)), title: Self.string(cmark_node_get_title(node)))
        default: kind = .other
        }
        return MarkdownNode(
            kind, line: line, column: column, endLine: Int(cmark_node_get_end_line(node)), endColumn: Int(cmark_node_get_end_column(node)))
    }
}

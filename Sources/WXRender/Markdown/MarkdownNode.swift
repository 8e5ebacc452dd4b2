/// One node of the CommonMark syntax tree, copied out of libcmark so nothing outside
/// `CmarkParser.swift` touches C memory. Positions are cmark's: 1-based lines of the body and
/// 1-based *byte* columns; `SourceMap` turns them into the file's `line:col`.
struct MarkdownNode: Sendable {
    enum Kind: Sendable, Equatable {
        case document
        case blockQuote
        case list(ordered: Bool, start: Int, tight: Bool)
        case item
        case codeBlock(info: String, literal: String)
        case htmlBlock(String)
        case paragraph
        case heading(level: Int)
        case thematicBreak
        case text(String)
        case softBreak
        case lineBreak
        case code(String)
        case htmlInline(String)
        case emphasis
        case strong
        case link(url: String, title: String)
        case image(url: String, title: String)
        // GFM extensions, made by the extension pass over cmark's tree (libcmark knows none of them).
        /// A pipe table; one alignment per column. Children: `.tableRow`s, the header row first.
        case table(alignments: [TableAlignment])
        /// Children: `.tableCell`s, as many as the table has columns (short rows are padded with empty cells).
        case tableRow(header: Bool)
        /// Children: inlines.
        case tableCell
        /// `~~text~~`. Children: inlines.
        case strikethrough
        /// `[ ]` / `[x]` opening a list item's first paragraph; rendered as ☐ / ☑ (WeChat strips `input`).
        case taskMarker(checked: Bool)
        /// `[^label]` in the text; `number` is the note's 1-based number in order of first reference.
        case footnoteReference(label: String, number: Int)
        /// `[^label]: …` moved to the end of the document in reference order. Children: blocks.
        case footnoteDefinition(label: String, number: Int)
        /// Custom blocks and inlines never come out of the parser; kept so no node is lost.
        case other
    }

    /// A GFM table column's alignment, from its delimiter row (`:--`, `:-:`, `--:`).
    enum TableAlignment: Sendable, Equatable {
        case none, left, center, right
    }

    var kind: Kind
    var line: Int
    var column: Int
    /// Where the node's source ends (inclusive, same units as `line`/`column`; 0 when unknown).
    /// The Markdown pass reads closing emphasis markers and a paragraph's lines through it.
    var endLine: Int
    var endColumn: Int
    var children: [MarkdownNode]

    init(_ kind: Kind, line: Int = 0, column: Int = 0, endLine: Int = 0, endColumn: Int = 0, children: [MarkdownNode] = []) {
        self.kind = kind
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
        self.children = children
    }

    /// Whether the tree below goes deeper than `limit` levels: the Markdown pass leaves
    /// pathological nesting (thousands of `>`) as cmark made it, and the renderer flattens it.
    /// The recursion stops `limit + 1` levels down, so deep nesting cannot exhaust the stack.
    func nests(deeperThan limit: Int) -> Bool {
        if limit < 0 { return true }
        for i in children.indices where !children[i].children.isEmpty {
            if children[i].nests(deeperThan: limit - 1) { return true }
        }
        return false
    }

    /// The text a reader sees, without markup: used for link and image text.
    var plainText: String {
        var out = ""
        appendPlainText(to: &out)
        return out
    }

    private func appendPlainText(to out: inout String) {
        switch kind {
        case .text(let s), .code(let s): out += s
        case .softBreak, .lineBreak: out += " "
        default: for child in children { child.appendPlainText(to: &out) }
        }
    }
}

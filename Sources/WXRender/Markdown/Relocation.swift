/// Maps positions in a piece of Markdown parsed on its own (a footnote definition without its
/// indentation, a table cell, the lines of a paragraph above a table) back to the post's body,
/// so every node made from it still points at the editor's `line:col`.
struct Relocation: Sendable {
    struct Line: Sendable {
        /// The body line this sub-document line came from.
        var line: Int
        /// Bytes of the body line before the sub-document's column 1.
        var columnOffset: Int
        /// Sub-document columns (1-based, ascending) at which one body byte was dropped just
        /// before, e.g. the backslash of an escaped `\|` in a table cell.
        var dropped: [Int] = []
    }

    var lines: [Line]

    func map(line: Int, column: Int) -> (line: Int, column: Int) {
        guard line >= 1, line <= lines.count else { return (line, column) }
        let entry = lines[line - 1]
        var shift = entry.columnOffset
        for d in entry.dropped where d <= column { shift += 1 }
        return (entry.line, column + shift)
    }

    /// Rewrites the positions of `node` and all its descendants.
    func apply(to node: inout MarkdownNode) {
        if node.line > 0 { (node.line, node.column) = map(line: node.line, column: node.column) }
        if node.endLine > 0 { (node.endLine, node.endColumn) = map(line: node.endLine, column: node.endColumn) }
        for i in node.children.indices { apply(to: &node.children[i]) }
    }
}

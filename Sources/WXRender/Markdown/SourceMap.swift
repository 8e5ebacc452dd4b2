import WXSupport

/// Turns cmark's positions (1-based line of the body, 1-based byte column) into the file's
/// `line:col`, where columns count Unicode scalars as editors show them for CJK text.
struct SourceMap: Sendable {
    let file: String
    let bodyStartLine: Int
    private let bytes: [UInt8]
    /// Byte offset where each body line starts (index 0 = line 1).
    private let lineStarts: [Int]

    init(file: String, body: String, bodyStartLine: Int) {
        self.file = file
        self.bodyStartLine = bodyStartLine
        bytes = Array(body.utf8)
        var starts = [0]
        for (i, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(i + 1) }
        lineStarts = starts
    }

    /// The same map from the Markdown pass's copy of the body (its bytes and line starts are
    /// this map's), so a post's body is copied and scanned for lines once.
    init(file: String, source: MarkdownSource, bodyStartLine: Int) {
        self.file = file
        self.bodyStartLine = bodyStartLine
        bytes = source.bytes
        lineStarts = source.lineStarts
    }

    func location(line: Int, column: Int) -> SourceLocation {
        guard line >= 1 else { return SourceLocation(file: file, line: bodyStartLine, column: 1) }
        var scalarColumn = max(column, 1)
        if line - 1 < lineStarts.count {
            let start = lineStarts[line - 1]
            let end = min(start + max(column - 1, 0), bytes.count)
            scalarColumn = bytes.withUnsafeBufferPointer { UTF8Scalars.count($0, in: start..<max(start, end)) } + 1
        }
        return SourceLocation(file: file, line: bodyStartLine + line - 1, column: scalarColumn)
    }

    func location(of node: MarkdownNode) -> SourceLocation { location(line: node.line, column: node.column) }

    /// Where the body starts, for findings about the article as a whole.
    var bodyStart: SourceLocation { SourceLocation(file: file, line: bodyStartLine, column: 1) }
}

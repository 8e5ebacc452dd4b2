import WXSupport

/// Turns cmark's positions (1-based line of the body, 1-based byte column) into the file's
/// `line:col`, where columns count Unicode scalars as editors show them for CJK text.
struct SourceMap: Sendable {
    let file: String
    let bodyStartLine: Int
    private let bytes: [UInt8]
    /// Byte offset where each body line starts (index 0 = line 1).
    private let lineStarts: [Int]
    /// Scalars in `bytes[0..<64k]` at index k: a column costs at most two partial blocks to
    /// count, however long its line (a paragraph is often one line of a thousand bytes).
    private let scalarsBeforeBlock: [Int]
    private static let block = 64

    init(file: String, body: String, bodyStartLine: Int) {
        self.file = file
        self.bodyStartLine = bodyStartLine
        let utf8 = Array(body.utf8)
        bytes = utf8
        var starts = [0]
        for (i, byte) in utf8.enumerated() where byte == UInt8(ascii: "\n") { starts.append(i + 1) }
        lineStarts = starts
        scalarsBeforeBlock = Self.blockCounts(utf8)
    }

    private static func blockCounts(_ bytes: [UInt8]) -> [Int] {
        bytes.withUnsafeBufferPointer { buffer in
            var counts = [0]
            counts.reserveCapacity(buffer.count / block + 1)
            var total = 0
            var start = 0
            while start + block <= buffer.count {
                total += UTF8Scalars.count(buffer, in: start..<start + block)
                counts.append(total)
                start += block
            }
            return counts
        }
    }

    /// Scalars starting in `bytes[0..<offset]`.
    private func scalars(before offset: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Int {
        let k = offset / Self.block
        return scalarsBeforeBlock[k] + UTF8Scalars.count(buffer, in: k * Self.block..<offset)
    }

    /// The same map from the Markdown pass's copy of the body (its bytes and line starts are
    /// this map's), so a post's body is copied and scanned for lines once.
    init(file: String, source: MarkdownSource, bodyStartLine: Int) {
        self.file = file
        self.bodyStartLine = bodyStartLine
        bytes = source.bytes
        lineStarts = source.lineStarts
        scalarsBeforeBlock = Self.blockCounts(source.bytes)
    }

    func location(line: Int, column: Int) -> SourceLocation {
        guard line >= 1 else { return SourceLocation(file: file, line: bodyStartLine, column: 1) }
        var scalarColumn = max(column, 1)
        if line - 1 < lineStarts.count {
            let start = lineStarts[line - 1]
            let end = min(start + max(column - 1, 0), bytes.count)
            scalarColumn = bytes.withUnsafeBufferPointer { buffer in
                let end = max(start, end)
                // Within one block, count directly; across blocks, by the running totals.
                return end - start <= Self.block
                    ? UTF8Scalars.count(buffer, in: start..<end) : scalars(before: end, in: buffer) - scalars(before: start, in: buffer)
            } + 1
        }
        return SourceLocation(file: file, line: bodyStartLine + line - 1, column: scalarColumn)
    }

    func location(of node: MarkdownNode) -> SourceLocation { location(line: node.line, column: node.column) }

    /// Where the body starts, for findings about the article as a whole.
    var bodyStart: SourceLocation { SourceLocation(file: file, line: bodyStartLine, column: 1) }
}

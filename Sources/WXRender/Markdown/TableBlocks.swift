/// GFM pipe tables (spec §4.10) recovered from cmark's paragraphs. Plain cmark reads table lines
/// as paragraph text; this finds a header row followed by a delimiter row among a paragraph's
/// source lines, keeps the lines above as a paragraph (a table may interrupt one), and makes
/// every later line of the paragraph a row. Cell text is parsed on its own by cmark, with
/// escaped pipes unescaped first, and keeps the position of its bytes in the post.
enum TableBlocks {
    /// One cell of a row: its text with `\|` unescaped, and where it sits in the body.
    struct Cell {
        var text: [UInt8]
        var line: Int
        /// 1-based byte column of the cell's first byte (or of the row when the cell is empty).
        var column: Int
        /// Indexes in `text` where a backslash was dropped just before.
        var dropped: [Int]
    }

    /// A paragraph's line as the table finder sees it: the body line and where its content starts.
    struct Line {
        var line: Int
        var start: Int
        var end: Int
    }

    /// Splits a row into cells: an optional leading and trailing pipe, cells split at unescaped pipes, trimmed.
    static func cells(_ bytes: [UInt8], _ row: Line, lineStart: Int) -> [Cell] {
        var start = row.start
        var end = row.end
        while start < end, bytes[start] == 32 || bytes[start] == 9 { start += 1 }
        while end > start, bytes[end - 1] == 32 || bytes[end - 1] == 9 { end -= 1 }
        if start < end, bytes[start] == UInt8(ascii: "|") {
            start += 1
            if start == end { return [] }  // a lone `|` is a row of no cells
        }
        if end > start, bytes[end - 1] == UInt8(ascii: "|"), end - 2 < start || bytes[end - 2] != UInt8(ascii: "\\") { end -= 1 }
        var cells: [Cell] = []
        var cellStart = start
        var i = start
        func finish(_ cellEnd: Int) {
            var s = cellStart, e = cellEnd
            while s < e, bytes[s] == 32 || bytes[s] == 9 { s += 1 }
            while e > s, bytes[e - 1] == 32 || bytes[e - 1] == 9 { e -= 1 }
            var text: [UInt8] = []
            var dropped: [Int] = []
            var j = s
            while j < e {
                if bytes[j] == UInt8(ascii: "\\"), j + 1 < e, bytes[j + 1] == UInt8(ascii: "|") {
                    dropped.append(text.count)
                    j += 1
                }
                text.append(bytes[j])
                j += 1
            }
            cells.append(Cell(text: text, line: row.line, column: s - lineStart + 1, dropped: dropped))
        }
        while i < end {
            if bytes[i] == UInt8(ascii: "\\"), i + 1 < end {
                i += 2
                continue
            }
            if bytes[i] == UInt8(ascii: "|") {
                finish(i)
                cellStart = i + 1
            }
            i += 1
        }
        finish(end)
        return cells
    }

    /// The column alignments when `row` is a delimiter row (`| :-- | :-: | --: |`), else nil.
    static func alignments(_ bytes: [UInt8], _ row: Line, lineStart: Int) -> [MarkdownNode.TableAlignment]? {
        let found = cells(bytes, row, lineStart: lineStart)
        var result: [MarkdownNode.TableAlignment] = []
        for cell in found {
            let t = cell.text
            guard !t.isEmpty else { return nil }
            let left = t.first == UInt8(ascii: ":"), right = t.last == UInt8(ascii: ":")
            let dashes = t.dropFirst(left ? 1 : 0).dropLast(right && t.count > 1 ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == UInt8(ascii: "-") }) else { return nil }
            result.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        return result.isEmpty ? nil : result
    }

    /// Cheap test before any splitting: some line after the first starts like a delimiter row.
    static func mightHoldTable(_ bytes: [UInt8], _ lines: [Line]) -> Bool {
        for row in lines.dropFirst() {
            var i = row.start
            while i < row.end, bytes[i] == 32 || bytes[i] == 9 { i += 1 }
            guard i < row.end else { continue }
            let b = bytes[i]
            if b == UInt8(ascii: "|") || b == UInt8(ascii: ":") || b == UInt8(ascii: "-") { return true }
        }
        return false
    }
}

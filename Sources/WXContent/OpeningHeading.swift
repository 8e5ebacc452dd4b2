/// The level-1 heading that opens a post's body (`# 标题` or `标题` underlined with `===`), which
/// stands in for the title when the front matter gives none.
public struct OpeningHeading: Sendable, Equatable {
    /// The heading's text, without the `#` markers, closing hashes or surrounding blanks.
    public var text: String
    /// 1-based line within the body, and 1-based column (in Unicode scalars) of the text.
    public var line: Int
    public var column: Int
    /// The body with the heading's line(s) blanked out, so every later line keeps its number.
    public var remainingBody: String

    /// Nil when the first non-blank line of `body` is not a level-1 heading.
    public static func find(in body: String) -> OpeningHeading? {
        let bytes = Array(body.utf8)
        var start = 0
        var lineIndex = 0
        // Skip blank lines.
        while true {
            var end = start
            while end < bytes.count, bytes[end] != 10 { end += 1 }
            if bytes[start..<end].allSatisfy({ $0 == 32 || $0 == 9 }) {
                guard end < bytes.count else { return nil }
                start = end + 1
                lineIndex += 1
                continue
            }
            let line = Array(bytes[start..<end])
            let nextStart = end + 1
            var nextEnd = nextStart
            while nextEnd < bytes.count, bytes[nextEnd] != 10 { nextEnd += 1 }
            let next = nextStart < bytes.count ? Array(bytes[nextStart..<nextEnd]) : []
            if let (text, offset) = atxText(line) {
                return make(text, bytes: bytes, lineStart: start, offset: offset, lineIndex: lineIndex, blank: start..<end)
            }
            if isSetextUnderline(next), let (text, offset) = setextText(line) {
                return make(text, bytes: bytes, lineStart: start, offset: offset, lineIndex: lineIndex, blank: start..<nextEnd)
            }
            return nil
        }
    }

    private static func make(_ text: [UInt8], bytes: [UInt8], lineStart: Int, offset: Int, lineIndex: Int, blank: Range<Int>) -> OpeningHeading? {
        guard !text.isEmpty else { return nil }
        var remaining = bytes
        // Keep newlines so line numbers stay exact; drop everything else in the heading.
        remaining.replaceSubrange(blank, with: bytes[blank].filter { $0 == 10 })
        let column = 1 + bytes[lineStart..<lineStart + offset].filter { $0 & 0xC0 != 0x80 }.count
        return OpeningHeading(
            text: String(decoding: text, as: UTF8.self), line: lineIndex + 1, column: column,
            remainingBody: String(decoding: remaining, as: UTF8.self))
    }

    /// `# text #`: up to three spaces of indent, one `#`, then a blank or the end (CommonMark's ATX rule).
    static func atxText(_ line: [UInt8]) -> (text: [UInt8], offset: Int)? {
        var i = 0
        while i < line.count, i < 3, line[i] == 32 { i += 1 }
        guard i < line.count, line[i] == 35 else { return nil }
        i += 1
        guard i == line.count || line[i] == 32 || line[i] == 9 else { return nil }
        while i < line.count, line[i] == 32 || line[i] == 9 { i += 1 }
        var end = line.count
        while end > i, line[end - 1] == 32 || line[end - 1] == 9 { end -= 1 }
        // An optional closing run of `#` preceded by a blank (or making up the whole text).
        var hashes = end
        while hashes > i, line[hashes - 1] == 35 { hashes -= 1 }
        if hashes < end, hashes == i || line[hashes - 1] == 32 || line[hashes - 1] == 9 {
            end = hashes
            while end > i, line[end - 1] == 32 || line[end - 1] == 9 { end -= 1 }
        }
        return (Array(line[i..<end]), i)
    }

    /// The text line of a setext heading: up to three spaces of indent, not itself a block marker we know.
    static func setextText(_ line: [UInt8]) -> (text: [UInt8], offset: Int)? {
        var i = 0
        while i < line.count, i < 3, line[i] == 32 { i += 1 }
        guard i < line.count, ![UInt8(35), 62, 45, 42, 43, 96, 126, 60, 124].contains(line[i]) else { return nil }
        var end = line.count
        while end > i, line[end - 1] == 32 || line[end - 1] == 9 { end -= 1 }
        return (Array(line[i..<end]), i)
    }

    /// `===` with up to three spaces of indent and trailing blanks.
    static func isSetextUnderline(_ line: [UInt8]) -> Bool {
        var i = 0
        while i < line.count, i < 3, line[i] == 32 { i += 1 }
        var count = 0
        while i < line.count, line[i] == 61 { i += 1; count += 1 }
        while i < line.count, line[i] == 32 || line[i] == 9 { i += 1 }
        return count > 0 && i == line.count
    }
}

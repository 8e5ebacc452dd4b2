import WXSupport

/// The level-1 heading that opens a post's body (`# 标题` or `标题` underlined with `===`), which
/// stands in for the title when the front matter gives none.
public struct OpeningHeading: Sendable, Equatable {
    /// The heading's text as readers see it: without the `#` markers, closing hashes, surrounding
    /// blanks, and inline markup (emphasis markers, code-span backticks, link targets, escapes).
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
            text: plainText(text), line: lineIndex + 1, column: column,
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
        guard i < line.count, line[i] != 32, line[i] != 9, line[i] != 35, line[i] != 62 else { return nil }
        let rest = line[i...]
        // Not a bullet (`- x`, `* x`, `+ x`), a thematic break (`***`), a fence (```` ``` ````, `~~~`) or an HTML block.
        if [UInt8(45), 42, 43].contains(line[i]), i + 1 == line.count || line[i + 1] == 32 || line[i + 1] == 9 { return nil }
        if [UInt8(42), 45, 95].contains(line[i]), rest.allSatisfy({ $0 == line[i] || $0 == 32 || $0 == 9 }), rest.filter({ $0 == line[i] }).count >= 3 { return nil }
        if line[i] == 96 || line[i] == 126, rest.prefix(3).allSatisfy({ $0 == line[i] }), rest.count >= 3 { return nil }
        if line[i] == 60, startsHTMLBlock(Array(rest)) { return nil }
        // Not an ordered list item (`1. x`, `2) x`).
        var digits = i
        while digits < line.count, digits - i < 9, line[digits] >= 48, line[digits] <= 57 { digits += 1 }
        if digits > i, digits < line.count, line[digits] == 46 || line[digits] == 41,
           digits + 1 == line.count || line[digits + 1] == 32 || line[digits + 1] == 9 { return nil }
        var end = line.count
        while end > i, line[end - 1] == 32 || line[end - 1] == 9 { end -= 1 }
        return (Array(line[i..<end]), i)
    }

    /// `<div`, `<p>`, `<!--`, `<?`, `<!X`, or a line that is only one open or closing tag: CommonMark's HTML blocks.
    static func startsHTMLBlock(_ line: [UInt8]) -> Bool {
        guard line.count > 1 else { return false }
        if line[1] == 33 || line[1] == 63 { return true }
        var j = 1
        if line[j] == 47 { j += 1 }
        var name: [UInt8] = []
        while j < line.count, (line[j] >= 65 && line[j] <= 90) || (line[j] >= 97 && line[j] <= 122) || (line[j] >= 48 && line[j] <= 57) {
            name.append(line[j] | 0x20)
            j += 1
        }
        let blockNames: Set<String> = [
            "address", "article", "aside", "blockquote", "body", "center", "details", "dialog", "div", "dl", "fieldset",
            "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "iframe",
            "li", "main", "menu", "nav", "ol", "p", "pre", "script", "section", "style", "summary", "table", "tbody", "td",
            "textarea", "tfoot", "th", "thead", "title", "tr", "ul",
        ]
        if blockNames.contains(String(decoding: name, as: UTF8.self)) { return true }
        // A lone complete tag on its line.
        guard !name.isEmpty, let close = line.firstIndex(of: 62) else { return false }
        return line[(close + 1)...].allSatisfy { $0 == 32 || $0 == 9 }
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

    /// The common inline markup of a heading reduced to its text, as a WeChat title needs it:
    /// `**粗体**` → 粗体, `` `code` `` → code, `[文字](url)` → 文字, `\*` → *, `&amp;` → &, `<b>` dropped.
    /// Emphasis markers go when a run that can open is matched by a later run of the same length that can close.
    static func plainText(_ text: [UInt8], depth: Int = 0) -> String {
        // Far beyond any title (WeChat allows 32 characters): kept as written, which the length check reports.
        guard text.count <= 2_000 else { return String(decoding: text, as: UTF8.self) }
        var out: [UInt8] = []
        var emphasis: [(at: Int, char: UInt8, count: Int, canOpen: Bool, canClose: Bool)] = []
        var i = 0
        func isBlank(_ b: UInt8?) -> Bool { b == nil || b == 32 || b == 9 }
        func isPunctuation(_ b: UInt8) -> Bool { (33...47).contains(b) || (58...64).contains(b) || (91...96).contains(b) || (123...126).contains(b) }
        func isWordByte(_ b: UInt8?) -> Bool { b.map { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) } ?? false }
        while i < text.count {
            let c = text[i]
            if c == 92, i + 1 < text.count, isPunctuation(text[i + 1]) {
                out.append(text[i + 1])
                i += 2
            } else if c == 96 {
                var j = i
                while j < text.count, text[j] == 96 { j += 1 }
                let count = j - i
                var k = j
                var close: Int?
                while k < text.count {
                    if text[k] == 96 {
                        var m = k
                        while m < text.count, text[m] == 96 { m += 1 }
                        if m - k == count { close = k; break }
                        k = m
                    } else {
                        k += 1
                    }
                }
                if let close {
                    var content = Array(text[j..<close])
                    if content.count >= 2, content.first == 32, content.last == 32, content.contains(where: { $0 != 32 }) {
                        content = Array(content.dropFirst().dropLast())
                    }
                    out += content
                    i = close + count
                } else {
                    out += text[i..<j]
                    i = j
                }
            } else if depth < 16, c == 91 || (c == 33 && i + 1 < text.count && text[i + 1] == 91),
                      let (label, end) = link(text, at: c == 33 ? i + 1 : i) {
                out += Array(plainText(label, depth: depth + 1).utf8)
                i = end
            } else if c == 42 || c == 95 {
                var j = i
                while j < text.count, text[j] == c { j += 1 }
                let before = i > 0 ? text[i - 1] : nil
                let after = j < text.count ? text[j] : nil
                var canOpen = !isBlank(after)
                var canClose = !isBlank(before)
                if c == 95, isWordByte(before), isWordByte(after) { canOpen = false; canClose = false }
                emphasis.append((out.count, c, j - i, canOpen, canClose))
                out += text[i..<j]
                i = j
            } else if c == 38, let (decoded, end) = entity(text, at: i) {
                out += decoded
                i = end
            } else if c == 60, let end = htmlTag(text, at: i) {
                i = end
            } else {
                out.append(c)
                i += 1
            }
        }
        // Pair emphasis runs: an opener with the next closer of the same character and length.
        var removed: [(at: Int, count: Int)] = []
        var used = Set<Int>()
        for (n, opener) in emphasis.enumerated() where opener.canOpen && !used.contains(n) {
            if let m = emphasis.indices.first(where: { $0 > n && !used.contains($0) && emphasis[$0].canClose && emphasis[$0].char == opener.char && emphasis[$0].count == opener.count }) {
                used.formUnion([n, m])
                removed += [(opener.at, opener.count), (emphasis[m].at, emphasis[m].count)]
            }
        }
        for run in removed.sorted(by: { $0.at > $1.at }) { out.removeSubrange(run.at..<run.at + run.count) }
        return String(decoding: out, as: UTF8.self).trimming(.whitespaces)
    }

    /// `[label](destination)` at `i`: the label and the offset after `)`.
    static func link(_ text: [UInt8], at i: Int) -> (label: [UInt8], end: Int)? {
        var depth = 0
        var j = i
        while j < text.count {
            if text[j] == 92 { j += 2; continue }
            if text[j] == 91 { depth += 1 }
            if text[j] == 93 { depth -= 1; if depth == 0 { break } }
            j += 1
        }
        guard j + 1 < text.count, text[j] == 93, text[j + 1] == 40, let close = text[(j + 2)...].firstIndex(of: 41) else { return nil }
        return (Array(text[(i + 1)..<j]), close + 1)
    }

    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&nbsp;`, `&#NNN;`, `&#xHH;` at `i`.
    static func entity(_ text: [UInt8], at i: Int) -> (decoded: [UInt8], end: Int)? {
        guard let semicolon = text[i...].prefix(12).firstIndex(of: 59) else { return nil }
        let name = String(decoding: text[(i + 1)..<semicolon], as: UTF8.self)
        let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "nbsp": "\u{A0}", "apos": "'"]
        if let value = named[name] { return (Array(value.utf8), semicolon + 1) }
        guard name.hasPrefix("#") else { return nil }
        let digits = name.dropFirst()
        let code = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        guard let code, let scalar = Unicode.Scalar(code), code != 0 else { return nil }
        return (Array(String(Character(scalar)).utf8), semicolon + 1)
    }

    /// An inline HTML tag (`<b>`, `</span>`, `<br/>`) at `i`: the offset after it.
    static func htmlTag(_ text: [UInt8], at i: Int) -> Int? {
        var j = i + 1
        if j < text.count, text[j] == 47 { j += 1 }
        guard j < text.count, (text[j] >= 65 && text[j] <= 90) || (text[j] >= 97 && text[j] <= 122) else { return nil }
        guard let close = text[j...].firstIndex(of: 62) else { return nil }
        return close + 1
    }
}

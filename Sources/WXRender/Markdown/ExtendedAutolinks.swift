/// GFM's extended autolinks (spec §6.9): `www.` domains, `http://`/`https://` URLs and e-mail
/// addresses in plain text become `.link` nodes, as cmark-gfm's autolink extension makes them.
/// As there, `www.` and URL links are taken from the raw text before emphasis (markers inside a
/// URL are part of it; `InlineResolver` calls `link(in:)`), e-mail addresses from the text nodes
/// after it (`apply(to:)`); never inside an existing link.
enum ExtendedAutolinks {
    /// A `www.` or `http(s)://` link at the start of `raw`: where it ends and its destination.
    static func link(in raw: [UInt8]) -> (end: Int, url: String)? {
        if raw.count > 4, raw[0] == UInt8(ascii: "w"), raw[1] == UInt8(ascii: "w"), raw[2] == UInt8(ascii: "w"), raw[3] == UInt8(ascii: ".") {
            guard let domainEnd = validDomain(raw, from: 0, requirePeriod: true) else { return nil }
            let end = trimmedPathEnd(raw, from: 0, domainEnd: domainEnd)
            return (end, "http://" + String(decoding: raw[0..<end], as: UTF8.self))
        }
        for scheme in ["http://", "https://", "ftp://"] {
            let s = Array(scheme.utf8)
            guard raw.count > s.count, raw[0..<s.count].map(lower) == s else { continue }
            guard let domainEnd = validDomain(raw, from: s.count, requirePeriod: false) else { return nil }
            let end = trimmedPathEnd(raw, from: s.count, domainEnd: domainEnd)
            return (end, String(decoding: raw[0..<end], as: UTF8.self))
        }
        return nil
    }

    /// Whether a `www.`/`http` link may start at `i` of `text`, given the character before it
    /// (nil: the start of the inline content or of a line).
    /// `cjkFriendly`: a CJK character may stand right before `www.` (`访问www.example.com`), as a
    /// space would in English; GFM alone wants white space or `*_~(` there.
    /// `mayStart`'s tests on the bytes alone, before the scalar in front is decoded: false when
    /// no character in front could make `i` a start.
    static func mayStart(_ text: [UInt8], at i: Int) -> Bool {
        let b = text[i]
        if b == UInt8(ascii: "w") {
            return i + 4 < text.count && text[i + 1] == UInt8(ascii: "w") && text[i + 2] == UInt8(ascii: "w") && text[i + 3] == UInt8(ascii: ".")
        }
        if b | 0x20 == UInt8(ascii: "h") || b | 0x20 == UInt8(ascii: "f") {
            return i + 6 < text.count && (text[i + 3] == UInt8(ascii: ":") || text[i + 4] == UInt8(ascii: ":") || text[i + 5] == UInt8(ascii: ":"))
        }
        return false
    }

    static func mayStart(_ text: [UInt8], at i: Int, after previous: Unicode.Scalar?, cjkFriendly: Bool = false) -> Bool {
        let b = text[i]
        if b == UInt8(ascii: "w") {
            guard i + 4 < text.count, text[i + 1] == UInt8(ascii: "w"), text[i + 2] == UInt8(ascii: "w"), text[i + 3] == UInt8(ascii: ".") else { return false }
            guard let previous else { return true }
            return DelimiterRun.isWhitespace(previous) || "*_~(".unicodeScalars.contains(previous)
                || (cjkFriendly && CJKCharacters.isCJK(previous))
        }
        if b | 0x20 == UInt8(ascii: "h") || b | 0x20 == UInt8(ascii: "f") {
            guard i + 6 < text.count, text[i + 3] == UInt8(ascii: ":") || text[i + 4] == UInt8(ascii: ":") || text[i + 5] == UInt8(ascii: ":") else { return false }
            guard let previous else { return true }
            return !(previous.isASCII && previous.properties.isAlphabetic)
        }
        return false
    }

    static func apply(to nodes: [MarkdownNode]) -> [MarkdownNode] {
        var out: [MarkdownNode] = []
        out.reserveCapacity(nodes.count)
        for node in nodes {
            switch node.kind {
            case .text(let text) where mightLink(text):
                out += split(node, text: text)
            case .emphasis, .strong, .strikethrough:
                var copy = node
                copy.children = apply(to: node.children)
                out.append(copy)
            default:
                out.append(node)
            }
        }
        return out
    }

    private static func mightLink(_ text: String) -> Bool {
        for b in text.utf8 where b == UInt8(ascii: "@") { return true }
        return false
    }

    /// The text node cut around every link found in it.
    private static func split(_ node: MarkdownNode, text: String) -> [MarkdownNode] {
        let bytes = Array(text.utf8)
        var out: [MarkdownNode] = []
        var textStart = 0
        var i = 0
        func emitText(_ end: Int) {
            guard end > textStart else { return }
            out.append(MarkdownNode(
                .text(String(decoding: bytes[textStart..<end], as: UTF8.self)), line: node.line,
                column: node.column + textStart, endLine: node.line, endColumn: node.column + end - 1))
        }
        while i < bytes.count {
            var match: (start: Int, end: Int, url: String)?
            let b = bytes[i]
            if b == UInt8(ascii: "@") { match = email(bytes, at: i, after: textStart) }
            guard let found = match else {
                i += 1
                continue
            }
            emitText(found.start)
            let label = String(decoding: bytes[found.start..<found.end], as: UTF8.self)
            out.append(MarkdownNode(
                .link(url: found.url, title: ""), line: node.line, column: node.column + found.start,
                endLine: node.line, endColumn: node.column + found.end - 1,
                children: [MarkdownNode(.text(label), line: node.line, column: node.column + found.start,
                                        endLine: node.line, endColumn: node.column + found.end - 1)]))
            textStart = found.end
            i = found.end
        }
        if textStart == 0 { return [node] }
        emitText(bytes.count)
        return out
    }

    // MARK: - The three forms

    private static func email(_ b: [UInt8], at: Int, after floor: Int) -> (Int, Int, String)? {
        var start = at
        while start > floor, isEmailLocal(b[start - 1]) { start -= 1 }
        guard start < at else { return nil }
        var end = at + 1
        var periods = 0
        while end < b.count {
            let c = b[end]
            if isASCIIAlnum(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") {
                end += 1
            } else if c == UInt8(ascii: "."), end + 1 < b.count, isASCIIAlnum(b[end + 1]) || b[end + 1] == UInt8(ascii: "-") || b[end + 1] == UInt8(ascii: "_") {
                periods += 1
                end += 1
            } else {
                break
            }
        }
        guard periods > 0, end > at + 1 else { return nil }
        if end < b.count, b[end] == UInt8(ascii: "@") { return nil }  // `a@b.c@d.e`: the address is the later one
        let last = b[end - 1]
        guard last != UInt8(ascii: "-"), last != UInt8(ascii: "_") else { return nil }
        let address = String(decoding: b[start..<end], as: UTF8.self)
        return (start, end, "mailto:" + address)
    }

    // MARK: - Pieces of the grammar

    /// End of a valid domain starting at `from`: alphanumerics, `-`, `_` and non-ASCII, split by
    /// periods; no `_` in the last two segments.
    static func validDomain(_ b: [UInt8], from: Int, requirePeriod: Bool) -> Int? {
        var i = from
        var segments: [(underscore: Bool, length: Int)] = [(false, 0)]
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: ".") {
                guard i + 1 < b.count, isDomainByte(b[i + 1]) else { break }
                segments.append((false, 0))
            } else if isDomainByte(c) {
                if c == UInt8(ascii: "_") { segments[segments.count - 1].underscore = true }
                segments[segments.count - 1].length += 1
            } else {
                break
            }
            i += 1
        }
        guard i > from, segments.allSatisfy({ $0.length > 0 }) else { return nil }
        if requirePeriod, segments.count < 2 { return nil }
        if segments.suffix(2).contains(where: { $0.underscore }) { return nil }
        return i
    }

    /// GFM's "extended autolink path validation": the path runs to white space or `<`; trailing
    /// punctuation, an unbalanced `)` and an entity-like `&name;` are not part of the link.
    static func trimmedPathEnd(_ b: [UInt8], from: Int, domainEnd: Int) -> Int {
        var end = domainEnd
        while end < b.count, !isSpace(b[end]), b[end] != UInt8(ascii: "<") { end += 1 }
        while end > domainEnd {
            let c = b[end - 1]
            if "?!.,:*_~'\"".utf8.contains(c) {
                end -= 1
            } else if c == UInt8(ascii: ")") {
                var open = 0, close = 0
                for x in b[from..<end] {
                    if x == UInt8(ascii: "(") { open += 1 } else if x == UInt8(ascii: ")") { close += 1 }
                }
                if close > open { end -= 1 } else { break }
            } else if c == UInt8(ascii: ";") {
                var j = end - 2
                while j >= domainEnd, isASCIIAlnum(b[j]) { j -= 1 }
                if j >= domainEnd, j < end - 2, b[j] == UInt8(ascii: "&") { end = j } else { break }
            } else {
                break
            }
        }
        return end
    }

    private static func lower(_ c: UInt8) -> UInt8 { (65...90).contains(c) ? c + 32 : c }
    private static func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 || c == 12 }
    private static func isASCIIAlpha(_ c: UInt8) -> Bool { (65...90).contains(c) || (97...122).contains(c) }
    private static func isASCIIAlnum(_ c: UInt8) -> Bool { isASCIIAlpha(c) || (48...57).contains(c) }
    private static func isDomainByte(_ c: UInt8) -> Bool {
        isASCIIAlnum(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c >= 0x80
    }
    private static func isEmailLocal(_ c: UInt8) -> Bool {
        isASCIIAlnum(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c == UInt8(ascii: "+")
    }
}

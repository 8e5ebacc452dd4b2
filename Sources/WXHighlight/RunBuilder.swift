/// Collects classed byte ranges from a lexer and turns them into `HighlightRun`s over the code.
/// Lexers only mark what is not plain; the gaps are plain. Adjacent ranges of one class merge,
/// and so do two ranges of one class with only spaces or tabs between them (`public static`
/// becomes one keyword run): fewer spans, and no space left standing alone between two spans,
/// which WeChat's editor would delete.
struct RunBuilder {
    let bytes: [UInt8]
    private(set) var ranges: [(tokenClass: TokenClass, start: Int, end: Int)] = []

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        ranges.reserveCapacity(bytes.count / 4 + 4)  // about one range per 4–8 bytes of code: no regrowth
    }

    /// Marks `start..<end` with `tokenClass`. Ranges arrive in order and never overlap.
    mutating func add(_ tokenClass: TokenClass, _ start: Int, _ end: Int) {
        guard end > start, tokenClass != .plain else { return }
        if let last = ranges.last, last.tokenClass == tokenClass, canJoin(last.end, start) {
            ranges[ranges.count - 1].end = end
        } else {
            ranges.append((tokenClass, start, end))
        }
    }

    /// Only spaces and tabs between `from` and `to` (nothing at all counts too).
    private func canJoin(_ from: Int, _ to: Int) -> Bool {
        var i = from
        while i < to {
            if bytes[i] != 0x20 && bytes[i] != 0x09 { return false }
            i += 1
        }
        return true
    }

    /// Whether `start..<end` holds only white space (spaces, tabs, line breaks).
    private func isBlank(_ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end {
            let b = bytes[i]
            if b != 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { return false }
            i += 1
        }
        return true
    }

    /// The ranges with every white-space-only gap between coloured runs folded into them: spaces
    /// and indentation go with the run after them, line breaks with the run before them (so a
    /// `<br>` ends a span and a keyword's span holds just the keyword). WeChat's editor deletes
    /// white space standing alone between two spans, and indentation after a line break with it.
    private func foldedBlankGaps() -> [(tokenClass: TokenClass, start: Int, end: Int)] {
        var result = ranges
        var previousEnd = 0
        for index in result.indices {
            let start = result[index].start
            if start > previousEnd && isBlank(previousEnd, start) {
                var afterLastBreak = previousEnd
                for i in previousEnd..<start where bytes[i] == 0x0A { afterLastBreak = i + 1 }
                if index > 0 && result[index - 1].end == previousEnd && afterLastBreak > previousEnd {
                    result[index - 1].end = afterLastBreak
                    result[index].start = afterLastBreak
                } else {
                    result[index].start = previousEnd
                }
            }
            previousEnd = result[index].end
        }
        if let last = result.last, last.end < bytes.count, isBlank(last.end, bytes.count) {
            result[result.count - 1].end = bytes.count
        }
        // folding can bring two runs of one class together (two comment lines): one run again
        // (in place: `kept` ranges are final, the rest still to look at)
        var kept = 0
        for index in result.indices {
            let range = result[index]
            if kept > 0, result[kept - 1].tokenClass == range.tokenClass, result[kept - 1].end == range.start {
                result[kept - 1].end = range.end
            } else {
                result[kept] = range
                kept += 1
            }
        }
        result.removeLast(result.count - kept)
        return result
    }

    /// The runs over `code` (whose UTF-8 bytes are `bytes`), covering it exactly.
    func runs(over code: String) -> [HighlightRun] {
        let ranges = foldedBlankGaps()
        var result: [HighlightRun] = []
        result.reserveCapacity(ranges.count * 2 + 1)
        let utf8 = code.utf8
        var index = utf8.startIndex
        var offset = 0
        func advance(to target: Int) -> String.Index {
            index = utf8.index(index, offsetBy: target - offset)
            offset = target
            return index
        }
        for range in ranges {
            let from = index
            if range.start > offset {
                let to = advance(to: range.start)
                result.append(HighlightRun(.plain, code[from..<to]))
            }
            let start = index
            let end = advance(to: range.end)
            result.append(HighlightRun(range.tokenClass, code[start..<end]))
        }
        if offset < bytes.count {
            result.append(HighlightRun(.plain, code[index..<code.endIndex]))
        }
        return result
    }
}

/// Byte classes the lexers share.
enum Byte {
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isHexDigit(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x66) }
    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    /// Letters, `_` and every non-ASCII byte (so a token never ends inside a UTF-8 sequence).
    static func isIdentifierStart(_ b: UInt8) -> Bool { isLetter(b) || b == 0x5F || b >= 0x80 }
    static func isIdentifier(_ b: UInt8) -> Bool { isIdentifierStart(b) || isDigit(b) }
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }
    static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    /// ASCII punctuation that lexers colour as operator/punctuation.
    static func isOperator(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "%"),
             UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "!"), UInt8(ascii: "&"),
             UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "~"), UInt8(ascii: "?"), UInt8(ascii: ":"),
             UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
            return true
        default:
            return false
        }
    }
}

extension Array where Element == UInt8 {
    /// Whether `literal` starts at `index`.
    func has(_ literal: [UInt8], at index: Int) -> Bool {
        guard index >= 0, index + literal.count <= count else { return false }
        var i = 0
        while i < literal.count {
            if self[index + i] != literal[i] { return false }
            i += 1
        }
        return true
    }

    /// The end of the line that `index` is on (the index of its `\n`, or `count`).
    func lineEnd(from index: Int) -> Int {
        var i = index
        while i < count && self[i] != 0x0A { i += 1 }
        return i
    }

    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: self[start..<end], as: UTF8.self)
    }
}

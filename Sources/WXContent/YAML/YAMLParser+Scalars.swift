/// Plain, quoted and block scalars, folded exactly as PyYAML's scanner folds them.
extension YAMLParser {
    /// Appends `s[start..<i]` one scalar at a time: `UnicodeScalarView.append(contentsOf:)` rebuilds
    /// the whole string on each call here, which made long values quadratic.
    @inline(__always) func append(_ out: inout String.UnicodeScalarView, from start: Int) {
        var k = start
        while k < i {
            out.append(s[k])
            k += 1
        }
    }

    struct PlainScalar {
        var text: String
        var multiLine: Bool
        /// The scalar ended at a `:` that marks it as a key (on the line of its last word).
        var stoppedAtColon: Bool
    }

    /// Scans a plain (unquoted) scalar starting at the cursor. Continuation lines must be indented
    /// more than `parentIndent` (ignored in flow context); line breaks fold to a space, empty lines to `\n`.
    mutating func scanPlain(parentIndent: Int, flow: Bool) throws(YAMLError) -> PlainScalar {
        var out = String.UnicodeScalarView()
        var pending = String.UnicodeScalarView()
        let indent = parentIndent + 1
        let firstLine = line
        var lastLine = line
        var stoppedAtColon = false
        scan: while true {
            if peek() == "#" { break }
            let runStart = i
            while i < s.count {
                let c = s[i]
                if c == " " || c == "\t" || Self.isBreak(c) { break }
                if c == ":" {
                    let n = peek(1)
                    if Self.isBlankOrEnd(n) || (flow && Self.isFlowIndicator(n)) {
                        if i == runStart && line != lastLine {
                            throw error("':' at the start of a line: a key and its ':' must be on the same line. Join this line with the key above.")
                        }
                        stoppedAtColon = true
                        break
                    }
                }
                if flow {
                    if Self.isFlowIndicator(c) { break }
                    if c == "?" {
                        throw error("'?' inside [ ] or { } must be quoted (YAML reads it as a key indicator); quote the value.")
                    }
                }
                i += 1
            }
            if i == runStart { break }
            for c in pending { out.append(c) }
            pending.removeAll()
            append(&out, from: runStart)
            lastLine = line
            if stoppedAtColon { break }
            let spacesStart = i
            while peek() == " " { i += 1 }
            if peek() == "\t" && !atEnd { throw tabError() }
            if Self.isBreak(peek()) {
                consumeBreak()
                if atDocumentMarker { break }
                var breaks = 0
                while true {
                    if peek() == " " {
                        i += 1
                    } else if Self.isBreak(peek()) {
                        consumeBreak()
                        breaks += 1
                        if atDocumentMarker { break scan }
                    } else {
                        break
                    }
                }
                if atEnd || peek() == "#" || (!flow && col < indent) { break }
                if peek() == "\t" { throw tabError() }
                if breaks == 0 {
                    pending.append(" ")
                } else {
                    for _ in 0..<breaks { pending.append("\n") }
                }
            } else if i > spacesStart {
                append(&pending, from: spacesStart)
                if peek() == "#" { break }
            } else {
                break
            }
        }
        return PlainScalar(text: String(out), multiLine: lastLine != firstLine, stoppedAtColon: stoppedAtColon)
    }

    struct QuotedScalar {
        var text: String
        var multiLine: Bool
    }

    /// Scans a single- or double-quoted scalar; the cursor ends just past the closing quote.
    mutating func scanQuoted() throws(YAMLError) -> QuotedScalar {
        let start = mark
        let firstLine = line
        let double = peek() == "\""
        let kind = double ? "double-quoted" : "single-quoted"
        let quote: Unicode.Scalar = double ? "\"" : "'"
        func unterminated() -> YAMLError {
            YAMLError(line: start.line, column: start.column, message: "unterminated \(kind) string; add the closing \(quote).")
        }
        i += 1
        var out = String.UnicodeScalarView()
        while true {
            // Non-space characters and escapes.
            while true {
                if atEnd { throw unterminated() }
                let c = s[i]
                if c == " " || c == "\t" || Self.isBreak(c) { break }
                if !double && c == "'" {
                    if peek(1) == "'" {
                        out.append("'")
                        i += 2
                        continue
                    }
                    i += 1
                    return QuotedScalar(text: String(out), multiLine: line != firstLine)
                }
                if double && c == "\"" {
                    i += 1
                    return QuotedScalar(text: String(out), multiLine: line != firstLine)
                }
                if double && c == "\\" {
                    i += 1
                    try scanEscape(into: &out, unterminated: unterminated())
                    continue
                }
                out.append(c)
                i += 1
            }
            // Whitespace, folded across line breaks.
            let wsStart = i
            while peek() == " " || (peek() == "\t" && !atEnd) { i += 1 }
            if atEnd { throw unterminated() }
            if Self.isBreak(peek()) {
                consumeBreak()
                let breaks = try quotedBreaks()
                if breaks == 0 {
                    out.append(" ")
                } else {
                    for _ in 0..<breaks { out.append("\n") }
                }
            } else {
                append(&out, from: wsStart)
            }
        }
    }

    /// Empty lines inside a quoted scalar; leading whitespace of each line is dropped.
    mutating func quotedBreaks() throws(YAMLError) -> Int {
        var breaks = 0
        while true {
            if atDocumentMarker {
                throw error("a document marker ('---' or '...') inside a quoted string; close the quote before this line, or indent the line.")
            }
            while peek() == " " || (peek() == "\t" && !atEnd) { i += 1 }
            if Self.isBreak(peek()) {
                consumeBreak()
                breaks += 1
            } else {
                return breaks
            }
        }
    }

    /// One escape after `\` in a double-quoted scalar (PyYAML's set: `\0 \a \b \t \n \v \f \r \e \  \" \/ \\ \N \_ \L \P`, `\xXX`, `\uXXXX`, `\UXXXXXXXX`, escaped line break).
    mutating func scanEscape(into out: inout String.UnicodeScalarView, unterminated: YAMLError) throws(YAMLError) {
        if atEnd { throw unterminated }
        let e = s[i]
        let simple: Unicode.Scalar?
        switch e {
        case "0": simple = "\0"
        case "a": simple = "\u{07}"
        case "b": simple = "\u{08}"
        case "t", "\t": simple = "\t"
        case "n": simple = "\n"
        case "v": simple = "\u{0B}"
        case "f": simple = "\u{0C}"
        case "r": simple = "\r"
        case "e": simple = "\u{1B}"
        case " ": simple = " "
        case "\"": simple = "\""
        case "/": simple = "/"
        case "\\": simple = "\\"
        case "N": simple = "\u{85}"
        case "_": simple = "\u{A0}"
        case "L": simple = "\u{2028}"
        case "P": simple = "\u{2029}"
        default: simple = nil
        }
        if let simple {
            out.append(simple)
            i += 1
            return
        }
        let width: Int
        switch e {
        case "x": width = 2
        case "u": width = 4
        case "U": width = 8
        case "\n", "\r":
            consumeBreak()
            let breaks = try quotedBreaks()
            for _ in 0..<breaks { out.append("\n") }
            return
        default:
            throw error("unknown escape '\\\(e)' in a double-quoted string; write '\\\\' for a backslash, or use single quotes.")
        }
        let escapeStart = mark
        i += 1
        var code: UInt32 = 0
        for _ in 0..<width {
            guard let digit = Self.hexDigit(peek()), !atEnd else {
                throw error("expected \(width) hexadecimal digits after '\\\(e)'; write e.g. '\\\(e)\(String(repeating: "0", count: width - 1))A'.")
            }
            code = code * 16 + digit
            i += 1
        }
        guard let scalar = Unicode.Scalar(code) else {
            throw error(at: Mark(line: escapeStart.line, column: escapeStart.column - 1), "'\\\(e)' escape U+\(hex(code)) is not a Unicode scalar (a surrogate or out of range); write the character itself.")
        }
        out.append(scalar)
    }

    static func hexDigit(_ c: Unicode.Scalar) -> UInt32? {
        switch c.value {
        case 0x30...0x39: return c.value - 0x30
        case 0x41...0x46: return c.value - 0x41 + 10
        case 0x61...0x66: return c.value - 0x61 + 10
        default: return nil
        }
    }

    /// A literal (`|`) or folded (`>`) block scalar with optional chomping (`+`/`-`) and indentation indicators.
    /// A port of PyYAML's `scan_block_scalar`, so folding and chomping match it exactly.
    mutating func parseBlockScalar(parentIndent: Int) throws(YAMLError) -> YAMLNode {
        let start = mark
        let folded = peek() == ">"
        i += 1
        var chomping: Bool?  // nil clip, false strip, true keep
        var increment: Int?
        func indicatorDigit(_ c: Unicode.Scalar) throws(YAMLError) -> Int? {
            guard let v = Self.hexDigit(c), c.value <= 0x39 else { return nil }
            if v == 0 {
                throw error("the indentation indicator of a block scalar must be 1-9, not 0.")
            }
            return Int(v)
        }
        if peek() == "+" || peek() == "-" {
            chomping = peek() == "+"
            i += 1
            if let d = try indicatorDigit(peek()) {
                increment = d
                i += 1
            }
        } else if let d = try indicatorDigit(peek()) {
            increment = d
            i += 1
            if peek() == "+" || peek() == "-" {
                chomping = peek() == "+"
                i += 1
            }
        }
        if !(atEnd || peek() == " " || Self.isBreak(peek())) {
            if peek() == "\t" { throw tabError() }
            throw error("after '\(folded ? ">" : "|")' only '+' or '-' (chomping), a digit 1-9 (indentation) and a comment may follow; put the text on the next lines, indented.")
        }
        try skipSpaces()
        if atComment { skipToLineEnd() }
        guard atLineEnd else {
            throw error("after '\(folded ? ">" : "|")' only '+' or '-' (chomping), a digit 1-9 (indentation) and a comment may follow; put the text on the next lines, indented.")
        }
        consumeBreak()

        let minIndent = max(parentIndent + 1, 1)
        let indent: Int
        var breaks = 0
        if let increment {
            indent = minIndent + increment - 1
            breaks = scanBlockBreaks(indent: indent)
        } else {
            var maxIndent = 0
            while peek() == " " || Self.isBreak(peek()) {
                if peek() == " " {
                    i += 1
                    if col > maxIndent { maxIndent = col }
                } else {
                    consumeBreak()
                    breaks += 1
                }
            }
            indent = max(minIndent, maxIndent)
        }
        var out = String.UnicodeScalarView()
        var lineBreak = false
        while col == indent && !atEnd {
            for _ in 0..<breaks { out.append("\n") }
            let leadingNonSpace = peek() != " " && peek() != "\t"
            let textStart = i
            skipToLineEnd()
            append(&out, from: textStart)
            lineBreak = consumeBreak()
            breaks = scanBlockBreaks(indent: indent)
            if col == indent && !atEnd {
                if folded && lineBreak && leadingNonSpace && peek() != " " && peek() != "\t" {
                    if breaks == 0 { out.append(" ") }
                } else if lineBreak {
                    out.append("\n")
                }
            } else {
                break
            }
        }
        if chomping != false && lineBreak { out.append("\n") }
        if chomping == true {
            for _ in 0..<breaks { out.append("\n") }
        }
        return YAMLNode(.string(String(out)), line: start.line, column: start.column)
    }

    /// Skips indentation up to `indent` and counts empty lines.
    mutating func scanBlockBreaks(indent: Int) -> Int {
        var breaks = 0
        while col < indent && peek() == " " { i += 1 }
        while Self.isBreak(peek()) {
            consumeBreak()
            breaks += 1
            while col < indent && peek() == " " { i += 1 }
        }
        return breaks
    }
}

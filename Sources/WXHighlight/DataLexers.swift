/// JSON, YAML, TOML and diffs: line- and key-oriented formats.
enum DataLexers {
    // MARK: JSON

    /// Object keys are keywords (a theme's most prominent colour), other strings strings;
    /// numbers, `true`/`false`/`null` and punctuation as usual. Comments (JSONC) are accepted.
    static func json(_ bytes: [UInt8]) -> RunBuilder {
        var builder = RunBuilder(bytes)
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let start = i
                i += 1
                while i < n && bytes[i] != UInt8(ascii: "\"") && bytes[i] != 0x0A { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
                i = min(n, i + 1)
                var k = i
                while k < n && Byte.isSpace(bytes[k]) { k += 1 }
                builder.add(k < n && bytes[k] == UInt8(ascii: ":") ? .keyword : .string, start, i)
            } else if b == UInt8(ascii: "-") || Byte.isDigit(b) {
                let start = i
                i += 1
                while i < n && (Byte.isHexDigit(bytes[i]) || "+-.xX".utf8.contains(bytes[i])) { i += 1 }
                builder.add(.number, start, i)
            } else if Byte.isLetter(b) {
                let start = i
                while i < n && Byte.isIdentifier(bytes[i]) { i += 1 }
                if ["true", "false", "null"].contains(bytes.text(start, i)) { builder.add(.keyword, start, i) }
            } else if bytes.has(Array("//".utf8), at: i) {
                let end = bytes.lineEnd(from: i)
                builder.add(.comment, i, end)
                i = end
            } else if bytes.has(Array("/*".utf8), at: i) {
                let start = i
                i += 2
                while i < n && !bytes.has(Array("*/".utf8), at: i) { i += 1 }
                i = min(n, i + 2)
                builder.add(.comment, start, i)
            } else {
                if Byte.isOperator(b) { builder.add(.operator, i, i + 1) }
                i += 1
            }
        }
        return builder
    }

    // MARK: YAML

    /// Mapping keys are keywords; scalar values are strings (plain, quoted or block scalars);
    /// `#` comments; `-`/`:`/`?` indicators and flow punctuation operators; `!tags` types;
    /// `%` directives attributes; `&anchors`, `*aliases` and `---`/`...` markers plain.
    static func yaml(_ bytes: [UInt8]) -> RunBuilder {
        var builder = RunBuilder(bytes)
        var i = 0
        let n = bytes.count
        var blockIndent: Int?  // inside a `|` or `>` block scalar deeper than this indent
        var flowDepth = 0      // inside `[…]`/`{…}`, which may span lines
        while i < n {
            let lineStart = i
            let end = bytes.lineEnd(from: i)
            var k = i
            while k < end && bytes[k] == 0x20 { k += 1 }
            let indent = k - lineStart
            if let parent = blockIndent {
                if k == end || indent > parent {
                    builder.add(.string, k, end)
                    i = min(n, end + 1)
                    continue
                }
                blockIndent = nil
            }
            if bytes.has(Array("---".utf8), at: lineStart) || bytes.has(Array("...".utf8), at: lineStart) {
                k = lineStart + 3
            } else if k < end && bytes[k] == UInt8(ascii: "%") {
                var w = k
                while w < end && bytes[w] != 0x20 { w += 1 }
                builder.add(.keyword, k, w)  // %YAML, %TAG directives
                builder.add(.type, w, end)
                i = min(n, end + 1)
                continue
            }
            i = yamlLine(bytes, from: k, to: end, indent: indent, builder: &builder, blockIndent: &blockIndent, flowDepth: &flowDepth)
            i = min(n, end + 1)
        }
        return builder
    }

    private static func yamlLine(_ bytes: [UInt8], from start: Int, to end: Int, indent: Int, builder: inout RunBuilder,
                                 blockIndent: inout Int?, flowDepth: inout Int) -> Int {
        var i = start
        var expectKey = true
        while i < end {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 { i += 1; continue }
            if b == UInt8(ascii: "#") && (i == start || bytes[i - 1] == 0x20 || bytes[i - 1] == 0x09) {
                builder.add(.comment, i, end)
                return end
            }
            if (b == UInt8(ascii: "-") || b == UInt8(ascii: "?") || b == UInt8(ascii: ":")) && (i + 1 == end || bytes[i + 1] == 0x20) {
                builder.add(.operator, i, i + 1)
                i += 1
                continue
            }
            if "[]{},".utf8.contains(b) && (flowDepth > 0 || b == UInt8(ascii: "[") || b == UInt8(ascii: "{")) {
                if b == UInt8(ascii: "[") || b == UInt8(ascii: "{") { flowDepth += 1 }
                if b == UInt8(ascii: "]") || b == UInt8(ascii: "}") { flowDepth = max(0, flowDepth - 1) }
                builder.add(.operator, i, i + 1)
                expectKey = b != UInt8(ascii: "]") && b != UInt8(ascii: "}")
                i += 1
                continue
            }
            if b == UInt8(ascii: "&") || b == UInt8(ascii: "*") || b == UInt8(ascii: "!") {
                let s = i
                while i < end && bytes[i] != 0x20 && !"[]{},".utf8.contains(bytes[i]) { i += 1 }
                if b == UInt8(ascii: "!") { builder.add(.type, s, i) }  // tags; anchors and aliases stay plain
                continue
            }
            if b == UInt8(ascii: "|") || b == UInt8(ascii: ">") {
                let s = i
                while i < end && bytes[i] != 0x20 && bytes[i] != UInt8(ascii: "#") { i += 1 }
                builder.add(.operator, s, i)
                blockIndent = indent
                continue
            }
            // A scalar: quoted, or plain up to `: `, ` #`, the line's end (or flow punctuation).
            let s = i
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                i += 1
                while i < end && bytes[i] != b { i += (b == UInt8(ascii: "\"") && bytes[i] == UInt8(ascii: "\\")) ? 2 : 1 }
                i = min(end, i + 1)
            } else {
                while i < end {
                    let c = bytes[i]
                    if c == UInt8(ascii: ":") && (i + 1 == end || bytes[i + 1] == 0x20) { break }
                    if c == UInt8(ascii: "#") && (bytes[i - 1] == 0x20) { break }
                    if "[]{},".utf8.contains(c) && flowDepth > 0 { break }
                    i += 1
                }
                while i > s && bytes[i - 1] == 0x20 { i -= 1 }
            }
            var k = i
            while k < end && bytes[k] == 0x20 { k += 1 }
            let isKey = expectKey && k < end && bytes[k] == UInt8(ascii: ":") && (k + 1 == end || bytes[k + 1] == 0x20)
            // plain scalars inside flow collections are names in most YAML highlighters
            let quoted = b == UInt8(ascii: "\"") || b == UInt8(ascii: "'")
            builder.add(isKey ? .keyword : (quoted || flowDepth == 0 ? .string : .plain), s, i)
            if !isKey { expectKey = false }
            if i == s { i += 1 }
        }
        return end
    }

    // MARK: TOML

    /// `[table]` headers are keywords, keys plain, strings (basic, literal, multi-line),
    /// numbers in every base, dates and times numbers, `true`/`false` keywords.
    static func toml(_ bytes: [UInt8]) -> RunBuilder {
        var builder = RunBuilder(bytes)
        var i = 0
        let n = bytes.count
        var lineHasKey = false
        var inArray = 0
        while i < n {
            let b = bytes[i]
            if b == 0x0A { lineHasKey = false; i += 1; continue }
            if Byte.isSpace(b) { i += 1; continue }
            if b == UInt8(ascii: "#") {
                let end = bytes.lineEnd(from: i)
                builder.add(.comment, i, end)
                i = end
                continue
            }
            if b == UInt8(ascii: "[") && !lineHasKey && inArray == 0 {
                let end = bytes.lineEnd(from: i)
                var k = i
                while k < end && bytes[k] != UInt8(ascii: "]") { k += 1 }
                while k < end && bytes[k] == UInt8(ascii: "]") { k += 1 }
                builder.add(.keyword, i, k)
                i = k
                continue
            }
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                let triple = bytes.has([b, b, b], at: i)
                let start = i
                i += triple ? 3 : 1
                while i < n {
                    if b == UInt8(ascii: "\"") && bytes[i] == UInt8(ascii: "\\") { i += 2; continue }
                    if triple ? bytes.has([b, b, b], at: i) : bytes[i] == b {
                        i += triple ? 3 : 1
                        while triple && i < n && bytes[i] == b { i += 1 }
                        break
                    }
                    if !triple && bytes[i] == 0x0A { break }
                    i += 1
                }
                builder.add(.string, start, min(i, n))
                continue
            }
            if lineHasKey && (Byte.isDigit(b) || ((b == UInt8(ascii: "+") || b == UInt8(ascii: "-")) && i + 1 < n && (Byte.isDigit(bytes[i + 1]) || bytes[i + 1] == UInt8(ascii: "i") || bytes[i + 1] == UInt8(ascii: "n")))) {
                let start = i
                i += 1
                while i < n && (Byte.isIdentifier(bytes[i]) || "+-.:".utf8.contains(bytes[i])
                    || (bytes[i] == 0x20 && i + 1 < n && Byte.isDigit(bytes[i + 1]) && bytes[i - 1] != UInt8(ascii: ","))) { i += 1 }
                builder.add(.number, start, i)
                continue
            }
            if Byte.isIdentifier(b) || b == UInt8(ascii: "-") {
                let start = i
                while i < n && (Byte.isIdentifier(bytes[i]) || bytes[i] == UInt8(ascii: "-")) { i += 1 }
                let word = bytes.text(start, i)
                if lineHasKey && (word == "true" || word == "false") { builder.add(.keyword, start, i) }
                if lineHasKey && (word == "inf" || word == "nan") { builder.add(.number, start, i) }
                continue
            }
            if b == UInt8(ascii: "=") { lineHasKey = true }
            if b == UInt8(ascii: "[") { inArray += 1 } else if b == UInt8(ascii: "]") { inArray = max(0, inArray - 1) }
            if inArray > 0 && b == 0x0A { lineHasKey = true }
            if Byte.isOperator(b) { builder.add(.operator, i, i + 1) }
            i += 1
            if inArray > 0 { lineHasKey = true }
        }
        return builder
    }

    // MARK: diff

    /// Added lines are strings, removed lines keywords (the theme's green and red by
    /// convention), file headers comments, hunk headers attributes.
    static func diff(_ bytes: [UInt8]) -> RunBuilder {
        var builder = RunBuilder(bytes)
        var i = 0
        while i < bytes.count {
            let end = bytes.lineEnd(from: i)
            let tokenClass: TokenClass
            if bytes.has(Array("+++".utf8), at: i) || bytes.has(Array("---".utf8), at: i) || bytes.has(Array("diff ".utf8), at: i)
                || bytes.has(Array("index ".utf8), at: i) || bytes.has(Array("Index: ".utf8), at: i) || bytes.has(Array("new file".utf8), at: i)
                || bytes.has(Array("deleted file".utf8), at: i) || bytes.has(Array("similarity".utf8), at: i) {
                tokenClass = .comment
            } else if bytes.has(Array("@@".utf8), at: i) {
                tokenClass = .attribute
            } else if i < end && bytes[i] == UInt8(ascii: "+") || bytes.has(Array(">".utf8), at: i) {
                tokenClass = .string
            } else if i < end && bytes[i] == UInt8(ascii: "-") || bytes.has(Array("<".utf8), at: i) {
                tokenClass = .keyword
            } else {
                tokenClass = .plain
            }
            builder.add(tokenClass, i, end)
            i = end + 1
        }
        return builder
    }
}

/// HTML/XML and CSS. Inside HTML, `<script>` is lexed as JavaScript and `<style>` as CSS.
enum MarkupLexers {
    // MARK: HTML and XML

    /// Tag names are keywords, attribute names attributes, their values strings, `<`, `>`, `/`
    /// and `=` operators, comments comments, `<!DOCTYPE>`/`<?xml?>`/CDATA attributes; text is plain.
    /// In XML (`xml: true`) the `<` belongs to the tag name and `=` to the attribute name, as
    /// XML highlighters usually show them.
    static func markup(_ bytes: [UInt8], xml: Bool = false) -> RunBuilder {
        var builder = RunBuilder(bytes)
        var i = 0
        let n = bytes.count
        while i < n {
            guard bytes[i] == UInt8(ascii: "<"), i + 1 < n else { i += 1; continue }
            if bytes.has(Array("<!--".utf8), at: i) {
                let start = i
                i += 4
                while i < n && !bytes.has(Array("-->".utf8), at: i) { i += 1 }
                i = min(n, i + 3)
                builder.add(.comment, start, i)
                continue
            }
            if bytes.has(Array("<![CDATA[".utf8), at: i) {
                let start = i
                while i < n && !bytes.has(Array("]]>".utf8), at: i) { i += 1 }
                i = min(n, i + 3)
                builder.add(.attribute, start, start + 9)
                builder.add(.attribute, i - 3, i)
                continue
            }
            if bytes[i + 1] == UInt8(ascii: "!") || bytes[i + 1] == UInt8(ascii: "?") {
                let start = i
                while i < n && bytes[i] != UInt8(ascii: ">") { i += 1 }
                i = min(n, i + 1)
                builder.add(.attribute, start, i)
                continue
            }
            let closing = bytes[i + 1] == UInt8(ascii: "/")
            let nameStart = i + (closing ? 2 : 1)
            guard nameStart < n, Byte.isIdentifierStart(bytes[nameStart]) else { i += 1; continue }
            builder.add(xml ? .keyword : .operator, i, nameStart)
            var k = nameStart
            while k < n && (Byte.isIdentifier(bytes[k]) || bytes[k] == UInt8(ascii: "-") || bytes[k] == UInt8(ascii: ":") || bytes[k] == UInt8(ascii: ".")) { k += 1 }
            builder.add(.keyword, nameStart, k)
            let tag = bytes.text(nameStart, k).lowercased()
            i = attributes(bytes, from: k, xml: xml, builder: &builder)
            if !closing && (tag == "script" || tag == "style") && i > 0 && bytes[i - 1] == UInt8(ascii: ">") && !(i > 1 && bytes[i - 2] == UInt8(ascii: "/")) {
                let close = Array("</\(tag)".utf8)
                var end = i
                while end < n && !(bytes.has(close, at: end) || bytes.has(Array(close.map { Byte.isLetter($0) ? $0 & ~0x20 : $0 }), at: end)) { end += 1 }
                let inner = Array(bytes[i..<end])
                let innerRanges = tag == "script" ? CodeScanner.ranges(inner, syntax: CompiledLanguages.javascript) : css(inner)
                for range in innerRanges.ranges { builder.add(range.tokenClass, i + range.start, i + range.end) }
                i = end
            }
        }
        return builder
    }

    /// Attributes of a tag from `start` to its `>`; returns the index after the tag.
    private static func attributes(_ bytes: [UInt8], from start: Int, xml: Bool, builder: inout RunBuilder) -> Int {
        var i = start
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: ">") || bytes.has(Array("/>".utf8), at: i) {
                let end = b == UInt8(ascii: ">") ? i + 1 : i + 2
                builder.add(xml ? .keyword : .operator, i, end)
                return end
            }
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                let s = i
                i += 1
                while i < n && bytes[i] != b { i += 1 }
                i = min(n, i + 1)
                builder.add(.string, s, i)
            } else if b == UInt8(ascii: "=") {
                builder.add(xml ? .attribute : .operator, i, i + 1)
                i += 1
                while i < n && Byte.isSpace(bytes[i]) { i += 1 }
                if i < n && bytes[i] != UInt8(ascii: "\"") && bytes[i] != UInt8(ascii: "'") {
                    let s = i
                    while i < n && !Byte.isSpace(bytes[i]) && bytes[i] != UInt8(ascii: ">") { i += 1 }
                    builder.add(.string, s, i)
                }
            } else if Byte.isSpace(b) {
                i += 1
            } else if b == UInt8(ascii: "<") {
                return i  // an unclosed tag: the next tag starts here
            } else {
                let s = i
                while i < n && !Byte.isSpace(bytes[i]) && bytes[i] != UInt8(ascii: "=") && bytes[i] != UInt8(ascii: ">") && !bytes.has(Array("/>".utf8), at: i) { i += 1 }
                builder.add(.attribute, s, max(i, s + 1))
                i = max(i, s + 1)
            }
        }
        return i
    }

    // MARK: CSS

    /// Selectors: element names keywords, `.class` types, `:pseudo` attributes; `@rules` keywords;
    /// declarations: property names keywords, values (`bold`, `solid`) keywords, `#hex` and
    /// numbers numbers and their units types, functions (`rgb(`) types, strings, comments, punctuation.
    static func css(_ bytes: [UInt8]) -> RunBuilder {
        var builder = RunBuilder(bytes)
        var i = 0
        let n = bytes.count
        var depth = 0
        var inValue = false
        var selector = true
        func isName(_ b: UInt8) -> Bool { Byte.isIdentifier(b) || b == UInt8(ascii: "-") }
        /// Whether the statement starting at `index` is a nested rule (`a:hover {`) rather than
        /// a declaration (`color: red;`): a `{` comes before any `;` or `}`.
        func startsRule(after index: Int) -> Bool {
            var k = index
            while k < n {
                if bytes[k] == UInt8(ascii: "{") { return true }
                if bytes[k] == UInt8(ascii: ";") || bytes[k] == UInt8(ascii: "}") { return false }
                k += 1
            }
            return false
        }
        while i < n {
            let b = bytes[i]
            if bytes.has(Array("/*".utf8), at: i) {
                let s = i
                i += 2
                while i < n && !bytes.has(Array("*/".utf8), at: i) { i += 1 }
                i = min(n, i + 2)
                builder.add(.comment, s, i)
                continue
            }
            if Byte.isSpace(b) { i += 1; continue }
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                let s = i
                i += 1
                while i < n && bytes[i] != b && bytes[i] != 0x0A { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
                i = min(n, i + 1)
                builder.add(.string, s, i)
                continue
            }
            if b == UInt8(ascii: "@") {
                let s = i
                i += 1
                while i < n && isName(bytes[i]) { i += 1 }
                builder.add(.keyword, s, i)
                continue
            }
            if b == UInt8(ascii: "!") && i + 1 < n && Byte.isLetter(bytes[i + 1]) {
                let s = i
                i += 1
                while i < n && Byte.isLetter(bytes[i]) { i += 1 }
                builder.add(.attribute, s, i)
                continue
            }
            if b == UInt8(ascii: "{") || b == UInt8(ascii: "}") || b == UInt8(ascii: ";") {
                depth = b == UInt8(ascii: "{") ? depth + 1 : b == UInt8(ascii: "}") ? max(0, depth - 1) : depth
                inValue = false
                selector = depth == 0 || startsRule(after: i + 1)
            }
            if b == UInt8(ascii: ":") && !selector && !inValue { inValue = true }
            if !selector || inValue {
                if b == UInt8(ascii: "#") && i + 1 < n && Byte.isHexDigit(bytes[i + 1]) {
                    let s = i
                    i += 1
                    while i < n && isName(bytes[i]) { i += 1 }
                    builder.add(.number, s, i)
                    continue
                }
                if Byte.isDigit(b) || (b == UInt8(ascii: ".") && i + 1 < n && Byte.isDigit(bytes[i + 1]))
                    || (b == UInt8(ascii: "-") && i + 1 < n && Byte.isDigit(bytes[i + 1]) && inValue) {
                    let s = i
                    i += 1
                    while i < n && (Byte.isDigit(bytes[i]) || bytes[i] == UInt8(ascii: ".")) { i += 1 }
                    builder.add(.number, s, i)
                    let unit = i
                    while i < n && (Byte.isLetter(bytes[i]) || bytes[i] == UInt8(ascii: "%")) { i += 1 }
                    builder.add(.type, unit, i)
                    continue
                }
                if Byte.isIdentifierStart(b) || b == UInt8(ascii: "-") {
                    let s = i
                    while i < n && isName(bytes[i]) { i += 1 }
                    if i < n && bytes[i] == UInt8(ascii: "(") {
                        builder.add(.type, s, i)
                        if bytes.text(s, i).lowercased() == "url" {
                            let u = i + 1
                            var k = u
                            while k < n && bytes[k] != UInt8(ascii: ")") { k += 1 }
                            builder.add(.operator, i, u)
                            builder.add(.string, u, k)
                            i = k
                        }
                    } else {
                        var k = i
                        while k < n && (bytes[k] == 0x20 || bytes[k] == 0x09) { k += 1 }
                        let isProperty = !inValue && k < n && bytes[k] == UInt8(ascii: ":")
                        builder.add(isProperty || inValue ? .keyword : .keyword, s, i)
                    }
                    continue
                }
            } else {
                // selectors
                if b == UInt8(ascii: ".") && i + 1 < n && (Byte.isIdentifierStart(bytes[i + 1]) || bytes[i + 1] == UInt8(ascii: "-")) {
                    let s = i
                    i += 1
                    while i < n && isName(bytes[i]) { i += 1 }
                    builder.add(.type, s, i)
                    continue
                }
                if b == UInt8(ascii: "#") {
                    i += 1
                    while i < n && isName(bytes[i]) { i += 1 }
                    continue
                }
                if b == UInt8(ascii: ":") {
                    let s = i
                    i += 1
                    if i < n && bytes[i] == UInt8(ascii: ":") { i += 1 }
                    while i < n && isName(bytes[i]) { i += 1 }
                    builder.add(.attribute, s, i)
                    continue
                }
                if Byte.isIdentifierStart(b) {
                    let s = i
                    while i < n && isName(bytes[i]) { i += 1 }
                    builder.add(.keyword, s, i)
                    continue
                }
            }
            if Byte.isOperator(b) { builder.add(.operator, i, i + 1) }
            i += 1
        }
        return builder
    }
}

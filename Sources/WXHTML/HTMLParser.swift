import WXSupport

/// What `HTMLParser.parseFragment` produced: the tree, and a warning for every place where the
/// input was not well-formed and the parser had to guess (a stray end tag, an element never closed…).
public struct HTMLParseResult: Sendable, Equatable {
    public var nodes: [HTMLNode]
    public var warnings: [Diagnostic]

    public init(nodes: [HTMLNode], warnings: [Diagnostic]) {
        self.nodes = nodes
        self.warnings = warnings
    }
}

/// A lenient HTML fragment parser for the subset found in articles (raw HTML in posts, WeChat
/// fixtures). It follows what browsers do for the common cases — implicit ends of `p`, `li`,
/// `td`, `tr`, `option`…, void elements, raw-text `script`/`style`, character references — without
/// the full HTML5 tree builder: no implied `tbody`, no adoption agency for misnested formatting.
/// It never fails; every repair becomes a warning located in the source.
public enum HTMLParser {
    /// Parses `html` as if it appeared at `file:line:column`, so element locations and warnings point
    /// into the post that contains it.
    public static func parseFragment(_ html: String, file: String, line: Int = 1, column: Int = 1) -> HTMLParseResult {
        var parser = FragmentParser(html, file: file, line: line, column: column)
        parser.run()
        return HTMLParseResult(nodes: parser.roots, warnings: parser.warnings)
    }
}

// MARK: - Element categories (from the HTML standard, trimmed to what articles use)

enum HTMLCategories {
    /// Start tags that close an open `p` (in button scope).
    static let closesParagraph: Set<String> = [
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "ul", "li",
        "dd", "dt", "listing", "xmp",
    ]
    /// Elements whose end tag may be omitted: closing them implicitly is not worth a warning.
    static let optionalEnd: Set<String> = [
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
        "colgroup", "rb", "rt", "rtc", "rp",
    ]
    /// The standard's "special" elements: an unmatched inline end tag may not close past them.
    static let special: Set<String> = [
        "address", "applet", "area", "article", "aside", "base", "blockquote", "body", "br", "button",
        "caption", "center", "col", "colgroup", "dd", "details", "dir", "div", "dl", "dt", "embed",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hgroup", "hr", "html", "iframe", "img", "input", "li", "link", "listing", "main", "marquee",
        "menu", "meta", "nav", "object", "ol", "p", "pre", "script", "section", "select", "style",
        "summary", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "title", "tr",
        "ul", "wbr", "xmp",
    ]
    /// Boundaries of the default scope: an end tag does not reach outside a table cell or table.
    static let scopeBoundaries: Set<String> = [
        "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
    ]
    /// The scope in which a start tag looks for an open `p` to close.
    static let buttonScopeBoundaries = scopeBoundaries.union(["button"])
    /// Content is text up to the matching end tag; entities are not decoded.
    static let rawText: Set<String> = ["script", "style", "xmp", "iframe", "noembed", "noframes", "noscript"]
    /// Content is text up to the matching end tag; entities are decoded.
    static let escapableRawText: Set<String> = ["textarea", "title"]
    static let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]
    /// Tags a fragment parser drops (the fragment already lives inside a body).
    static let documentWrappers: Set<String> = ["html", "head", "body"]
    /// Foreign content roots, where `/>` closes any element.
    static let foreignRoots: Set<String> = ["svg", "math"]
}

// MARK: - The parser

struct FragmentParser {
    private let bytes: [UInt8]
    private let file: String
    private var pos = 0
    private var tracker: LocationTracker

    private(set) var roots: [HTMLNode] = []
    private(set) var warnings: [Diagnostic] = []

    /// Open elements, innermost last.
    private var stack: [HTMLElement] = []
    /// Pending text for the current insertion point, as UTF-8, flushed when anything else arrives.
    private var text: [UInt8] = []
    private var foreignDepth = 0
    private var warnedAboutDepth = false
    /// How many elements of each tag are open, so "is a `p` open?" is answered without a scan.
    private var openCounts: [String: Int] = [:]

    /// Browsers stop nesting at 512 open elements (Chromium's parser limit); deeper elements become
    /// siblings. It also keeps every recursive walk over the tree (serializer, inliner) shallow.
    static let maximumDepth = 512

    init(_ html: String, file: String, line: Int, column: Int) {
        self.bytes = Array(html.utf8)
        self.file = file
        self.tracker = LocationTracker(line: line, column: column)
    }

    mutating func run() {
        let count = bytes.count
        while pos < count {
            let byte = bytes[pos]
            if byte == UInt8(ascii: "<") {
                parseMarkup()
            } else if byte == UInt8(ascii: "&") {
                text.append(contentsOf: decodeReference(inAttribute: false))
            } else {
                // Copy the run of plain bytes in one go.
                var end = pos + 1
                while end < count, bytes[end] != UInt8(ascii: "<"), bytes[end] != UInt8(ascii: "&") { end += 1 }
                text.append(contentsOf: bytes[pos..<end])
                pos = end
            }
        }
        flushText()
        while let element = stack.last {
            if !HTMLCategories.optionalEnd.contains(element.tag) {
                warn(at: element.location, "<\(element.tag)> is never closed; it ends with the fragment",
                     fix: "add </\(element.tag)>")
            }
            popElement()
        }
    }

    // MARK: Locations and warnings

    private mutating func location(at offset: Int) -> SourceLocation {
        tracker.advance(to: offset, in: bytes)
        return SourceLocation(file: file, line: tracker.line, column: tracker.column)
    }

    private mutating func warn(at offset: Int, _ message: String, fix: String? = nil) {
        let where_ = location(at: offset)
        warnings.append(.warning(at: where_, message, fix: fix, rule: "html/parse"))
    }

    private mutating func warn(at where_: SourceLocation?, _ message: String, fix: String? = nil) {
        warnings.append(.warning(at: where_ ?? SourceLocation(file: file, line: tracker.line, column: tracker.column),
                                 message, fix: fix, rule: "html/parse"))
    }

    // MARK: Tree building

    private mutating func flushText() {
        guard !text.isEmpty else { return }
        let string = String(decoding: text, as: UTF8.self)
        text.removeAll(keepingCapacity: true)
        appendNode(.text(string))
    }

    private mutating func appendNode(_ node: HTMLNode) {
        if stack.isEmpty {
            if case .text(let new) = node, case .text(let old)? = roots.last {
                roots[roots.count - 1] = .text(old + new)
            } else {
                roots.append(node)
            }
        } else {
            let top = stack.count - 1
            if case .text(let new) = node, case .text(let old)? = stack[top].children.last {
                stack[top].children[stack[top].children.count - 1] = .text(old + new)
            } else {
                stack[top].children.append(node)
            }
        }
    }

    private mutating func popElement() {
        let element = stack.removeLast()
        openCounts[element.tag, default: 1] -= 1
        if HTMLCategories.foreignRoots.contains(element.tag) { foreignDepth -= 1 }
        appendNode(.element(element))
    }

    /// Pops up to and including the innermost open `tag`, warning about elements that needed an end tag.
    private mutating func close(_ tag: String, at offset: Int, reason: String) {
        while let top = stack.last {
            if top.tag == tag {
                popElement()
                return
            }
            if !HTMLCategories.optionalEnd.contains(top.tag) {
                warn(at: top.location, "<\(top.tag)> is closed implicitly by \(reason)", fix: "add </\(top.tag)> before it")
            }
            popElement()
        }
    }

    /// Index of the innermost open `tag`, not looking past `boundaries`.
    private func openIndex(of tag: String, boundaries: Set<String>) -> Int? {
        guard openCounts[tag, default: 0] > 0 else { return nil }
        var index = stack.count - 1
        while index >= 0 {
            let candidate = stack[index].tag
            if candidate == tag { return index }
            if boundaries.contains(candidate) { return nil }
            index -= 1
        }
        return nil
    }

    // MARK: Markup

    private mutating func parseMarkup() {
        let start = pos
        let next = pos + 1 < bytes.count ? bytes[pos + 1] : 0
        if isASCIILetter(next) {
            parseStartTag(start)
        } else if next == UInt8(ascii: "/") {
            parseEndTag(start)
        } else if next == UInt8(ascii: "!") {
            parseDeclaration(start)
        } else if next == UInt8(ascii: "?") {
            flushText()
            warn(at: start, "processing instruction ignored", fix: "remove it; HTML has no <?…?> instructions")
            skipPast(UInt8(ascii: ">"))
        } else {
            // A lone `<` is text, as in browsers.
            text.append(UInt8(ascii: "<"))
            pos += 1
        }
    }

    private mutating func skipPast(_ byte: UInt8) {
        while pos < bytes.count, bytes[pos] != byte { pos += 1 }
        if pos < bytes.count { pos += 1 }
    }

    private mutating func parseDeclaration(_ start: Int) {
        flushText()
        if matches("<!--", at: start) {
            var index = start + 4
            // `<!-->` and `<!--->` are empty comments.
            if matches(">", at: index) { pos = index + 1; appendNode(.comment("")); return }
            if matches("->", at: index) { pos = index + 2; appendNode(.comment("")); return }
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "-"), matches("-->", at: index) {
                    appendNode(.comment(String(decoding: bytes[(start + 4)..<index], as: UTF8.self)))
                    pos = index + 3
                    return
                }
                index += 1
            }
            warn(at: start, "comment is never closed; the rest of the fragment became the comment", fix: "end it with -->")
            appendNode(.comment(String(decoding: bytes[(start + 4)...], as: UTF8.self)))
            pos = bytes.count
            return
        }
        pos = start + 2
        let isDoctype = matchesCaseInsensitive("doctype", at: pos)
        if !isDoctype {
            warn(at: start, "markup declaration <!… ignored", fix: "remove it or write a comment <!-- … -->")
        }
        skipPast(UInt8(ascii: ">"))
    }

    private mutating func parseStartTag(_ start: Int) {
        // Locate before reading attributes: the tracker only moves forward.
        let location = location(at: start)
        pos = start + 1
        let name = readName(stopAtEquals: false)
        var attributes: [HTMLAttribute] = []
        var selfClosing = false
        var terminated = false
        while pos < bytes.count {
            skipWhitespace()
            guard pos < bytes.count else { break }
            let byte = bytes[pos]
            if byte == UInt8(ascii: ">") { pos += 1; terminated = true; break }
            if byte == UInt8(ascii: "/") {
                pos += 1
                if pos < bytes.count, bytes[pos] == UInt8(ascii: ">") { pos += 1; selfClosing = true; terminated = true; break }
                continue
            }
            let attributeStart = pos
            let attributeName = readName(stopAtEquals: true, allowLeadingEquals: true)
            skipWhitespace()
            var value = ""
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "=") {
                pos += 1
                skipWhitespace()
                guard let read = readAttributeValue() else { break }
                value = read
            }
            if attributes.contains(where: { $0.name == attributeName }) {
                warn(at: attributeStart, "duplicate attribute \(attributeName) on <\(name)> ignored; the first one wins",
                     fix: "remove the duplicate")
            } else {
                attributes.append(HTMLAttribute(attributeName, value))
            }
        }
        guard terminated else {
            warn(at: start, "<\(name)> tag is cut off by the end of the fragment and was dropped", fix: "close the tag with >")
            pos = bytes.count
            return
        }
        flushText()
        insertStartTag(name, attributes: attributes, selfClosing: selfClosing, location: location, offset: start)
    }

    private mutating func insertStartTag(_ name: String, attributes: [HTMLAttribute], selfClosing: Bool,
                                         location: SourceLocation, offset: Int) {
        if HTMLCategories.documentWrappers.contains(name) { return }
        if foreignDepth == 0 {
            applyImplicitEnds(before: name, offset: offset)
        }
        let element = HTMLElement(name, attributes: attributes, location: location)
        if HTMLElement.voidTags.contains(name) {
            appendNode(.element(element))
            return
        }
        if selfClosing {
            if foreignDepth > 0 || HTMLCategories.foreignRoots.contains(name) {
                appendNode(.element(element))
                return
            }
            warn(at: offset, "<\(name)/> is not self-closing in HTML; it was read as a start tag",
                 fix: "write <\(name)></\(name)>")
        }
        if stack.count >= Self.maximumDepth {
            if !warnedAboutDepth {
                warn(at: offset, "elements nest more than \(Self.maximumDepth) deep; deeper ones are placed beside their parent",
                     fix: "close elements you no longer need")
                warnedAboutDepth = true
            }
            popElement()
        }
        stack.append(element)
        openCounts[name, default: 0] += 1
        if HTMLCategories.foreignRoots.contains(name) { foreignDepth += 1 }
        if foreignDepth == 0 || HTMLCategories.foreignRoots.contains(name) {
            if HTMLCategories.rawText.contains(name) {
                readRawText(of: name, decodeEntities: false)
            } else if HTMLCategories.escapableRawText.contains(name) {
                readRawText(of: name, decodeEntities: true)
            }
        }
    }

    /// The end tags HTML lets authors omit, closed when the next start tag arrives.
    private mutating func applyImplicitEnds(before name: String, offset: Int) {
        let reason = "<\(name)>"
        if HTMLCategories.closesParagraph.contains(name), openIndex(of: "p", boundaries: HTMLCategories.buttonScopeBoundaries) != nil {
            close("p", at: offset, reason: reason)
        }
        switch name {
        case "li":
            closeListItem(["li"], at: offset, reason: reason)
        case "dt", "dd":
            closeListItem(["dt", "dd"], at: offset, reason: reason)
        case "h1", "h2", "h3", "h4", "h5", "h6":
            if let top = stack.last, HTMLCategories.headings.contains(top.tag) {
                warn(at: top.location, "<\(top.tag)> is closed implicitly by \(reason)", fix: "add </\(top.tag)> before it")
                popElement()
            }
        case "option":
            if stack.last?.tag == "option" { popElement() }
        case "optgroup":
            if stack.last?.tag == "option" { popElement() }
            if stack.last?.tag == "optgroup" { popElement() }
        case "tr":
            closeTableParts(["tr", "td", "th"], stopAt: ["table", "thead", "tbody", "tfoot"], offset: offset, reason: reason)
        case "td", "th":
            closeTableParts(["td", "th"], stopAt: ["table", "tr", "thead", "tbody", "tfoot"], offset: offset, reason: reason)
        case "thead", "tbody", "tfoot":
            closeTableParts(["thead", "tbody", "tfoot", "tr", "td", "th"], stopAt: ["table"], offset: offset, reason: reason)
        default:
            break
        }
    }

    private mutating func closeListItem(_ tags: Set<String>, at offset: Int, reason: String) {
        var index = stack.count - 1
        while index >= 0 {
            let tag = stack[index].tag
            if tags.contains(tag) {
                close(tag, at: offset, reason: reason)
                return
            }
            if HTMLCategories.special.contains(tag), tag != "address", tag != "div", tag != "p" { return }
            index -= 1
        }
    }

    private mutating func closeTableParts(_ tags: Set<String>, stopAt: Set<String>, offset: Int, reason: String) {
        var index = stack.count - 1
        while index >= 0 {
            let tag = stack[index].tag
            if tags.contains(tag) {
                // Close the outermost matching part below the boundary.
                var outer = index
                var probe = index - 1
                while probe >= 0, !stopAt.contains(stack[probe].tag) {
                    if tags.contains(stack[probe].tag) { outer = probe }
                    probe -= 1
                }
                while stack.count > outer + 1 {
                    let top = stack[stack.count - 1]
                    if !HTMLCategories.optionalEnd.contains(top.tag) {
                        warn(at: top.location, "<\(top.tag)> is closed implicitly by \(reason)", fix: "add </\(top.tag)> before it")
                    }
                    popElement()
                }
                popElement()
                return
            }
            if stopAt.contains(tag) { return }
            index -= 1
        }
    }

    private mutating func parseEndTag(_ start: Int) {
        pos = start + 2
        guard pos < bytes.count else {
            text.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")])
            return
        }
        if bytes[pos] == UInt8(ascii: ">") {
            pos += 1
            warn(at: start, "empty end tag </> ignored")
            return
        }
        guard isASCIILetter(bytes[pos]) else {
            flushText()
            warn(at: start, "malformed end tag ignored", fix: "end tags are </name>")
            skipPast(UInt8(ascii: ">"))
            return
        }
        let name = readName(stopAtEquals: false)
        skipPast(UInt8(ascii: ">"))
        flushText()
        if HTMLCategories.documentWrappers.contains(name) { return }
        if name == "br" {
            warn(at: start, "</br> read as <br>", fix: "write <br>")
            appendNode(.element(HTMLElement("br", location: location(at: start))))
            return
        }
        if foreignDepth > 0, let index = openIndex(of: name, boundaries: []) {
            if index >= stack.count - foreignDepthSpan() {
                close(name, at: start, reason: "</\(name)>")
                return
            }
        }
        let boundaries: Set<String>
        switch name {
        case "table": boundaries = ["html"]
        case "tr", "thead", "tbody", "tfoot", "td", "th", "caption": boundaries = ["table", "html"]
        default:
            if HTMLCategories.special.contains(name) {
                boundaries = HTMLCategories.scopeBoundaries
            } else {
                // An inline end tag only matches up to the nearest block ("special") element.
                var index = stack.count - 1
                while index >= 0 {
                    let tag = stack[index].tag
                    if tag == name {
                        close(name, at: start, reason: "</\(name)>")
                        return
                    }
                    if HTMLCategories.special.contains(tag) { break }
                    index -= 1
                }
                warn(at: start, "stray end tag </\(name)> ignored", fix: "remove it or add the matching <\(name)>")
                return
            }
        }
        if openIndex(of: name, boundaries: boundaries) != nil {
            close(name, at: start, reason: "</\(name)>")
        } else {
            warn(at: start, "stray end tag </\(name)> ignored", fix: "remove it or add the matching <\(name)>")
        }
    }

    /// How many of the innermost open elements are inside the outermost open svg/math.
    private func foreignDepthSpan() -> Int {
        guard let root = stack.firstIndex(where: { HTMLCategories.foreignRoots.contains($0.tag) }) else { return 0 }
        return stack.count - root
    }

    /// Reads the content of `script`, `style`, `textarea`… up to its end tag, as one text child.
    private mutating func readRawText(of name: String, decodeEntities: Bool) {
        let contentStart = pos
        var index = pos
        let nameBytes = Array(name.utf8)
        var contentEnd = bytes.count
        var found = false
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/"),
               matchesCaseInsensitive(nameBytes, at: index + 2) {
                let after = index + 2 + nameBytes.count
                if after >= bytes.count || isWhitespace(bytes[after]) || bytes[after] == UInt8(ascii: ">") || bytes[after] == UInt8(ascii: "/") {
                    contentEnd = index
                    found = true
                    break
                }
            }
            index += 1
        }
        if decodeEntities {
            pos = contentStart
            while pos < contentEnd {
                if bytes[pos] == UInt8(ascii: "&") {
                    text.append(contentsOf: decodeReference(inAttribute: false, limit: contentEnd))
                } else {
                    text.append(bytes[pos])
                    pos += 1
                }
            }
        } else {
            text.append(contentsOf: bytes[contentStart..<contentEnd])
        }
        flushText()
        if found {
            pos = contentEnd + 2
            _ = readName(stopAtEquals: false)
            skipPast(UInt8(ascii: ">"))
        } else {
            let opened = stack.last?.location
            warn(at: opened, "<\(name)> is never closed; everything after it became its text", fix: "add </\(name)>")
            pos = bytes.count
        }
        popElement()
    }

    // MARK: Lexing helpers

    private func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    private mutating func skipWhitespace() {
        while pos < bytes.count, isWhitespace(bytes[pos]) { pos += 1 }
    }

    /// A tag or attribute name, ASCII-lower-cased.
    private mutating func readName(stopAtEquals: Bool, allowLeadingEquals: Bool = false) -> String {
        var name: [UInt8] = []
        var first = true
        while pos < bytes.count {
            let byte = bytes[pos]
            if isWhitespace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") { break }
            if stopAtEquals, byte == UInt8(ascii: "="), !(first && allowLeadingEquals) { break }
            name.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            pos += 1
            first = false
        }
        return String(decoding: name, as: UTF8.self)
    }

    /// A quoted or unquoted attribute value with references decoded; nil when a quote never closes.
    private mutating func readAttributeValue() -> String? {
        var value: [UInt8] = []
        guard pos < bytes.count else { return "" }
        let quote = bytes[pos]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            let start = pos
            pos += 1
            while pos < bytes.count, bytes[pos] != quote {
                if bytes[pos] == UInt8(ascii: "&") {
                    value.append(contentsOf: decodeReference(inAttribute: true))
                } else {
                    value.append(bytes[pos])
                    pos += 1
                }
            }
            guard pos < bytes.count else {
                warn(at: start, "attribute value quote is never closed", fix: "close the quote")
                return nil
            }
            pos += 1
        } else {
            while pos < bytes.count, !isWhitespace(bytes[pos]), bytes[pos] != UInt8(ascii: ">") {
                if bytes[pos] == UInt8(ascii: "&") {
                    value.append(contentsOf: decodeReference(inAttribute: true))
                } else {
                    value.append(bytes[pos])
                    pos += 1
                }
            }
        }
        return String(decoding: value, as: UTF8.self)
    }

    private func matches(_ literal: StaticString, at offset: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard offset + count <= bytes.count else { return false }
        let pointer = literal.utf8Start
        for i in 0..<count where bytes[offset + i] != pointer[i] { return false }
        return true
    }

    private func matchesCaseInsensitive(_ literal: String, at offset: Int) -> Bool {
        matchesCaseInsensitive(Array(literal.utf8), at: offset)
    }

    private func matchesCaseInsensitive(_ literal: [UInt8], at offset: Int) -> Bool {
        guard offset + literal.count <= bytes.count else { return false }
        for i in 0..<literal.count {
            var byte = bytes[offset + i]
            if byte >= 0x41 && byte <= 0x5A { byte += 0x20 }
            if byte != literal[i] { return false }
        }
        return true
    }

    // MARK: Character references

    /// Decodes the reference at `pos` (which is `&`) and returns its UTF-8, or a literal `&`.
    private mutating func decodeReference(inAttribute: Bool, limit: Int? = nil) -> [UInt8] {
        var output: [UInt8] = []
        let end = limit ?? bytes.count
        let start = pos
        var index = pos + 1
        if index < end, bytes[index] == UInt8(ascii: "#") {
            index += 1
            var hex = false
            if index < end, bytes[index] == UInt8(ascii: "x") || bytes[index] == UInt8(ascii: "X") {
                hex = true
                index += 1
            }
            let digitsStart = index
            var code: UInt32 = 0
            var overflow = false
            while index < end, let digit = digitValue(bytes[index], hex: hex) {
                if code > 0x10FFFF { overflow = true } else { code = code * (hex ? 16 : 10) + digit }
                index += 1
            }
            guard index > digitsStart else {
                output.append(UInt8(ascii: "&"))
                pos = start + 1
                return output
            }
            if index < end, bytes[index] == UInt8(ascii: ";") {
                index += 1
            } else {
                warn(at: start, "character reference without a semicolon", fix: "end it with ;")
            }
            let scalar = numericScalar(overflow ? 0x110000 : code)
            output.append(contentsOf: Array(String(Character(scalar)).utf8))
            pos = index
            return output
        }
        var nameEnd = index
        while nameEnd < end, nameEnd - index < 32, isASCIIAlphanumeric(bytes[nameEnd]) { nameEnd += 1 }
        let name = String(decoding: bytes[index..<nameEnd], as: UTF8.self)
        if nameEnd < end, bytes[nameEnd] == UInt8(ascii: ";"), let scalar = HTMLEntities.named[name] {
            output.append(contentsOf: Array(String(Character(scalar)).utf8))
            pos = nameEnd + 1
            return output
        }
        // Browsers accept a few old references without `;` (`&nbsp`), but not inside attribute
        // values where the next character continues a word or starts `=` (URLs like `?a=1&copy=2`).
        for legacy in HTMLEntities.legacyWithoutSemicolon where name.hasPrefix(legacy) {
            let after = index + legacy.utf8.count
            if inAttribute, after < end, isASCIIAlphanumeric(bytes[after]) || bytes[after] == UInt8(ascii: "=") { break }
            if let scalar = HTMLEntities.named[legacy] {
                warn(at: start, "&\(legacy) without a semicolon", fix: "write &\(legacy);")
                output.append(contentsOf: Array(String(Character(scalar)).utf8))
                pos = after
                return output
            }
        }
        output.append(UInt8(ascii: "&"))
        pos = start + 1
        return output
    }

    private func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || (byte >= 0x30 && byte <= 0x39)
    }

    private func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case 0x30...0x39: return UInt32(byte - 0x30)
        case 0x61...0x66 where hex: return UInt32(byte - 0x61 + 10)
        case 0x41...0x46 where hex: return UInt32(byte - 0x41 + 10)
        default: return nil
        }
    }

    /// Browsers' mapping: C1 controls read as Windows-1252, invalid code points as U+FFFD.
    private func numericScalar(_ code: UInt32) -> Unicode.Scalar {
        if let mapped = HTMLEntities.windows1252[code], let scalar = Unicode.Scalar(mapped) { return scalar }
        if code == 0 { return "\u{FFFD}" }
        return Unicode.Scalar(code) ?? "\u{FFFD}"
    }
}

/// Turns byte offsets into 1-based line and column (in Unicode scalars), moving forward only, so
/// computing every element's location stays linear in the input.
struct LocationTracker {
    private(set) var line: Int
    private(set) var column: Int
    private var offset = 0

    init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    mutating func advance(to target: Int, in bytes: [UInt8]) {
        guard target > offset else { return }
        while offset < target {
            let byte = bytes[offset]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte == 0x0D {
                if offset + 1 >= bytes.count || bytes[offset + 1] != 0x0A {
                    line += 1
                    column = 1
                }
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            offset += 1
        }
    }
}

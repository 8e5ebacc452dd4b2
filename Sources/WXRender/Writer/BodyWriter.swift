import Foundation
import WXHTML
import WXHighlight
import WXSupport

/// The post's Markdown written as WeChat HTML in one pass over the cmark tree, straight into
/// bytes with the style table's strings. A DOM is built only for what arrives as HTML (raw HTML
/// blocks and inline tags, after the sanitizer) — those fragments are kept, styled and located,
/// for the structure rules. Links, images, references and raw HTML reuse `MarkdownRenderer`'s
/// handling, so both paths agree on what a post means.
struct BodyWriter {
    var renderer: MarkdownRenderer
    var out: HTMLWriter
    /// Raw HTML as written (final styles, locations kept): what the structure rules check per article.
    var rawFragments: [HTMLNode] = []
    var plain = PlainText()
    let footnotesTitle: String
    var footnotes: [MarkdownNode] = []
    var listDepth = 0
    /// The deepest nesting of block containers (quotes, lists) written: past the structure rules'
    /// limit, Markdown itself made what rule 2.1 flags, and the article is checked element by element.
    var deepestNesting = 0
    private var nesting = 0

    init(renderer: MarkdownRenderer, table: StyleTable, prefix: [StyleTable.Key], footnotesTitle: String) {
        self.renderer = renderer
        self.out = HTMLWriter(table: table, prefix: prefix)
        self.footnotesTitle = footnotesTitle
    }

    mutating func write(_ document: MarkdownNode) {
        if renderer.cjkSpacing {
            // Spacing looks across inline markup, so this rare option takes the DOM path.
            let nodes = renderer.render(document)
            plain.add(dom: nodes)
            rawFragments += out.write(dom: nodes)
            return
        }
        // By index, here and below: `for node in nodes` copies every node (retaining its strings
        // and children) only to read it.
        let children = document.children
        for i in children.indices {
            if case .footnoteDefinition = children[i].kind { footnotes.append(children[i]) } else { block(children[i]) }
        }
        if !footnotes.isEmpty { writeFootnotes() }
        renderer.diagnostics += renderer.sanitizer.diagnostics
    }

    func location(_ node: MarkdownNode) -> SourceLocation { renderer.location(node) }

    // MARK: - Blocks

    mutating func blocks(_ nodes: [MarkdownNode]) {
        for i in nodes.indices { block(nodes[i]) }
    }

    /// Past the nesting limit a node is written flattened (as the DOM path flattens it); true when it was.
    private mutating func wroteFlattened(_ node: MarkdownNode) -> Bool {
        guard let flat = renderer.flattenIfTooDeep(node) else { return false }
        plain.add(dom: flat)
        out.write(dom: flat)
        return true
    }

    mutating func block(_ node: MarkdownNode) {
        if wroteFlattened(node) { return }
        renderer.depth += 1
        defer { renderer.depth -= 1 }
        switch node.kind {
        case .paragraph:
            paragraph(node)
        case .heading(let level):
            let tag = "h\(min(max(level, 1), 6))"
            out.open(tag, at: location(node))
            inlines(node.children)
            out.close(tag)
            plain.blockEnd()
        case .blockQuote:
            nesting += 1
            deepestNesting = max(deepestNesting, nesting)
            out.open("blockquote", at: location(node))
            blocks(node.children)
            out.close("blockquote")
            nesting -= 1
        case .list(let ordered, let start, let tight):
            nesting += 2  // the list's section and the item's
            deepestNesting = max(deepestNesting, nesting)
            list(node, ordered: ordered, start: start, tight: tight)
            nesting -= 2
        case .item:
            listItem(node, tight: false, marker: "•")
        case .codeBlock(let info, let literal):
            codeBlock(node, info: info, literal: literal)
        case .htmlBlock(let html):
            let nodes = renderer.htmlBlock(node, html: html)
            plain.add(dom: nodes)
            rawFragments += out.write(dom: nodes)
        case .thematicBreak:
            out.void("hr", at: location(node))
        case .table(let alignments):
            table(node, alignments: alignments)
        case .footnoteDefinition:
            footnotes.append(node)
        default:
            inlines([node])
        }
    }

    /// `<p>`; a paragraph holding nothing but one image is a `<figure>` (a figure may not sit in a paragraph).
    mutating func paragraph(_ node: MarkdownNode, leading: ((inout BodyWriter) -> Void)? = nil) {
        if leading == nil, let only = Self.onlyMeaningfulChild(node.children),
           case .image(let url, let title) = node.children[only].kind {
            figure(node.children[only], url: url, title: title)
            return
        }
        out.open("p", at: location(node))
        leading?(&self)
        inlines(node.children)
        out.close("p")
        plain.blockEnd()
    }

    /// The index of the one child that is not white space or a soft break, if there is exactly
    /// one (no array of copies made to count them).
    private static func onlyMeaningfulChild(_ children: [MarkdownNode]) -> Int? {
        var found: Int?
        for i in children.indices {
            switch children[i].kind {
            case .text(let s): if s.allSatisfy(\.isWhitespace) { continue }
            case .softBreak: continue
            default: break
            }
            if found != nil { return nil }
            found = i
        }
        return found
    }

    mutating func figure(_ node: MarkdownNode, url: String, title: String) {
        let alt = node.plainText
        let at = location(node)
        switch renderer.images.bodyImage(url, at: at) {
        case .success(let image):
            out.open("figure", at: at)
            out.void("img", "image", attributes: [("src", image.source), ("alt", alt)], at: at)
            let caption = title.isEmpty ? alt : title
            if !caption.isEmpty {
                out.open("figcaption", at: at)
                out.text(caption)
                plain.add(caption)
                out.close("figcaption")
            }
            out.close("figure")
            plain.blockEnd()
        case .failure(let diagnostic):
            renderer.diagnostics.append(diagnostic)
        }
    }

    // MARK: - Inlines

    mutating func inlines(_ nodes: [MarkdownNode]) {
        if Self.containsHTMLInline(nodes) {
            // Raw inline tags pair up across siblings: the DOM path collects them.
            let dom = renderer.inlines(nodes)
            plain.add(dom: dom)
            rawFragments += out.write(dom: dom)
            return
        }
        var index = 0
        while index < nodes.count {
            // Text, the most common inline, written here: passing the node to `inline` copied it
            // (retaining its string and children) as the writer is mutated during the call.
            if case .text(let literal) = nodes[index].kind, renderer.depth < MarkdownRenderer.maxDepth {
                text(literal)
                index += 1
                continue
            }
            // White space standing alone between two inline elements goes inside the first: the
            // editor removes it otherwise.
            let trailing = Self.isElement(nodes[index]) && index + 2 < nodes.count && Self.isElement(nodes[index + 2])
                && isBlank(nodes, at: index + 1)
            inline(nodes[index], in: nodes, at: index, trailingSpace: trailing)
            index += trailing ? 2 : 1
        }
    }

    private static func containsHTMLInline(_ nodes: [MarkdownNode]) -> Bool {
        for i in nodes.indices { if case .htmlInline = nodes[i].kind { return true } }
        return false
    }

    private static func isElement(_ node: MarkdownNode) -> Bool {
        switch node.kind {
        case .emphasis, .strong, .code, .strikethrough, .link: return true
        default: return false
        }
    }

    private func isBlank(_ nodes: [MarkdownNode], at index: Int) -> Bool {
        switch nodes[index].kind {
        case .text(let s): return !s.isEmpty && s.utf8.allSatisfy { $0 == UInt8(ascii: " ") }
        case .softBreak: return softBreakIsSpace(nodes, at: index)
        default: return false
        }
    }

    /// A soft break is a space, except between two CJK characters (Chinese lines join without one).
    private func softBreakIsSpace(_ nodes: [MarkdownNode], at index: Int) -> Bool {
        let before = index > 0 ? nodes[index - 1].lastScalar : nil
        let after = index + 1 < nodes.count ? nodes[index + 1].firstScalar : nil
        if let before, let after, CJKSpacing.isCJK(before), CJKSpacing.isCJK(after) { return false }
        return true
    }

    /// A text run: written, and counted in the article's plain text.
    private mutating func text(_ literal: String) {
        out.text(literal)
        plain.add(literal)
    }

    mutating func inline(_ node: MarkdownNode, in siblings: [MarkdownNode], at index: Int, trailingSpace: Bool) {
        if wroteFlattened(node) { return }
        renderer.depth += 1
        defer { renderer.depth -= 1 }
        switch node.kind {
        case .text(let literal):
            text(literal)
        case .softBreak:
            if softBreakIsSpace(siblings, at: index) {
                out.raw(" ")
                plain.add(" ")
            }
        case .lineBreak:
            out.void("br", at: location(node))
            plain.add(" ")
        case .code(let literal):
            out.open("code", "code-inline", at: location(node))
            out.text(literal)
            plain.add(literal)
            space(trailingSpace)
            out.close("code")
        case .emphasis: wrap("em", node, trailingSpace)
        case .strong: wrap("strong", node, trailingSpace)
        case .strikethrough: wrap("del", node, trailingSpace)
        case .link(let url, _): link(node, url: url, trailingSpace: trailingSpace)
        case .image(let url, _):
            let at = location(node)
            switch renderer.images.bodyImage(url, at: at) {
            case .success(let image):
                out.void("img", "image-inline", attributes: [("src", image.source), ("alt", node.plainText)], at: at)
            case .failure(let diagnostic):
                renderer.diagnostics.append(diagnostic)
            }
        case .taskMarker(let checked):
            out.open("span", checked ? "task-done" : "task", at: location(node))
            out.text(checked ? "☑" : "☐")
            out.close("span")
        case .footnoteReference(_, let number):
            // A superscript number; not part of the digest.
            out.open("sup", "footnote-ref", at: location(node))
            out.text("[\(number)]")
            out.close("sup")
        default:
            blocks(node.children)
        }
    }

    private mutating func space(_ trailing: Bool) {
        if trailing {
            out.raw(" ")
            plain.add(" ")
        }
    }

    private mutating func wrap(_ tag: String, _ node: MarkdownNode, _ trailingSpace: Bool) {
        out.open(tag, at: location(node))
        inlines(node.children)
        space(trailingSpace)
        out.close(tag)
    }

    /// WeChat strips external `<a href>`: the text stays and a superscript `[n]` points into the
    /// references; `mp.weixin.qq.com` links stay links (see `LinkKind`).
    mutating func link(_ node: MarkdownNode, url: String, trailingSpace: Bool) {
        let trimmed = url.trimming(.whitespaces)
        switch LinkKind(trimmed) {
        case .wechat:
            out.open("a", attributes: [("href", trimmed)], at: location(node))
            inlines(node.children)
            space(trailingSpace)
            out.close("a")
        case .external:
            let number = renderer.references.number(for: trimmed, text: node.plainText)
            inlines(node.children)
            out.open("sup", "ref", at: location(node))
            out.text("[\(number)]")
            space(trailingSpace)
            out.close("sup")
        case .script, .fragment, .local:
            // The same findings as the DOM path (a warning for script and local links).
            _ = renderer.linkTarget(trimmed, text: "", children: [], at: location(node), keeping: nil)
            inlines(node.children)
            space(trailingSpace)
        }
    }
}

/// The text a reader sees, white space collapsed, markers of references and footnotes left out:
/// the default digest's source and the text count of `limit/content`.
struct PlainText {
    /// The first characters only (the digest needs 54), as UTF-8: appending scalars to a string
    /// one by one cost more than all the counting.
    private var prefix: [UInt8] = []
    /// Visible (non-space) characters in all.
    private(set) var visibleCount = 0
    private var prefixCount = 0
    private var pendingSpace = false
    static let keep = 256

    mutating func add(_ text: String) {
        if prefixCount >= Self.keep {
            // The prefix is complete: only the count is left to keep.
            visibleCount += Self.visibleScalars(text)
            return
        }
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            if prefixCount >= Self.keep {
                var rest = Substring(scalars[index...])
                visibleCount += rest.withUTF8 { Self.visibleScalars($0) }
                return
            }
            let scalar = scalars[index]
            index = scalars.index(after: index)
            if Self.isWhiteSpace(scalar) {
                pendingSpace = !prefix.isEmpty
                continue
            }
            visibleCount += 1
            if pendingSpace { prefix.append(UInt8(ascii: " ")) }
            if scalar.isASCII {
                prefix.append(UInt8(truncatingIfNeeded: scalar.value))
            } else {
                UTF8.encode(scalar) { prefix.append($0) }
            }
            prefixCount += 1
            pendingSpace = false
        }
    }

    /// Unicode's White_Space property, spelled out (a property lookup per scalar was 9 % of a build).
    static func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// The scalars of `text` that are not white space, counted on its UTF-8 bytes: every lead
    /// byte but ASCII white space (a pass the compiler turns into vector code, counting in bytes
    /// 255 at a time), less the non-ASCII White_Space scalars — U+0085, U+00A0 (C2 ..), U+1680
    /// (E1 9A 80), U+2000…U+200A, U+2028, U+2029, U+202F, U+205F (E2 80/81 ..), U+3000
    /// (E3 80 80) — looked for only at C2 and E1…E3 bytes. (Chinese punctuation, E3 80 ..,
    /// kept a word-at-a-time count off its shortcut: 1.6× slower on the corpus's text.)
    static func visibleScalars(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { visibleScalars($0) }
    }

    /// `visibleScalars` of valid UTF-8.
    static func visibleScalars(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let p = bytes.baseAddress else { return 0 }
        let n = bytes.count
        var count = 0
        var i = 0
        while i < n {
            let end = min(n, i &+ 255)
            var chunk: UInt8 = 0
            while i < end {
                let b = p[i]
                let lead: UInt8 = Int8(bitPattern: b) >= -64 ? 1 : 0
                let space: UInt8 = (b == 0x20 ? 1 : 0) | (b &- 0x09 < 5 ? 1 : 0)
                chunk &+= lead & ~space
                i &+= 1
            }
            count &+= Int(chunk)
        }
        i = 0
        while i < n {
            let b0 = p[i]
            if b0 == 0xC2 || b0 &- 0xE1 < 3 {
                // Valid UTF-8: a C2 lead has one byte after it, an E1…E3 lead two.
                let b1 = p[i + 1]
                let isSpace: Bool
                switch b0 {
                case 0xC2: isSpace = b1 == 0x85 || b1 == 0xA0
                case 0xE1: isSpace = b1 == 0x9A && p[i + 2] == 0x80
                case 0xE2:
                    let b2 = p[i + 2]
                    isSpace = b1 == 0x80 && (b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF) || b1 == 0x81 && b2 == 0x9F
                default: isSpace = b1 == 0x80 && p[i + 2] == 0x80
                }
                if isSpace { count &-= 1 }
            }
            i &+= 1
        }
        return count
    }

    mutating func blockEnd() { pendingSpace = !prefix.isEmpty }

    /// Text of a DOM fragment, without the `[n]` of references and notes.
    mutating func add(dom nodes: [HTMLNode]) {
        for node in nodes {
            switch node {
            case .text(let s): add(s)
            case .comment: break
            case .element(let e):
                if e.tag == "sup", let c = e[attribute: "class"], c == "ref" || c == "footnote-ref" { continue }
                if e.tag == "br" { add(" ") } else { add(dom: e.children) }
                if HTMLText.blockTags.contains(e.tag) { blockEnd() }
            }
        }
    }

    var text: String { String(decoding: prefix, as: UTF8.self) }
}

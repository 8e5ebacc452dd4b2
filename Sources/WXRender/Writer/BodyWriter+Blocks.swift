import WXHTML
import WXHighlight
import WXSupport

extension BodyWriter {
    // MARK: - Lists

    /// Bullet glyphs by nesting level.
    static let bullets = ["•", "◦", "▪"]

    /// A list as `section`s with the marker written as text in each item, as doocs/md and wenyan
    /// do: WeChat's editor adds or loses the markers of nested `ul`/`ol` on its round trip.
    /// Ordered lists keep their start number; nested lists nest their sections (`.list .list`).
    mutating func list(_ node: MarkdownNode, ordered: Bool, start: Int, tight: Bool) {
        out.open("section", ordered ? "list list-ordered" : "list list-bullet", at: location(node))
        let level = listDepth
        listDepth += 1
        let items = node.children
        for offset in items.indices {
            let marker = ordered ? "\(start + offset)." : Self.bullets[min(level, Self.bullets.count - 1)]
            listItem(items[offset], tight: tight, marker: marker)
        }
        listDepth -= 1
        out.close("section")
    }

    /// One item: the marker span, then the content. A tight item holds its text directly (no
    /// paragraph gaps); a loose item's first paragraph takes the marker inside it so both stay on
    /// one line. A task item shows its ☐/☑ instead of a bullet.
    mutating func listItem(_ node: MarkdownNode, tight: Bool, marker: String) {
        out.open("section", "list-item", at: location(node))
        let isTask: Bool = {
            guard let first = node.children.first, first.kind == .paragraph, let lead = first.children.first else { return false }
            if case .taskMarker = lead.kind { return true }
            return false
        }()
        var markerPending = !isTask
        func writeMarker(_ writer: inout BodyWriter) {
            writer.out.open("span", "list-marker", at: nil)
            writer.out.text(marker)
            writer.out.raw(" ")
            writer.out.close("span")
        }
        let children = node.children
        for i in children.indices {
            if children[i].kind == .paragraph {
                if tight {
                    if markerPending { writeMarker(&self); markerPending = false }
                    inlines(children[i].children)
                    plain.blockEnd()
                } else if markerPending {
                    markerPending = false
                    paragraph(children[i], leading: writeMarker)
                } else {
                    paragraph(children[i])
                }
            } else {
                if markerPending { writeMarker(&self); markerPending = false }
                block(children[i])
            }
        }
        if markerPending { writeMarker(&self) }
        out.close("section")
    }

    // MARK: - Code

    /// A fenced or indented code block, built to survive WeChat on phones:
    /// `section.code-block > [section.code-lang] + section.code-scroll > code.code-body`. Lines end
    /// in `<br>`; each highlighted token is a `span` styled from `.hl-<class>`, plain code is bare
    /// text; a space becomes `&nbsp;` only where it would collapse (at the start of a line, after
    /// another space, at the end of a line); tabs expand to 4-column stops. No `<pre>` (rule 1.8).
    mutating func codeBlock(_ node: MarkdownNode, info: String, literal: String) {
        let at = location(node)
        let language = info.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "{" }).first.map(String.init) ?? ""
        out.open("section", "code-block", at: at)
        if !language.isEmpty {
            out.open("section", "code-lang", at: at)
            out.text(language)
            out.close("section")
        }
        out.open("section", "code-scroll", at: at)
        var code = literal
        if code.hasSuffix("\n") { code.removeLast() }
        let numbered = renderer.codeLineNumbers
        if numbered {
            // A column of its own beside the code, so selecting the code does not copy the numbers.
            let lines = code.utf8.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            out.open("span", "line-number", at: nil, extraStyle: "display:inline-block;vertical-align:top")
            for n in 1...lines {
                if n > 1 { out.void("br", at: nil) }
                out.raw(String(n))
            }
            out.close("span")
        }
        out.open("code", "code-body", at: at, extraStyle: numbered ? "display:inline-block;vertical-align:top" : nil)
        plain.add(code)
        Self.writeCode(Highlighter.highlight(code, language: language.isEmpty ? nil : language), into: &out)
        out.close("code")
        out.close("section")
        out.close("section")
        plain.blockEnd()
    }

    /// Highlighted runs as code text: a `span` per run of one look (styled from `.hl-<class>`;
    /// neighbouring tokens whose classes the theme styles alike share one span, a class the theme
    /// leaves unstyled is plain text), plain text bare, `<br>` between lines.
    static func writeCode(_ runs: [HighlightRun], into out: inout HTMLWriter) {
        // Each run's span style (nil: no span), looked up once per token class (a handful per
        // block: a scan beats hashing).
        var styleOfClass: [(tokenClass: TokenClass, style: [UInt8]?)] = []
        let styles: [[UInt8]?] = runs.map { run in
            for known in styleOfClass where known.tokenClass == run.tokenClass { return known.style }
            let style = run.tokenClass.themeClass.map { out.style(ofChild: "span", $0) }.flatMap { $0.isEmpty ? nil : $0 }
            styleOfClass.append((run.tokenClass, style))
            return style
        }
        var line = CodeLine()
        var openStyle: [UInt8]?
        var pendingBlank: Substring?
        for (index, run) in runs.enumerated() {
            let style = styles[index]
            // Blank plain text between two spans goes inside the next one (the editor drops white
            // space standing alone between two elements), or stays in the open one when the next
            // looks the same.
            if style == nil, index > 0, styles[index - 1] != nil, index + 1 < runs.count, styles[index + 1] != nil,
                runs[index + 1].text.utf8.first != UInt8(ascii: "\n"), run.text.utf8.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
            {
                if openStyle != nil, openStyle == styles[index + 1] {
                    line.write(run.text, endsLine: false, into: &out)
                } else {
                    pendingBlank = run.text
                }
                continue
            }
            if openStyle != nil, openStyle != style {
                out.close("span")
                openStyle = nil
            }
            var remaining = run.text[...]
            while true {
                let newline = Self.lineEnd(in: remaining)
                let segment = remaining[..<(newline ?? remaining.endIndex)]
                if !segment.isEmpty {
                    if let style, openStyle == nil, let themeClass = run.tokenClass.themeClass {
                        out.open("span", themeClass, at: nil)
                        openStyle = style
                    }
                    if let blank = pendingBlank {
                        line.write(blank, endsLine: false, into: &out)
                        pendingBlank = nil
                    }
                    line.write(segment, endsLine: newline != nil || index == runs.count - 1 && segment.endIndex == run.text.endIndex, into: &out)
                }
                guard let newline else { break }
                if openStyle != nil {
                    out.close("span")
                    openStyle = nil
                }
                out.void("br", at: nil)
                line = CodeLine()
                remaining = remaining[remaining.utf8.index(after: newline)...]
            }
        }
        if openStyle != nil { out.close("span") }
    }

    /// The first `\n` of `text` that is a line break on its own, found on the UTF-8 bytes: as
    /// `firstIndex(of: "\n")` finds it, a `\n` right after `\r` is part of one `\r\n` character.
    static func lineEnd(in text: Substring) -> Substring.Index? {
        let utf8 = text.utf8
        var previous: UInt8 = 0
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\n"), previous != UInt8(ascii: "\r") { return index }
            previous = byte
            index = utf8.index(after: index)
        }
        return nil
    }

    // MARK: - Tables

    /// A GFM table inside a `section.table-scroll` that scrolls sideways on a phone; the header
    /// row in `th`, every second body row `tr.row-even`, each column's alignment kept.
    mutating func table(_ node: MarkdownNode, alignments: [MarkdownNode.TableAlignment]) {
        let at = location(node)
        out.open("section", "table-scroll", at: at)
        out.open("table", at: at)
        var bodyRow = 0
        for row in node.children {
            guard case .tableRow(let header) = row.kind else { continue }
            if !header { bodyRow += 1 }
            out.open("tr", !header && bodyRow % 2 == 0 ? "row-even" : nil, at: location(row))
            for (column, cell) in row.children.enumerated() {
                let tag = header ? "th" : "td"
                let alignment = column < alignments.count ? alignments[column] : .none
                let align: String? =
                    switch alignment {
                    case .none: nil
                    case .left: "text-align:left"
                    case .center: "text-align:center"
                    case .right: "text-align:right"
                    }
                out.open(tag, at: location(cell), extraStyle: align)
                inlines(cell.children)
                out.close(tag)
                plain.blockEnd()
            }
            out.close("tr")
        }
        out.close("table")
        out.close("section")
    }

    // MARK: - Footnotes

    /// The notes after the body (before the references): a titled section, one `section.footnote`
    /// per note in order of first reference, its number in `span.footnote-number`, its inline
    /// formatting kept. WeChat has no anchors, so nothing links back.
    mutating func writeFootnotes() {
        let at = location(footnotes[0])
        out.open("section", "footnotes", at: at)
        out.open("p", "footnotes-title", at: at)
        out.text(footnotesTitle)
        out.close("p")
        for note in footnotes {
            guard case .footnoteDefinition(_, let number) = note.kind else { continue }
            out.open("section", "footnote", at: location(note))
            func writeNumber(_ writer: inout BodyWriter) {
                writer.out.open("span", "footnote-number", at: nil)
                writer.out.text("[\(number)] ")
                writer.out.close("span")
            }
            var numbered = false
            for child in note.children {
                if !numbered, child.kind == MarkdownNode.Kind.paragraph {
                    paragraph(child, leading: writeNumber)
                } else {
                    if !numbered { writeNumber(&self) }
                    block(child)
                }
                numbered = true
            }
            if !numbered { writeNumber(&self) }
            out.close("section")
        }
        out.close("section")
    }
}

/// Writes one line of code so that every space survives: a space is plain where HTML keeps it
/// (after a visible character or a non-breaking space, not at the end of the line) and `&nbsp;`
/// where it would collapse (at the start of a line, after a plain space, at the end of a line).
/// So four spaces of indentation are `&nbsp; &nbsp; `.
struct CodeLine {
    static let tabWidth = 4
    var column = 0
    /// The last character written was a plain (collapsible) space, or nothing was written yet.
    var afterSpace = true

    mutating func write(_ text: Substring, endsLine: Bool, into out: inout HTMLWriter) {
        let utf8 = text.utf8
        let lastIndex = utf8.count - 1
        var previous: UInt8 = 0
        for (i, byte) in utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "\r"):
                continue
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                let count = byte == UInt8(ascii: "\t") ? Self.tabWidth - column % Self.tabWidth : 1
                for k in 0..<count {
                    let last = i == lastIndex && k == count - 1
                    if afterSpace || (last && endsLine) {
                        out.raw("&nbsp;")
                        afterSpace = false
                    } else {
                        out.raw(" ")
                        afterSpace = true
                    }
                }
                column += count
            case UInt8(ascii: "&"): out.raw("&amp;"); afterSpace = false; column += 1
            case UInt8(ascii: "<"): out.raw("&lt;"); afterSpace = false; column += 1
            case UInt8(ascii: ">"): out.raw("&gt;"); afterSpace = false; column += 1
            case 0xA0 where previous == 0xC2:
                out.bytes.removeLast()
                out.raw("&nbsp;")
                afterSpace = false
            default:
                out.bytes.append(byte)
                afterSpace = false
                if byte & 0xC0 != 0x80 { column += 1 }
            }
            previous = byte
        }
    }
}

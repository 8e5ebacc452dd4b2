import Foundation
@testable import WXRender

/// A plain CommonMark/GFM HTML renderer of `MarkdownNode`, following cmark-gfm's HTML
/// conventions (footnote section, task-list `input`s, `align` on table cells, the tag filter),
/// so the Markdown pass can be held against the GFM spec examples and the `cmark-gfm` command.
/// For tests only: the article's HTML comes from the WeChat renderer.
enum CommonMarkHTML {
    /// `tagFilter`: GFM's disallowed raw HTML (off for plain CommonMark comparisons).
    static func render(_ document: MarkdownDocument, tagFilter: Bool = true) -> String {
        filtering = tagFilter
        defer { filtering = true }
        var out = ""
        let body = document.root.children.filter { if case .footnoteDefinition = $0.kind { return false } else { return true } }
        let notes = document.root.children.filter { if case .footnoteDefinition = $0.kind { return true } else { return false } }
        for node in body { block(node, tight: false, into: &out) }
        var referenceCounts: [Int: Int] = [:]
        func count(_ node: MarkdownNode) {
            if case .footnoteReference(_, let number) = node.kind { referenceCounts[number, default: 0] += 1 }
            node.children.forEach(count)
        }
        count(document.root)
        if !notes.isEmpty {
            out += "<section class=\"footnotes\">\n<ol>\n"
            for note in notes {
                guard case .footnoteDefinition(_, let number) = note.kind else { continue }
                out += "<li id=\"fn\(number)\">\n"
                // One link back per reference (cmark-gfm numbers the later ones).
                var backref = "<a href=\"#fnref\(number)\" class=\"footnote-backref\">↩</a>"
                let references = referenceCounts[number] ?? 1
                if references > 1 {
                    for n in 2...references {
                        backref += " <a href=\"#fnref\(number)-\(n)\" class=\"footnote-backref\">↩<sup class=\"footnote-ref\">\(n)</sup></a>"
                    }
                }
                for (index, child) in note.children.enumerated() {
                    if index == note.children.count - 1, child.kind == .paragraph {
                        out += "<p>"
                        inlines(child.children, into: &out)
                        out += " " + backref + "</p>\n"
                    } else {
                        block(child, tight: false, into: &out)
                        if index == note.children.count - 1 { out += backref + "\n" }
                    }
                }
                out += "</li>\n"
            }
            out += "</ol>\n</section>\n"
        }
        return out
    }

    private static func block(_ node: MarkdownNode, tight: Bool, into out: inout String) {
        // cmark starts every block on a new line, except the text of a tight list item.
        if !(tight && node.kind == .paragraph), !out.isEmpty, !out.hasSuffix("\n") { out += "\n" }
        switch node.kind {
        case .paragraph:
            if tight {
                inlines(node.children, into: &out)
            } else {
                out += "<p>"
                inlines(node.children, into: &out)
                out += "</p>\n"
            }
        case .heading(let level):
            out += "<h\(level)>"
            inlines(node.children, into: &out)
            out += "</h\(level)>\n"
        case .blockQuote:
            out += "<blockquote>\n"
            for child in node.children { block(child, tight: false, into: &out) }
            out += "</blockquote>\n"
        case .list(let ordered, let start, let isTight):
            out += ordered ? (start == 1 ? "<ol>\n" : "<ol start=\"\(start)\">\n") : "<ul>\n"
            for item in node.children {
                out += "<li>"
                var children = item.children
                if let first = children.first, first.kind == .paragraph, first.children.first.map({
                    if case .taskMarker = $0.kind { return true } else { return false }
                }) == true {
                    inlines([first.children[0]], into: &out)
                    children[0].children.removeFirst()
                }
                for child in children { block(child, tight: isTight, into: &out) }
                out += "</li>\n"
            }
            out += ordered ? "</ol>\n" : "</ul>\n"
        case .codeBlock(let info, let literal):
            let language = info.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
            out += language.isEmpty ? "<pre><code>" : "<pre><code class=\"language-\(escape(language))\">"
            out += escape(literal) + "</code></pre>\n"
        case .htmlBlock(let html):
            out += filterTags(html)
        case .thematicBreak:
            out += "<hr />\n"
        case .table(let alignments):
            out += "<table>\n"
            let rows = node.children
            for (index, row) in rows.enumerated() {
                guard case .tableRow(let header) = row.kind else { continue }
                if header { out += "<thead>\n" }
                if index == 1 { out += "<tbody>\n" }
                out += "<tr>\n"
                for (column, cell) in row.children.enumerated() {
                    let tag = header ? "th" : "td"
                    let align: String
                    switch column < alignments.count ? alignments[column] : .none {
                    case .none: align = ""
                    case .left: align = " align=\"left\""
                    case .center: align = " align=\"center\""
                    case .right: align = " align=\"right\""
                    }
                    out += "<\(tag)\(align)>"
                    inlines(cell.children, into: &out)
                    out += "</\(tag)>\n"
                }
                out += "</tr>\n"
                if header { out += "</thead>\n" }
            }
            if rows.count > 1 { out += "</tbody>\n" }
            out += "</table>\n"
        default:
            inlines([node], into: &out)
        }
    }

    private static func inlines(_ nodes: [MarkdownNode], into out: inout String) {
        for node in nodes {
            switch node.kind {
            case .text(let text): out += escape(text)
            case .softBreak: out += "\n"
            case .lineBreak: out += "<br />\n"
            case .code(let code): out += "<code>" + escape(code) + "</code>"
            case .htmlInline(let html): out += filterTags(html)
            case .emphasis: wrap("em", node, &out)
            case .strong: wrap("strong", node, &out)
            case .strikethrough: wrap("del", node, &out)
            case .link(let url, let title):
                out += "<a href=\"" + escapeHref(url) + "\"" + (title.isEmpty ? "" : " title=\"\(escape(title))\"") + ">"
                inlines(node.children, into: &out)
                out += "</a>"
            case .image(let url, let title):
                out += "<img src=\"" + escapeHref(url) + "\" alt=\"" + escape(node.plainTextForAlt) + "\""
                out += (title.isEmpty ? "" : " title=\"\(escape(title))\"") + " />"
            case .taskMarker(let checked):
                out += checked ? "<input type=\"checkbox\" checked=\"\" disabled=\"\" /> " : "<input type=\"checkbox\" disabled=\"\" /> "
            case .footnoteReference(_, let number):
                out += "<sup class=\"footnote-ref\"><a href=\"#fn\(number)\" id=\"fnref\(number)\">\(number)</a></sup>"
            default:
                inlines(node.children, into: &out)
            }
        }
    }

    private static func wrap(_ tag: String, _ node: MarkdownNode, _ out: inout String) {
        out += "<\(tag)>"
        inlines(node.children, into: &out)
        out += "</\(tag)>"
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// cmark's `houdini_escape_href`: keep URL-safe bytes, percent-encode the rest.
    static func escapeHref(_ url: String) -> String {
        let safe = Set("-_.!~*();/?:@=+$,%#[]".utf8)
        var out = ""
        for b in url.utf8 {
            if (48...57).contains(b) || (65...90).contains(b) || (97...122).contains(b) || safe.contains(b) {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else if b == UInt8(ascii: "&") {
                out += "&amp;"
            } else if b == UInt8(ascii: "'") {
                out += "&#x27;"
            } else {
                out += "%" + String(b, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    nonisolated(unsafe) private static var filtering = true

    /// GFM's tag filter: these tags are written as text in raw HTML.
    static func filterTags(_ html: String) -> String {
        guard filtering else { return html }
        let names = ["title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext"]
        var out = ""
        let scalars = Array(html.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == "<" {
                var j = i + 1
                if j < scalars.count, scalars[j] == "/" { j += 1 }
                let rest = String(String.UnicodeScalarView(scalars[j..<min(scalars.count, j + 10)])).lowercased()
                if let name = names.first(where: { rest.hasPrefix($0) }) {
                    let after = j + name.count
                    if after >= scalars.count || [" ", "\t", "\n", ">", "/"].contains(Character(scalars[after])) {
                        out += "&lt;"
                        i += 1
                        continue
                    }
                }
            }
            out.unicodeScalars.append(scalars[i])
            i += 1
        }
        return out
    }

    /// Whitespace between tags removed, ends trimmed: the spec suites compare after this. The
    /// spec and cmark-gfm write the task-list `input` with different attribute orders.
    static func normalize(_ html: String) -> String {
        var html = html
        for (variant, canonical) in [
            ("<input checked=\"\" disabled=\"\" type=\"checkbox\">", "<input type=\"checkbox\" checked=\"\" disabled=\"\" />"),
            ("<input disabled=\"\" type=\"checkbox\">", "<input type=\"checkbox\" disabled=\"\" />"),
        ] { html = html.replacingOccurrences(of: variant, with: canonical) }
        var out = ""
        var pending = ""
        var afterTag = true
        for c in html {
            if c.isWhitespace {
                pending.append(c)
                continue
            }
            if !pending.isEmpty {
                if !(afterTag && c == "<") { out += pending }
                pending = ""
            }
            out.append(c)
            afterTag = c == ">"
        }
        return out
    }
}

extension MarkdownNode {
    /// Image alt text as cmark writes it: the text of the description, without markup.
    fileprivate var plainTextForAlt: String {
        switch kind {
        case .text(let s), .code(let s): return s
        case .softBreak, .lineBreak: return "\n"
        default: return children.map(\.plainTextForAlt).joined()
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

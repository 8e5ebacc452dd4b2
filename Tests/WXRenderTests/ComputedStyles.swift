import Foundation
import WXHTML

/// What a reader sees of an article, independent of how the HTML says it: for every visible run
/// of text, the style it ends up with after inheritance over the inline `style` attributes
/// (WeChat keeps nothing else), plus the box its parent element draws. Two articles whose runs
/// are equal look the same, however many declarations each restates.
///
/// Values are compared in a normal form (`#333` = `#333333`, `0px` = `0`, `bold` = `700`), and a
/// run's text has its white space collapsed and trimmed (a space moved into a neighbouring
/// element, or a non-breaking space where a plain one would not collapse, reads the same).
enum ComputedStyles {
    /// The user agent's defaults for text (`h2` is bold, `em` italic…) count as the element's
    /// style, as in a browser.
    ///
    /// Properties a child inherits (CSS 2.1 and Text 3), plus `text-decoration`, which is not
    /// inherited but is drawn across the descendants' text all the same.
    static let inherited: Set<String> = [
        "color", "font-size", "font-weight", "font-style", "font-family", "font-variant", "line-height", "letter-spacing",
        "word-spacing", "text-align", "text-indent", "text-transform", "white-space", "word-wrap", "overflow-wrap",
        "word-break", "visibility", "text-decoration", "direction",
    ]

    struct Run: Equatable, CustomStringConvertible {
        var text: String
        var inherited: [String: String]
        var box: [String: String]

        var description: String {
            func list(_ d: [String: String]) -> String { d.keys.sorted().map { "\($0): \(d[$0]!)" }.joined(separator: "; ") }
            return "\(text)\t{\(list(inherited))}\t[\(list(box))]"
        }
    }

    /// What browsers' default style sheet gives these elements, as far as text is concerned.
    static let userAgent: [String: [String: String]] = [
        "h1": ["font-weight": "700"], "h2": ["font-weight": "700"], "h3": ["font-weight": "700"],
        "h4": ["font-weight": "700"], "h5": ["font-weight": "700"], "h6": ["font-weight": "700"],
        "strong": ["font-weight": "700"], "b": ["font-weight": "700"], "th": ["font-weight": "700"],
        "em": ["font-style": "italic"], "i": ["font-style": "italic"],
        "del": ["text-decoration": "line-through"], "s": ["text-decoration": "line-through"],
    ]

    static func runs(ofHTML html: String) -> [Run] {
        var out: [Run] = []
        walk(HTMLParser.parseFragment(html, file: "article").nodes, inherited: [:], box: [:], into: &out)
        return out
    }

    private static func walk(_ nodes: [HTMLNode], inherited: [String: String], box: [String: String], into out: inout [Run]) {
        var pending = ""
        func flush() {
            let text = collapse(pending)
            if !text.isEmpty { out.append(Run(text: text, inherited: inherited, box: box)) }
            pending = ""
        }
        for node in nodes {
            switch node {
            case .text(let text): pending += text
            case .comment: break
            case .element(let element):
                flush()
                var mine = inherited
                for (property, value) in userAgent[element.tag] ?? [:] { mine[property] = value }
                var ownBox: [String: String] = [:]
                for d in CSSDeclaration.cascaded(CSSDeclaration.parseStyleAttribute(element[attribute: "style"] ?? "")) {
                    let value = normal(d.value, property: d.property)
                    // `background: <colour>` is `background-color: <colour>`.
                    let property = d.property == "background" && !value.contains(" ") && !value.contains("(") ? "background-color" : d.property
                    if Self.inherited.contains(property) { mine[property] = value } else { ownBox[property] = value }
                }
                walk(element.children, inherited: mine, box: ownBox, into: &out)
            }
        }
        flush()
    }

    static func collapse(_ text: String) -> String {
        var out = ""
        var space = false
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar == "\u{A0}" {
                space = !out.isEmpty
                continue
            }
            if space { out += " " }
            space = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// A value in normal form: lower-case hex colours in six digits, zero lengths as `0`,
    /// `bold`/`normal` weights as numbers, single spaces.
    static func normal(_ value: String, property: String) -> String {
        let words = value.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map { word -> String in
            var w = String(word)
            if w.hasPrefix("#"), w.count == 4 {
                w = "#" + w.dropFirst().map { "\($0)\($0)" }.joined()
            }
            if w.hasPrefix("0") && w.count > 1, Double(w.dropLast(w.hasSuffix("px") || w.hasSuffix("em") ? 2 : 0)) == 0 { w = "0" }
            if w.hasPrefix("."), w.count > 1 { w = "0" + w }
            if property == "font-weight" { if w == "bold" { w = "700" } else if w == "normal" { w = "400" } }
            return w
        }
        var folded = words
        if property == "margin" || property == "padding" {
            if folded.count == 4, folded[1] == folded[3] { folded.removeLast() }
            if folded.count == 3, folded[0] == folded[2] { folded.removeLast() }
            if folded.count == 2, folded[0] == folded[1] { folded.removeLast() }
        }
        return folded.joined(separator: " ")
    }
}

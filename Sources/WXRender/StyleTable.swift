import Foundation
import WXHTML
import WXSupport

/// The theme compiled once per run: for each element the renderer emits, in the context of its
/// ancestors (`section.article > blockquote > p`), the final inline `style` text — computed with
/// WXHTML's cascade (the reference implementation of CSS), then made minimal:
///
/// - an inherited property (`font-size`, `color`, `line-height`…) is written only where its
///   value differs from what the element inherits, so the article's root `section` carries it
///   once and the body never restates it;
/// - no declaration equal to the initial value where the element's default is that value too;
/// - the shortest equal spelling: `#333` for `#333333`, `0` for `0px`, `4px 0` for `4px 0 4px 0`,
///   declarations joined as `a:b;c:d`.
///
/// Entries are filled on first use (the contexts are the renderer's fixed vocabulary plus what raw
/// HTML brings) and shared by every post and thread of the run, so each context is cascaded once.
public final class StyleTable: @unchecked Sendable {
    public let stylesheet: Stylesheet

    /// One element of a context: its tag and class attribute as the renderer writes them.
    public struct Key: Hashable, Sendable {
        public var tag: String
        public var className: String?
        public init(_ tag: String, _ className: String? = nil) {
            self.tag = tag
            self.className = className
        }
    }

    /// The result for one element in one context.
    public struct Entry: Sendable {
        /// The minimal `style` attribute value; empty for none.
        public var style: String
        /// Computed values of inherited properties at this element (normal form), for its children.
        var inherited: [String: String]
    }

    /// Element contexts numbered for the one-pass writers: id by (parent context id, element
    /// key), and each id's style (as bytes) and inherited values. Shared by every writer of the
    /// run; a writer works on a copy and takes a fresh one when it meets a context it lacks.
    struct Contexts: Sendable {
        /// Index parent id + 1: the child contexts met so far under that parent, with their keys
        /// (a handful each; comparing short strings beats hashing them).
        var children: [[(key: Key, id: Int)]] = [[]]
        var styles: [[UInt8]] = []
        var inherited: [[String: String]] = []

        /// The id of `context`, if numbered.
        func id(_ context: ContextKey) -> Int? {
            let index = context.parent + 1
            guard index < children.count else { return nil }
            for child in children[index] where child.key == context.key { return child.id }
            return nil
        }
    }

    /// An element in a context: the parent context's id (-1 at the root) and its key.
    struct ContextKey: Hashable, Sendable {
        var parent: Int
        var key: Key
    }

    private var sharedContexts = Contexts()

    /// The contexts numbered so far.
    var contexts: Contexts {
        lock.lock()
        defer { lock.unlock() }
        return sharedContexts
    }

    /// Numbers `context` (the last element of `path`, root first) if no writer has yet, and
    /// returns the contexts with it.
    func addContext(_ context: ContextKey, path: [Key]) -> Contexts {
        let made = entry(path)
        lock.lock()
        defer { lock.unlock() }
        if sharedContexts.id(context) == nil {
            let id = sharedContexts.styles.count
            sharedContexts.children[context.parent + 1].append((context.key, id))
            sharedContexts.children.append([])
            sharedContexts.styles.append(Array(made.style.utf8))
            sharedContexts.inherited.append(made.inherited)
        }
        return sharedContexts
    }

    private let lock = NSLock()
    private var entries: [[Key]: Entry] = [:]
    private var withOwnStyle: [String: Entry] = [:]

    public init(stylesheet: Stylesheet) {
        self.stylesheet = stylesheet
    }

    /// The entry for the last element of `path` (root first), from the theme alone.
    public func entry(_ path: [Key]) -> Entry {
        lock.lock()
        if let known = entries[path] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let parent = path.count > 1 ? entry(Array(path.dropLast())).inherited : [:]
        let elements = path.map { HTMLElement($0.tag, attributes: $0.className.map { [HTMLAttribute("class", $0)] } ?? []) }
        let made = Self.minimal(stylesheet.declarations(for: elements), tag: path.last?.tag ?? "", parent: parent)
        lock.lock()
        entries[path] = made
        lock.unlock()
        return made
    }

    /// The entry for a raw HTML element with its own `style` and classes, below a parent whose
    /// inherited values are `parent`: the theme's declarations and the element's own, with the
    /// cascade's precedence (own `!important` > theme `!important` > own > theme).
    func entry(path: [HTMLElement], parent: [String: String]) -> Entry {
        var signature = ""
        for e in path { signature += Self.signature(e) }
        return entry(signature: signature, path: path, parent: parent)
    }

    /// One element's part of a context signature: what selectors and the cascade can see of it.
    static func signature(_ e: HTMLElement) -> String {
        e.tag + "." + (e[attribute: "class"] ?? "") + "#" + (e[attribute: "id"] ?? "") + "{" + (e[attribute: "style"] ?? "") + "}/"
    }

    /// As `entry(path:parent:)`, with the path's signature already built (parent's + `signature(last)`).
    func entry(signature: String, path: [HTMLElement], parent: [String: String]) -> Entry {
        guard let element = path.last else { return Entry(style: "", inherited: parent) }
        lock.lock()
        if let known = withOwnStyle[signature] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let made = entryUncached(path: path, element: element, parent: parent)
        lock.lock()
        withOwnStyle[signature] = made
        lock.unlock()
        return made
    }

    private func entryUncached(path: [HTMLElement], element: HTMLElement, parent: [String: String]) -> Entry {
        let own = element[attribute: "style"].map(CSSDeclaration.parseStyleAttribute) ?? []
        let theme = stylesheet.declarations(for: path)
        var merged = theme
        for declaration in CSSDeclaration.cascaded(own) {
            if let index = merged.firstIndex(where: { $0.property == declaration.property }) {
                if declaration.important || !merged[index].important { merged[index] = declaration }
            } else {
                merged.append(declaration)
            }
        }
        return Self.minimal(merged, tag: element.tag, parent: parent)
    }

    /// The inherited values at the root of the article (nothing above it).
    static let rootInherited: [String: String] = [:]

    // MARK: - Minimal style text

    /// Properties a child inherits.
    static let inheritedProperties: Set<String> = [
        "color", "font-size", "font-weight", "font-style", "font-family", "font-variant", "line-height", "letter-spacing",
        "word-spacing", "text-align", "text-indent", "text-transform", "white-space", "word-wrap", "overflow-wrap",
        "word-break", "visibility", "direction", "list-style-type",
    ]

    /// Tags whose user-agent margins, paddings and borders are all zero, so `margin: 0` and the
    /// like change nothing on them.
    static let boxlessTags: Set<String> = ["section", "span", "code", "strong", "em", "del", "sup", "img", "a", "b", "i", "td", "th", "tr", "table", "figcaption"]

    /// Tags that are blocks by default, so `display: block` changes nothing on them.
    static let blockTags: Set<String> = ["section", "p", "div", "figure", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption"]

    /// What the browser's default style sheet gives an element, as far as the table's minimal
    /// strings are concerned: `h2` is already bold and `em` already italic.
    static let userAgent: [String: [String: String]] = [
        "h1": ["font-weight": "bold"], "h2": ["font-weight": "bold"], "h3": ["font-weight": "bold"],
        "h4": ["font-weight": "bold"], "h5": ["font-weight": "bold"], "h6": ["font-weight": "bold"],
        "strong": ["font-weight": "bold"], "b": ["font-weight": "bold"], "th": ["font-weight": "bold"],
        "em": ["font-style": "italic"], "i": ["font-style": "italic"],
        "del": ["text-decoration": "line-through"], "s": ["text-decoration": "line-through"],
    ]

    static func minimal(_ declarations: [CSSDeclaration], tag: String, parent: [String: String]) -> Entry {
        var inherited = parent
        var parts: [String] = []
        let agent = userAgent[tag] ?? [:]
        for (property, value) in agent where inheritedProperties.contains(property) { inherited[property] = value }
        let hasBackgroundDetail = declarations.contains { $0.property.hasPrefix("background-") && $0.property != "background-color" }
        for declaration in declarations {
            var property = declaration.property
            var value = shortest(declaration.value, property: property)
            if property == "font-weight" { value = value == "700" ? "bold" : value == "400" ? "normal" : value }
            if !declaration.important, agent[property] == value, !(value.contains("em") || value.contains("%")) {
                continue
            }
            // `background` with one colour is `background-color` when nothing else sets a background part.
            if property == "background-color", !hasBackgroundDetail, !value.contains(" ") { property = "background" }
            if declaration.important {
                parts.append("\(property):\(value)!important")
                if inheritedProperties.contains(property) { inherited[property] = value }
                continue
            }
            if inheritedProperties.contains(property) {
                let relative = value.contains("em") && !value.contains("rem") || value.contains("%")
                let starting = agent[property] ?? parent[property]
                if !relative, starting == value { continue }
                inherited[property] = value
                parts.append("\(property):\(value)")
                continue
            }
            if boxlessTags.contains(tag), ["margin", "padding", "border"].contains(property), value == "0" || value == "none" { continue }
            if property == "text-decoration", value == "none", tag != "a" { continue }
            if property == "display", value == "block", blockTags.contains(tag) { continue }
            if property == "background-color", value == "transparent" { continue }
            parts.append("\(property):\(value)")
        }
        return Entry(style: parts.joined(separator: ";"), inherited: inherited)
    }

    /// The shortest spelling of a value: colours `#aabbcc` → `#abc` (lower case), zero lengths →
    /// `0`, four-value box shorthands folded (`4px 0 4px 0` → `4px 0`), single spaces.
    static func shortest(_ value: String, property: String) -> String {
        var words = value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map { word -> String in
            var w = String(word)
            if w.hasPrefix("#"), w.count == 7, w.dropFirst().allSatisfy(\.isHexDigit) {
                let l = Array(w.lowercased().dropFirst())
                w = "#" + String(l)
                if l[0] == l[1], l[2] == l[3], l[4] == l[5] { w = "#" + String([l[0], l[2], l[4]]) }
            } else if w.hasPrefix("#"), w.count == 4, w.dropFirst().allSatisfy(\.isHexDigit) {
                w = w.lowercased()
            }
            for unit in ["px", "em", "rem", "pt", "vw", "vh"] where w.hasSuffix(unit) {
                if let n = Double(w.dropLast(unit.count)), n == 0 { w = "0" }
            }
            // `0.5px` → `.5px`
            if w.hasPrefix("0."), w.count > 2, w.dropFirst(2).first?.isNumber == true { w.removeFirst() }
            return w
        }
        if ["margin", "padding"].contains(property), !words.contains(where: { $0.contains("(") }) {
            if words.count == 4, words[1] == words[3] { words.removeLast() }
            if words.count == 3, words[0] == words[2] { words.removeLast() }
            if words.count == 2, words[0] == words[1] { words.removeLast() }
        }
        return words.joined(separator: " ")
    }
}

import WXSupport

/// A selector of the supported subset: compounds of an optional type (or `*`), classes and an id,
/// joined by descendant (space) or child (`>`) combinators. Everything else — pseudo-classes,
/// attribute selectors, sibling combinators — is rejected when the theme is parsed, because
/// inlining happens once at build time and such selectors could not be honoured faithfully.
public struct CSSSelector: Sendable, Hashable, CustomStringConvertible {
    public struct Compound: Sendable, Hashable {
        /// Lower-case tag name; nil for `*` or when only classes/id are given.
        public var tag: String?
        public var classes: [String]
        public var id: String?
    }

    public enum Combinator: Sendable, Hashable {
        case descendant, child
    }

    /// Left to right; `combinators[i]` joins `compounds[i]` and `compounds[i + 1]`.
    public var compounds: [Compound]
    public var combinators: [Combinator]
    /// The selector as written, for messages.
    public var text: String

    /// (ids, classes, types), compared lexicographically.
    public var specificity: Specificity {
        var result = Specificity(ids: 0, classes: 0, types: 0)
        for compound in compounds {
            if compound.id != nil { result.ids += 1 }
            result.classes += compound.classes.count
            if compound.tag != nil { result.types += 1 }
        }
        return result
    }

    public var description: String { text }

    public struct Specificity: Sendable, Hashable, Comparable {
        public var ids: Int
        public var classes: Int
        public var types: Int

        public init(ids: Int, classes: Int, types: Int) {
            self.ids = ids
            self.classes = classes
            self.types = types
        }

        public static func < (a: Specificity, b: Specificity) -> Bool {
            (a.ids, a.classes, a.types) < (b.ids, b.classes, b.types)
        }
    }

    /// Whether the last element of `path` (root first) matches.
    func matches(_ path: [MatchElement]) -> Bool {
        guard let last = path.indices.last else { return false }
        return matches(compoundIndex: compounds.count - 1, elementIndex: last, path: path)
    }

    private func matches(compoundIndex: Int, elementIndex: Int, path: [MatchElement]) -> Bool {
        guard path[elementIndex].matches(compounds[compoundIndex]) else { return false }
        if compoundIndex == 0 { return true }
        switch combinators[compoundIndex - 1] {
        case .child:
            return elementIndex > 0 && matches(compoundIndex: compoundIndex - 1, elementIndex: elementIndex - 1, path: path)
        case .descendant:
            var ancestor = elementIndex - 1
            while ancestor >= 0 {
                if matches(compoundIndex: compoundIndex - 1, elementIndex: ancestor, path: path) { return true }
                ancestor -= 1
            }
            return false
        }
    }
}

/// What selector matching needs to know about an element.
struct MatchElement {
    var tag: String
    var classes: [Substring]
    var id: String?

    init(_ element: HTMLElement) {
        tag = element.tag
        classes = (element[attribute: "class"] ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" })
        id = element[attribute: "id"]
    }

    func matches(_ compound: CSSSelector.Compound) -> Bool {
        if let tag = compound.tag, tag != self.tag { return false }
        if let wanted = compound.id, wanted != id { return false }
        for wanted in compound.classes where !classes.contains(where: { $0 == wanted }) { return false }
        return true
    }
}

/// Parses one selector list (the prelude of a rule) into selectors, failing at the first
/// unsupported construct with its offset.
enum CSSSelectorParser {
    static func parseList(_ scalars: ArraySlice<Unicode.Scalar>) throws(CSSText.Failure) -> [CSSSelector] {
        var selectors: [CSSSelector] = []
        var start = scalars.startIndex
        var index = start
        while true {
            if index == scalars.endIndex || scalars[index] == "," {
                selectors.append(try parse(scalars[start..<index], listEnd: scalars.endIndex))
                if index == scalars.endIndex { break }
                start = index + 1
            }
            index += 1
        }
        return selectors
    }

    private static func parse(_ scalars: ArraySlice<Unicode.Scalar>, listEnd: Int) throws(CSSText.Failure) -> CSSSelector {
        var compounds: [CSSSelector.Compound] = []
        var combinators: [CSSSelector.Combinator] = []
        var current: CSSSelector.Compound?
        var pending: CSSSelector.Combinator?
        var pendingOffset = scalars.startIndex
        var sawWhitespace = false
        var index = scalars.startIndex

        func readName(_ from: Int) -> Int {
            var end = from
            while end < scalars.endIndex, CSSText.isNameScalar(scalars[end]) { end += 1 }
            return end
        }
        func finishCompound() {
            if let compound = current {
                compounds.append(compound)
                current = nil
            }
        }

        while index < scalars.endIndex {
            let scalar = scalars[index]
            if CSSText.isWhitespace(scalar) {
                sawWhitespace = true
                index += 1
                continue
            }
            if scalar == ">" {
                guard current != nil || !compounds.isEmpty, pending == nil else {
                    throw CSSText.Failure(offset: index, message: "'>' needs a selector on each side", fix: "write `parent > child`")
                }
                finishCompound()
                pending = .child
                pendingOffset = index
                sawWhitespace = false
                index += 1
                continue
            }
            if sawWhitespace, current != nil {
                finishCompound()
                pending = .descendant
            }
            sawWhitespace = false
            if current == nil {
                if let combinator = pending {
                    combinators.append(combinator)
                    pending = nil
                }
                current = CSSSelector.Compound(tag: nil, classes: [], id: nil)
            }
            switch scalar {
            case "*":
                guard current?.tag == nil, current?.classes.isEmpty == true, current?.id == nil else {
                    throw CSSText.Failure(offset: index, message: "'*' must come first in a compound selector", fix: "write `*.class`")
                }
                index += 1
            case ".", "#":
                let end = readName(index + 1)
                guard end > index + 1 else {
                    throw CSSText.Failure(offset: index, message: "'\(Character(scalar))' must be followed by a name", fix: "write `.name` or `#name`")
                }
                let name = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
                if scalar == "." {
                    current?.classes.append(name)
                } else {
                    if current?.id != nil {
                        throw CSSText.Failure(offset: index, message: "a compound selector can have only one id", fix: "remove one of the ids")
                    }
                    current?.id = name
                }
                index = end
            case "a"..."z", "A"..."Z":
                guard current?.tag == nil, current?.classes.isEmpty == true, current?.id == nil, index == scalars.startIndex || !CSSText.isNameScalar(scalars[index - 1]) || scalars[index - 1] == "*" else {
                    throw CSSText.Failure(offset: index, message: "a type selector must come first in a compound selector", fix: "write `p.class`, not `.class p` without a space")
                }
                let end = readName(index)
                current?.tag = String(String.UnicodeScalarView(scalars[index..<end])).lowercased()
                index = end
            case ":":
                throw CSSText.Failure(offset: index, message: "pseudo-classes and pseudo-elements (\(snippet(scalars, from: index))) are not supported",
                                      fix: "styles are inlined once at build time; give the element a class instead, or delete the rule")
            case "[":
                throw CSSText.Failure(offset: index, message: "attribute selectors are not supported",
                                      fix: "use a type or class selector instead")
            case "+", "~":
                throw CSSText.Failure(offset: index, message: "the sibling combinator '\(Character(scalar))' is not supported",
                                      fix: "use a descendant (space) or child (>) combinator, or a class")
            default:
                throw CSSText.Failure(offset: index, message: "unexpected '\(Character(scalar))' in selector",
                                      fix: "supported: type, .class, #id, *, descendant (space) and child (>) combinators, lists with ','")
            }
        }
        finishCompound()
        guard !compounds.isEmpty else {
            throw CSSText.Failure(offset: min(scalars.startIndex, listEnd), message: "empty selector", fix: "remove the extra ',' or write a selector")
        }
        guard pending == nil else {
            throw CSSText.Failure(offset: pendingOffset, message: "selector ends with a combinator", fix: "write the child selector after '>'")
        }
        let text = String(String.UnicodeScalarView(scalars)).trimmingCSSWhitespace()
        return CSSSelector(compounds: compounds, combinators: combinators, text: text)
    }

    private static func snippet(_ scalars: ArraySlice<Unicode.Scalar>, from index: Int) -> String {
        var end = index + 1
        while end < scalars.endIndex, scalars[end] == ":" || CSSText.isNameScalar(scalars[end]) { end += 1 }
        return String(String.UnicodeScalarView(scalars[index..<end]))
    }
}

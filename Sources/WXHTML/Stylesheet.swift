import WXSupport

/// A theme in the CSS subset WeChat articles can use: WeChat's editor strips `<style>`, classes
/// and ids, so every rule is resolved at build time and written into `style` attributes.
///
/// Supported: rules with selector lists of type, `.class`, `#id` and `*` compounds joined by
/// descendant or child (`>`) combinators; declarations with `!important`; comments. Shorthands
/// are kept as written. Any at-rule, pseudo-class, attribute selector or sibling combinator is an
/// error naming the theme's `file:line:col`.
public struct Stylesheet: Sendable {
    public struct Rule: Sendable {
        public var selectors: [CSSSelector]
        public var declarations: [CSSDeclaration]
        public var location: SourceLocation
    }

    public var rules: [Rule]
    public var file: String

    public init(rules: [Rule], file: String) {
        self.rules = rules
        self.file = file
    }

    /// Parses a theme. Every problem in the file is collected and thrown together as one
    /// `DiagnosticError` (rule `theme/css`), so an author fixes them in one pass.
    public static func parse(_ css: String, file: String) throws(DiagnosticError) -> Stylesheet {
        var parser = StylesheetParser(css, file: file)
        let rules = parser.parse()
        if !parser.errors.isEmpty { throw DiagnosticError(parser.errors) }
        return Stylesheet(rules: rules, file: file)
    }

    /// The cascaded theme declarations for the last element of `path` (root first), without its own
    /// `style` attribute: `!important` first, then specificity, then source order. Properties are
    /// listed in the order described on `inline(into:)`.
    public func declarations(for path: [HTMLElement]) -> [CSSDeclaration] {
        cascade(path.map(MatchElement.init), inline: [])
    }

    /// Writes the theme into every element's `style` attribute and removes `class` and `id`.
    ///
    /// Precedence, as in browsers and css-inline: an `!important` declaration in the element's own
    /// `style` beats an `!important` theme declaration, which beats a normal `style` declaration,
    /// which beats a normal theme declaration; among theme declarations the higher specificity
    /// wins, then the later one. `!important` is kept in the output.
    ///
    /// Order of the written declarations: each property appears where it first occurs in the
    /// cascade — theme declarations sorted by (specificity, source order), then the element's own
    /// `style` declarations — with its winning value. So a theme's base rules come first and the
    /// author's own properties last, and the output does not change between runs.
    /// An element that ends up with no declarations has no `style` attribute.
    public func inline(into nodes: [HTMLNode]) -> [HTMLNode] {
        var walk = InlineWalk()
        return nodes.map { inline($0, &walk) }
    }

    /// The state of one `inline(into:)` pass. Selectors only see tags, classes and ids, so two
    /// elements with the same chain of those (and the same own `style`) get the same result: an
    /// article has few distinct chains, and each is cascaded once.
    private struct InlineWalk {
        var path: [MatchElement] = []
        var signatures: [String] = []
        var memo: [String: String?] = [:]
    }

    private func inline(_ node: HTMLNode, _ walk: inout InlineWalk) -> HTMLNode {
        guard case .element(var element) = node else { return node }
        let match = MatchElement(element)
        let signature = (walk.signatures.last ?? "") + "/" + match.tag + "." + match.classes.joined(separator: ".") + "#" + (match.id ?? "")
        walk.path.append(match)
        walk.signatures.append(signature)
        defer {
            walk.path.removeLast()
            walk.signatures.removeLast()
        }
        let ownStyle = element[attribute: "style"]
        let key = signature + "|" + (ownStyle ?? "")
        let style: String?
        if let known = walk.memo[key] {
            style = known
        } else {
            let own = ownStyle.map(CSSDeclaration.parseStyleAttribute) ?? []
            let declarations = cascade(walk.path, inline: own)
            style = declarations.isEmpty ? nil : CSSDeclaration.styleAttribute(declarations)
            walk.memo[key] = style
        }
        element.attributes.removeAll { $0.name == "class" || $0.name == "id" }
        element[attribute: "style"] = style
        element.children = element.children.map { inline($0, &walk) }
        return .element(element)
    }

    private struct Candidate {
        var declaration: CSSDeclaration
        var fromStyleAttribute: Bool
        var specificity: CSSSelector.Specificity
        /// Source order across the whole sheet (rule, then declaration), or position in `style`.
        var order: Int

        /// Higher wins: importance, then origin (the element's own `style` over the theme), then
        /// specificity, then order.
        func beats(_ other: Candidate) -> Bool {
            if declaration.important != other.declaration.important { return declaration.important }
            if fromStyleAttribute != other.fromStyleAttribute { return fromStyleAttribute }
            if specificity != other.specificity { return specificity > other.specificity }
            return order > other.order
        }
    }

    private func cascade(_ path: [MatchElement], inline own: [CSSDeclaration]) -> [CSSDeclaration] {
        var candidates: [Candidate] = []
        var order = 0
        for rule in rules {
            var best: CSSSelector.Specificity?
            for selector in rule.selectors where selector.matches(path) {
                let specificity = selector.specificity
                if best == nil || specificity > best! { best = specificity }
            }
            guard let specificity = best else {
                order += rule.declarations.count
                continue
            }
            for declaration in rule.declarations {
                candidates.append(Candidate(declaration: declaration, fromStyleAttribute: false, specificity: specificity, order: order))
                order += 1
            }
        }
        guard !candidates.isEmpty || !own.isEmpty else { return [] }
        // Stable sort keeps source order among equal specificities.
        let sheet = candidates.enumerated().sorted { a, b in
            a.element.specificity != b.element.specificity ? a.element.specificity < b.element.specificity : a.offset < b.offset
        }.map(\.element)
        let all = sheet + own.enumerated().map {
            Candidate(declaration: $0.element, fromStyleAttribute: true, specificity: CSSSelector.Specificity(ids: 0, classes: 0, types: 0), order: $0.offset)
        }
        var winners: [Candidate] = []
        var index: [String: Int] = [:]
        for candidate in all {
            if let existing = index[candidate.declaration.property] {
                if candidate.beats(winners[existing]) { winners[existing] = candidate }
            } else {
                index[candidate.declaration.property] = winners.count
                winners.append(candidate)
            }
        }
        return winners.map(\.declaration)
    }
}

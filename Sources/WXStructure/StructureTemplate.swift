import WXHTML
import WXSupport

/// An article template as the structure rules see it, found by one walk of the template with
/// `bodyMark` (a comment, which every rule skips) where the post goes: whether the template by
/// itself finds nothing, and what the body inherits there. With it a post's raw HTML is checked
/// by itself, in that context (`check(fragments:in:file:bodyLocation:)`), instead of the whole
/// template again for every post.
public struct StructureTemplate: Sendable {
    /// The comment that stands for the body's place in the nodes handed to `template(_:)`.
    public static let bodyMark = "\u{E002}wxpub-body"

    /// No finding, and no rule weighed how much text there is (`checkMeasuringText`).
    public let findsNothing: Bool
    /// The body's one place, when nothing around it reads what the body holds.
    let place: BodyPlace?
}

/// What the walker knew where the template's body goes.
struct BodyPlace: Sendable {
    /// What the body's nodes inherit (before the nesting chain is cut, see `significantSiblings`).
    var inherited: InheritedStyle
    /// Elements walked before the body: the body's first element comes next in document order.
    var order: Int
    /// Whether `inherited.location` is a template element's (else the walk's root location).
    var locatedByTemplate: Bool
    /// Significant children of the body's parent besides the body; nil at the top level.
    var significantSiblings: Int?
    /// The body's ancestors, outermost first (the dark-mode walk enters them).
    var ancestors: [HTMLElement]
}

extension StructureChecker {
    /// Walks a template whose body place is a `StructureTemplate.bodyMark` comment. Findings are
    /// those of the template with an empty body (the comment changes nothing the rules read).
    public func template(_ nodes: [HTMLNode]) -> StructureTemplate {
        let walker = StructureWalker(options: options, file: "", capturesBody: true)
        let findings = walker.run(nodes)
        let clean = findings.isEmpty && !walker.measuresText
        let place = walker.bodyPlaces.count == 1 && !walker.bodyIsRead ? walker.bodyPlaces[0] : nil
        return StructureTemplate(findsNothing: clean, place: place)
    }

    /// The findings `check` gives for the template with `fragments` at its body place, found by
    /// walking the fragments alone; nil when that cannot be known without the whole tree (the
    /// template finds something by itself, or the fragments could change what it finds).
    /// `bodyLocation` moves a template location to where it is in this post's page.
    public func check(
        fragments: [HTMLNode], in template: StructureTemplate, file: String, bodyLocation: (SourceLocation) -> SourceLocation
    ) -> [Diagnostic]? {
        guard template.findsNothing, let place = template.place else { return nil }
        // A parent left with a single child passes its nesting chain (2.1) on: into the body when
        // that child is an element of the chain's tag (else the child starts its own, as at the top).
        if let siblings = place.significantSiblings, siblings + StructureWalker.significantCount(fragments, limit: 2) == 1,
           let tag = place.inherited.chain?.tag,
           fragments.contains(where: { if case .element(let element) = $0 { element.tag == tag } else { false } }) {
            return nil
        }
        var inherited = place.inherited
        inherited.chain = nil
        inherited.location = place.locatedByTemplate ? bodyLocation(inherited.location) : SourceLocation(file: file, line: 1, column: 1)
        let walker = StructureWalker(options: options, file: file)
        return walker.run(fragments, after: place.order, inherited: inherited)?.map(\.diagnostic)
    }

    /// `checkDarkMode(document:file:themeColours:)` over the template with `fragments` at its body
    /// place: the template's own elements never report (they are not in the post's file), so only
    /// the fragments are walked, in the context the body's ancestors give them.
    public func checkDarkMode(fragments: [HTMLNode], in template: StructureTemplate, file: String, themeColours: Set<String>) -> [Diagnostic]? {
        guard let place = template.place else { return nil }
        return checkDarkMode(fragments: fragments, ancestors: place.ancestors, file: file, themeColours: themeColours)
    }
}

import WXHTML
import WXSupport

/// A structure rule: its identity (`rule`: id, severity, the platform's wording) and the checks it
/// takes part in, each a protocol below. The walker (`StructureWalker`) and the theme check only
/// walk; each rule reads what it is handed and reports into `StructureFindings`.
protocol RuleDefinition: Sendable {
    static var rule: StructureRule { get }
}

/// Reads one declaration of an element's `style` attribute, before anything is inherited.
protocol DeclarationCheck: RuleDefinition {
    /// The properties it reads (the walker hands it only these); `nil`: every declaration.
    var properties: [String]? { get }
    func check(_ declaration: StyleDeclaration, of element: ElementVisit, _ findings: inout StructureFindings)
}

/// Reads an element and its attributes when the walker reaches it (even inside `display: none`).
protocol ElementCheck: RuleDefinition {
    func check(_ element: ElementVisit, _ findings: inout StructureFindings)
}

/// Reads a visible element after its subtree has been walked and estimated (text, heights,
/// offsets, colours): the rules that need geometry.
protocol LayoutCheck: RuleDefinition {
    func check(_ box: LaidOutElement, _ findings: inout StructureFindings)
}

/// Reads what the whole walk collected, once at the end.
protocol DocumentCheck: RuleDefinition {
    func finish(_ walk: FinishedWalk, _ findings: inout StructureFindings)
}

/// Reads one declaration of the theme stylesheet (`StructureChecker.checkStylesheet`).
protocol StylesheetCheck: RuleDefinition {
    /// The properties it reads; `nil`: every declaration.
    var themeProperties: [String]? { get }
    func check(_ declaration: ThemeDeclarationVisit, _ findings: inout ThemeFindings)
}

/// An element as the walker reached it.
struct ElementVisit {
    var element: HTMLElement
    /// Preorder index: findings are sorted by it, so they come in document order.
    var order: Int
    /// The element's own location, else its nearest located ancestor's.
    var location: SourceLocation
    /// Its `style` attribute, parsed.
    var declarations: [StyleDeclaration]
    /// Inside an `<svg>` (the element itself not counted).
    var insideSVG: Bool
    /// Under `data-ignore-width` (the element itself counted).
    var ignoresWidth: Bool

    var tag: String { element.tag }
}

/// A visible element after its subtree was walked: the estimates layout rules decide on.
struct LaidOutElement {
    var visit: ElementVisit
    /// What it inherited, and what it passes on (its own declarations applied).
    var parent: InheritedStyle
    var style: InheritedStyle
    /// Visible text somewhere inside, outside SVG.
    var hasText: Bool
    /// Its `height` in px, when set and resolvable.
    var explicitHeight: Double?
    /// Estimated content height plus vertical padding, in px.
    var contentHeight: Double
    /// Left margin, padding and `left` shift this element adds, in px.
    var ownLeftOffset: Double
    /// The background its own declarations paint.
    var background: BackgroundLayer?
    /// When it declares `line-height`: the lines of text under that declaration that overlap,
    /// and the font size they overlap at.
    var lineHeightOverlap: (lines: Int, fontSize: Double?)?

    var element: HTMLElement { visit.element }
    var tag: String { visit.element.tag }
    var order: Int { visit.order }
    var location: SourceLocation { visit.location }
    var declarations: [StyleDeclaration] { visit.declarations }

    /// Whether `data-ignore-dm` names `check` (the author checked Dark Mode for it).
    func ignoresDarkMode(_ check: String) -> Bool {
        guard let names = element[attribute: "data-ignore-dm"] else { return false }
        return names.split(separator: " ").contains { $0 == check }
    }
}

/// What the walk collected for the document-level rules.
struct FinishedWalk {
    /// Chains of same-tag elements each wrapping a single child, by their first element's order.
    var nestingChains: [NestingRun]
}

/// A chain of same-tag elements, each wrapping a single child (rule 2.1).
struct NestingRun {
    var element: HTMLElement
    var order: Int
    var location: SourceLocation
    var tag: String
    var length: Int
    /// Every element of the chain has the same inline style.
    var sameStyle: Bool
}

/// One theme declaration with the value as rules compare it (trimmed, lower-cased).
struct ThemeDeclarationVisit {
    var declaration: ThemeDeclaration
    var value: String
    /// The selector's last compound is an image (`.note img`).
    var targetsImage: Bool
}

/// The background a set of declarations paints, for contrast and gradients.
enum BackgroundLayer {
    case colors([CSSColor])
    case image
}

extension HTMLElement {
    /// The first element below this one (depth first) that satisfies `predicate`.
    func firstDescendant(where predicate: (HTMLElement) -> Bool) -> HTMLElement? {
        for case .element(let child) in children {
            if predicate(child) { return child }
            if let found = child.firstDescendant(where: predicate) { return found }
        }
        return nil
    }

    /// The text of every text node below this element, in order.
    var textContent: String {
        var text = ""
        func collect(_ nodes: [HTMLNode]) {
            for node in nodes {
                switch node {
                case .text(let t): text += t
                case .element(let e): collect(e.children)
                case .comment: break
                }
            }
        }
        collect(children)
        return text
    }
}

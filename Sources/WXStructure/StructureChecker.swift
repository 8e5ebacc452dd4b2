import WXHTML
import WXSupport

/// One rule broken by one element: the diagnostic for the editor, and the element itself so the
/// online check's response (`outerHTML` items) can be produced from the same findings.
public struct StructureFinding: Sendable, Equatable {
    public var rule: StructureRule
    public var diagnostic: Diagnostic
    /// The offending element; `nil` for findings about theme CSS or Markdown source.
    public var element: HTMLElement?

    public init(rule: StructureRule, diagnostic: Diagnostic, element: HTMLElement? = nil) {
        self.rule = rule
        self.diagnostic = diagnostic
        self.element = element
    }
}

/// Checks final article HTML against WeChat's article-structure spec before anything is sent,
/// so a post that the editor would flag as 结构异常, silently rewrite, or show wrongly on phones
/// and in Dark Mode fails `check` at the line that causes it. See `docs/structure-rules.md`.
public struct StructureChecker: Sendable {
    public var options: StructureOptions

    public init(options: StructureOptions = StructureOptions()) {
        self.options = options
    }

    /// Every finding for an article body, in document order. `file` locates elements that carry
    /// no `location` of their own (and none of their ancestors does).
    public func check(_ nodes: [HTMLNode], file: String) -> [Diagnostic] {
        findings(in: nodes, file: file).map(\.diagnostic)
    }

    /// As `check`, keeping the rule and the element of each finding (for `StructureReport`).
    public func findings(in nodes: [HTMLNode], file: String) -> [StructureFinding] {
        let walker = StructureWalker(options: options, file: file)
        return walker.run(nodes)
    }
}

extension StructureChecker {
    /// As `check`, and whether those findings could change with how much text the nodes hold
    /// rather than only with whether it is visible: an element sets `height` (rules 1.5.1 and
    /// 1.5.2 weigh it against the content), has a line-height below its font size (rule 1.3
    /// counts the lines that overlap) or is a `pre` (rule 1.8 reads its text). When not, changing
    /// the text changes no finding as long as each text stays visible or not (`isVisibleText`)
    /// and every element keeps its place: a template's findings hold for any post's plain values.
    public func checkMeasuringText(_ nodes: [HTMLNode], file: String) -> (diagnostics: [Diagnostic], measuresText: Bool) {
        let walker = StructureWalker(options: options, file: file)
        let findings = walker.run(nodes)
        return (findings.map(\.diagnostic), walker.measuresText)
    }

    /// Whether the rules count `text` as visible text (not only white space, no-break and
    /// zero-width spaces).
    public static func isVisibleText(_ text: String) -> Bool { TextMetrics.hasVisibleText(text) }
}

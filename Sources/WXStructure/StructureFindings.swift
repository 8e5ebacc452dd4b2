import WXHTML
import WXSupport

/// Where the rules report during one walk of an article: each finding keeps the preorder index
/// of its element so the walk can return them in document order. Disabled rules report nothing.
struct StructureFindings {
    let options: StructureOptions
    private var findings: [(order: Int, finding: StructureFinding)] = []
    /// Advisory rules reported once per distinct value, with how many elements repeat it.
    private var aggregated: [String: Aggregate] = [:]
    private var seen: Set<SeenKey> = []

    private struct Aggregate {
        var order: Int
        var sequence: Int
        var finding: StructureFinding
        var count: Int
        var repeats: (Int) -> String
    }

    private struct SeenKey: Hashable {
        var rule: String
        var key: [Int]
    }

    init(options: StructureOptions) {
        self.options = options
    }

    func isEnabled(_ rule: StructureRule) -> Bool { !options.disabledRules.contains(rule) }

    mutating func report(_ rule: StructureRule, order: Int, at location: SourceLocation, element: HTMLElement?, _ message: String, fix: String) {
        guard isEnabled(rule) else { return }
        let diagnostic = Diagnostic(rule.severity, at: location, message, fix: fix, rule: rule.rawValue)
        findings.append((order, StructureFinding(rule: rule, diagnostic: diagnostic, element: element)))
    }

    /// Reports the first element with `key` (a distinct declaration); later ones only add to a
    /// count, which `repeats` turns into the message's tail (`" (and 3 more …)"`).
    mutating func reportOnce(_ rule: StructureRule, key: String, order: Int, at location: SourceLocation, element: HTMLElement,
                             _ message: String, fix: String, repeats: @escaping (Int) -> String) {
        guard isEnabled(rule) else { return }
        if aggregated[key] != nil {
            aggregated[key]!.count += 1
            return
        }
        let diagnostic = Diagnostic(rule.severity, at: location, message, fix: fix, rule: rule.rawValue)
        aggregated[key] = Aggregate(order: order, sequence: aggregated.count, finding: StructureFinding(rule: rule, diagnostic: diagnostic, element: element),
                                    count: 1, repeats: repeats)
    }

    /// Whether `key` is new for `rule` in this walk (and marks it seen).
    mutating func firstTime(_ rule: StructureRule, _ key: [Int]) -> Bool {
        seen.insert(SeenKey(rule: rule.rawValue, key: key)).inserted
    }

    /// Every finding in document order; at one element, in the order reported, aggregated ones last.
    func sorted() -> [StructureFinding] {
        var all = findings
        for entry in aggregated.values.sorted(by: { ($0.order, $0.sequence) < ($1.order, $1.sequence) }) {
            var finding = entry.finding
            if entry.count > 1 { finding.diagnostic.message += entry.repeats(entry.count - 1) }
            all.append((entry.order, finding))
        }
        return all.enumerated().sorted { ($0.element.order, $0.offset) < ($1.element.order, $1.offset) }.map(\.element.finding)
    }
}

/// Where the rules report about the theme stylesheet: at the declaration, named by its selector.
struct ThemeFindings {
    let options: StructureOptions
    private(set) var diagnostics: [Diagnostic] = []

    init(options: StructureOptions) {
        self.options = options
    }

    /// `severity` overrides the rule's: what depends on the article is only a warning in the theme.
    mutating func report(_ rule: StructureRule, _ declaration: ThemeDeclaration, _ message: String, fix: String,
                         severity: Diagnostic.Severity? = nil) {
        guard !options.disabledRules.contains(rule) else { return }
        diagnostics.append(Diagnostic(severity ?? rule.severity, at: declaration.location,
                                      "theme rule `\(declaration.selector)`: " + message, fix: fix, rule: rule.rawValue))
    }
}

import WXSupport

/// The theme as a phone in dark mode shows it: every text colour the theme sets is paired with
/// each background it can stand on, both pairs converted by `DarkMode`, and a pair whose dark
/// contrast falls below the floor (3:1, spec 4.1.1) is a warning at the theme's `color` line.
///
/// Which background a text stands on comes from the selectors and the renderer's vocabulary
/// (docs/theme-classes.md): a rule's own background; a background of a rule its selector
/// descends from (`blockquote p` stands on `blockquote`); a code block's for code (`.hl-*`,
/// `.code-lang`…); any block's for inline text (`strong`, `a`, `.code-inline`…); and the page.
/// Highlight tokens with a background of their own are reported too: dark mode converts each
/// span alone, so a token background belongs on `.code-block` (the platform's advice 2.1).
extension StructureChecker {
    public func checkDarkMode(_ declarations: [ThemeDeclaration]) -> [Diagnostic] {
        guard !options.disabledRules.contains(.lowContrast) else { return [] }
        let rules = DarkModeRule.rules(declarations)
        let rootText = rules.first { $0.compounds == [".article"] }?.color?.color ?? DarkMode.lightText
        let backgrounds = rules.filter { $0.background != nil }
        var result: [Diagnostic] = []
        var reported: Set<String> = []
        for rule in rules {
            if let background = rule.background, rule.compounds.last?.hasPrefix(".hl-") == true {
                result.append(Diagnostic(.warning, at: background.location,
                    "theme rule `\(rule.selector)`: a background on highlighted tokens is converted span by span in Dark Mode",
                    fix: "Put the background on .code-block and give the tokens colours only.", rule: StructureRule.lowContrast.rawValue))
            }
            let text = rule.color ?? (rule.background != nil ? DarkModeRule.Value(color: rootText, location: rule.background!.location, text: "inherited") : nil)
            guard let text else { continue }
            var grounds: [(String, DarkModeRule.Value?)] = rule.background.map { [(rule.selector, $0)] } ?? []
            if grounds.isEmpty {
                grounds = backgrounds.filter { $0.contains(rule) }.map { ($0.selector, $0.background) }
                // code stands on its code block when the theme gives it one; everything else may stand on the page
                if grounds.isEmpty || !rule.isCode { grounds.append(("the page", nil)) }
            }
            for (groundSelector, ground) in grounds {
                let lightGround = ground?.color ?? DarkMode.lightBackground
                let darkGround = ground.map { DarkMode.background($0.color) } ?? DarkMode.darkBackground
                let darkText = DarkMode.text(text.color, on: darkGround)
                let dark = CSSColor.contrastRatio(darkText.over(darkGround.over(DarkMode.darkBackground)), darkGround.over(DarkMode.darkBackground))
                let light = CSSColor.contrastRatio(text.color.over(lightGround.over(.white)), lightGround.over(.white))
                guard dark < options.minimumContrast, dark < light else { continue }
                let key = "\(text.location)|\(groundSelector)"
                guard reported.insert(key).inserted else { continue }
                let on = ground == nil ? "the page" : "`\(groundSelector)` (\(ground!.text))"
                result.append(Diagnostic(.warning, at: text.location,
                    "theme rule `\(rule.selector)`: in Dark Mode its text (\(text.text)) on \(on) becomes \(DarkMode.cssText(darkText)) on "
                        + "\(DarkMode.cssText(darkGround)), a contrast of \(formatNumber((dark * 100).rounded() / 100)):1 "
                        + "(below \(formatNumber(options.minimumContrast)):1; \(formatNumber((light * 100).rounded() / 100)):1 in light mode)",
                    fix: "Choose a text colour further from the background in brightness (a darker text on light backgrounds), or a lighter background.",
                    rule: StructureRule.lowContrast.rawValue))
            }
        }
        return result
    }
}

/// A theme rule's text and background colours, and where it sits in the article.
struct DarkModeRule {
    struct Value {
        var color: CSSColor
        var location: SourceLocation
        var text: String
    }

    var selector: String
    /// Class and tag names of the selector, left to right (`.row-even`, `td`).
    var compounds: [String]
    var color: Value?
    var background: Value?

    /// Elements that sit in a code block, and the inline elements that sit in any block.
    static let inCodeBlock: Set<String> = [".code-lang", ".code-scroll", ".code-body", ".line-number"]
    static let inline: Set<String> = ["strong", "em", "del", "a", "sup", "sup.ref", ".code-inline", ".footnote-ref", ".list-marker", ".task", ".task-done", "span", "code"]

    /// Text inside a code block.
    var isCode: Bool {
        guard let last = compounds.last else { return false }
        return Self.inCodeBlock.contains(last) || last.hasPrefix(".hl-")
    }

    /// Whether `other`'s text can stand on this rule's background.
    func contains(_ other: DarkModeRule) -> Bool {
        guard let mine = compounds.last, let last = other.compounds.last, other.selector != selector else { return false }
        if other.compounds.dropLast().contains(mine) { return true }
        if mine == ".code-block" || mine == ".code-scroll" {
            return Self.inCodeBlock.contains(last) || last.hasPrefix(".hl-")
        }
        if Self.inline.contains(last) && !Self.inline.contains(mine) && !mine.hasPrefix(".hl-") && mine != ".code-block" && mine != ".code-scroll" {
            return true
        }
        return false
    }

    /// One entry per selector of the stylesheet (a selector list counts once per selector).
    static func rules(_ declarations: [ThemeDeclaration]) -> [DarkModeRule] {
        var order: [String] = []
        var bySelector: [String: DarkModeRule] = [:]
        for declaration in declarations {
            for selector in declaration.selector.split(separator: ",").map({ $0.trimming(.whitespaces) }) where !selector.isEmpty {
                var rule = bySelector[selector] ?? DarkModeRule(selector: selector, compounds: compounds(selector))
                if bySelector[selector] == nil { order.append(selector) }
                switch declaration.property {
                case "color":
                    if let color = CSSColor(declaration.value) { rule.color = Value(color: color, location: declaration.location, text: declaration.value) }
                case "background-color", "background":
                    let color = CSSColor(declaration.value)
                        ?? declaration.value.split(separator: " ").lazy.compactMap { CSSColor(String($0)) }.first
                    if let color, color.alpha >= DarkMode.ignoredAlpha {
                        rule.background = Value(color: color, location: declaration.location, text: declaration.value)
                    }
                default:
                    break
                }
                bySelector[selector] = rule
            }
        }
        return order.map { bySelector[$0]! }
    }

    /// `.list .list-item p` → [".list", ".list-item", "p"]; `.row-even td` → [".row-even", "td"].
    static func compounds(_ selector: String) -> [String] {
        selector.split(whereSeparator: { $0 == " " || $0 == ">" }).map { String($0).lowercased() }
    }
}

import WXHTML
import WXSupport

/// Raw HTML in a post with colours of its own, as a phone in dark mode shows it: the article is
/// walked top-down like the platform's converter (a background first, then the text on it), and
/// text whose dark-mode contrast falls below the floor (3:1) — and below its light-mode contrast —
/// is a warning at the element's line in the post. Colours the theme writes are left to the theme
/// check (`checkDarkMode(_:)`), so a finding here always points at the author's own `style`.
extension StructureChecker {
    public func checkDarkMode(document nodes: [HTMLNode], file: String, themeColours: Set<String>) -> [Diagnostic] {
        guard !options.disabledRules.contains(.lowContrast) else { return [] }
        var walk = DarkModeWalk(file: file, themeColours: themeColours, minimum: options.minimumContrast)
        walk.visit(nodes, context: DarkModeWalk.root)
        return walk.findings
    }

    /// As `checkDarkMode(document:…)` over `fragments` placed inside `ancestors` (outermost first),
    /// walking only the fragments: the ancestors are entered, never reported at.
    func checkDarkMode(fragments: [HTMLNode], ancestors: [HTMLElement], file: String, themeColours: Set<String>) -> [Diagnostic] {
        guard !options.disabledRules.contains(.lowContrast) else { return [] }
        var walk = DarkModeWalk(file: file, themeColours: themeColours, minimum: options.minimumContrast)
        let context = ancestors.reduce(DarkModeWalk.root) { walk.enter($1, $0) }
        walk.visit(fragments, context: context)
        return walk.findings
    }

    /// The colours a theme's declarations write (`#rrggbb` / `rgba(…)`), for `checkDarkMode(document:…)`.
    public static func themeColours(_ declarations: [ThemeDeclaration]) -> Set<String> {
        var colours: Set<String> = []
        for declaration in declarations {
            for part in declaration.value.split(separator: " ") {
                if let colour = CSSColor(String(part)) { colours.insert(colour.description) }
            }
            if let colour = CSSColor(declaration.value) { colours.insert(colour.description) }
        }
        return colours
    }
}

private struct DarkModeWalk {
    struct Context {
        var lightText: CSSColor
        var lightGround: CSSColor
        var darkGround: CSSColor
        /// The nearest element whose own `style` set a colour the theme does not write.
        var authored: HTMLElement?
        /// Inside `data-ignore-dm="low-contrast"`: the author checked Dark Mode.
        var ignored = false
    }

    static let root = Context(lightText: DarkMode.lightText, lightGround: .white, darkGround: DarkMode.darkBackground, authored: nil)

    let file: String
    let themeColours: Set<String>
    let minimum: Double
    var findings: [Diagnostic] = []
    var reported: Set<String> = []

    mutating func visit(_ nodes: [HTMLNode], context: Context) {
        for node in nodes {
            switch node {
            case .text(let text):
                guard let element = context.authored, !context.ignored, text.contains(where: { !$0.isWhitespace }) else { continue }
                report(element, context)
            case .element(let element):
                visit(element.children, context: enter(element, context))
            default:
                continue
            }
        }
    }

    func enter(_ element: HTMLElement, _ outer: Context) -> Context {
        var context = outer
        if (element[attribute: "data-ignore-dm"] ?? "").split(separator: " ").contains("low-contrast") { context.ignored = true }
        guard let style = element[attribute: "style"] else { return context }
        let declarations = InlineStyle.parse(style)
        var own = false
        if let value = declarations.value(of: "background-color") ?? declarations.value(of: "background"),
           let light = CSSColor(value) ?? value.split(separator: " ").lazy.compactMap({ CSSColor(String($0)) }).first,
           light.alpha >= DarkMode.ignoredAlpha {
            context.lightGround = light.over(outer.lightGround)
            context.darkGround = DarkMode.background(light).over(outer.darkGround)
            own = own || !themeColours.contains(light.description)
        }
        if let value = declarations.value(of: "color"), let light = CSSColor(value) {
            context.lightText = light
            own = own || !themeColours.contains(light.description)
        }
        if own { context.authored = element }
        return context
    }

    mutating func report(_ element: HTMLElement, _ context: Context) {
        guard let location = element.location, location.file == file, reported.insert("\(location)").inserted else { return }
        let darkText = DarkMode.text(context.lightText, on: context.darkGround)
        let dark = CSSColor.contrastRatio(darkText.over(context.darkGround), context.darkGround)
        let light = CSSColor.contrastRatio(context.lightText.over(context.lightGround), context.lightGround)
        guard dark < minimum, dark < light else { return }
        findings.append(Diagnostic(.warning, at: location,
            "in Dark Mode this text (\(context.lightText) on \(context.lightGround)) becomes \(DarkMode.cssText(darkText)) on "
                + "\(DarkMode.cssText(context.darkGround)), a contrast of \(formatNumber((dark * 100).rounded() / 100)):1 "
                + "(below \(formatNumber(minimum)):1; \(formatNumber((light * 100).rounded() / 100)):1 in light mode)",
            fix: "Choose a text colour further from its background in brightness (darker text on light backgrounds), or leave the colours to the theme.",
            rule: StructureRule.lowContrast.rawValue))
    }
}

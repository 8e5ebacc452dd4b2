import WXHTML
import WXSupport

/// What WeChat's editor does to some declarations, refused at the theme's line because the
/// damage would show in every article: one property it does not support (e.g. `position`)
/// makes it drop the element's whole `style` attribute, and a pure-black `color` is dropped
/// (the converters people use, doocs/md and md2wechat, write a near-black for that reason).
enum ThemeRefusals {
    /// Properties whose presence makes the editor drop the whole `style` attribute.
    static let droppingWholeStyle: Set<String> = ["position", "z-index", "float"]

    static let pureBlack: Set<String> = ["#000", "#000000", "black", "rgb(0,0,0)", "rgb(0, 0, 0)"]

    static func check(_ stylesheet: Stylesheet) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for rule in stylesheet.rules {
            let selector = rule.selectors.map(\.text).joined(separator: ", ")
            for declaration in rule.declarations {
                let at = declaration.location ?? rule.location
                let value = declaration.value.lowercased().trimmingCharacters(in: .whitespaces)
                if droppingWholeStyle.contains(declaration.property) {
                    found.append(.error(
                        at: at, "theme rule `\(selector)`: WeChat's editor drops the whole style of an element with `\(declaration.property)`, so everything else this rule and the others give it is lost",
                        fix: "remove `\(declaration.property): \(declaration.value)` from the theme", rule: "theme/unsupported"))
                }
                if declaration.property == "color", pureBlack.contains(value) {
                    found.append(.error(
                        at: at, "theme rule `\(selector)`: WeChat's editor drops a pure-black `color: \(declaration.value)`",
                        fix: "use a near-black such as #1a1a1a or #222", rule: "theme/black"))
                }
            }
        }
        return found
    }
}

import Foundation
import WXHTML
import WXStructure

/// The article as a phone in dark mode shows it: every inline colour converted as WeChat's
/// dark-mode algorithm converts it (`DarkMode`), top-down like the platform — a background
/// first, then the text and borders on it; an element with a background but no text colour of
/// its own gets its inherited text colour converted against that background. Only for the
/// preview page: the article sent to WeChat keeps its light colours (the phone converts them).
enum DarkModeRendering {
    static func recolour(_ nodes: [HTMLNode]) -> [HTMLNode] {
        // The style table makes most `style` attributes of a page repeat: each distinct one (in a
        // given inherited context) is converted once.
        // Seeded from (and merged back into) the run's shared table, so each is converted once per run.
        var cache = shared.snapshot()
        let known = cache.count
        let result = nodes.map { recolour($0, text: DarkMode.lightText, ground: DarkMode.darkBackground, cache: &cache) }
        if cache.count > known { shared.merge(cache) }
        return result
    }

    /// The conversions made so far in this process (at most `limit`; a page's own are always kept
    /// for that page).
    private final class SharedConversions: @unchecked Sendable {
        private let lock = NSLock()
        private var table: [StyleKey: Converted] = [:]
        private let limit = 4096

        func snapshot() -> [StyleKey: Converted] {
            lock.lock()
            defer { lock.unlock() }
            return table
        }

        func merge(_ more: [StyleKey: Converted]) {
            lock.lock()
            defer { lock.unlock() }
            for (key, value) in more where table.count < limit { table[key] = value }
        }
    }

    private static let shared = SharedConversions()

    private struct StyleKey: Hashable {
        var style: String
        var text: CSSColor
        var ground: CSSColor
    }

    private struct Converted {
        var style: String
        var text: CSSColor
        var ground: CSSColor
    }

    /// `text`: the light-mode text colour inherited here; `ground`: the dark background behind.
    private static func recolour(
        _ node: HTMLNode, text inheritedText: CSSColor, ground inheritedGround: CSSColor, cache: inout [StyleKey: Converted]
    ) -> HTMLNode {
        guard case .element(var element) = node else { return node }
        var text = inheritedText
        var ground = inheritedGround
        if let style = element[attribute: "style"] {
            let key = StyleKey(style: style, text: inheritedText, ground: inheritedGround)
            let converted: Converted
            if let known = cache[key] {
                converted = known
            } else {
                converted = convert(style, text: inheritedText, ground: inheritedGround)
                cache[key] = converted
            }
            text = converted.text
            ground = converted.ground
            element[attribute: "style"] = converted.style
        }
        element.children = element.children.map { recolour($0, text: text, ground: ground, cache: &cache) }
        return .element(element)
    }

    /// One `style` attribute in dark mode, and the text colour and background its element passes on.
    private static func convert(_ style: String, text inheritedText: CSSColor, ground inheritedGround: CSSColor) -> Converted {
        var text = inheritedText
        var ground = inheritedGround
        var declarations = InlineStyle.parse(style)
        let ownColor = declarations.last { $0.property == "color" }.flatMap { CSSColor($0.value) }
        if let index = declarations.lastIndex(where: { $0.property == "background-color" || $0.property == "background" }),
           let light = backgroundColour(declarations[index].value), light.alpha >= DarkMode.ignoredAlpha {
            let dark = DarkMode.background(light)
            declarations[index] = StyleDeclaration("background-color", DarkMode.cssText(dark))
            ground = dark.alpha >= 1 ? dark : dark.over(inheritedGround)
            if ownColor == nil {
                declarations.append(StyleDeclaration("color", DarkMode.cssText(DarkMode.text(text, on: ground))))
            }
        }
        for (index, declaration) in declarations.enumerated() {
            if declaration.property == "color", let light = CSSColor(declaration.value) {
                text = light
                declarations[index].value = DarkMode.cssText(DarkMode.text(light, on: ground))
            } else if declaration.property.hasPrefix("border") {
                declarations[index].value = declaration.value.split(separator: " ").map { part -> String in
                    guard let light = CSSColor(String(part)) else { return String(part) }
                    return DarkMode.cssText(DarkMode.text(light, on: ground))
                }.joined(separator: " ")
            }
        }
        return Converted(style: declarations.map { "\($0.property): \($0.value)" }.joined(separator: "; "), text: text, ground: ground)
    }

    /// The colour of `background-color`, or the first colour in a `background` shorthand.
    private static func backgroundColour(_ value: String) -> CSSColor? {
        CSSColor(value) ?? value.split(separator: " ").lazy.compactMap { CSSColor(String($0)) }.first
    }
}

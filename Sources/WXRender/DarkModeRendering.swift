import Foundation
import WXHTML
import WXStructure

/// The article as a phone in dark mode shows it: every inline colour converted as WeChat's
/// dark-mode algorithm converts it (`DarkMode`), top-down like the platform — a background
/// first, then the text and borders on it; an element with a background but no text colour of
/// its own gets its inherited text colour converted against that background. Only for the
/// preview page: the article sent to WeChat keeps its light colours (the phone converts them).
enum DarkModeRendering {
    /// The article's `style` values with their dark versions, for the preview page's switch: the
    /// conversions `recolour` makes, found by the same byte scan (without copying the article),
    /// each distinct value in each inherited context converted once per run. A value with no
    /// colour to convert keeps its bytes (`recolour` writes it in its own spacing).
    static func darkStyles(bytes html: [UInt8]) -> DarkStyles {
        var table = TableBuilder()
        let scanned = html.withUnsafeBufferPointer { buffer in
            StyleAttributeRewriter.visit(buffer, root: 0) { raw, index in table.visit(raw, context: index) }
        }
        if scanned { return table.finish() }
        var cache = table.cache
        // What the scan cannot read as a parser would: `recolour`'s walk over the parsed tree, noting each conversion.
        var occurrences: [(light: String, dark: String)] = []
        _ = recolour(HTMLParser.parseFragment(String(decoding: html, as: UTF8.self), file: "content").nodes, cache: &cache, noting: &occurrences)
        if !cache.made.isEmpty { shared.merge(cache.made) }
        return DarkStyles(occurrences: occurrences)
    }

    /// The same table from the `style` values as the writer wrote them (`StyleEvents`, places in
    /// `content`), without scanning the article: each value is met in document order with the
    /// colours its nearest styled ancestor passes on, as the scan meets it (the writer vouches
    /// only for output the scan reads tag for tag). Nil when the events do not nest.
    static func darkStyles(events: StyleEvents, in content: String) -> DarkStyles? {
        var content = content
        return content.withUTF8 { darkStyles(events: events, in: $0) }
    }

    /// `darkStyles(events:in:)` of the content's UTF-8.
    static func darkStyles(events: StyleEvents, in bytes: UnsafeBufferPointer<UInt8>) -> DarkStyles? {
        var table = TableBuilder()
        var open = [0]
        let nested = { () -> Bool in
            for event in events.events {
                if event.count < 0 {
                    guard open.count > 1 else { return false }
                    open.removeLast()
                } else {
                    let start = Int(event.start), end = Int(event.start) + Int(event.count)
                    guard start >= 0, end <= bytes.count else { return false }
                    open.append(table.visit(UnsafeBufferPointer(rebasing: bytes[start..<end]), context: open.last!))
                }
            }
            return open.count == 1
        }()
        return nested ? table.finish() : nil
    }

    /// The table made one `style` value at a time in document order, each met in the inherited
    /// context it names (an index into `contexts`, 0 the page's own): each distinct value in
    /// each context is converted once per run.
    private struct TableBuilder {
        var cache = Conversions(known: shared.snapshot())
        var contexts = [Inherited(text: DarkMode.lightText, ground: DarkMode.darkBackground)]
        var seen: [(context: Int, start: Int, count: Int)] = []
        var seenBytes: [UInt8] = []
        // An answer's value is grouped once, when first met: occurrences only append its dark version.
        var answers: [(entry: Int, dark: String, passed: Int)] = []
        var grouped: [DarkStyles.Entry] = []
        /// Each value's entry by its text, made only once a value with an entity is met: until
        /// then equal text is equal bytes, and the scan of `seen` finds a value's entry.
        var entryOf: [String: Int]?

        /// Notes the value `raw` (as written in the attribute) met in context `index`; returns
        /// the context it passes on to its content.
        mutating func visit(_ raw: UnsafeBufferPointer<UInt8>, context index: Int) -> Int {
            // The same value in the same context, else the same value's first occurrence anywhere.
            var sameValue: Int?
            let match = seenBytes.withUnsafeBufferPointer { stored -> Int? in
                for (at, value) in seen.enumerated()
                where value.count == raw.count && (value.count == 0 || memcmp(stored.baseAddress! + value.start, raw.baseAddress!, raw.count) == 0) {
                    if value.context == index { return at }
                    if sameValue == nil { sameValue = at }
                }
                return nil
            }
            if let match {
                grouped[answers[match].entry].dark.append(answers[match].dark)
                return answers[match].passed
            }
            let inherited = contexts[index]
            let light = StyleAttributeRewriter.decoded(raw)
            let converted = converted(light, text: inherited.text, ground: inherited.ground, cache: &cache)
            let passed = Inherited(text: converted.text, ground: converted.ground)
            let passedIndex = contexts.firstIndex(of: passed) ?? contexts.count
            if passedIndex == contexts.count { contexts.append(passed) }
            seen.append((index, seenBytes.count, raw.count))
            seenBytes += raw
            let dark = converted.changed ? converted.style : light
            if entryOf == nil, raw.contains(UInt8(ascii: "&")) {
                // Two byte strings may now decode to one text: look entries up by text from here on.
                entryOf = Dictionary(grouped.enumerated().map { ($1.light, $0) }, uniquingKeysWith: { first, _ in first })
            }
            let entry = sameValue.map { answers[$0].entry } ?? entryOf?[light] ?? grouped.count
            if entry == grouped.count {
                entryOf?[light] = entry
                grouped.append(DarkStyles.Entry(light: light, dark: []))
            }
            grouped[entry].dark.append(dark)
            answers.append((entry, dark, passedIndex))
            return passedIndex
        }

        /// The table, the conversions made shared with the run.
        func finish() -> DarkStyles {
            if !cache.made.isEmpty { shared.merge(cache.made) }
            return DarkStyles(grouped: grouped)
        }
    }

    /// What an element passes on to its content: the light-mode text colour and the dark background.
    private struct Inherited: Equatable {
        var text: CSSColor
        var ground: CSSColor
    }

    static func recolour(_ nodes: [HTMLNode]) -> [HTMLNode] {
        var cache = Conversions(known: shared.snapshot())
        var occurrences: [(light: String, dark: String)] = []
        let result = recolour(nodes, cache: &cache, noting: &occurrences)
        if !cache.made.isEmpty { shared.merge(cache.made) }
        return result
    }

    /// `occurrences`: each `style` value in document order with what it became.
    private static func recolour(_ nodes: [HTMLNode], cache: inout Conversions, noting occurrences: inout [(light: String, dark: String)]) -> [HTMLNode] {
        nodes.map { recolour($0, text: DarkMode.lightText, ground: DarkMode.darkBackground, cache: &cache, noting: &occurrences) }
    }

    /// The conversions made so far in this process (at most `limit`; a page's own are always kept
    /// for that page). The style table makes most `style` attributes of a page repeat, and pages
    /// of a site share their theme's: each distinct one (in a given inherited context) is
    /// converted once per run.
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

    struct StyleKey: Hashable {
        var style: String
        var text: CSSColor
        var ground: CSSColor
    }

    struct Converted {
        var style: String
        /// `style` escaped for a double-quoted attribute value, as the serializer writes it.
        var html: [UInt8]
        var text: CSSColor
        var ground: CSSColor
        /// Whether a colour was converted or added: else `style` says what the value as written says.
        var changed: Bool
    }

    /// The run's conversions as a page found them, and those the page made: read apart, so the
    /// shared table is never copied to add to it.
    struct Conversions {
        let known: [StyleKey: Converted]
        var made: [StyleKey: Converted] = [:]
    }

    /// One `style` value in the inherited context, converted (or taken from `cache`).
    static func converted(_ style: String, text: CSSColor, ground: CSSColor, cache: inout Conversions) -> Converted {
        let key = StyleKey(style: style, text: text, ground: ground)
        if let known = cache.known[key] ?? cache.made[key] { return known }
        let converted = convert(style, text: text, ground: ground)
        cache.made[key] = converted
        return converted
    }

    /// `text`: the light-mode text colour inherited here; `ground`: the dark background behind.
    private static func recolour(
        _ node: HTMLNode, text inheritedText: CSSColor, ground inheritedGround: CSSColor, cache: inout Conversions,
        noting occurrences: inout [(light: String, dark: String)]
    ) -> HTMLNode {
        guard case .element(var element) = node else { return node }
        var text = inheritedText
        var ground = inheritedGround
        if let style = element[attribute: "style"] {
            let converted = converted(style, text: inheritedText, ground: inheritedGround, cache: &cache)
            text = converted.text
            ground = converted.ground
            element[attribute: "style"] = converted.style
            occurrences.append((style, converted.changed ? converted.style : style))
        }
        element.children = element.children.map { recolour($0, text: text, ground: ground, cache: &cache, noting: &occurrences) }
        return .element(element)
    }

    /// One `style` attribute in dark mode, and the text colour and background its element passes on.
    private static func convert(_ style: String, text inheritedText: CSSColor, ground inheritedGround: CSSColor) -> Converted {
        var text = inheritedText
        var ground = inheritedGround
        var declarations = InlineStyle.parse(style)
        let lightDeclarations = declarations
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
        let result = declarations.map { "\($0.property): \($0.value)" }.joined(separator: "; ")
        return Converted(
            style: result, html: Array(HTMLSerializer.escape(result, attribute: true).utf8), text: text, ground: ground,
            changed: declarations != lightDeclarations)
    }

    /// The colour of `background-color`, or the first colour in a `background` shorthand.
    private static func backgroundColour(_ value: String) -> CSSColor? {
        CSSColor(value) ?? value.split(separator: " ").lazy.compactMap { CSSColor(String($0)) }.first
    }
}

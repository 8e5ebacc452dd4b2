import WXHTML
import WXSupport

/// Writes HTML straight into bytes, giving every element its style from the run's `StyleTable`
/// by the element's context (the renderer's tags and classes from the article root down). No
/// DOM and no selector matching per element: a context seen before costs one dictionary lookup.
/// Classes are never written (WeChat drops them); only the style text is.
struct HTMLWriter {
    let table: StyleTable
    var bytes: [UInt8] = []
    /// Where each element written so far came from, in document order (start tags), so the
    /// structure rules and `check --remote` can point at the Markdown or raw HTML that made it.
    var locations: [SourceLocation?] = []
    /// The `style` values written so far with their nesting, for the preview page's dark mode.
    var styles = StyleEvents()

    /// One open element: its context id in `contexts`.
    private var stack: [Int] = []
    private var keys: [StyleTable.Key] = []
    /// Open elements left out because they would do nothing: a `span` with no style, or a
    /// wrapper section (`code-scroll`) the theme gives no style.
    private var elided: [Bool] = []
    /// Open renderer-made elements that were written with a `style` (closing one ends it in `styles`).
    private var styledOpen: [Bool] = []
    /// The written elements open, as the dark-mode scan would track them: a start tag it would
    /// not read tag for tag (an implied end tag…) leaves `styles` unvouched.
    private var nesting: StyleAttributeRewriter.Nesting
    /// The run's contexts as this writer last saw them (see `StyleTable.Contexts`): a post meets
    /// the contexts earlier posts met, so it rarely asks the table for more.
    private var contexts: StyleTable.Contexts

    /// `prefix`: the elements above the body (the template's, root first); `capacity`: the bytes
    /// expected (a body's are not known ahead: 16 KB takes most posts without growing).
    init(table: StyleTable, prefix: [StyleTable.Key], capacity: Int = 16_384) {
        self.table = table
        contexts = table.contexts
        nesting = StyleAttributeRewriter.Nesting(open: prefix.map(\.tag))
        bytes.reserveCapacity(capacity)
        for key in prefix { push(key) }
    }

    /// The context path currently open, root first (template prefix included).
    var path: [StyleTable.Key] { keys }

    /// Inherited values at the innermost open element.
    var inherited: [String: String] { stack.last.map { contexts.inherited[$0] } ?? StyleTable.rootInherited }

    @discardableResult
    private mutating func push(_ key: StyleTable.Key) -> [UInt8] {
        let parent = stack.last ?? -1
        let contextKey = StyleTable.ContextKey(parent: parent, key: key)
        keys.append(key)
        if let id = contexts.id(contextKey) {
            stack.append(id)
            return contexts.styles[id]
        }
        contexts = table.addContext(contextKey, path: keys)
        let id = contexts.id(contextKey)!
        stack.append(id)
        return contexts.styles[id]
    }

    /// The style a renderer-made child of the innermost open element would get, without writing
    /// it (so code spans of two token classes that look the same can be one span).
    mutating func style(ofChild tag: String, _ className: String?) -> [UInt8] {
        let style = push(StyleTable.Key(tag, className))
        pop()
        return style
    }

    /// `<tag style="…">` for a renderer-made element of theme class `className`.
    mutating func open(_ tag: String, _ className: String? = nil, attributes: [(String, String)] = [], at location: SourceLocation?, extraStyle: String? = nil) {
        var style = push(StyleTable.Key(tag, className))
        if let extraStyle { style = style.isEmpty ? Array(extraStyle.utf8) : style + [UInt8(ascii: ";")] + Array(extraStyle.utf8) }
        if style.isEmpty, attributes.isEmpty, tag == "span" || className == "code-scroll" {
            elided.append(true)
            styledOpen.append(false)
            return
        }
        elided.append(false)
        locations.append(location)
        styledOpen.append(writeStart(tag, attributes: attributes, style: style))
    }

    /// A void element (`br`, `hr`, `img`): written and closed at once.
    mutating func void(_ tag: String, _ className: String? = nil, attributes: [(String, String)] = [], at location: SourceLocation?) {
        let style = push(StyleTable.Key(tag, className))
        locations.append(location)
        // Closed at its own `>`: inside its tag, so never at a body's place in a template.
        if writeStart(tag, attributes: attributes, style: style) { styles.close(at: bytes.count - 1) }
        pop()
    }

    mutating func close(_ tag: String) {
        if elided.popLast() != true {
            if styledOpen.last == true { styles.close(at: bytes.count) }
            bytes.append(UInt8(ascii: "<"))
            bytes.append(UInt8(ascii: "/"))
            bytes.append(contentsOf: tag.utf8)
            bytes.append(UInt8(ascii: ">"))
            nesting.end()
        }
        styledOpen.removeLast()
        pop()
    }

    private mutating func pop() {
        stack.removeLast()
        keys.removeLast()
    }

    /// Returns whether the element was written with a `style` (then opened in `styles`).
    @discardableResult
    private mutating func writeStart(_ tag: String, attributes: [(String, String)], style: [UInt8]) -> Bool {
        if !nesting.start(tag) { styles.refuse() }
        bytes.append(UInt8(ascii: "<"))
        bytes.append(contentsOf: tag.utf8)
        var styleValue: Range<Int>?
        var styleCount = 0
        for (name, value) in attributes {
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: name.utf8)
            bytes.append(UInt8(ascii: "="))
            bytes.append(UInt8(ascii: "\""))
            let start = bytes.count
            escape(value, attribute: true)
            if name == "style" {
                styleValue = start..<bytes.count
                styleCount += 1
            }
            bytes.append(UInt8(ascii: "\""))
        }
        if !style.isEmpty {
            bytes.append(contentsOf: " style=\"".utf8)
            styleValue = bytes.count..<bytes.count + style.count
            styleCount += 1
            bytes.append(contentsOf: style)
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: ">"))
        guard let styleValue else { return false }
        if styleCount > 1 { styles.refuse() }
        styles.open(styleValue, of: bytes)
        return true
    }

    mutating func text(_ text: String) { escape(text, attribute: false) }

    mutating func raw(_ ascii: String) { bytes.append(contentsOf: ascii.utf8) }

    mutating func escape(_ text: String, attribute: Bool) {
        var text = text
        text.withUTF8 { utf8 in
            // Copy runs of ordinary bytes at once; only `&`, `<`, `>`, `"` and U+00A0 are rewritten.
            var start = 0
            var index = 0
            let ones: UInt64 = 0x0101_0101_0101_0101, low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            /// The high bit of each byte of `word` equal to `value`, exactly.
            func equal(_ word: UInt64, _ value: UInt8) -> UInt64 {
                let y = word ^ (ones &* UInt64(value))
                return ~(((y & low) &+ low) | y | low)
            }
            var bytewiseUntil = 0
            while index < utf8.count {
                if index >= bytewiseUntil, index + 8 <= utf8.count, let base = utf8.baseAddress {
                    // Eight bytes at a time past words holding none of `&` `<` `>` `"` or a C2 lead.
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    let found = equal(word, UInt8(ascii: "&")) | equal(word, UInt8(ascii: "<")) | equal(word, UInt8(ascii: ">"))
                        | equal(word, UInt8(ascii: "\"")) | equal(word, 0xC2)
                    if found == 0 {
                        index += 8
                        continue
                    }
                    bytewiseUntil = index + 8
                }
                let byte = utf8[index]
                let replacement: StaticString?
                switch byte {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<") where !attribute: replacement = "&lt;"
                case UInt8(ascii: ">") where !attribute: replacement = "&gt;"
                case UInt8(ascii: "\"") where attribute: replacement = "&quot;"
                case 0xC2 where index + 1 < utf8.count && utf8[index + 1] == 0xA0: replacement = "&nbsp;"
                default: replacement = nil
                }
                guard let replacement else {
                    index += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                bytes.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                index += byte == 0xC2 ? 2 : 1
                start = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count]))
        }
    }

    // MARK: - DOM (raw HTML after the sanitizer, the template)

    /// Writes nodes that arrived as HTML, styled by the theme and their own `style` in the current
    /// context. Returns the same nodes with their final `style` and no classes (locations kept),
    /// for the structure rules.
    @discardableResult
    mutating func write(
        dom nodes: [HTMLNode], ancestors: [HTMLElement]? = nil, inherited: [String: String]? = nil, signature: String? = nil,
        body: (inout HTMLWriter, [HTMLElement]) -> Void = { _, _ in }
    ) -> [HTMLNode] {
        let above = ancestors ?? keys.map { HTMLElement($0.tag, attributes: $0.className.map { [HTMLAttribute("class", $0)] } ?? []) }
        let parentInherited = inherited ?? self.inherited
        let parentSignature = signature ?? above.map(StyleTable.signature).joined()
        var out: [HTMLNode] = []
        for node in nodes {
            switch node {
            case .text(let text):
                self.text(text)
                out.append(node)
            case .comment:
                continue
            case .element(var element):
                if element[attribute: Theme.bodyMarkerAttribute] != nil {
                    body(&self, above)
                    out.append(node)
                    continue
                }
                let path = above + [element]
                let elementSignature = parentSignature + StyleTable.signature(element)
                let entry = table.entry(signature: elementSignature, path: path, parent: parentInherited)
                element.attributes.removeAll { $0.name == "class" || $0.name == "id" || $0.name == "style" }
                if !entry.style.isEmpty { element.attributes.append(HTMLAttribute("style", entry.style)) }
                locations.append(element.location)
                let styled = writeStart(element.tag, attributes: element.attributes.map { ($0.name, $0.value) }, style: [])
                if HTMLElement.voidTags.contains(element.tag) {
                    if styled { styles.close(at: bytes.count - 1) }
                    element.children = []
                    out.append(.element(element))
                    continue
                }
                element.children = write(dom: element.children, ancestors: path, inherited: entry.inherited, signature: elementSignature, body: body)
                if styled { styles.close(at: bytes.count) }
                bytes.append(UInt8(ascii: "<"))
                bytes.append(UInt8(ascii: "/"))
                bytes.append(contentsOf: element.tag.utf8)
                bytes.append(UInt8(ascii: ">"))
                nesting.end()
                out.append(.element(element))
            }
        }
        return out
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Rewrites every element's `style` attribute in HTML that is already in `HTMLSerializer`'s form,
/// in one byte scan: the result is what parsing the fragment, changing each `style` and
/// serialising the tree would give, without the tree. `rewrite` sees each `style` value as written
/// (`decoded` gives its text) with the context its parent element passed on, and returns the new
/// value (escaped for a double-quoted attribute) and the context for the element's content; an
/// element without `style` passes its parent's context on. Contexts are the caller's numbers
/// (e.g. indices into its own table), so the scan is not generic: it runs unspecialised in
/// another module.
///
/// The scan vouches only for input that `HTMLParser` reads as written and `HTMLSerializer` writes
/// back unchanged: lower-case names, `name="value"` attributes each after one space and none
/// twice, every element closed by its own end tag, text and values with no reference but
/// `&amp;` `&lt;` `&gt;` (text) / `&amp;` `&quot;` (values) and `&nbsp;`, no raw `>` in text, no
/// U+00A0, no comment, `<!…>`, self-closing `/>`, raw-text, foreign or document element, and no
/// start tag the parser would take as the end of an open element (`<p>` in a `<p>`…).
/// For anything else it returns nil, and the caller takes the tree.
public enum StyleAttributeRewriter {
    public typealias Rewrite = (_ style: UnsafeBufferPointer<UInt8>, _ inherited: Int) -> (html: [UInt8], context: Int)

    public static func rewrite(_ html: UnsafeBufferPointer<UInt8>, root: Int, _ rewrite: Rewrite) -> [UInt8]? {
        var scanner = Scanner(bytes: html, root: root, copies: true)
        return scanner.run(rewrite)
    }

    /// The same scan without the copy: `visit` sees each `style` value in document order with its
    /// inherited context and returns the context for the element's content. False where `rewrite`
    /// would return nil (the caller takes the tree).
    public static func visit(_ html: UnsafeBufferPointer<UInt8>, root: Int, _ visit: (_ style: UnsafeBufferPointer<UInt8>, _ inherited: Int) -> Int) -> Bool {
        var scanner = Scanner(bytes: html, root: root, copies: false)
        return scanner.run { style, inherited in ([], visit(style, inherited)) } != nil
    }

    public static func rewrite(_ html: String, root: Int, _ rewrite: Rewrite) -> String? {
        var html = html
        return html.withUTF8 { bytes in Self.rewrite(bytes, root: root, rewrite).map { String(decoding: $0, as: UTF8.self) } }
    }

    /// A `style` value handed to `rewrite`, with its `&amp;` `&quot;` `&nbsp;` decoded.
    public static func decoded(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
        var value: [UInt8] = []
        value.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            guard raw[i] == UInt8(ascii: "&") else {
                value.append(raw[i])
                i += 1
                continue
            }
            // Only &amp; &quot; &nbsp; are let through by the scan.
            switch raw[i + 1] {
            case UInt8(ascii: "a"):
                value.append(UInt8(ascii: "&"))
                i += 5
            case UInt8(ascii: "q"):
                value.append(UInt8(ascii: "\""))
                i += 6
            default:
                value += [0xC2, 0xA0]
                i += 6
            }
        }
        return String(decoding: value, as: UTF8.self)
    }

    /// What the parser does with a start tag beyond opening it, looked up once per tag.
    fileprivate struct TagKind: OptionSet {
        let rawValue: UInt8
        /// Raw text, foreign content or a document element: not scanned.
        static let declined = TagKind(rawValue: 1)
        static let closesParagraph = TagKind(rawValue: 2)
        /// May end an open element of its own family (`li`, headings, table parts…).
        static let endsOthers = TagKind(rawValue: 4)
        /// Has no content and no end tag.
        static let void = TagKind(rawValue: 8)

        static let of: [String: TagKind] = {
            var kinds: [String: TagKind] = [:]
            for name in HTMLCategories.rawText.union(HTMLCategories.escapableRawText).union(HTMLCategories.foreignRoots)
                .union(HTMLCategories.documentWrappers) {
                kinds[name, default: []].insert(.declined)
            }
            for name in HTMLCategories.closesParagraph { kinds[name, default: []].insert(.closesParagraph) }
            for name in HTMLElement.voidTags { kinds[name, default: []].insert(.void) }
            for name in ["li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot"] {
                kinds[name, default: []].insert(.endsOthers)
            }
            return kinds
        }()
    }

    fileprivate static func kind(of name: String, recent: inout [(name: String, kind: TagKind)]) -> TagKind {
        for entry in recent where entry.name == name { return entry.kind }
        let kind = TagKind.of[name] ?? []
        if recent.count < 16 { recent.append((name, kind)) }
        return kind
    }

    /// The scan's test of a start tag `name` of `kind` with the elements `open` (root first).
    fileprivate static func opensSomethingElse(
        _ name: String, kind: TagKind, openParagraphs: Int, open stack: some BidirectionalCollection<String>
    ) -> Bool {
        if kind.isEmpty || kind == .void { return false }
        if kind.contains(.declined) { return true }
        if openParagraphs > 0, kind.contains(.closesParagraph), isOpen("p", within: HTMLCategories.buttonScopeBoundaries, stack) {
            return true
        }
        guard kind.contains(.endsOthers) else { return false }
        switch name {
        case "li": return openListItem(["li"], stack)
        case "dt", "dd": return openListItem(["dt", "dd"], stack)
        case "h1", "h2", "h3", "h4", "h5", "h6": return stack.last.map { HTMLCategories.headings.contains($0) } ?? false
        case "option", "optgroup": return stack.last.map { $0 == "option" || $0 == "optgroup" } ?? false
        case "tr": return openTablePart(["tr", "td", "th"], stopAt: ["table", "thead", "tbody", "tfoot"], stack)
        case "td", "th": return openTablePart(["td", "th"], stopAt: ["table", "tr", "thead", "tbody", "tfoot"], stack)
        case "thead", "tbody", "tfoot": return openTablePart(["thead", "tbody", "tfoot", "tr", "td", "th"], stopAt: ["table"], stack)
        default: return false
        }
    }

    private static func isOpen(_ tag: String, within boundaries: Set<String>, _ stack: some BidirectionalCollection<String>) -> Bool {
        for name in stack.reversed() {
            if name == tag { return true }
            if boundaries.contains(name) { return false }
        }
        return false
    }

    private static func openListItem(_ tags: Set<String>, _ stack: some BidirectionalCollection<String>) -> Bool {
        for name in stack.reversed() {
            if tags.contains(name) { return true }
            if HTMLCategories.special.contains(name), !["address", "div", "p"].contains(name) { return false }
        }
        return false
    }

    private static func openTablePart(_ tags: Set<String>, stopAt: Set<String>, _ stack: some BidirectionalCollection<String>) -> Bool {
        for name in stack.reversed() {
            if tags.contains(name) { return true }
            if stopAt.contains(name) { return false }
        }
        return false
    }

    /// The open elements as the scan tracks them, for a writer that wants to know whether the
    /// scan reads what it writes tag for tag: true from `start` when the parser would do more
    /// with that start tag than open it (implied end tags, raw text, foreign content, too deep).
    public struct Nesting: Sendable {
        private var stack: [String]
        private var openParagraphs: Int
        private var recentKinds: [(name: String, kind: TagKind)] = []

        /// `open`: the elements already open, root first.
        public init(open: [String] = []) {
            stack = open
            openParagraphs = open.filter { $0 == "p" }.count
        }

        /// Opens `name` (unless void); false when the scan would decline it.
        public mutating func start(_ name: String) -> Bool {
            let kind = StyleAttributeRewriter.kind(of: name, recent: &recentKinds)
            guard !StyleAttributeRewriter.opensSomethingElse(name, kind: kind, openParagraphs: openParagraphs, open: stack),
                  stack.count < FragmentParser.maximumDepth
            else { return false }
            if !kind.contains(.void) {
                stack.append(name)
                if name == "p" { openParagraphs += 1 }
            }
            return true
        }

        /// Closes the innermost open element.
        public mutating func end() {
            if stack.popLast() == "p" { openParagraphs -= 1 }
        }
    }

    private struct Open {
        var name: String
        /// Where the name is in the input, for matching the end tag without making a string.
        var nameStart: Int
        var context: Int
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        let root: Int
        var pos = 0
        /// Whether the input is copied to `output` (false: only the `style` values are visited).
        let copies: Bool
        var output: [UInt8] = []
        var stack: [Open] = []
        var openParagraphs = 0
        var recentKinds: [(name: String, kind: TagKind)] = []

        init(bytes: UnsafeBufferPointer<UInt8>, root: Int, copies: Bool) {
            self.bytes = bytes
            self.root = root
            self.copies = copies
            if copies { output.reserveCapacity(bytes.count + bytes.count / 8) }
        }

        mutating func run(_ rewrite: Rewrite) -> [UInt8]? {
            let count = bytes.count
            var copied = 0
            let stopsText = Self.stopsText
            while pos < count {
                let byte = bytes[pos]
                if byte == UInt8(ascii: "<") {
                    if copies { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<pos])) }
                    guard pos + 1 < count else { return nil }
                    if bytes[pos + 1] == UInt8(ascii: "/") {
                        guard endTag() else { return nil }
                    } else {
                        guard startTag(rewrite) else { return nil }
                    }
                    copied = pos
                } else if byte == UInt8(ascii: "&") {
                    guard reference(Self.textReferences) else { return nil }
                } else if byte == UInt8(ascii: ">") || (byte == 0xC2 && pos + 1 < count && bytes[pos + 1] == 0xA0) {
                    return nil
                } else {
                    // Skip the run of text bytes that need no look: eight at a time while a word
                    // holds none of the stops, then byte by byte up to the stop.
                    var next = pos + 1
                    if let base = bytes.baseAddress {
                        while next + 8 <= count, !Self.holdsStop(UnsafeRawPointer(base + next).loadUnaligned(as: UInt64.self)) { next += 8 }
                    }
                    while next < count, !stopsText[Int(bytes[next])] { next += 1 }
                    pos = next
                }
            }
            guard stack.isEmpty else { return nil }
            if copies { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<count])) }
            return output
        }

        /// `</name>` closing the innermost open element: copied.
        mutating func endTag() -> Bool {
            let nameStart = pos + 2
            var end = nameStart
            while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
            guard end < bytes.count, bytes[end] == UInt8(ascii: ">"), let top = stack.last, top.name.utf8.count == end - nameStart,
                  memcmp(bytes.baseAddress! + top.nameStart, bytes.baseAddress! + nameStart, end - nameStart) == 0
            else { return false }
            stack.removeLast()
            if top.name == "p" { openParagraphs -= 1 }
            if copies { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[pos...end])) }
            pos = end + 1
            return true
        }

        /// `<name attr="value"…>`: copied with its `style` value replaced; opens the element unless void.
        mutating func startTag(_ rewrite: Rewrite) -> Bool {
            var index = pos + 1
            while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
            guard index > pos + 1, index < bytes.count, isASCIILowercaseLetter(bytes[pos + 1]) else { return false }
            let tagNameStart = pos + 1
            let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[tagNameStart..<index]), as: UTF8.self)
            guard !opensSomethingElse(name), stack.count < FragmentParser.maximumDepth else { return false }
            var context = stack.last?.context ?? root
            var names: [Range<Int>] = []
            var copied = pos
            while true {
                guard index < bytes.count else { return false }
                if bytes[index] == UInt8(ascii: ">") { break }
                guard bytes[index] == UInt8(ascii: " ") else { return false }
                let nameStart = index + 1
                index = nameStart
                while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
                let attribute = nameStart..<index
                guard !attribute.isEmpty, index + 1 < bytes.count, bytes[index] == UInt8(ascii: "="), bytes[index + 1] == UInt8(ascii: "\""),
                      !names.contains(where: { $0.count == attribute.count && memcmp(bytes.baseAddress! + $0.lowerBound, bytes.baseAddress! + nameStart, attribute.count) == 0 })
                else { return false }
                names.append(attribute)
                let valueStart = index + 2
                pos = valueStart
                while pos < bytes.count, bytes[pos] != UInt8(ascii: "\"") {
                    if bytes[pos] == UInt8(ascii: "&") {
                        guard reference(Self.valueReferences) else { return false }
                    } else if bytes[pos] == 0xC2, pos + 1 < bytes.count, bytes[pos + 1] == 0xA0 {
                        return false
                    } else {
                        pos += 1
                    }
                }
                guard pos < bytes.count else { return false }
                let valueEnd = pos
                index = valueEnd + 1
                if "style".utf8.elementsEqual(bytes[attribute]) {
                    let replaced = rewrite(UnsafeBufferPointer(rebasing: bytes[valueStart..<valueEnd]), context)
                    context = replaced.context
                    if copies {
                        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<valueStart]))
                        output.append(contentsOf: replaced.html)
                    }
                    copied = valueEnd
                }
            }
            if copies { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...index])) }
            pos = index + 1
            if !kind(of: name).contains(.void) {
                stack.append(Open(name: name, nameStart: tagNameStart, context: context))
                if name == "p" { openParagraphs += 1 }
            }
            return true
        }

        /// Whether the parser would do more with this start tag than open it: close open elements
        /// (`HTMLParser`'s implicit ends), read raw text, or switch to foreign content.
        mutating func opensSomethingElse(_ name: String) -> Bool {
            let kind = kind(of: name)
            return StyleAttributeRewriter.opensSomethingElse(name, kind: kind, openParagraphs: openParagraphs, open: stack.lazy.map(\.name))
        }

        /// `TagKind.of[name]`, through a few names already looked up (a page uses a dozen tags):
        /// comparing small strings is cheaper than hashing them.
        mutating func kind(of name: String) -> TagKind {
            StyleAttributeRewriter.kind(of: name, recent: &recentKinds)
        }

        /// At `&`: one of `allowed` (a reference that decodes and re-escapes to itself) is skipped.
        /// The bytes at which the text scan stops to look: `<`, `&`, `>`, and 0xC2 (which may start U+00A0).
        static let stopsText: [Bool] = (0..<256).map { [0x3C, 0x26, 0x3E, 0xC2].contains($0) }

        /// Whether any of the eight bytes of `word` is one of `stopsText`'s (exactly: each byte
        /// equal to a stop is found by the zero-byte test on `word` xor the stop repeated).
        @inline(__always) static func holdsStop(_ word: UInt64) -> Bool {
            let ones: UInt64 = 0x0101_0101_0101_0101, low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            func equal(_ value: UInt8) -> UInt64 {
                let y = word ^ (ones &* UInt64(value))
                return ~(((y & low) &+ low) | y | low)
            }
            return equal(0x3C) | equal(0x26) | equal(0x3E) | equal(0xC2) != 0
        }

        static let textReferences: [StaticString] = ["&amp;", "&lt;", "&gt;", "&nbsp;"]
        static let valueReferences: [StaticString] = ["&amp;", "&quot;", "&nbsp;"]

        mutating func reference(_ allowed: [StaticString]) -> Bool {
            for literal in allowed where matches(literal) {
                pos += literal.utf8CodeUnitCount
                return true
            }
            return false
        }

        func matches(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard pos + count <= bytes.count else { return false }
            let pointer = literal.utf8Start
            for i in 0..<count where bytes[pos + i] != pointer[i] { return false }
            return true
        }

        /// A name byte the parser keeps as written (no upper case, nothing that ends a name).
        func isNameByte(_ byte: UInt8) -> Bool {
            switch byte {
            case 0x41...0x5A: return false
            case 0x09, 0x0A, 0x0C, 0x0D, 0x20, UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "\""),
                 UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: "&"):
                return false
            default: return byte < 0x80
            }
        }

        func isASCIILowercaseLetter(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    }
}

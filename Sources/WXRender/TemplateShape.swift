import Foundation
import WXHTML
import WXStructure
import WXSupport
import WXTemplate

/// The article template written once per *shape*: rendered with a placeholder for each of the
/// post's plain string values, parsed, trimmed and styled once, then filled in with each post's
/// values. A post's references make its rendered template unique, so a cache of whole pages never
/// hits; its shape (which sections show, how many references) repeats.
///
/// Only values that parse and write exactly like their placeholder are held out (`isPlain`):
/// anything else stays in the rendered text and so in the shape. A shape whose placeholders land
/// anywhere but text and attribute values (tag or attribute names, comments, `class`/`id`/`style`,
/// which decide the styles) is not used, and neither is a post whose held-out value would end an
/// unquoted attribute; both take the ordinary path.
struct TemplateShape: Sendable {
    enum Piece: Sendable {
        case bytes([UInt8])
        case value(Int)
        case body
    }

    /// The written template: literal bytes, placeholders, and where the body goes.
    var pieces: [Piece]
    /// Element locations written before the first body, between bodies, after the last.
    var locationSegments: [[SourceLocation?]]
    /// The template's `style` values (`StyleEvents`, at their places in the template as written
    /// with placeholders), filled in at their places in each post's page.
    var styles: StyleEvents
    /// The context each body was written in.
    var bodyKeys: [[StyleTable.Key]]
    /// The template as styled nodes, placeholders in place.
    var styled: [HTMLNode]
    /// Placeholder starts in the rendered text, by line: (column in scalars, value index).
    var occurrences: [Int: [(column: Int, index: Int)]]
    /// Values that stand in attribute values somewhere in the page.
    var inAttributes: Set<Int>
    /// Whether an element starts on a line after a placeholder, so that a value's length moves
    /// its location: most templates have none, and their pages need no column arithmetic.
    var movesLocations: Bool
    /// The template as the structure rules see it, by the checker options it was walked under.
    let verdicts = TemplateShapeVerdicts()

    static let open: Unicode.Scalar = "\u{E000}"
    static let close: Unicode.Scalar = "\u{E001}"

    static func placeholder(_ index: Int) -> String {
        String(open) + String(index) + String(close)
    }

    /// True when `text` parses as text, and writes, exactly as written: no markup, entity, quote,
    /// control or non-breaking space characters, no placeholder delimiters, and not blank (blank
    /// text between blocks is layout, dropped by the theme).
    static func isPlain(_ text: String) -> Bool {
        var bytes = text
        let verdict: Bool? = bytes.withUTF8 { utf8 in
            var visible = false
            var nonASCII = false
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                switch byte {
                case 0..<0x20, 0x7F, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "\""), UInt8(ascii: "'"),
                    UInt8(ascii: "`"), UInt8(ascii: "="):
                    return false
                case UInt8(ascii: " "): break
                case 0xC2 where index + 1 < utf8.count && utf8[index + 1] == 0xA0: return false
                // U+E000 and U+E001, the placeholder delimiters.
                case 0xEE where index + 2 < utf8.count && utf8[index + 1] == 0x80 && utf8[index + 2] < 0x82: return false
                case 0x80...: nonASCII = true
                default: visible = true
                }
                index += 1
            }
            // Only spaces and non-ASCII: visible unless every scalar is white space.
            return visible ? true : nonASCII ? nil : false
        }
        return verdict ?? text.unicodeScalars.contains { !$0.properties.isWhitespace }
    }

    /// True when `text` can also stand in an unquoted attribute value.
    static func isPlainInAttribute(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0.properties.isWhitespace || $0 == "/" }
    }

    /// `text` as a placeholder when it is plain (the text then appended to `held`), else as itself;
    /// `clean` turns false when a string left in place holds a placeholder delimiter.
    static func hold(_ text: String, _ held: inout [String], clean: inout Bool) -> TemplateValue {
        if isPlain(text) {
            held.append(text)
            return .string(placeholder(held.count - 1))
        }
        if hasDelimiter(text) { clean = false }
        return .string(text)
    }

    /// True when `text` holds a placeholder delimiter (a template that does cannot be shaped).
    static func hasDelimiter(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 == open || $0 == close }
    }

    /// The shape of `rendered` (the template rendered with `count` placeholders), written as the
    /// theme writes; nil when a placeholder is anywhere a value could change the page's structure
    /// or styles.
    static func make(rendered: String, nodes: [HTMLNode], count: Int, table: StyleTable) -> TemplateShape? {
        var occurrences: [Int: [(column: Int, index: Int)]] = [:]
        var total = 0
        forEachPlaceholder(in: rendered) { line, column, index in
            occurrences[line, default: []].append((column, index))
            total += 1
        }
        // Every delimiter in the page must be one of the placeholders.
        guard total > 0, rendered.unicodeScalars.filter({ $0 == open || $0 == close }).count == 2 * total else { return nil }
        var found = 0
        var inAttributes: Set<Int> = []
        var allowed = true
        func scan(_ nodes: [HTMLNode]) {
            for node in nodes {
                switch node {
                case .text(let text): forEachPlaceholder(in: text) { _, _, _ in found += 1 }
                case .comment(let text): forEachPlaceholder(in: text) { _, _, _ in allowed = false }
                case .element(let element):
                    forEachPlaceholder(in: element.tag) { _, _, _ in allowed = false }
                    for attribute in element.attributes {
                        forEachPlaceholder(in: attribute.name) { _, _, _ in allowed = false }
                        forEachPlaceholder(in: attribute.value) { _, _, index in
                            if ["class", "id", "style"].contains(attribute.name) { allowed = false }
                            inAttributes.insert(index)
                            found += 1
                        }
                    }
                    scan(element.children)
                }
            }
        }
        scan(nodes)
        guard allowed, found == total, occurrences.values.allSatisfy({ $0.allSatisfy { $0.index < count } }) else { return nil }

        var writer = HTMLWriter(table: table, prefix: [])
        var marks: [(bytes: Int, locations: Int)] = []
        var bodyKeys: [[StyleTable.Key]] = []
        let styled = writer.write(dom: nodes, ancestors: [], inherited: StyleTable.rootInherited) { w, above in
            marks.append((w.bytes.count, w.locations.count))
            bodyKeys.append(Theme.keys(above))
        }
        var pieces: [Piece] = []
        var segments: [[SourceLocation?]] = []
        var byteStart = 0, locationStart = 0
        for mark in marks + [(writer.bytes.count, writer.locations.count)] {
            pieces += split(writer.bytes[byteStart..<mark.bytes])
            pieces.append(.body)
            segments.append(Array(writer.locations[locationStart..<mark.locations]))
            byteStart = mark.bytes
            locationStart = mark.locations
        }
        pieces.removeLast()
        var styles = writer.styles
        // `write` places the events by the pieces' lengths: they must add up to the template as written.
        let length = pieces.reduce(0) {
            switch $1 {
            case .bytes(let bytes): $0 + bytes.count
            case .value(let index): $0 + placeholder(index).utf8.count
            case .body: $0
            }
        }
        if length != writer.bytes.count { styles.refuse() }
        let moves = segments.contains { $0.contains { $0.map { occurrences[$0.line] != nil } ?? false } }
        return TemplateShape(
            pieces: pieces, locationSegments: segments, styles: styles, bodyKeys: bodyKeys, styled: styled,
            occurrences: occurrences, inAttributes: inAttributes, movesLocations: moves)
    }

    /// Whether the post's held-out values can be filled into this shape.
    func accepts(_ held: [String]) -> Bool {
        inAttributes.allSatisfy { Self.isPlainInAttribute(held[$0]) }
    }

    /// The written page with `held` filled in and `body` written at each body place; as
    /// `Theme.write` returns it. `bodySize`: about how many bytes and elements each body adds, so
    /// the page and its locations are allocated once at their size rather than grown by doubling
    /// (copying the body each time).
    func write(
        _ held: [String], bodySize: BodySize = BodySize(), body: (inout HTMLWriter, [StyleTable.Key]) -> Void, table: StyleTable
    ) -> WrittenArticle {
        var size = bodySize.bytes * bodyKeys.count
        for piece in pieces {
            switch piece {
            case .bytes(let bytes): size += bytes.count
            case .value(let index): size += held[index].utf8.count
            case .body: break
            }
        }
        var writer = HTMLWriter(table: table, prefix: [], capacity: size)
        let deltas = movesLocations ? Self.deltas(held) : []
        func moved(_ segment: [SourceLocation?]) -> [SourceLocation?] {
            movesLocations ? segment.map { shift($0, held: held, deltas: deltas) } : segment
        }
        var bodies = 0
        writer.locations.reserveCapacity(locationSegments.reduce(0) { $0 + $1.count } + bodySize.elements * bodyKeys.count)
        writer.locations += moved(locationSegments[0])
        // The template's style events, moved from their places in the template as written to
        // their places in this page (a value is never inside a `style`: such shapes are not made).
        var template = 0
        var event = 0
        if !styles.vouched { writer.styles.refuse() }
        for piece in pieces {
            switch piece {
            case .bytes(let bytes):
                let end = Int32(truncatingIfNeeded: template + bytes.count)
                while event < styles.events.count, styles.events[event].start < end {
                    writer.styles.append(styles.events[event], shiftedBy: writer.bytes.count - template)
                    event += 1
                }
                writer.bytes += bytes
                template += bytes.count
            case .value(let index):
                writer.bytes += held[index].utf8
                template += Self.placeholder(index).utf8.count
            case .body:
                body(&writer, bodyKeys[bodies])
                bodies += 1
                writer.locations += moved(locationSegments[bodies])
            }
        }
        if event < styles.events.count { writer.styles.refuse() }
        return WrittenArticle(
            bytes: writer.bytes, shaped: (self, held), locations: writer.locations, styles: writer.styles,
            bodyPrefix: bodyKeys.first)
    }

    /// The template as styled nodes with `held` filled in (and locations moved past them).
    func filled(_ held: [String]) -> [HTMLNode] {
        fill(styled, held: held, deltas: movesLocations ? Self.deltas(held) : [])
    }

    /// Columns count scalars: a value's scalars are its UTF-8 bytes less continuation bytes.
    private static func deltas(_ held: [String]) -> [Int] {
        held.map { value in value.utf8.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } - 3 }
    }

    /// True when the template alone (its body places empty) gives no structure finding under
    /// `checker` for any plain values that are visible text: text is never measured there
    /// (`StructureChecker.checkMeasuringText`) and no value stands in an attribute, so the values
    /// change nothing the rules read. Found once per shape and checker options.
    func findsNothing(_ checker: StructureChecker, held: [String]) -> Bool {
        structure(checker, held: held)?.findsNothing ?? false
    }

    /// The template as `checker` sees it (`StructureChecker.template`), whatever plain values that
    /// are visible text fill it, under the conditions of `findsNothing`; nil when values could
    /// change what the rules read. Walked once per shape and checker options.
    func structure(_ checker: StructureChecker, held: [String]) -> StructureTemplate? {
        guard inAttributes.isEmpty, held.allSatisfy(StructureChecker.isVisibleText) else { return nil }
        return verdicts.verdict(checker.options) {
            checker.template(Theme.splice(template: styled, body: [.comment(StructureTemplate.bodyMark)]))
        }
    }

    /// A location in the template as written with placeholders, moved to where it is once `held` fill them.
    func location(_ location: SourceLocation, held: [String]) -> SourceLocation {
        guard movesLocations, occurrences[location.line] != nil else { return location }
        return shift(location, held: held, deltas: Self.deltas(held)) ?? location
    }

    /// `deltas`: empty when no location moves (`movesLocations`).
    private func shift(_ location: SourceLocation?, held: [String], deltas: [Int]) -> SourceLocation? {
        guard movesLocations, var location, let onLine = occurrences[location.line] else { return location }
        var moved = 0
        for occurrence in onLine where occurrence.column < location.column {
            // A placeholder is two delimiters and the index's digits; `deltas` assumed one digit.
            var digits = 1, rest = occurrence.index
            while rest >= 10 {
                digits += 1
                rest /= 10
            }
            moved += deltas[occurrence.index] - (digits - 1)
        }
        location.column += moved
        return location
    }

    private func fill(_ nodes: [HTMLNode], held: [String], deltas: [Int]) -> [HTMLNode] {
        nodes.map { node in
            switch node {
            case .text(let text): return .text(Self.fill(text, held))
            case .comment: return node
            case .element(var element):
                for index in element.attributes.indices {
                    element.attributes[index].value = Self.fill(element.attributes[index].value, held)
                }
                element.location = shift(element.location, held: held, deltas: deltas)
                element.children = fill(element.children, held: held, deltas: deltas)
                return .element(element)
            }
        }
    }

    /// `text` with each placeholder replaced by its value.
    static func fill(_ text: String, _ held: [String]) -> String {
        var text = text
        return text.withUTF8 { utf8 -> String? in
            guard utf8.contains(0xEE) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(utf8.count + 64)
            var start = 0
            var index = 0
            while index < utf8.count {
                // U+E000, digits, U+E001.
                guard utf8[index] == 0xEE, index + 2 < utf8.count, utf8[index + 1] == 0x80, utf8[index + 2] == 0x80 else {
                    index += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                var number = 0
                index += 3
                while utf8[index] != 0xEE {
                    number = number * 10 + Int(utf8[index] - 0x30)
                    index += 1
                }
                index += 3
                start = index
                out.append(contentsOf: held[number].utf8)
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count]))
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    /// Calls `body(line, column, index)` for each placeholder in `text` (lines and columns counted
    /// as the HTML parser counts them).
    static func forEachPlaceholder(in text: String, _ body: (Int, Int, Int) -> Void) {
        guard text.unicodeScalars.contains(open) else { return }
        var line = 1, column = 1
        var start: (line: Int, column: Int, index: Int)?
        var previousCR = false
        for scalar in text.unicodeScalars {
            if scalar == open {
                start = (line, column, 0)
            } else if scalar == close, let s = start {
                body(s.line, s.column, s.index)
                start = nil
            } else if let s = start, ("0"..."9").contains(scalar) {
                start = (s.line, s.column, s.index * 10 + Int(scalar.value - 0x30))
            } else {
                start = nil
            }
            if scalar == "\n" {
                if !previousCR { line += 1 }
                column = 1
            } else if scalar == "\r" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            previousCR = scalar == "\r"
        }
    }

    /// Bytes cut at each placeholder.
    private static func split(_ bytes: ArraySlice<UInt8>) -> [Piece] {
        let text = String(decoding: bytes, as: UTF8.self)
        var pieces: [Piece] = []
        var literal = String.UnicodeScalarView()
        var index: Int?
        for scalar in text.unicodeScalars {
            if scalar == open {
                index = 0
            } else if scalar == close, let i = index {
                if !literal.isEmpty { pieces.append(.bytes(Array(String(literal).utf8))) }
                literal = String.UnicodeScalarView()
                pieces.append(.value(i))
                index = nil
            } else if let i = index {
                index = i * 10 + Int(scalar.value - 0x30)
            } else {
                literal.append(scalar)
            }
        }
        if !literal.isEmpty { pieces.append(.bytes(Array(String(literal).utf8))) }
        return pieces
    }
}

/// About how much a body adds to a page: its bytes and its elements (`TemplateShape.write`).
struct BodySize {
    var bytes = 0
    var elements = 0
}

/// A shape's structure walks (`TemplateShape.structure`) by the checker options they were made under.
final class TemplateShapeVerdicts: @unchecked Sendable {
    private let lock = NSLock()
    private var known: [(options: StructureOptions, clean: StructureTemplate)] = []

    func verdict(_ options: StructureOptions, find: () -> StructureTemplate) -> StructureTemplate {
        lock.lock()
        if let found = known.first(where: { $0.options == options }) {
            lock.unlock()
            return found.clean
        }
        lock.unlock()
        let clean = find()
        lock.lock()
        defer { lock.unlock() }
        // Another thread may have walked the same shape meanwhile: keep one walk.
        if let found = known.first(where: { $0.options == options }) { return found.clean }
        if known.count < 8 { known.append((options, clean)) }
        return clean
    }
}

/// What names a post's template shape, made without building its `TemplateValue`: the walk over
/// its values (`ArticleTemplateValues.build`) written down in order, each held-out string as one
/// mark (its place decides its placeholder's number), every other value in full. Equal keys are
/// equal walks, so equal values with placeholders; hashed as one run of bytes.
struct TemplateShapeKey: Hashable, Sendable {
    var bytes: [UInt8] = []

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}

/// Builds a `TemplateShapeKey` and holds out the post's plain strings as `TemplateShape.hold` does.
struct TemplateShapeKeyBuilder: TemplateValueBuilder {
    var key = TemplateShapeKey()
    var held: [String] = []
    /// False when a string left in place holds a placeholder delimiter.
    var clean = true

    init() { key.bytes.reserveCapacity(256) }

    mutating func string(_ text: String) -> Void {
        if TemplateShape.isPlain(text) {
            held.append(text)
            key.bytes.append(UInt8(ascii: "h"))
            return
        }
        if TemplateShape.hasDelimiter(text) { clean = false }
        text.withString(into: &key.bytes, tag: "s")
    }

    mutating func literal(_ text: String) -> Void { text.withString(into: &key.bytes, tag: "l") }

    mutating func number(_ number: Double) -> Void {
        key.bytes.append(UInt8(ascii: "n"))
        withUnsafeBytes(of: number.bitPattern) { key.bytes.append(contentsOf: $0) }
    }

    mutating func bool(_ value: Bool) -> Void { key.bytes.append(value ? UInt8(ascii: "T") : UInt8(ascii: "F")) }
    mutating func null() -> Void { key.bytes.append(UInt8(ascii: "0")) }
    mutating func list(_ items: [Void]) -> Void { Self.count(items.count, tag: "[", into: &key.bytes) }

    mutating func dictionary(_ entries: [(key: String, value: Void)]) -> Void {
        for entry in entries { entry.key.withString(into: &key.bytes, tag: "k") }
        Self.count(entries.count, tag: "{", into: &key.bytes)
    }

    fileprivate static func count(_ count: Int, tag: Character, into bytes: inout [UInt8]) {
        bytes.append(tag.asciiValue!)
        withUnsafeBytes(of: count) { bytes.append(contentsOf: $0) }
    }
}

extension String {
    /// `tag`, the byte count, the bytes: a string in a `TemplateShapeKey`.
    fileprivate func withString(into bytes: inout [UInt8], tag: Character) {
        TemplateShapeKeyBuilder.count(utf8.count, tag: tag, into: &bytes)
        bytes.append(contentsOf: utf8)
    }
}

/// Template shapes by the values they were rendered from (placeholders in place) and by the
/// rendered text: values a template never shows (a digest with quotes in it, held in place) make
/// new values but the same text. At most `limit` of each; a shape that cannot be used (or values
/// that do not render) is remembered as such.
final class TemplateShapes: @unchecked Sendable {
    private let lock = NSLock()
    private var byValues: [TemplateShapeKey: TemplateShape?] = [:]
    private var byText: [String: TemplateShape?] = [:]
    private let limit = 256

    /// The distinct rendered pages seen so far (usable or not).
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return byText.count
    }

    /// The shape of `values`; `render` renders them (nil when they do not render), `make` makes
    /// the shape of a page not seen before.
    func shape(for values: TemplateShapeKey, render: () -> String?, make: (String) -> TemplateShape?) -> TemplateShape? {
        lock.lock()
        if let known = byValues[values] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let rendered = render()
        lock.lock()
        let seen = rendered.flatMap { byText[$0] }
        lock.unlock()
        let shape = seen ?? rendered.flatMap(make)
        lock.lock()
        defer { lock.unlock() }
        if let rendered, byText.count < limit { byText[rendered] = shape }
        if byValues.count < limit { byValues[values] = shape }
        return shape
    }
}

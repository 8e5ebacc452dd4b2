import Foundation
import WXHTML

/// One `property: value` pair from a `style` attribute or a theme rule.
/// Property names are lower-cased; values are trimmed and keep their case (URLs, font names).
public struct StyleDeclaration: Sendable, Equatable, Hashable {
    public var property: String
    public var value: String
    public var important: Bool

    public init(_ property: String, _ value: String, important: Bool = false) {
        self.property = property
        self.value = value
        self.important = important
    }
}

/// Reads a `style` attribute with the same lenient reader the theme inliner uses (WXHTML), so the
/// structure rules see exactly the declarations the inliner wrote.
public enum InlineStyle {
    /// The declarations of `text`. An inlined theme repeats the same few `style` strings on every
    /// element of every article, so each distinct string is parsed once per process.
    public static func parse(_ text: String) -> [StyleDeclaration] {
        if let known = cache.value(for: text) { return known }
        let parsed = CSSDeclaration.parseStyleAttribute(text).map { StyleDeclaration($0.property, $0.value, important: $0.important) }
        cache.store(parsed, for: text)
        return parsed
    }

    static let cache = StyleCache()
}

/// Parsed `style` strings shared by the threads that compile posts. Bounded: a site of pasted
/// articles with unique styles empties it now and then instead of growing without end.
final class StyleCache: @unchecked Sendable {
    /// Entries kept before the cache starts over (a theme writes a few hundred distinct strings).
    static let capacity = 4096
    private let lock = NSLock()
    private var entries: [String: [StyleDeclaration]] = [:]

    func value(for text: String) -> [StyleDeclaration]? {
        lock.lock()
        defer { lock.unlock() }
        return entries[text]
    }

    func store(_ declarations: [StyleDeclaration], for text: String) {
        lock.lock()
        defer { lock.unlock() }
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        entries[text] = declarations
    }
}

extension [StyleDeclaration] {
    /// The value that wins for `property` (last one, `!important` first), as the cascade would pick it.
    func value(of property: String) -> String? {
        if let important = last(where: { $0.property == property && $0.important }) { return important.value }
        return last(where: { $0.property == property })?.value
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, TextMetrics.isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, TextMetrics.isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        if start == scalars.startIndex && end == scalars.endIndex { return String(self) }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }
}

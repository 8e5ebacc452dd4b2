import WXSupport

/// One `property: value [!important]` pair. The property is lower-cased (CSS property names are
/// case-insensitive); the value is kept as written, trimmed, with comments removed — shorthands
/// such as `margin: 0 auto` or `border: 1px solid #eee` pass through unexpanded.
public struct CSSDeclaration: Sendable, Hashable, CustomStringConvertible {
    public var property: String
    public var value: String
    public var important: Bool
    /// Where it was written in the theme; nil for declarations from a `style` attribute.
    public var location: SourceLocation?

    public init(_ property: String, _ value: String, important: Bool = false, location: SourceLocation? = nil) {
        self.property = property
        self.value = value
        self.important = important
        self.location = location
    }

    /// `property: value` or `property: value !important`, as written into a `style` attribute.
    public var description: String {
        important ? "\(property): \(value) !important" : "\(property): \(value)"
    }

    /// Reads a `style` attribute leniently, the way browsers do: malformed declarations are skipped,
    /// semicolons inside strings and parentheses (`url(data:…;base64,…)`) do not split. Duplicates
    /// are kept in order; `cascaded(_:)` resolves them.
    public static func parseStyleAttribute(_ style: String) -> [CSSDeclaration] {
        let scalars = Array(style.unicodeScalars)
        var declarations: [CSSDeclaration] = []
        var start = 0
        while start < scalars.count {
            let end = CSSText.endOfDeclaration(scalars, from: start)
            if let declaration = try? CSSText.declaration(scalars[start..<end]) {
                declarations.append(declaration)
            }
            start = end + 1
        }
        return declarations
    }

    /// Declarations written as a `style` attribute value, in order, `; `-separated.
    public static func styleAttribute(_ declarations: [CSSDeclaration]) -> String {
        declarations.map(\.description).joined(separator: "; ")
    }

    /// The winner per property among declarations of one origin: `!important` beats normal, then
    /// the later one wins. Keeps the order in which each property first appeared.
    public static func cascaded(_ declarations: [CSSDeclaration]) -> [CSSDeclaration] {
        var result: [CSSDeclaration] = []
        var index: [String: Int] = [:]
        for declaration in declarations {
            if let existing = index[declaration.property] {
                if declaration.important || !result[existing].important { result[existing] = declaration }
            } else {
                index[declaration.property] = result.count
                result.append(declaration)
            }
        }
        return result
    }
}

/// Small lexical helpers shared by the theme parser and the `style` attribute reader.
enum CSSText {
    struct Failure: Error {
        var offset: Int
        var message: String
        var fix: String
    }

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}"
    }

    static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_": return true
        default: return scalar.value >= 0x80
        }
    }

    /// Index of the `;` ending the declaration that starts at `start` (or the end), skipping strings,
    /// comments and parentheses.
    static func endOfDeclaration(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        var depth = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\\":
                // An escaped character (`\"`, `\;`) is part of a name or value, never syntax: a
                // browser reads `color: \"; position: fixed` as two declarations, and so must we.
                index += 2
                continue
            case "\"", "'":
                index = endOfString(scalars, from: index)
                continue
            case "/" where index + 1 < scalars.count && scalars[index + 1] == "*":
                index = endOfComment(scalars, from: index)
                continue
            case "(": depth += 1
            case ")": depth = max(0, depth - 1)
            case ";" where depth == 0: return index
            default: break
            }
            index += 1
        }
        return scalars.count
    }

    /// Index just past the string starting at `start` (a quote), or the end of input.
    static func endOfString(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        let quote = scalars[start]
        var index = start + 1
        while index < scalars.count {
            if scalars[index] == "\\" { index += 2; continue }
            if scalars[index] == quote { return index + 1 }
            if scalars[index] == "\n" { return index }
            index += 1
        }
        return scalars.count
    }

    /// Index just past the comment starting at `start` (`/*`), or the end of input.
    static func endOfComment(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start + 2
        while index + 1 < scalars.count {
            if scalars[index] == "*" && scalars[index + 1] == "/" { return index + 2 }
            index += 1
        }
        return scalars.count
    }

    /// Parses `name: value [!important]` (no `;`). Offsets in failures are into `scalars`' base.
    /// Returns nil for an empty declaration (only whitespace and comments).
    static func declaration(_ slice: ArraySlice<Unicode.Scalar>) throws(Failure) -> CSSDeclaration? {
        // Drop comments first, keeping strings intact.
        var text: [Unicode.Scalar] = []
        var offsets: [Int] = []
        var index = slice.startIndex
        while index < slice.endIndex {
            let scalar = slice[index]
            if scalar == "\\", index + 1 < slice.endIndex {
                text += [scalar, slice[index + 1]]
                offsets += [index, index + 1]
                index += 2
                continue
            }
            if scalar == "/", index + 1 < slice.endIndex, slice[index + 1] == "*" {
                var end = index + 2
                while end + 1 < slice.endIndex, !(slice[end] == "*" && slice[end + 1] == "/") { end += 1 }
                index = min(end + 2, slice.endIndex)
                text.append(" ")
                offsets.append(index - 1)
                continue
            }
            if scalar == "\"" || scalar == "'" {
                var end = index + 1
                while end < slice.endIndex, slice[end] != scalar {
                    if slice[end] == "\\" { end += 1 }
                    end += 1
                }
                end = min(end + 1, slice.endIndex)
                for i in index..<end { text.append(slice[i]); offsets.append(i) }
                index = end
                continue
            }
            text.append(scalar)
            offsets.append(index)
            index += 1
        }
        var first = 0
        while first < text.count, isWhitespace(text[first]) { first += 1 }
        guard first < text.count else { return nil }
        var nameEnd = first
        while nameEnd < text.count, isNameScalar(text[nameEnd]) { nameEnd += 1 }
        guard nameEnd > first else {
            throw Failure(offset: offsets[first], message: "expected a property name, found '\(Character(text[first]))'",
                          fix: "write declarations as `property: value;`")
        }
        let property = String(String.UnicodeScalarView(text[first..<nameEnd])).lowercased()
        var colon = nameEnd
        while colon < text.count, isWhitespace(text[colon]) { colon += 1 }
        guard colon < text.count, text[colon] == ":" else {
            throw Failure(offset: offsets[min(colon, text.count - 1)], message: "expected ':' after property '\(property)'",
                          fix: "write declarations as `property: value;`")
        }
        var value = Array(text[(colon + 1)...])
        var important = false
        if let bang = value.lastIndex(of: "!") {
            let tail = String(String.UnicodeScalarView(value[(bang + 1)...])).trimmingCSSWhitespace().lowercased()
            if tail == "important" {
                important = true
                value.removeSubrange(bang...)
            }
        }
        let trimmed = String(String.UnicodeScalarView(value)).trimmingCSSWhitespace()
        guard !trimmed.isEmpty else {
            throw Failure(offset: offsets[colon], message: "property '\(property)' has no value",
                          fix: "give it a value or delete the declaration")
        }
        return CSSDeclaration(property, trimmed, important: important)
    }
}

extension String {
    func trimmingCSSWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !CSSText.isWhitespace($0) }),
              let last = scalars.lastIndex(where: { !CSSText.isWhitespace($0) }) else { return "" }
        return String(scalars[first...last])
    }
}

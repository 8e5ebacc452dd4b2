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

/// Parses the `style` attribute the way a browser reads a declaration block: `;` separates
/// declarations except inside quotes, parentheses (`url(a;b)`) and comments; a trailing
/// `!important` is split off; declarations without a colon or a name are dropped, as browsers do.
public enum InlineStyle {
    public static func parse(_ text: String) -> [StyleDeclaration] {
        var result: [StyleDeclaration] = []
        let bytes = Array(text.utf8)
        var index = 0
        var depth = 0
        var quote: UInt8 = 0
        var cleaned: [UInt8] = []
        cleaned.reserveCapacity(bytes.count)

        func flush() {
            if let declaration = declaration(from: cleaned) { result.append(declaration) }
            cleaned.removeAll(keepingCapacity: true)
        }

        while index < bytes.count {
            let byte = bytes[index]
            if quote != 0 {
                cleaned.append(byte)
                if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                    cleaned.append(bytes[index + 1])
                    index += 2
                    continue
                }
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                // Comments vanish; an unterminated one runs to the end, as in CSS.
                var end = index + 2
                while end + 1 < bytes.count, !(bytes[end] == UInt8(ascii: "*") && bytes[end + 1] == UInt8(ascii: "/")) { end += 1 }
                index = min(end + 2, bytes.count)
                continue
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
                cleaned.append(byte)
            } else if byte == UInt8(ascii: "(") {
                depth += 1
                cleaned.append(byte)
            } else if byte == UInt8(ascii: ")") {
                depth = max(0, depth - 1)
                cleaned.append(byte)
            } else if byte == UInt8(ascii: ";"), depth == 0 {
                flush()
            } else {
                cleaned.append(byte)
            }
            index += 1
        }
        flush()
        return result
    }

    private static func declaration(from bytes: [UInt8]) -> StyleDeclaration? {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let name = String(decoding: bytes[..<colon], as: UTF8.self).trimmingWhitespace().lowercased()
        guard !name.isEmpty, !name.contains(" ") else { return nil }
        var value = String(decoding: bytes[(colon + 1)...], as: UTF8.self).trimmingWhitespace()
        var important = false
        if let bang = value.lastIndex(of: "!") {
            let flag = value[value.index(after: bang)...].trimmingWhitespace().lowercased()
            if flag == "important" {
                important = true
                value = String(value[..<bang]).trimmingWhitespace()
            }
        }
        return StyleDeclaration(name, value, important: important)
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

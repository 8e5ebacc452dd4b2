/// Which declarations may reach a WeChat article. Checked on the value as a browser reads it:
/// CSS escapes decoded (`\6a avascript:` is `javascript:`), comments and white space ignored,
/// case folded — a filter that reads the raw text is walked past by `\65 xpression(…)`.
///
/// Dropped: anything that runs code (`expression()`, `javascript:`/`vbscript:` URLs, `behavior`,
/// `-moz-binding`); images from outside WeChat's own image host (`url(https://…)` loads from a
/// third party on every read — a tracking pixel — and WeChat strips it); `position: fixed` and
/// `position: sticky` (overlays over the reader's screen, removed by WeChat's editor).
public enum CSSSafety {
    /// The hosts WeChat serves uploaded images from (`uploadimg` answers with these).
    public static let imageHosts = ["mmbiz.qpic.cn", "mmbiz.qlogo.cn"]

    /// A `style` attribute after the filter.
    public struct FilteredStyle: Sendable {
        /// What is kept, written back from the declarations as read (never the text as given: a
        /// declaration this reader skips as malformed may still be one to a browser); nil when
        /// nothing is left.
        public var attribute: String?
        /// Each removed declaration with the reason.
        public var dropped: [(declaration: CSSDeclaration, reason: String)]
    }

    /// Reads a `style` attribute and removes what `reasonToDrop` refuses.
    public static func filter(styleAttribute value: String) -> FilteredStyle {
        var kept: [CSSDeclaration] = []
        var dropped: [(declaration: CSSDeclaration, reason: String)] = []
        for declaration in CSSDeclaration.parseStyleAttribute(value) {
            if let reason = reasonToDrop(declaration) { dropped.append((declaration, reason)) } else { kept.append(declaration) }
        }
        return FilteredStyle(attribute: kept.isEmpty ? nil : CSSDeclaration.styleAttribute(kept), dropped: dropped)
    }

    /// Why WeChat would not keep `declaration` (or why it is dangerous), or nil when it is kept.
    public static func reasonToDrop(_ declaration: CSSDeclaration) -> String? {
        let property = compact(decodeEscapes(declaration.property))
        let value = compact(decodeEscapes(stripComments(declaration.value)))
        if property == "behavior" || property == "-moz-binding" || value.contains("-moz-binding") {
            return "`\(property)` runs code"
        }
        if value.contains("expression(") { return "expression() runs code" }
        for scheme in ["javascript:", "vbscript:", "livescript:"] where value.contains(scheme) {
            return "a \(scheme) URL runs code"
        }
        if property == "position", value == "fixed" || value == "sticky" || value.hasPrefix("fixed!") || value.hasPrefix("sticky!") {
            return "`position: \(value.hasPrefix("fixed") ? "fixed" : "sticky")` lays an overlay over the reader's screen; WeChat removes it"
        }
        for target in urlTargets(value) where !isWeChatImage(target) {
            return "url(\(target.prefix(60))) loads an image from outside WeChat on every read (a tracking image); WeChat removes it"
        }
        for function in ["image-set(", "-webkit-image-set(", "image(", "src("] where value.contains(function) {
            return "\(function.dropLast())) loads images from outside WeChat; WeChat removes it"
        }
        return nil
    }

    /// Decodes CSS escapes the way the CSS Syntax spec does: `\` + 1–6 hex digits (+ one optional
    /// white space) is that code point (zero, surrogates and values past U+10FFFF become U+FFFD),
    /// `\` + newline disappears, `\` + any other character is that character.
    public static func decodeEscapes(_ text: String) -> String {
        guard text.unicodeScalars.contains("\\") else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "\\", index + 1 < scalars.count else {
                if scalar != "\\" { out.append(scalar) }
                index += 1
                continue
            }
            var next = index + 1
            var hex: UInt32 = 0
            var digits = 0
            while next < scalars.count, digits < 6, let digit = hexValue(scalars[next]) {
                hex = hex * 16 + digit
                digits += 1
                next += 1
            }
            if digits > 0 {
                let valid = hex != 0 && !(0xD800...0xDFFF).contains(hex) && hex <= 0x10FFFF
                out.append(valid ? Unicode.Scalar(hex)! : "\u{FFFD}")
                if next < scalars.count, scalars[next] == "\r", next + 1 < scalars.count, scalars[next + 1] == "\n" {
                    next += 2
                } else if next < scalars.count, CSSText.isWhitespace(scalars[next]) {
                    next += 1
                }
                index = next
            } else if scalars[next] == "\n" || scalars[next] == "\r" || scalars[next] == "\u{0C}" {
                index = next + 1
            } else {
                out.append(scalars[next])
                index = next + 1
            }
        }
        return String(out)
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": return scalar.value - 48
        case "a"..."f": return scalar.value - 87
        case "A"..."F": return scalar.value - 55
        default: return nil
        }
    }

    /// Lower-cased, without white space, control characters or quotes: the shape checks compare.
    private static func compact(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where scalar.value > 0x20 && scalar != "\u{7F}" && scalar != "\"" && scalar != "'" {
            out.append(scalar)
        }
        return String(out).lowercased()
    }

    private static func stripComments(_ text: String) -> String {
        guard text.contains("/*") else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == "/", index + 1 < scalars.count, scalars[index + 1] == "*" {
                index = CSSText.endOfComment(scalars, from: index)
                continue
            }
            out.append(scalars[index])
            index += 1
        }
        return String(out)
    }

    /// The targets of every `url(…)` in a compacted value.
    private static func urlTargets(_ value: String) -> [String] {
        var targets: [String] = []
        var rest = Substring(value)
        while let open = rest.range(of: "url(") {
            let after = rest[open.upperBound...]
            let close = after.firstIndex(of: ")") ?? after.endIndex
            targets.append(String(after[..<close]))
            rest = after[close...]
        }
        return targets
    }

    /// `https://mmbiz.qpic.cn/…` (or `http:` / protocol-relative): an image WeChat itself serves.
    private static func isWeChatImage(_ target: String) -> Bool {
        var rest = Substring(target)
        for prefix in ["https://", "http://", "//"] where rest.hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
            let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            return imageHosts.contains(String(host))
        }
        return false
    }
}

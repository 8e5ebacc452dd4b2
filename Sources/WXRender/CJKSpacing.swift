import WXHTML

/// `typography: cjk_spacing: true`: a space between Chinese/Japanese characters and Latin letters
/// or digits (`微信5.0发布` → `微信 5.0 发布`), the convention many Chinese publications follow.
/// Runs over the body DOM so it also sees across inline markup (`中文**bold**`); code is never
/// touched. Works on Unicode scalars.
enum CJKSpacing {
    static func apply(to nodes: [HTMLNode]) -> [HTMLNode] {
        var previous: Unicode.Scalar?
        return apply(nodes, previous: &previous)
    }

    private static func apply(_ nodes: [HTMLNode], previous: inout Unicode.Scalar?) -> [HTMLNode] {
        nodes.map { node in
            switch node {
            case .text(let text):
                return .text(apply(text, previous: &previous))
            case .comment:
                return node
            case .element(var element):
                if element.tag == "code" || element.tag == "pre" || element.tag == "img" {
                    previous = nil
                    return node
                }
                let isBlock = HTMLText.blockTags.contains(element.tag) || element.tag == "br"
                if isBlock { previous = nil }
                element.children = apply(element.children, previous: &previous)
                if isBlock { previous = nil }
                return .element(element)
            }
        }
    }

    static func apply(_ text: String) -> String {
        var previous: Unicode.Scalar?
        return apply(text, previous: &previous)
    }

    private static func apply(_ text: String, previous: inout Unicode.Scalar?) -> String {
        var out = String.UnicodeScalarView()
        var changed = false
        for scalar in text.unicodeScalars {
            if let last = previous, (isCJK(last) && isLatin(scalar)) || (isLatin(last) && isCJK(scalar)) {
                out.append(" ")
                changed = true
            }
            out.append(scalar)
            previous = scalar
        }
        return changed ? String(out) : text
    }

    /// Han ideographs, kana and CJK compatibility ideographs (not punctuation: no space goes
    /// next to `，` or `。`).
    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return true
        default: return false
        }
    }

    static func isLatin(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return false
        }
    }
}

/// Rough text measurement for the checks that need "does this wrap to more than one line" and
/// "is the content taller than its box" without a layout engine: CJK and full-width characters
/// are 1 em wide, other characters about half an em, runs of white space one space.
enum TextMetrics {
    /// Width in em of `text` as a browser would lay it out with `white-space: normal`.
    static func widthInEm(_ text: String) -> Double {
        var width = 0.0
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            if isSpace(scalar) || scalar.value == 0xA0 {
                if !lastWasSpace { width += 0.3 }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
            width += isWide(scalar) ? 1 : 0.55
        }
        return width
    }

    /// Whether `text` has something visible, not only white space or no-break spaces.
    static func hasVisibleText(_ text: String) -> Bool {
        for scalar in text.unicodeScalars where !(isSpace(scalar) || scalar.value == 0xA0 || scalar.value == 0x200B || scalar.value == 0xFEFF) {
            return true
        }
        return false
    }

    /// Unicode's White_Space property, spelt out: the Unicode property tables cost a lookup per
    /// scalar in the hottest loops of the walk (text widths, shorthand values).
    @inline(__always) static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09...0x0D: return true
        case ..<0x80: return false
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3400...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFD, 0x3040...0x30FF, 0xAC00...0xD7A3: return true
        default: return false
        }
    }
}

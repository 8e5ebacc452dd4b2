/// `typography: cjk_spacing: true`: a space between Chinese/Japanese characters and Latin letters
/// or digits (`微信5.0发布` → `微信 5.0 发布`), the convention many Chinese publications follow.
/// Works on Unicode scalars; never touches code.
enum CJKSpacing {
    static func apply(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        var changed = false
        for scalar in text.unicodeScalars {
            if let previous, (isCJK(previous) && isLatin(scalar)) || (isLatin(previous) && isCJK(scalar)) {
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

/// Character classes of the CommonMark CJK-friendly amendments
/// (`../shared/oracles/cjk-friendly/ranges.md`, Unicode 17), checked with a range table rather
/// than Unicode properties: East Asian Width is not exposed by Swift's `Unicode.Scalar.Properties`.
enum CJKCharacters {
    /// UAX #11 W/F/H (minus default-emoji presentation) or Hangul: the amendment's "CJK character".
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x1100 { return false }
        if v >= 0x3250 && v <= 0xA48C { return true }  // the common case: ideographs, kana-adjacent blocks
        if v >= 0xAC00 && v <= 0xD7A3 { return true }
        if v >= 0x20000 && v <= 0x3FFFD { return true }
        var low = 0, high = ranges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if v < ranges[mid].0 { high = mid - 1 } else if v > ranges[mid].1 { low = mid + 1 } else { return true }
        }
        return false
    }

    /// Hangul syllables and jamo: CJK for emphasis, but Korean separates words with spaces, so a
    /// line break between two Hangul characters still means a space.
    static func isHangul(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (0x1100...0x11FF).contains(v) || (0x3131...0x318E).contains(v) || (0xA960...0xA97C).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xD7B0...0xD7FB).contains(v) || (0xFFA0...0xFFDC).contains(v)
    }

    /// U+FE00–U+FE0E: the "non-emoji general-use variation selectors".
    static func isNonEmojiVariationSelector(_ scalar: Unicode.Scalar) -> Bool {
        (0xFE00...0xFE0E).contains(scalar.value)
    }

    /// U+E0100–U+E01EF.
    static func isIdeographicVariationSelector(_ scalar: Unicode.Scalar) -> Bool {
        (0xE0100...0xE01EF).contains(scalar.value)
    }

    /// ranges.md, "CJK characters" (sorted, inclusive).
    private static let ranges: [(UInt32, UInt32)] = [
        (0x1100, 0x11FF), (0x20A9, 0x20A9), (0x2329, 0x232A), (0x2630, 0x2637), (0x268A, 0x268F),
        (0x2E80, 0x2E99), (0x2E9B, 0x2EF3), (0x2F00, 0x2FD5), (0x2FF0, 0x303E), (0x3041, 0x3096),
        (0x3099, 0x30FF), (0x3105, 0x312F), (0x3131, 0x318E), (0x3190, 0x31E5), (0x31EF, 0x321E),
        (0x3220, 0x3247), (0x3250, 0xA48C), (0xA490, 0xA4C6), (0xA960, 0xA97C), (0xAC00, 0xD7A3),
        (0xD7B0, 0xD7C6), (0xD7CB, 0xD7FB), (0xF900, 0xFAFF), (0xFE10, 0xFE19), (0xFE30, 0xFE52),
        (0xFE54, 0xFE66), (0xFE68, 0xFE6B), (0xFF01, 0xFFBE), (0xFFC2, 0xFFC7), (0xFFCA, 0xFFCF),
        (0xFFD2, 0xFFD7), (0xFFDA, 0xFFDC), (0xFFE0, 0xFFE6), (0xFFE8, 0xFFEE), (0x16FE0, 0x16FE4),
        (0x16FF0, 0x16FF6), (0x17000, 0x18CD5), (0x18CFF, 0x18D1E), (0x18D80, 0x18DF2), (0x1AFF0, 0x1AFF3),
        (0x1AFF5, 0x1AFFB), (0x1AFFD, 0x1AFFE), (0x1B000, 0x1B122), (0x1B132, 0x1B132), (0x1B150, 0x1B152),
        (0x1B155, 0x1B155), (0x1B164, 0x1B167), (0x1B170, 0x1B2FB), (0x1D300, 0x1D356), (0x1D360, 0x1D376),
        (0x1F200, 0x1F200), (0x1F202, 0x1F202), (0x1F210, 0x1F219), (0x1F21B, 0x1F22E), (0x1F230, 0x1F231),
        (0x1F237, 0x1F237), (0x1F23B, 0x1F23B), (0x1F240, 0x1F248), (0x1F260, 0x1F265), (0x20000, 0x3FFFD),
    ]
}

/// Trimming white space without Foundation: `trimmingCharacters(in: .whitespaces)` bridges to
/// NSString and copies even when there is nothing to trim (4 % of compiling a post went there).
/// The sets are Foundation's, scalar for scalar, so results are the same.
extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)`: space separators (Zs) and tab at either end.
    public func trimmingWhitespace() -> String { trimming(Self.isWhitespace) }

    /// `trimmingCharacters(in: .whitespacesAndNewlines)`: also line and paragraph separators.
    public func trimmingWhitespaceAndNewlines() -> String {
        trimming { Self.isWhitespace($0) || Self.isNewline($0) }
    }

    private func trimming(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = Substring(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }) else { return "" }
        var end = scalars.endIndex
        while end > first, isTrimmed(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        if first == scalars.startIndex, end == scalars.endIndex, let whole = self as? String { return whole }
        return String(scalars[first..<end])
    }

    /// CharacterSet.whitespaces: Unicode general category Zs, tab, and (as Foundation still has
    /// it) U+200B ZERO WIDTH SPACE.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// CharacterSet.newlines: U+000A–U+000D, U+0085, U+2028, U+2029.
    static func isNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }
}

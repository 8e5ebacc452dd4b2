/// Trimming as Foundation's `trimmingCharacters(in: .whitespaces)` and `(in: .whitespacesAndNewlines)`
/// do it, without bridging to NSString: a string with nothing to trim (the common case: a URL, a
/// reference, a front-matter value) is returned as it is after looking at its first and last byte.
public enum TrimmedCharacters: Sendable {
    /// Unicode's space separators (Zs), the zero-width space and the tab, as `CharacterSet.whitespaces`.
    case whitespaces
    /// Those and the line separators (U+000A–U+000D, U+0085, U+2028, U+2029), as `CharacterSet.whitespacesAndNewlines`.
    case whitespacesAndNewlines

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return self == .whitespacesAndNewlines
        default: return false
        }
    }
}

extension StringProtocol {
    /// This text without the leading and trailing `characters`.
    public func trimming(_ characters: TrimmedCharacters) -> String {
        let text = Substring(self)
        let utf8 = text.utf8
        // Every trimmed character is either ASCII white space or starts with a byte ≥ 0x80 (and
        // ends with one); printable ASCII at both ends means there is nothing to trim.
        guard let first = utf8.first, let last = utf8.last else { return "" }
        func printableASCII(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x80 }
        if printableASCII(first) && printableASCII(last) { return String(self) }
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, characters.contains(scalars[start]) { start = scalars.index(after: start) }
        while end > start, characters.contains(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        // Text such as `编辑部` starts with a byte ≥ 0x80 and has nothing to trim either.
        if start == scalars.startIndex, end == scalars.endIndex { return String(self) }
        // The kept scalars' bytes in one copy (appending them one by one was most of the cost).
        return String(Substring(scalars[start..<end]))
    }
}

/// Counting Unicode scalars in UTF-8 without decoding: every byte that is not a continuation
/// byte (`10xxxxxx`) starts one. Eight bytes at a time: the article-length check and every
/// element's `line:col` count scalars over whole articles and lines.
public enum UTF8Scalars {
    /// The scalars starting in `bytes[range]` (a range of byte offsets).
    public static func count(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Int {
        guard let base = bytes.baseAddress, !range.isEmpty else { return 0 }
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count)
        var count = 0
        var i = range.lowerBound
        let high: UInt64 = 0x8080_8080_8080_8080
        while i + 8 <= range.upperBound {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            // A continuation byte has bit 7 set and bit 6 clear.
            let continuation = word & ~(word << 1) & high
            count += 8 - continuation.nonzeroBitCount
            i += 8
        }
        while i < range.upperBound {
            if base[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count
    }

    /// The scalars of `text`.
    public static func count(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { count($0, in: 0..<$0.count) }
    }
}

/// Counting Unicode scalars in UTF-8 without decoding: every byte that is not a continuation
/// byte (`10xxxxxx`) starts one, counted in vector code: the article-length check and every
/// element's `line:col` count scalars over whole articles and lines.
public enum UTF8Scalars {
    /// The scalars starting in `bytes[range]` (a range of byte offsets).
    public static func count(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Int {
        guard let base = bytes.baseAddress, !range.isEmpty else { return 0 }
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count)
        // One compare per byte, counted in a byte 255 at a time: the compiler turns it into vector
        // code (about 8× a word at a time with a population count).
        var count = 0
        var i = range.lowerBound
        let upper = range.upperBound
        while i < upper {
            let end = min(upper, i &+ 255)
            var chunk: UInt8 = 0
            while i < end {
                chunk &+= Int8(bitPattern: base[i]) >= -64 ? 1 : 0
                i &+= 1
            }
            count &+= Int(chunk)
        }
        return count
    }

    /// The scalars of `text`.
    public static func count(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { count($0, in: 0..<$0.count) }
    }
}

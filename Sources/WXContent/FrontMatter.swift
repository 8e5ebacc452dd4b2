/// Splits a post into its front matter block and the Markdown body, the way Jekyll and Hugo do:
/// YAML between `---` lines, TOML between `+++` lines. Line numbers are kept so positions inside
/// the block can be mapped back to the file.
public struct FrontMatter: Sendable, Equatable {
    /// Which language the block is written in, told by its fence.
    public enum Format: String, Sendable, Equatable {
        /// `---` … `---` (or `...`): Jekyll, Hugo.
        case yaml
        /// `+++` … `+++`: Hugo.
        case toml

        public var fence: String { self == .yaml ? "---" : "+++" }
    }

    /// The text between the fences (empty when the post has none).
    public var text: String
    /// 1-based file line of the block's first line.
    public var textStartLine: Int
    public var format: Format
    public var body: String
    /// 1-based file line where the body starts.
    public var bodyStartLine: Int
    /// Whether a front matter block was present at all.
    public var isPresent: Bool

    public enum SplitError: Error, Equatable {
        /// The opening fence was found but never closed; carries the opening line and the fence.
        case unterminated(line: Int, format: Format)
    }

    /// `text` may start with a BOM and use CRLF line endings; both are normalised away.
    public static func split(_ text: String) throws(SplitError) -> FrontMatter {
        var source = text
        if source.unicodeScalars.first == "\u{FEFF}" { source.unicodeScalars.removeFirst() }
        if source.utf8.contains(13) {
            source = source.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        // Lines as UTF-8 ranges: no per-Character walking.
        let bytes = Array(source.utf8)
        var lineStarts = [0]
        for (i, b) in bytes.enumerated() where b == 10 { lineStarts.append(i + 1) }
        func line(_ n: Int) -> ArraySlice<UInt8> {
            let start = lineStarts[n]
            let end = n + 1 < lineStarts.count ? lineStarts[n + 1] - 1 : bytes.count
            return bytes[start..<max(start, end)]
        }
        func isFence(_ n: Int, _ format: Format, closing: Bool) -> Bool {
            var l = Array(line(n))
            while let last = l.last, last == 32 || last == 9 { l.removeLast() }
            return l == Array(format.fence.utf8) || (closing && format == .yaml && l == Array("...".utf8))
        }
        guard !bytes.isEmpty, let format = [Format.yaml, .toml].first(where: { isFence(0, $0, closing: false) }) else {
            return FrontMatter(text: "", textStartLine: 1, format: .yaml, body: source, bodyStartLine: 1, isPresent: false)
        }
        var n = 1
        while n < lineStarts.count {
            if isFence(n, format, closing: true) {
                let textStart = lineStarts[1]
                let textEnd = lineStarts[n]
                let bodyStart = n + 1 < lineStarts.count ? lineStarts[n + 1] : bytes.count
                return FrontMatter(
                    text: String(decoding: bytes[min(textStart, textEnd)..<textEnd], as: UTF8.self),
                    textStartLine: 2, format: format,
                    body: String(decoding: bytes[bodyStart...], as: UTF8.self),
                    bodyStartLine: n + 2,
                    isPresent: true)
            }
            n += 1
        }
        throw .unterminated(line: 1, format: format)
    }

    /// The block's text when it is YAML (kept for callers written before TOML was read).
    public var yaml: String { format == .yaml ? text : "" }
    public var yamlStartLine: Int { textStartLine }
}

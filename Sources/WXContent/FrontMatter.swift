/// Splits a post into its `---` front matter block and the Markdown body, the way Jekyll and Hugo do.
/// Line numbers are kept so YAML positions can be mapped back to the file.
public struct FrontMatter: Sendable, Equatable {
    /// The YAML between the fences (empty when the post has none).
    public var yaml: String
    /// 1-based file line of the YAML's first line.
    public var yamlStartLine: Int
    public var body: String
    /// 1-based file line where the body starts.
    public var bodyStartLine: Int
    /// Whether a front matter block was present at all.
    public var isPresent: Bool

    public enum SplitError: Error, Equatable {
        /// The opening `---` was found but never closed; carries the opening line.
        case unterminated(line: Int)
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
        func isFence(_ n: Int, closing: Bool) -> Bool {
            var l = Array(line(n))
            while let last = l.last, last == 32 || last == 9 { l.removeLast() }
            return l == Array("---".utf8) || (closing && l == Array("...".utf8))
        }
        guard !bytes.isEmpty, isFence(0, closing: false) else {
            return FrontMatter(yaml: "", yamlStartLine: 1, body: source, bodyStartLine: 1, isPresent: false)
        }
        var n = 1
        while n < lineStarts.count {
            if isFence(n, closing: true) {
                let yamlStart = lineStarts[1]
                let yamlEnd = lineStarts[n]
                let bodyStart = n + 1 < lineStarts.count ? lineStarts[n + 1] : bytes.count
                return FrontMatter(
                    yaml: String(decoding: bytes[min(yamlStart, yamlEnd)..<yamlEnd], as: UTF8.self),
                    yamlStartLine: 2,
                    body: String(decoding: bytes[bodyStart...], as: UTF8.self),
                    bodyStartLine: n + 2,
                    isPresent: true)
            }
            n += 1
        }
        throw .unterminated(line: 1)
    }
}

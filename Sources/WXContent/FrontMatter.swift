import Foundation

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
        if source.withUTF8({ bytes in bytes.baseAddress.map { memchr($0, 13, bytes.count) != nil } ?? false }) {
            source = source.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        // Lines as UTF-8 offsets, read only as far as the closing fence: no per-Character walking,
        // no copy of the body's bytes.
        let scan: (format: Format, textStart: Int, textEnd: Int, bodyStart: Int, closingLine: Int)?? = source.withUTF8 { bytes in
            /// The end of the line starting at `start` (its newline, or the end of the text).
            func lineEnd(_ start: Int) -> Int {
                var end = start
                while end < bytes.count, bytes[end] != 10 { end += 1 }
                return end
            }
            func isFence(_ start: Int, _ end: Int, _ format: Format, closing: Bool) -> Bool {
                var end = end
                while end > start, bytes[end - 1] == 32 || bytes[end - 1] == 9 { end -= 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                return line.elementsEqual(format.fence.utf8) || (closing && format == .yaml && line.elementsEqual("...".utf8))
            }
            let firstEnd = lineEnd(0)
            guard !bytes.isEmpty, let format = [Format.yaml, .toml].first(where: { isFence(0, firstEnd, $0, closing: false) }) else {
                return .some(nil)
            }
            let textStart = min(firstEnd + 1, bytes.count)
            var start = textStart
            var line = 2
            while firstEnd < bytes.count, start <= bytes.count {
                let end = lineEnd(start)
                if isFence(start, end, format, closing: true) {
                    return (format, textStart, start, min(end + 1, bytes.count), line)
                }
                if end >= bytes.count { break }
                start = end + 1
                line += 1
            }
            return nil
        }
        guard let outcome = scan else { throw .unterminated(line: 1, format: source.utf8.first == UInt8(ascii: "+") ? .toml : .yaml) }
        guard let found = outcome else {
            return FrontMatter(text: "", textStartLine: 1, format: .yaml, body: source, bodyStartLine: 1, isPresent: false)
        }
        let utf8 = source.utf8
        func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
        return FrontMatter(
            text: String(source[index(found.textStart)..<index(max(found.textStart, found.textEnd))]),
            textStartLine: 2, format: found.format,
            body: String(source[index(found.bodyStart)...]),
            bodyStartLine: found.closingLine + 1,
            isPresent: true)
    }

    /// The block's text when it is YAML (kept for callers written before TOML was read).
    public var yaml: String { format == .yaml ? text : "" }
    public var yamlStartLine: Int { textStartLine }
}

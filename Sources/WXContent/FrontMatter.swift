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
        let outcome = source.withUTF8 { locate(in: $0) }
        guard let found = try outcome.get() else {
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

    /// `split(_:)` of a file's bytes, which are checked to be UTF-8 here: nil when they are not.
    /// Reading a post this way validates and copies each byte once (text from `Data` was
    /// validated twice and copied three times before the body stood alone). Up to two BOMs are
    /// dropped: the one decoding a file as text drops, then the one `split(_:)` drops.
    public static func split(utf8 file: [UInt8]) throws(SplitError) -> FrontMatter? {
        var start = 0
        while start < 6, file[start...].starts(with: byteOrderMark) { start += 3 }
        let outcome: Result<Located?, SplitError>
        var normalized: [UInt8] = []
        if file.withUnsafeBufferPointer({ all in all.baseAddress.map { memchr($0 + start, 13, all.count - start) != nil } ?? false }) {
            normalized = withoutCarriageReturns(file[start...])
            start = 0
            outcome = normalized.withUnsafeBufferPointer { locate(in: $0) }
        } else {
            outcome = file.withUnsafeBufferPointer { locate(in: UnsafeBufferPointer(rebasing: $0[start...])) }
        }
        return try (normalized.isEmpty ? file : normalized).withUnsafeBufferPointer { (all) throws(SplitError) -> FrontMatter? in
            let bytes = UnsafeBufferPointer(rebasing: all[start...])
            func text(_ range: Range<Int>) -> String? { String(validating: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
            let found: Located?
            switch outcome {
            case .success(let located): found = located
            case .failure(let error):
                // Bytes that are not UTF-8 are the first thing to report, before any fence.
                guard text(0..<bytes.count) != nil else { return nil }
                throw error
            }
            guard let found else {
                return text(0..<bytes.count).map { FrontMatter(text: "", textStartLine: 1, format: .yaml, body: $0, bodyStartLine: 1, isPresent: false) }
            }
            // The cuts fall at line starts and the fence lines are ASCII, so the two pieces are
            // UTF-8 exactly when the whole is.
            guard let block = text(found.textStart..<max(found.textStart, found.textEnd)), let body = text(found.bodyStart..<bytes.count) else {
                return nil
            }
            return FrontMatter(text: block, textStartLine: 2, format: found.format, body: body, bodyStartLine: found.closingLine + 1, isPresent: true)
        }
    }

    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// `\r\n` and a lone `\r` each become `\n`, as `split(_:)` does to text.
    static func withoutCarriageReturns(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let byte = bytes[i]
            i += 1
            if byte == 13 {
                if i < bytes.endIndex, bytes[i] == 10 { continue }
                out.append(10)
            } else {
                out.append(byte)
            }
        }
        return out
    }

    /// Where the block lies, as UTF-8 offsets into the normalised text.
    struct Located {
        var format: Format
        var textStart: Int
        var textEnd: Int
        var bodyStart: Int
        /// 1-based line of the closing fence.
        var closingLine: Int
    }

    /// Lines as UTF-8 offsets, read only as far as the closing fence: no per-Character walking,
    /// no copy of the body's bytes. Nil when there is no block; an error when it is never closed.
    static func locate(in bytes: UnsafeBufferPointer<UInt8>) -> Result<Located?, SplitError> {
        /// The end of the line starting at `start` (its newline, or the end of the text).
        func lineEnd(_ start: Int) -> Int {
            guard start < bytes.count, let newline = memchr(bytes.baseAddress! + start, 10, bytes.count - start) else { return bytes.count }
            return bytes.baseAddress!.distance(to: newline.assumingMemoryBound(to: UInt8.self))
        }
        func isFence(_ start: Int, _ end: Int, _ format: Format, closing: Bool) -> Bool {
            var end = end
            while end > start, bytes[end - 1] == 32 || bytes[end - 1] == 9 { end -= 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
            return line.elementsEqual(format.fence.utf8) || (closing && format == .yaml && line.elementsEqual("...".utf8))
        }
        let firstEnd = lineEnd(0)
        guard !bytes.isEmpty, let format = [Format.yaml, .toml].first(where: { isFence(0, firstEnd, $0, closing: false) }) else {
            return .success(nil)
        }
        let textStart = min(firstEnd + 1, bytes.count)
        var start = textStart
        var line = 2
        while firstEnd < bytes.count, start <= bytes.count {
            let end = lineEnd(start)
            if isFence(start, end, format, closing: true) {
                return .success(Located(format: format, textStart: textStart, textEnd: start, bodyStart: min(end + 1, bytes.count), closingLine: line))
            }
            if end >= bytes.count { break }
            start = end + 1
            line += 1
        }
        return .failure(.unterminated(line: 1, format: bytes.first == UInt8(ascii: "+") ? .toml : .yaml))
    }

    /// The block's text when it is YAML (kept for callers written before TOML was read).
    public var yaml: String { format == .yaml ? text : "" }
    public var yamlStartLine: Int { textStartLine }
}

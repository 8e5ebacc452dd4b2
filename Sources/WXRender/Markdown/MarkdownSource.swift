import Foundation

/// The Markdown body as UTF-8 bytes with its line starts, addressed the way cmark reports
/// positions (1-based line, 1-based byte column). The Markdown pass reads delimiter characters
/// and table rows through it instead of trusting cmark's decoded text, which has lost escapes.
struct MarkdownSource: Sendable {
    let bytes: [UInt8]
    /// Byte offset where each line starts (index 0 = line 1).
    let lineStarts: [Int]

    init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        starts.reserveCapacity(bytes.count / 40 + 1)
        bytes.withUnsafeBufferPointer { buffer in
            // memchr: lines of running text are hundreds of bytes long.
            guard let base = buffer.baseAddress else { return }
            var i = 0
            while i < buffer.count, let found = memchr(base + i, 10, buffer.count - i) {
                i = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base + 1
                starts.append(i)
            }
        }
        lineStarts = starts
    }

    var lineCount: Int { lineStarts.count }

    /// The bytes of `line` without its line ending.
    func line(_ line: Int) -> ArraySlice<UInt8> {
        guard line >= 1, line <= lineStarts.count else { return [] }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return bytes[start..<max(start, end)]
    }

    /// Byte offset of `line:column`, or nil when outside the text.
    func offset(line: Int, column: Int) -> Int? {
        guard line >= 1, line <= lineStarts.count, column >= 1 else { return nil }
        let offset = lineStarts[line - 1] + column - 1
        return offset < bytes.count ? offset : nil
    }

    /// cmark's `line:column` of a byte offset.
    func position(of offset: Int) -> (line: Int, column: Int) {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return (low + 1, offset - lineStarts[low] + 1)
    }

    /// `position(of:)` trying first the line `hint` (0-based) found last: a paragraph's
    /// positions are asked in order, mostly on one line. `hint` becomes the line found.
    func position(of offset: Int, hint: inout Int) -> (line: Int, column: Int) {
        let line = hint
        if line >= 0, line < lineStarts.count, lineStarts[line] <= offset, line + 1 == lineStarts.count || offset < lineStarts[line + 1] {
            return (line + 1, offset - lineStarts[line] + 1)
        }
        let found = position(of: offset)
        hint = found.line - 1
        return found
    }

    /// The scalar that ends just before byte `offset` (nil at the start of the text).
    func scalar(before offset: Int) -> Unicode.Scalar? {
        var start = offset - 1
        guard start >= 0 else { return nil }
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return Self.decode(bytes, at: start)?.scalar
    }

    /// The scalar that starts at byte `offset` (nil at the end of the text).
    func scalar(at offset: Int) -> Unicode.Scalar? {
        guard offset < bytes.count else { return nil }
        return Self.decode(bytes, at: offset)?.scalar
    }

    /// The scalar ending just before index `i` of `bytes` (UTF-8).
    func scalarBefore(_ bytes: [UInt8], _ i: Int) -> Unicode.Scalar? {
        var start = i - 1
        guard start >= 0 else { return nil }
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return Self.decode(bytes, at: start)?.scalar
    }

    /// Decodes one UTF-8 scalar starting at `index`.
    static func decode<C: RandomAccessCollection>(_ bytes: C, at index: C.Index) -> (scalar: Unicode.Scalar, length: Int)?
    where C.Element == UInt8 {
        guard index < bytes.endIndex else { return nil }
        let lead = bytes[index]
        let length: Int
        var value: UInt32
        switch lead {
        case 0..<0x80: return (Unicode.Scalar(lead), 1)
        case 0xC0..<0xE0: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0..<0xF0: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0..<0xF8: length = 4; value = UInt32(lead & 0x07)
        default: return nil
        }
        var i = bytes.index(after: index)
        for _ in 1..<length {
            guard i < bytes.endIndex, bytes[i] & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(bytes[i] & 0x3F)
            i = bytes.index(after: i)
        }
        return Unicode.Scalar(value).map { ($0, length) }
    }
}

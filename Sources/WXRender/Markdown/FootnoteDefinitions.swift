import Foundation

/// Takes GFM footnote definitions (`[^label]: …` and the indented lines that continue it) out
/// of the body before cmark sees it: plain CommonMark would read `[^label]: text` as a link
/// reference definition and drop it. Each definition's lines are blanked in the text cmark
/// parses (so every other line keeps its number) and returned with a `Relocation` to parse
/// them on their own. Only definitions at the top level are taken (not inside quotes or lists);
/// fenced and indented code is skipped, so a `[^x]:` line inside code stays code.
struct FootnoteDefinitions {
    struct Definition {
        var label: String
        var line: Int
        var column: Int
        var content: String
        var relocation: Relocation
    }

    var mainText: String
    var definitions: [Definition]
    /// Lines that look like link reference definitions (`[label]: url`): cmark consumed them from
    /// the body, and table cells, parsed on their own, need them to resolve `[text][label]`.
    var referenceDefinitions: String

    /// No definitions taken: plain CommonMark.
    init(plain text: String) {
        mainText = text
        definitions = []
        referenceDefinitions = ""
    }

    init(_ source: MarkdownSource, text: String) {
        var definitions: [Definition] = []
        var references: [UInt8] = []
        var blanked: [ClosedRange<Int>] = []
        var fence: (marker: UInt8, length: Int)?
        var inParagraph = false
        var lineNumber = 1
        let count = source.lineCount
        while lineNumber <= count {
            let line = source.line(lineNumber)
            let (indent, restStart) = Self.indentation(line)
            let rest = line[restStart...]
            // Fences open and close inside quotes and list items too: look past their markers.
            let inner = line[Self.containerContentStart(line)...]
            if let open = fence {
                let run = inner.prefix { $0 == open.marker }.count
                if run >= open.length, inner.dropFirst(run).allSatisfy({ $0 == 32 || $0 == 9 }) { fence = nil }
                lineNumber += 1
                continue
            }
            if let marker = inner.first, marker == UInt8(ascii: "`") || marker == UInt8(ascii: "~"), inner.startIndex != restStart {
                let run = inner.prefix { $0 == marker }.count
                if run >= 3, marker == UInt8(ascii: "~") || !inner.dropFirst(run).contains(UInt8(ascii: "`")) {
                    fence = (marker, run)
                    inParagraph = false
                    lineNumber += 1
                    continue
                }
            }
            if rest.isEmpty {
                inParagraph = false
                lineNumber += 1
                continue
            }
            if indent >= 4 && !inParagraph {
                lineNumber += 1
                continue
            }
            if indent < 4, let marker = rest.first, marker == UInt8(ascii: "`") || marker == UInt8(ascii: "~") {
                let run = rest.prefix { $0 == marker }.count
                if run >= 3, marker == UInt8(ascii: "~") || !rest.dropFirst(run).contains(UInt8(ascii: "`")) {
                    fence = (marker, run)
                    inParagraph = false
                    lineNumber += 1
                    continue
                }
            }
            if indent < 4, let (label, contentStart) = Self.definitionStart(line, from: restStart) {
                var relocation = Relocation(lines: [Relocation.Line(line: lineNumber, columnOffset: contentStart - line.startIndex)])
                var content = String(decoding: line[contentStart...], as: UTF8.self)
                var lastWasText = contentStart < line.endIndex
                var next = lineNumber + 1
                var pendingBlanks = 0
                var end = lineNumber
                while next <= count {
                    let candidate = source.line(next)
                    let (candidateIndent, candidateRest) = Self.indentation(candidate)
                    if candidateRest == candidate.endIndex {
                        pendingBlanks += 1
                        next += 1
                        continue
                    }
                    let cut: Int
                    if candidateIndent >= 4 {
                        cut = Self.dedent(candidate, columns: 4)
                    } else if pendingBlanks == 0, lastWasText, !Self.startsBlock(candidate, from: candidateRest) {
                        cut = candidate.startIndex  // a lazy continuation line
                    } else {
                        break
                    }
                    for blank in 0..<pendingBlanks {
                        content += "\n"
                        relocation.lines.append(Relocation.Line(line: next - pendingBlanks + blank, columnOffset: 0))
                    }
                    content += "\n" + String(decoding: candidate[cut...], as: UTF8.self)
                    relocation.lines.append(Relocation.Line(line: next, columnOffset: cut - candidate.startIndex))
                    pendingBlanks = 0
                    lastWasText = true
                    end = next
                    next += 1
                }
                definitions.append(Definition(
                    label: label, line: lineNumber, column: restStart - line.startIndex + 1, content: content, relocation: relocation))
                blanked.append(lineNumber...end)
                lineNumber = end + 1
                inParagraph = false
                continue
            }
            if indent < 4, rest.first == UInt8(ascii: "["), rest.dropFirst().first != UInt8(ascii: "^"),
               rest.contains(UInt8(ascii: ":")) {
                references += rest
                references.append(10)
            }
            inParagraph = true
            lineNumber += 1
        }
        self.definitions = definitions
        referenceDefinitions = String(decoding: references, as: UTF8.self)
        if blanked.isEmpty {
            mainText = text
        } else {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(source.bytes.count)
            var previousEnd = 0
            for range in blanked {
                let start = source.lineStarts[range.lowerBound - 1]
                bytes += source.bytes[previousEnd..<start]
                for l in range where l < source.lineCount { bytes.append(UInt8(ascii: "\n")) }
                previousEnd = range.upperBound < source.lineCount ? source.lineStarts[range.upperBound] : source.bytes.count
            }
            bytes += source.bytes[previousEnd...]
            mainText = String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Whether some line's first byte after spaces and tabs is `[`: without one there is neither
    /// a footnote nor a link reference definition to take, and the line-by-line scan is skipped.
    static func mayHoldDefinitions(_ source: MarkdownSource) -> Bool {
        source.bytes.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return false }
            var i = 0
            while i < bytes.count, let found = memchr(base + i, Int32(UInt8(ascii: "[")), bytes.count - i) {
                let bracket = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
                var j = bracket
                while j > 0, bytes[j - 1] == 32 || bytes[j - 1] == 9 { j -= 1 }
                if j == 0 || bytes[j - 1] == 10 { return true }
                i = bracket + 1
            }
            return false
        }
    }

    /// Where a line's text starts after block-quote markers and list-item markers.
    static func containerContentStart(_ line: ArraySlice<UInt8>) -> Int {
        var i = line.startIndex
        while true {
            while i < line.endIndex, line[i] == 32 || line[i] == 9 { i += 1 }
            guard i < line.endIndex else { return i }
            let b = line[i]
            if b == UInt8(ascii: ">") {
                i += 1
            } else if b == UInt8(ascii: "-") || b == UInt8(ascii: "*") || b == UInt8(ascii: "+"), i + 1 < line.endIndex,
                      line[i + 1] == 32 || line[i + 1] == 9 {
                i += 2
            } else if (48...57).contains(b) {
                var j = i
                while j < line.endIndex, (48...57).contains(line[j]) { j += 1 }
                guard j + 1 < line.endIndex, line[j] == UInt8(ascii: ".") || line[j] == UInt8(ascii: ")"),
                      line[j + 1] == 32 || line[j + 1] == 9 else { return i }
                i = j + 2
            } else {
                return i
            }
        }
    }

    /// Columns of leading white space (tabs to the next multiple of 4) and where the rest starts.
    static func indentation(_ line: ArraySlice<UInt8>) -> (Int, Int) {
        var columns = 0
        var i = line.startIndex
        while i < line.endIndex {
            if line[i] == 32 { columns += 1 } else if line[i] == 9 { columns += 4 - columns % 4 } else { break }
            i += 1
        }
        return (columns, i)
    }

    /// Index after removing up to `columns` columns of indentation.
    static func dedent(_ line: ArraySlice<UInt8>, columns: Int) -> Int {
        var removed = 0
        var i = line.startIndex
        while i < line.endIndex, removed < columns {
            if line[i] == 32 { removed += 1 } else if line[i] == 9 { removed += 4 - removed % 4 } else { break }
            i += 1
        }
        return i
    }

    /// `[^label]:` at `from`: the label and where the content after it (and its spaces) starts.
    static func definitionStart(_ line: ArraySlice<UInt8>, from: Int) -> (String, Int)? {
        guard from + 4 < line.endIndex + 1, line[from] == UInt8(ascii: "["), from + 1 < line.endIndex,
              line[from + 1] == UInt8(ascii: "^") else { return nil }
        var i = from + 2
        while i < line.endIndex, line[i] != UInt8(ascii: "]") {
            let b = line[i]
            if b == 32 || b == 9 || b == UInt8(ascii: "[") || b == UInt8(ascii: "\\") { return nil }
            i += 1
        }
        guard i < line.endIndex, i > from + 2, i + 1 < line.endIndex, line[i + 1] == UInt8(ascii: ":") else { return nil }
        let label = String(decoding: line[(from + 2)..<i], as: UTF8.self)
        var content = i + 2
        while content < line.endIndex, line[content] == 32 || line[content] == 9 { content += 1 }
        return (label, content)
    }

    /// Whether a line would start a block of its own rather than continue a paragraph lazily.
    static func startsBlock(_ line: ArraySlice<UInt8>, from: Int) -> Bool {
        let rest = line[from...]
        guard let first = rest.first else { return true }
        switch first {
        case UInt8(ascii: "#"), UInt8(ascii: ">"), UInt8(ascii: "<"): return true
        case UInt8(ascii: "`"), UInt8(ascii: "~"): return rest.prefix { $0 == first }.count >= 3
        case UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "_"):
            let next = rest.dropFirst().first
            return next == nil || next == 32 || next == 9 || rest.filter { $0 != 32 && $0 != 9 }.allSatisfy { $0 == first }
        case UInt8(ascii: "["): return definitionStart(line, from: from) != nil
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            let digits = rest.prefix { (48...57).contains($0) }.count
            let after = rest.dropFirst(digits)
            guard let marker = after.first, marker == UInt8(ascii: ".") || marker == UInt8(ascii: ")") else { return false }
            let space = after.dropFirst().first
            return space == nil || space == 32 || space == 9
        default: return false
        }
    }
}

import Foundation

/// Template syntax from the tools posts are migrated from — Jekyll's Liquid (`{% include x %}`,
/// `{{ page.title }}`) and Hugo's shortcodes (`{{< figure >}}`, `{{% note %}}`) — which wxpub does
/// not run, so it would reach readers as literal braces. Found outside code by one byte scan that
/// knows fenced and indented code blocks and code spans. The tools' own ways of writing such syntax
/// as text are honoured: `{% raw %}…{% endraw %}` is unwrapped, and Hugo's `{{</* x */>}}` becomes `{{< x >}}`.
public struct TemplateSyntax: Sendable, Equatable {
    /// The body with every `{% raw %}` and `{% endraw %}` tag and the comment marks of `{{</* x */>}}`
    /// removed (newlines kept, so lines keep their numbers).
    public var body: String
    public var findings: [Finding]

    public enum Tool: String, Sendable, Equatable {
        case jekyll = "Jekyll"
        case hugo = "Hugo"
    }

    public enum Kind: String, Sendable, Equatable {
        /// `{% include x %}`
        case liquidTag = "Liquid tag"
        /// `{{ page.title }}`
        case liquidOutput = "Liquid output"
        /// `{{< figure >}}`, `{{% note %}}`
        case shortcode = "shortcode"
    }

    public struct Finding: Sendable, Equatable {
        public var tool: Tool
        public var kind: Kind
        /// The construct as written (shortened when long).
        public var text: String
        /// 1-based line within the body and 1-based column in Unicode scalars.
        public var line: Int
        public var column: Int
    }

    /// Scans `body`; costs one search for `{` when there is no template syntax at all.
    public static func scan(_ body: String) -> TemplateSyntax {
        // Most posts hold no `{{` or `{%`: tell so without copying the body.
        var source = body
        guard source.withUTF8({ hasOpeningBraces($0) }) else { return TemplateSyntax(body: body, findings: []) }
        let bytes = Array(body.utf8)
        var scanner = Scanner(bytes: bytes)
        scanner.run()
        var output = bytes
        for range in scanner.removals.reversed() {
            output.replaceSubrange(range, with: bytes[range].filter { $0 == 10 })
        }
        let text = scanner.removals.isEmpty ? body : String(decoding: output, as: UTF8.self)
        return TemplateSyntax(body: text, findings: scanner.findings)
    }

    static func hasOpeningBraces(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var i = 0
        while i + 1 < bytes.count {
            // The next `{`, found by memchr.
            guard let brace = memchr(base + i, 123, bytes.count - i) else { return false }
            i = base.distance(to: brace.assumingMemoryBound(to: UInt8.self))
            if i + 1 < bytes.count, bytes[i + 1] == 123 || bytes[i + 1] == 37 { return true }
            i += 1
        }
        return false
    }
}

extension TemplateSyntax {
    struct Line {
        var start: Int
        var end: Int
        var isBlank: Bool
        var isCode: Bool
    }

    struct Scanner {
        let bytes: [UInt8]
        var lines: [Line] = []
        var findings: [Finding] = []
        var removals: [Range<Int>] = []
        /// Searches that found nothing (closer → where it was searched from, up to which limit): a later
        /// search for the same closer in the same stretch cannot succeed either, so the scan stays linear.
        var failedCloser: [[UInt8]: (from: Int, limit: Int)] = [:]
        var failedBackticks: [Int: (from: Int, limit: Int)] = [:]
        var endrawMissingFrom: Int?
        /// The last finding's line, byte offset and column.
        var columnMark = (line: -1, offset: 0, column: 1)

        init(bytes: [UInt8]) {
            self.bytes = bytes
            lines = Self.classify(bytes)
        }

        /// Marks the lines of fenced and indented code blocks (inside block quotes and lists too).
        static func classify(_ bytes: [UInt8]) -> [Line] {
            var lines: [Line] = []
            var start = 0
            var fence: (char: UInt8, count: Int)?
            var previousBlank = true
            var previousIndentedCode = false
            var inList = false
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 10 { end += 1 }
                // Block-quote markers and indentation.
                var i = start
                var indent = 0
                while i < end {
                    if bytes[i] == 32 { indent += 1 } else if bytes[i] == 9 { indent += 4 - indent % 4 } else if bytes[i] == 62 { indent = 0 } else { break }
                    i += 1
                }
                let isBlank = i == end
                var isCode = false
                if fence == nil, !isBlank, indent < 4 {
                    // A list lasts until a line at the left margin that is not an item (after a blank, or a fence).
                    if Self.startsListItem(bytes, at: i, end: end) {
                        inList = true
                    } else if bytes[start] != 32, bytes[start] != 9, previousBlank || Self.fenceRun(bytes, at: i, end: end) != nil {
                        inList = false
                    }
                }
                if let open = fence {
                    isCode = true
                    if Self.fenceRun(bytes, at: i, end: end).map({ $0.char == open.char && $0.count >= open.count && $0.closesCleanly }) == true {
                        fence = nil
                    }
                } else if let run = Self.fenceRun(bytes, at: i, end: end), run.count >= 3, run.infoIsValid {
                    isCode = true
                    fence = (run.char, run.count)
                } else if !isBlank, indent >= 4, !inList, previousBlank || previousIndentedCode {
                    isCode = true
                }
                previousIndentedCode = isCode && fence == nil && indent >= 4
                previousBlank = isBlank
                lines.append(Line(start: start, end: end, isBlank: isBlank, isCode: isCode))
                start = end + 1
            }
            return lines
        }

        static func fenceRun(_ bytes: [UInt8], at i: Int, end: Int) -> (char: UInt8, count: Int, closesCleanly: Bool, infoIsValid: Bool)? {
            guard i < end, bytes[i] == 96 || bytes[i] == 126 else { return nil }
            var j = i
            while j < end, bytes[j] == bytes[i] { j += 1 }
            let rest = bytes[j..<end]
            return (bytes[i], j - i, rest.allSatisfy { $0 == 32 || $0 == 9 }, bytes[i] == 126 || !rest.contains(96))
        }

        static func startsListItem(_ bytes: [UInt8], at i: Int, end: Int) -> Bool {
            guard i < end else { return false }
            if [UInt8(45), 42, 43].contains(bytes[i]) { return i + 1 == end || bytes[i + 1] == 32 || bytes[i + 1] == 9 }
            var j = i
            while j < end, bytes[j] >= 48, bytes[j] <= 57 { j += 1 }
            return j > i && j < end && (bytes[j] == 46 || bytes[j] == 41) && (j + 1 == end || bytes[j + 1] == 32)
        }

        mutating func run() {
            var n = 0
            var resumeAt: Int?
            while n < lines.count {
                if lines[n].isCode || lines[n].isBlank {
                    n += 1
                    resumeAt = nil
                    continue
                }
                // A paragraph-like run of text lines: code spans and tags may cross its line breaks.
                var last = n
                while last + 1 < lines.count, !lines[last + 1].isCode, !lines[last + 1].isBlank { last += 1 }
                let start = max(lines[n].start, resumeAt ?? 0)
                resumeAt = nil
                if let resume = scanText(from: start, to: lines[last].end) {
                    // An `{% endraw %}` further down: carry on right after it, in its line.
                    var m = n
                    while m + 1 < lines.count, lines[m + 1].start <= resume { m += 1 }
                    n = m
                    resumeAt = resume
                    continue
                }
                n = last + 1
            }
        }

        /// Scans `start..<limit`; returns where to resume when an `{% endraw %}` lay beyond `limit`.
        mutating func scanText(from start: Int, to limit: Int) -> Int? {
            var i = start
            while i < limit {
                switch bytes[i] {
                case 92:  // a backslash escape
                    i += 2
                case 96:  // a code span: a backtick run closed by a run of the same length
                    var j = i
                    while j < limit, bytes[j] == 96 { j += 1 }
                    let count = j - i
                    if let failed = failedBackticks[count], failed.limit == limit, j >= failed.from {
                        i = j
                    } else if let close = Self.closingBackticks(bytes, from: j, count: count, limit: limit) {
                        i = close
                    } else {
                        failedBackticks[count] = (j, limit)
                        i = j
                    }
                case 123 where i + 1 < limit && (bytes[i + 1] == 123 || bytes[i + 1] == 37):
                    if let (next, resume) = construct(at: i, limit: limit) {
                        if let resume { return resume }
                        i = next
                    } else {
                        i += 2
                    }
                default:
                    i += 1
                }
            }
            return nil
        }

        static func closingBackticks(_ bytes: [UInt8], from: Int, count: Int, limit: Int) -> Int? {
            var j = from
            while j < limit {
                if bytes[j] == 96 {
                    var k = j
                    while k < limit, bytes[k] == 96 { k += 1 }
                    if k - j == count { return k }
                    j = k
                } else {
                    j += 1
                }
            }
            return nil
        }

        /// One `{{< >}}`, `{{% %}}`, `{% %}` or `{{ }}` at `i`: records it and returns the offset after it
        /// (and, for `{% raw %}`, the offset after its `{% endraw %}` when that lies beyond `limit`).
        mutating func construct(at i: Int, limit: Int) -> (next: Int, resume: Int?)? {
            guard let form = Self.forms.first(where: { matches($0.open, at: i) }) else { return nil }
            let from = i + form.open.count
            if let failed = failedCloser[form.close], failed.limit == limit, from >= failed.from { return nil }
            guard let close = find(form.close, from: from, limit: limit) else {
                failedCloser[form.close] = (from, limit)
                return nil
            }
            let end = close + form.close.count
            if form.kind == .liquidTag, tagName(from: i + 2, to: close) == "raw" {
                if let (endrawStart, endrawEnd) = findEndraw(from: end) {
                    removals.append(i..<end)
                    removals.append(endrawStart..<endrawEnd)
                    return (endrawEnd, endrawEnd > limit ? endrawEnd : nil)
                }
            }
            if form.tool == .hugo, let comment = commentedShortcode(i + 3, close) {
                // `{{</* figure */>}}` is Hugo's way to show a shortcode as text: keep it, without the comment marks.
                removals += comment
                return (end, nil)
            }
            record(form.tool, form.kind, i..<end)
            return (end, nil)
        }

        static let forms: [(open: [UInt8], close: [UInt8], tool: Tool, kind: Kind)] = [
            (Array("{{<".utf8), Array(">}}".utf8), .hugo, .shortcode), (Array("{{%".utf8), Array("%}}".utf8), .hugo, .shortcode),
            (Array("{%".utf8), Array("%}".utf8), .jekyll, .liquidTag), (Array("{{".utf8), Array("}}".utf8), .jekyll, .liquidOutput),
        ]
        static let tagOpen = Array("{%".utf8)
        static let tagClose = Array("%}".utf8)

        /// The `/*` and `*/` of `{{</* x */>}}` (blanks allowed between them and the braces), when both are there.
        func commentedShortcode(_ start: Int, _ end: Int) -> [Range<Int>]? {
            var i = start
            while i < end, bytes[i] == 32 { i += 1 }
            var j = end
            while j > i, bytes[j - 1] == 32 { j -= 1 }
            guard j - i >= 4, bytes[i] == 47, bytes[i + 1] == 42, bytes[j - 2] == 42, bytes[j - 1] == 47 else { return nil }
            return [i..<i + 2, j - 2..<j]
        }

        /// The first word inside a `{% … %}` tag (`-` trim markers and blanks skipped).
        func tagName(from start: Int, to end: Int) -> String {
            var i = start
            while i < end, bytes[i] == 45 || bytes[i] == 32 || bytes[i] == 9 || bytes[i] == 10 { i += 1 }
            var j = i
            while j < end, (bytes[j] >= 97 && bytes[j] <= 122) || (bytes[j] >= 65 && bytes[j] <= 90) || bytes[j] == 95 { j += 1 }
            return String(decoding: bytes[i..<j], as: UTF8.self)
        }

        mutating func findEndraw(from start: Int) -> (Int, Int)? {
            if let missing = endrawMissingFrom, start >= missing { return nil }
            var i = start
            while let open = find(Self.tagOpen, from: i, limit: bytes.count) {
                guard let close = find(Self.tagClose, from: open + 2, limit: bytes.count) else { break }
                if tagName(from: open + 2, to: close) == "endraw" { return (open, close + 2) }
                i = open + 2
            }
            endrawMissingFrom = start
            return nil
        }

        func matches(_ text: [UInt8], at i: Int) -> Bool {
            guard i + text.count <= bytes.count else { return false }
            for k in 0..<text.count where bytes[i + k] != text[k] { return false }
            return true
        }

        func find(_ text: [UInt8], from start: Int, limit: Int) -> Int? {
            let first = text[0]
            var i = start
            while i + text.count <= limit {
                if bytes[i] == first, matches(text, at: i) { return i }
                i += 1
            }
            return nil
        }

        mutating func record(_ tool: Tool, _ kind: Kind, _ range: Range<Int>) {
            var lo = 0
            var hi = lines.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if lines[mid].start <= range.lowerBound { lo = mid } else { hi = mid - 1 }
            }
            let n = lo
            // Findings come in source order: count columns on from the previous one on the same line.
            var (offset, column) = columnMark.line == n && columnMark.offset <= range.lowerBound
                ? (columnMark.offset, columnMark.column) : (lines[n].start, 1)
            while offset < range.lowerBound {
                if bytes[offset] & 0xC0 != 0x80 { column += 1 }
                offset += 1
            }
            columnMark = (n, offset, column)
            var text = String(decoding: bytes[range], as: UTF8.self)
            if range.count > 60 || bytes[range].contains(10) {
                text = text.split(separator: "\n").joined(separator: " ")
                if text.count > 60 { text = String(text.prefix(57)) + "…" }
            }
            findings.append(Finding(tool: tool, kind: kind, text: text, line: n + 1, column: column))
        }
    }
}

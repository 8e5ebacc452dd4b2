import Foundation

/// Re-resolves emphasis over the inline children of one paragraph, heading or table cell.
///
/// libcmark has already matched `*`/`_` by plain CommonMark rules and knows nothing of `~`. This
/// pass undoes its emphasis back into delimiter runs (reading each marker from the source, since
/// cmark's text has lost backslash escapes), finds `~` runs and `[^label]` footnote references in
/// the text, and runs CommonMark's "process emphasis" once over all of them with the flanking
/// rules of `DelimiterRun` (CJK-friendly or plain). Code spans, links, images, autolinks and raw
/// HTML are atoms, as in cmark; link text is resolved as its own scope.
struct InlineResolver {
    let source: MarkdownSource
    let cjkFriendly: Bool
    /// Footnote labels that have a definition (lower-cased); others stay literal text.
    let footnoteLabels: Set<String>
    /// Per container where a run of two or more `*`/`_` stays (partly) literal, its `*`/`_` runs:
    /// the `markdown/emphasis` warning's input.
    var leftovers: [[DelimiterRun]] = []
    /// Footnote references in the order met, with their positions.
    var references: [(label: String, line: Int, column: Int)] = []
    /// `[^label]` without a definition, kept as text.
    var undefinedReferences: [(label: String, line: Int, column: Int)] = []
    /// The line (0-based) of the last source position looked up (see `MarkdownSource.position(of:hint:)`).
    private var lineHint = 0

    /// The token array of the last container resolved, emptied: reused, so resolving a paragraph
    /// allocates no token storage (link text, resolved within, takes its own).
    private var spareTokens: [Token] = []

    /// `tokenizeText`'s buffers, kept between calls (see there); `sparePieces` holds its result.
    private var spareLiteral: [UInt8] = []
    private var spareDecoded: [UInt8] = []
    private var sparePieces: [Token] = []

    /// `buffer`'s storage, leaving an empty array behind (no copy on write when appending).
    private static func take<T>(_ buffer: inout [T]) -> [T] {
        var taken: [T] = []
        swap(&taken, &buffer)
        return taken
    }

    /// Inside link text no extended autolink is made (no links in links).
    private var insideLink = 0
    /// `~` strikethrough and extended autolinks (see `MarkdownOptions.extensions`).
    var extensions = true

    init(source: MarkdownSource, cjkFriendly: Bool, footnoteLabels: Set<String>) {
        self.source = source
        self.cjkFriendly = cjkFriendly
        self.footnoteLabels = footnoteLabels
    }

    private enum Token {
        case node(MarkdownNode)
        /// Literal text; `width` is its length in the source (escapes make it longer than the text).
        case text(String, line: Int, column: Int, width: Int)
        case delimiter(DelimiterRun)
        case removed
    }

    /// Where the inline content sits in the source: from `start` (a byte offset) to `end`
    /// (exclusive), or, for link text, up to the markers right after the last child.
    struct Span {
        var start: Int
        var end: Int?
    }

    /// The resolved inline children of a container whose content spans `span` in the source.
    mutating func resolve(_ inlines: [MarkdownNode], span: Span?) -> [MarkdownNode] {
        guard let span else { return keep(inlines) }
        if span.end == nil, inlines.count == 1, let text = plainLinkText(inlines[0], from: span.start) { return [text] }
        let features = span.end.map { Features(source.bytes[span.start..<$0]) } ?? Features.all
        // Most paragraphs hold no marker, footnote or URL: cmark's tree is already right.
        if !features.delimiters, !features.footnote, !(extensions && (features.email || features.url)) {
            guard features.newline else { return inlines }
            var kept = inlines
            dropCJKSoftBreaks(&kept)
            return kept
        }
        var tokens: [Token] = []
        swap(&tokens, &spareTokens)
        defer {
            tokens.removeAll(keepingCapacity: true)
            spareTokens = tokens
        }
        guard flatten(inlines, span: span, into: &tokens) else { return keep(inlines) }
        mergeAdjacentDelimiters(&tokens)
        if extensions, insideLink == 0, features.url { linkURLs(&tokens) }
        classify(&tokens)
        processEmphasis(&tokens)
        var out = collect(tokens, from: 0, to: tokens.count)
        if extensions, insideLink == 0, features.email { out = ExtendedAutolinks.apply(to: out) }
        if features.newline { dropCJKSoftBreaks(&out) }
        // The runs left as tokens are the ones still standing after matching, in order; the warning
        // only looks at paragraphs where a doubled marker stays literal.
        let literal = tokens.contains { token in
            guard case .delimiter(let run) = token else { return false }
            return (run.character == "*" || run.character == "_") && run.length >= 2 && run.remaining >= 2
        }
        if literal {
            leftovers.append(tokens.compactMap { token in
                guard case .delimiter(let run) = token, run.character == "*" || run.character == "_" else { return nil }
                return run
            })
        }
        return out
    }

    /// Link text that is one text leaf, plain in the source from just after the bracket to just
    /// before the `]` (`[资料2](…)`): what resolving it gives, without flattening it into tokens.
    private mutating func plainLinkText(_ node: MarkdownNode, from start: Int) -> MarkdownNode? {
        guard case .text(let literal) = node.kind, source.offset(line: node.line, column: node.column) == start else { return nil }
        let count = literal.utf8.count
        guard count > 0, start + count < source.bytes.count, source.bytes[start + count] == UInt8(ascii: "]"),
              isPlain(literal, at: start) else { return nil }
        let (line, column) = source.position(of: start, hint: &lineHint)
        return MarkdownNode(.text(literal), line: line, column: column, endLine: line, endColumn: column + count - 1)
    }

    /// What a container's source holds, found in one pass over its bytes.
    private struct Features {
        var delimiters = false, footnote = false, email = false, url = false, newline = false
        static let all = Features(delimiters: true, footnote: true, email: true, url: true, newline: true)

        init(delimiters: Bool, footnote: Bool, email: Bool, url: Bool, newline: Bool) {
            (self.delimiters, self.footnote, self.email, self.url, self.newline) = (delimiters, footnote, email, url, newline)
        }

        init(_ slice: ArraySlice<UInt8>) {
            self.init(delimiters: false, footnote: false, email: false, url: false, newline: false)
            slice.withUnsafeBufferPointer { bytes in
                func note(_ i: Int) {
                    switch bytes[i] {
                    case 42, 95, 126: delimiters = true  // * _ ~
                    case 94: if i > 0, bytes[i - 1] == 91 { footnote = true }  // [^
                    case 64: email = true  // @
                    case 58: if i + 2 < bytes.count, bytes[i + 1] == 47, bytes[i + 2] == 47 { url = true }  // ://
                    case 46: if i >= 3, bytes[i - 1] == 119, bytes[i - 2] == 119, bytes[i - 3] == 119 { url = true }  // www.
                    case 10: newline = true
                    default: break
                    }
                }
                // Eight bytes at a time: a word of CJK text (no ASCII byte in it), or one holding
                // none of the bytes above, is skipped at once.
                var i = 0
                if let base = bytes.baseAddress {
                    let high: UInt64 = 0x8080_8080_8080_8080, ones: UInt64 = 0x0101_0101_0101_0101
                    /// Nonzero when some byte of `word` is `value` (the classic has-zero-byte test).
                    func has(_ word: UInt64, _ value: UInt8) -> UInt64 {
                        let x = word ^ (ones &* UInt64(value))
                        return (x &- ones) & ~x & high
                    }
                    while i + 8 <= bytes.count {
                        // Little-endian, so the lowest flag is the first byte.
                        let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                        if word & high != high {
                            // Only the flagged bytes are looked at (a flag above a true match may be
                            // false; `note` reads the byte itself).
                            var found = has(word, 42) | has(word, 95) | has(word, 126) | has(word, 94) | has(word, 64)
                                | has(word, 58) | has(word, 46) | has(word, 10)
                            while found != 0 {
                                note(i + found.trailingZeroBitCount >> 3)
                                found &= found &- 1
                            }
                        }
                        i += 8
                    }
                }
                while i < bytes.count {
                    note(i)
                    i += 1
                }
            }
        }
    }

    /// cmark's inlines unchanged (positions missing): only link text is still visited.
    private mutating func keep(_ inlines: [MarkdownNode]) -> [MarkdownNode] {
        inlines.map { node in
            var copy = node
            if !node.children.isEmpty { copy.children = keep(node.children) }
            return copy
        }
    }

    // MARK: - Flattening cmark's tree into tokens

    /// cmark's emphasis is undone: its nodes are dropped and the markers they consumed are read
    /// back from the source between the positioned leaves (text, code, HTML, links), where
    /// nothing else but code-span backticks, line ends and container prefixes can stand.
    /// cmark's own positions for emphasis nodes are not used: they are unreliable for shared runs.
    private mutating func flatten(_ inlines: [MarkdownNode], span: Span, into tokens: inout [Token]) -> Bool {
        tokens.reserveCapacity(inlines.count * 2 + 4)
        var cursor = span.start
        var pendingBreaks: [MarkdownNode] = []
        guard flattenLeaves(inlines, cursor: &cursor, breaks: &pendingBreaks, into: &tokens) else { return false }
        if let end = span.end {
            scanGap(from: cursor, to: end, breaks: &pendingBreaks, into: &tokens)
        } else {
            // Link text ends at the `]` after the last leaf: only markers and backticks stand between.
            var end = cursor
            while end < source.bytes.count, source.bytes[end] != UInt8(ascii: "]") { end += 1 }
            scanGap(from: cursor, to: end, breaks: &pendingBreaks, into: &tokens)
        }
        for pending in pendingBreaks { tokens.append(.node(pending)) }
        return true
    }

    /// The leaves under `nodes` (through cmark's emphasis, which is dropped) as tokens, in order,
    /// with the markers in the gaps before them; `cursor` is the source offset reached. False
    /// when a leaf cannot be placed in the source.
    private mutating func flattenLeaves(
        _ nodes: [MarkdownNode], cursor: inout Int, breaks pendingBreaks: inout [MarkdownNode], into tokens: inout [Token]
    ) -> Bool {
        for leaf in nodes {
            switch leaf.kind {
            case .emphasis, .strong:
                guard flattenLeaves(leaf.children, cursor: &cursor, breaks: &pendingBreaks, into: &tokens) else { return false }
                continue
            case .softBreak, .lineBreak:
                pendingBreaks.append(leaf)
                continue
            default:
                break
            }
            guard let start = source.offset(line: leaf.line, column: leaf.column) else { return false }
            if case .text(let literal) = leaf.kind {
                guard let end = placeText(literal, start: start, cursor: cursor, breaks: &pendingBreaks, into: &tokens) else { return false }
                cursor = max(end, cursor)
                continue
            }
            guard start >= cursor, let last = source.offset(line: leaf.endLine, column: leaf.endColumn) else { return false }
            scanGap(from: cursor, to: start, breaks: &pendingBreaks, into: &tokens)
            switch leaf.kind {
            case .link, .image:
                var atom = leaf
                // `<http://…>` autolinks keep their text; link text and image descriptions are their own scope.
                if source.bytes[start] != UInt8(ascii: "<") {
                    insideLink += 1
                    atom.children = resolve(leaf.children, span: Span(start: start + (source.bytes[start] == UInt8(ascii: "!") ? 2 : 1), end: nil))
                    insideLink -= 1
                }
                tokens.append(.node(atom))
            default:
                tokens.append(.node(leaf))
            }
            cursor = max(last + 1, cursor)
        }
        return true
    }

    /// A text leaf's tokens, after the gap before it. cmark's start is sometimes a byte or two off
    /// after a shared run of markers; the text then starts where the markers between the previous
    /// leaf and it end. So cmark's start is tried first, then each offset from `cursor` over those
    /// markers. Returns the byte offset after the text, or nil when no start fits.
    private mutating func placeText(
        _ literal: String, start: Int, cursor: Int, breaks: inout [MarkdownNode], into tokens: inout [Token]
    ) -> Int? {
        func attempt(_ candidate: Int, _ resolver: inout InlineResolver) -> Int? {
            let count = literal.utf8.count
            if resolver.isPlain(literal, at: candidate) {
                resolver.scanGap(from: cursor, to: candidate, breaks: &breaks, into: &tokens)
                if count > 0 {
                    let (line, column) = resolver.source.position(of: candidate, hint: &resolver.lineHint)
                    tokens.append(.text(literal, line: line, column: column, width: count))
                }
                return candidate + count
            }
            guard let end = resolver.tokenizeText(literal, from: candidate) else { return nil }
            resolver.scanGap(from: cursor, to: candidate, breaks: &breaks, into: &tokens)
            tokens += resolver.sparePieces
            resolver.sparePieces.removeAll(keepingCapacity: true)
            return end
        }
        if start >= cursor, let end = attempt(start, &self) { return end }
        let bytes = source.bytes
        var p = cursor
        while true {
            if p != start, let end = attempt(p, &self) { return end }
            guard p < bytes.count, p < start + 3, bytes[p] == UInt8(ascii: "*") || bytes[p] == UInt8(ascii: "_") else { return nil }
            p += 1
        }
    }

    /// Whether the source at `start` is `literal` byte for byte with no marker, escape, entity or
    /// bracket in it: the common case, one text token as wide as its literal.
    private func isPlain(_ literal: String, at start: Int) -> Bool {
        let count = literal.utf8.count
        guard start + count <= source.bytes.count else { return false }
        return literal.utf8.withContiguousStorageIfAvailable { lit -> Bool in
            source.bytes.withUnsafeBufferPointer { all in
                guard count > 0, let litBase = lit.baseAddress, let allBase = all.baseAddress else { return true }
                return memcmp(litBase, allBase + start, count) == 0
                    && !Self.hasMarkerByte(UnsafeBufferPointer(start: allBase + start, count: count))
            }
        } ?? false
    }

    /// The `*`/`_` runs in source bytes [from, to) between two leaves, with the line breaks
    /// that fall between them in order.
    private func scanGap(from: Int, to: Int, breaks: inout [MarkdownNode], into tokens: inout [Token]) {
        var i = from
        let bytes = source.bytes
        while i < to {
            let b = bytes[i]
            if b == UInt8(ascii: "*") || b == UInt8(ascii: "_") {
                var end = i
                while end < to, bytes[end] == b { end += 1 }
                let (line, column) = source.position(of: i)
                tokens.append(.delimiter(run(Unicode.Scalar(b), end - i, line: line, column: column)))
                i = end
                continue
            }
            if b == 10, !breaks.isEmpty { tokens.append(.node(breaks.removeFirst())) }
            i += 1
        }
    }

    private func run(_ character: Unicode.Scalar, _ length: Int, line: Int, column: Int) -> DelimiterRun {
        DelimiterRun(character: character, length: length, line: line, column: column)
    }

    /// Splits a text node into literal text, delimiter runs and footnote references by walking
    /// its source from its start while matching cmark's decoded literal (cmark's end positions
    /// are off next to emphasis, so the end is where the literal is used up). Returns the byte
    /// offset after the node, or nil when source and literal cannot be matched: then the caller
    /// keeps cmark's tree for the whole container, so no text is ever lost or doubled. The
    /// pieces are left in `sparePieces` for the caller to take.
    private mutating func tokenizeText(_ literal: String, from start: Int) -> Int? {
        let bytes = source.bytes
        // The literal's bytes, the pieces and the decoded text of a piece live in buffers kept
        // between calls: a paragraph with markers calls this for most of its texts.
        var lit = Self.take(&spareLiteral)
        lit.append(contentsOf: literal.utf8)
        var pieces = Self.take(&sparePieces)
        pieces.removeAll(keepingCapacity: true)
        var decoded = Self.take(&spareDecoded)
        defer {
            lit.removeAll(keepingCapacity: true)
            spareLiteral = lit
            decoded.removeAll(keepingCapacity: true)
            spareDecoded = decoded
            sparePieces = pieces
        }
        var segmentStart = start
        var pendingReferences: [(label: String, line: Int, column: Int)] = []
        var pendingUndefined: [(label: String, line: Int, column: Int)] = []
        func position(_ offset: Int) -> (Int, Int) { source.position(of: offset) }
        var s = start
        /// Ends the text piece at the current source index `s`; the next piece starts at `next`.
        func flushText(_ next: Int) {
            if !decoded.isEmpty {
                let (line, column) = position(segmentStart)
                pieces.append(.text(String(decoding: decoded, as: UTF8.self), line: line, column: column, width: s - segmentStart))
                decoded.removeAll(keepingCapacity: true)
            }
            segmentStart = next
        }
        var l = 0
        while l < lit.count {
            guard s < bytes.count else { return nil }
            // A stretch of bytes that are none of the markers below is text as it stands: taken at once
            // when the literal holds the same bytes (otherwise the byte-by-byte walk would fail on it too).
            let ordinary = bytes.withUnsafeBufferPointer { body in
                Self.ordinaryPrefix(UnsafeBufferPointer(rebasing: body[s..<min(bytes.count, s + lit.count - l)]))
            }
            if ordinary > 0 {
                let same = lit.withUnsafeBufferPointer { literal in
                    bytes.withUnsafeBufferPointer { memcmp(literal.baseAddress! + l, $0.baseAddress! + s, ordinary) == 0 }
                }
                guard same else { return nil }
                decoded += bytes[s..<(s + ordinary)]
                s += ordinary
                l += ordinary
                continue
            }
            let b = bytes[s]
            // Escapes and entities are pieces of their own, so every other piece is as long as its source.
            if b == UInt8(ascii: "\\"), s + 1 < bytes.count, Self.isASCIIPunctuation(bytes[s + 1]), lit[l] == bytes[s + 1] {
                flushText(s)
                decoded.append(bytes[s + 1])
                s += 2
                l += 1
                flushText(s)
                continue
            }
            if b == UInt8(ascii: "&"), let semicolon = Self.entityEnd(bytes, at: s) {
                // An entity: it decodes to one or two characters of the literal, whichever lets the rest line up.
                var matched = false
                for count in 1...2 {
                    var end = l
                    for _ in 0..<count where end < lit.count {
                        end += 1
                        while end < lit.count, lit[end] & 0xC0 == 0x80 { end += 1 }
                    }
                    let next = semicolon + 1
                    if end == lit.count || (next < bytes.count && bytes[next] == lit[end]) || (next < bytes.count && bytes[next] == UInt8(ascii: "&")) {
                        flushText(s)
                        decoded += lit[l..<end]
                        l = end
                        s = next
                        flushText(s)
                        matched = true
                        break
                    }
                }
                if matched { continue }
            }
            guard b == lit[l] else { return nil }
            if b == UInt8(ascii: "*") || b == UInt8(ascii: "_") || (b == UInt8(ascii: "~") && extensions) {
                var end = s
                while end < bytes.count, l + (end - s) < lit.count, bytes[end] == b, lit[l + (end - s)] == b { end += 1 }
                let length = end - s
                if b == UInt8(ascii: "~") && length > 2 {
                    decoded += bytes[s..<end]  // GFM: three or more tildes are text
                } else {
                    flushText(end)
                    let (line, column) = position(s)
                    pieces.append(.delimiter(run(Unicode.Scalar(b), length, line: line, column: column)))
                }
                l += length
                s = end
                continue
            }
            if b == UInt8(ascii: "["), s + 2 < bytes.count, bytes[s + 1] == UInt8(ascii: "^") {
                var end = s + 2
                while end < bytes.count, !Self.endsLabel(bytes[end]) { end += 1 }
                let length = end + 1 - s
                if end < bytes.count, bytes[end] == UInt8(ascii: "]"), end > s + 2, l + length <= lit.count,
                   Array(lit[l..<(l + length)]) == Array(bytes[s...end]) {
                    let label = String(decoding: bytes[(s + 2)..<end], as: UTF8.self)
                    let (line, column) = position(s)
                    if footnoteLabels.contains(label.lowercased()) {
                        flushText(end + 1)
                        pieces.append(.node(MarkdownNode(
                            .footnoteReference(label: label, number: 0), line: line, column: column,
                            endLine: line, endColumn: column + length - 1)))
                        pendingReferences.append((label, line, column))
                        s = end + 1
                        l += length
                        continue
                    }
                    pendingUndefined.append((label, line, column))
                }
            }
            decoded.append(b)
            s += 1
            l += 1
        }
        flushText(s)
        references += pendingReferences
        undefinedReferences += pendingUndefined
        return s
    }

    /// The index of the `;` closing an entity or numeric character reference at `i`, if one is there.
    private static func entityEnd(_ bytes: [UInt8], at i: Int) -> Int? {
        var j = i + 1
        guard j < bytes.count else { return nil }
        if bytes[j] == UInt8(ascii: "#") {
            j += 1
            let hex = j < bytes.count && (bytes[j] | 0x20) == UInt8(ascii: "x")
            if hex { j += 1 }
            let digitsStart = j
            while j < bytes.count, j - digitsStart < 8,
                  (48...57).contains(bytes[j]) || (hex && (97...102).contains(bytes[j] | 0x20)) { j += 1 }
            guard j > digitsStart else { return nil }
        } else {
            let nameStart = j
            while j < bytes.count, j - nameStart < 32, (48...57).contains(bytes[j]) || (97...122).contains(bytes[j] | 0x20) { j += 1 }
            guard j > nameStart else { return nil }
        }
        return j < bytes.count && bytes[j] == UInt8(ascii: ";") ? j : nil
    }

    private static func endsLabel(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "]") || b == UInt8(ascii: "[") || b == UInt8(ascii: " ") || b == UInt8(ascii: "\t")
            || b == UInt8(ascii: "\\")
    }

    static func isASCIIPunctuation(_ b: UInt8) -> Bool {
        (0x21...0x2F).contains(b) || (0x3A...0x40).contains(b) || (0x5B...0x60).contains(b) || (0x7B...0x7E).contains(b)
    }

    /// `***` written once may reach us as cmark's emphasis marker plus a neighbouring text
    /// marker; the delimiter algorithm needs the run as written.
    private func mergeAdjacentDelimiters(_ tokens: inout [Token]) {
        // Mostly there is nothing to merge: then the tokens stay as they are, not copied.
        var adjacent = false
        var previousRun: DelimiterRun?
        for token in tokens {
            if case .delimiter(let run) = token {
                if let previous = previousRun, previous.character == run.character, previous.line == run.line,
                   previous.column + previous.length == run.column {
                    adjacent = true
                    break
                }
                previousRun = run
            } else {
                previousRun = nil
            }
        }
        guard adjacent else { return }
        var out: [Token] = []
        out.reserveCapacity(tokens.count)
        for token in tokens {
            if case .delimiter(let run) = token, case .delimiter(var previous)? = out.last,
               previous.character == run.character, previous.line == run.line, previous.column + previous.length == run.column {
                previous.length += run.length
                previous.remaining = previous.length
                out[out.count - 1] = .delimiter(previous)
            } else {
                out.append(token)
            }
        }
        tokens = out
    }

    /// How many bytes at the start of `bytes` are none of `\`, `&`, `*`, `_`, `~`, `[` (see
    /// `hasMarkerByte`). Eight bytes at a time.
    static func ordinaryPrefix(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let ones: UInt64 = 0x0101_0101_0101_0101, low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        func equal(_ word: UInt64, _ value: UInt8) -> UInt64 {
            let y = word ^ (ones &* UInt64(value))
            return ~(((y & low) &+ low) | y | low)
        }
        var i = 0
        while i + 8 <= bytes.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            if word & 0x8080_8080_8080_8080 != 0x8080_8080_8080_8080 {
                let found = equal(word, 92) | equal(word, 38) | equal(word, 42) | equal(word, 95) | equal(word, 126) | equal(word, 91)
                if found != 0 { return i + found.trailingZeroBitCount >> 3 }
            }
            i += 8
        }
        while i < bytes.count {
            switch bytes[i] {
            case 92, 38, 42, 95, 126, 91: return i
            default: i += 1
            }
        }
        return i
    }

    /// Whether `bytes` hold a `\`, `&`, `*`, `_`, `~` or `[`: the bytes that make a text's source
    /// differ from its literal or start a marker.
    static func hasMarkerByte(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        ordinaryPrefix(bytes) < bytes.count
    }

    /// Whether `text` holds a `.` or `:`, without which no autolink can start (most text has neither).
    private static func hasDotOrColon(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(UInt8(ascii: ".")), bytes.count) != nil || memchr(base, Int32(UInt8(ascii: ":")), bytes.count) != nil
        }
    }

    /// `www.` and `http(s)://` autolinks, read across text and markers as cmark-gfm reads them
    /// from the raw text (a `*` inside a URL belongs to the URL).
    private func linkURLs(_ tokens: inout [Token]) {
        var i = 0
        while i < tokens.count {
            guard case .text(let text, let line, let column, let width) = tokens[i], Self.hasDotOrColon(text) else {
                i += 1
                continue
            }
            let bytes = Array(text.utf8)
            var found: (start: Int, end: Int, url: String, pieces: [Int])?
            for j in bytes.indices where bytes[j] == UInt8(ascii: "w") || bytes[j] | 0x20 == UInt8(ascii: "h") || bytes[j] | 0x20 == UInt8(ascii: "f") {
                guard ExtendedAutolinks.mayStart(bytes, at: j) else { continue }
                let previous: Unicode.Scalar? = j > 0 ? source.scalarBefore(bytes, j) : scalar(before: i, in: tokens)
                guard ExtendedAutolinks.mayStart(bytes, at: j, after: previous, cjkFriendly: cjkFriendly) else { continue }
                // The raw text from here: this text, then neighbouring text and markers up to white space or `<`.
                var raw = Array(bytes[j...])
                var pieces: [Int] = []  // byte lengths taken from each following token
                var stop = raw.firstIndex { $0 == 32 || $0 == 9 || $0 == 10 || $0 == UInt8(ascii: "<") }
                var nextColumn = column + width
                var k = i + 1
                while stop == nil, k < tokens.count {
                    let piece: [UInt8]
                    var pieceWidth = 0
                    switch tokens[k] {
                    case .text(let t, let l, let c, let w) where l == line && c == nextColumn:
                        piece = Array(t.utf8)
                        pieceWidth = w
                    case .delimiter(let r) where r.line == line && r.column == nextColumn:
                        piece = Array(repeating: UInt8(truncatingIfNeeded: r.character.value), count: r.length)
                        pieceWidth = r.length
                    default: piece = []
                    }
                    guard !piece.isEmpty else { break }
                    if let cut = piece.firstIndex(where: { $0 == 32 || $0 == 9 || $0 == 10 || $0 == UInt8(ascii: "<") }) {
                        raw += piece[..<cut]
                        pieces.append(cut)
                        stop = cut
                    } else {
                        raw += piece
                        pieces.append(piece.count)
                    }
                    nextColumn += pieceWidth
                    k += 1
                }
                if let stop, pieces.isEmpty { raw = Array(raw[..<stop]) }
                // CJK-friendly: full-width punctuation (`详见https://example.com。`) ends a URL; GFM would keep it.
                if cjkFriendly, let cut = Self.firstCJKPunctuation(in: raw) { raw = Array(raw[..<cut]) }
                guard let link = ExtendedAutolinks.link(in: raw) else { continue }
                found = (j, link.end, link.url, pieces)
                break
            }
            guard let match = found else {
                i += 1
                continue
            }
            // Rebuild: text before, the link, and what is left of the last token it reached into.
            var replacement: [Token] = []
            if match.start > 0 {
                replacement.append(.text(String(decoding: bytes[..<match.start], as: UTF8.self), line: line, column: column, width: match.start))
            }
            var remaining = match.end
            var linkText: [UInt8] = []
            let fromFirst = min(remaining, bytes.count - match.start)
            linkText += bytes[match.start..<(match.start + fromFirst)]
            remaining -= fromFirst
            var after: [Token] = []
            if match.start + fromFirst < bytes.count {
                after.append(.text(String(decoding: bytes[(match.start + fromFirst)...], as: UTF8.self), line: line,
                                   column: column + match.start + fromFirst, width: bytes.count - match.start - fromFirst))
            }
            var consumed = 0
            var k = i + 1
            while remaining > 0, k < tokens.count {
                switch tokens[k] {
                case .text(let t, let l, let c, let w):
                    let piece = Array(t.utf8)
                    let take = min(remaining, piece.count)
                    linkText += piece[..<take]
                    if take < piece.count {
                        after.append(.text(String(decoding: piece[take...], as: UTF8.self), line: l, column: c + take, width: w - take))
                    }
                    remaining -= take
                case .delimiter(var r):
                    let take = min(remaining, r.length)
                    linkText += Array(repeating: UInt8(truncatingIfNeeded: r.character.value), count: take)
                    if take < r.length {
                        r.length -= take
                        r.remaining = r.length
                        r.column += take
                        after.append(.delimiter(r))
                    }
                    remaining -= take
                default:
                    remaining = 0
                }
                consumed += 1
                k += 1
            }
            let endColumn = column + match.start + match.end - 1
            let label = String(decoding: linkText, as: UTF8.self)
            replacement.append(.node(MarkdownNode(
                .link(url: match.url, title: ""), line: line, column: column + match.start, endLine: line, endColumn: endColumn,
                children: [MarkdownNode(.text(label), line: line, column: column + match.start, endLine: line, endColumn: endColumn)])))
            let resume = i + replacement.count
            tokens.replaceSubrange(i...(i + consumed), with: replacement + after)
            i = resume
        }
    }

    /// Where the first CJK punctuation character starts in UTF-8 `bytes`, if any.
    private static func firstCJKPunctuation(in bytes: [UInt8]) -> Int? {
        var i = 0
        while i < bytes.count {
            guard bytes[i] >= 0x80 else {
                i += 1
                continue
            }
            guard let (scalar, length) = MarkdownSource.decode(bytes, at: i) else { return nil }
            if CJKCharacters.isCJK(scalar), DelimiterRun.isPunctuation(scalar) { return i }
            i += length
        }
        return nil
    }

    /// The character before token `index` as cmark-gfm sees it: the source character before it,
    /// or nil at the start of the content or of a line.
    private func scalar(before index: Int, in tokens: [Token]) -> Unicode.Scalar? {
        guard index > 0, !Self.isBreak(tokens[index - 1]), case .text(_, let line, let column, _) = tokens[index],
              let offset = source.offset(line: line, column: column) else { return nil }
        return source.scalar(before: offset)
    }

    /// Decides each run's flanking from the characters around it in the source; a run at the
    /// start or end of the inline content, or next to a line break, sees white space there.
    private func classify(_ tokens: inout [Token]) {
        for index in tokens.indices {
            guard case .delimiter(let run) = tokens[index] else { continue }
            var context = DelimiterRun.Context()
            if index > 0, !Self.isBreak(tokens[index - 1]), let offset = source.offset(line: run.line, column: run.column) {
                context.before = source.scalar(before: offset)
                if let before = context.before {
                    context.beforeThat = source.scalar(before: offset - UTF8.width(before))
                }
            }
            if index + 1 < tokens.count, !Self.isBreak(tokens[index + 1]),
               let offset = source.offset(line: run.line, column: run.column) {
                context.after = source.scalar(at: offset + run.length)
            }
            tokens[index] = .delimiter(DelimiterRun(
                character: run.character, length: run.length, line: run.line, column: run.column,
                context: context, cjkFriendly: cjkFriendly))
        }
    }

    private static func isBreak(_ token: Token) -> Bool {
        guard case .node(let node) = token else { return false }
        switch node.kind {
        case .softBreak, .lineBreak: return true
        default: return false
        }
    }

    // MARK: - Process emphasis (CommonMark spec, appendix; GFM strikethrough for `~`)

    /// The slot of CommonMark's "openers bottom" for a closer: one per marker character, whether
    /// the closer can also open, and its length modulo 3.
    private static func bottomSlot(_ closer: DelimiterRun) -> Int {
        let character = closer.character == "*" ? 0 : closer.character == "_" ? 1 : 2
        return character * 6 + (closer.canOpen ? 3 : 0) + closer.length % 3
    }

    /// Matches delimiter runs in place. Matched content is moved into a new `.node` token placed
    /// just before the closer (the tokens it replaces become `.removed`), so token indices stay
    /// in source order. The delimiter stack is a doubly linked list over the runs, so dropping a
    /// run costs nothing however long the paragraph (`a* a* a* …` stays linear).
    private func processEmphasis(_ tokens: inout [Token]) {
        var count = 0
        for i in tokens.indices { if case .delimiter = tokens[i] { count += 1 } }
        guard count > 0 else { return }
        // One scratch buffer, on the stack when small: the runs' token indices, the stack's links
        // and the 18 openers bottoms (see `bottomSlot`).
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * count + 18) { scratch in
            let order = UnsafeMutableBufferPointer(rebasing: scratch[0..<count])
            let previous = UnsafeMutableBufferPointer(rebasing: scratch[count..<(2 * count)])
            let next = UnsafeMutableBufferPointer(rebasing: scratch[(2 * count)..<(3 * count)])
            let bottoms = UnsafeMutableBufferPointer(rebasing: scratch[(3 * count)...])
            var slot = 0
            for i in tokens.indices {
                guard case .delimiter = tokens[i] else { continue }
                order[slot] = i
                previous[slot] = slot - 1
                next[slot] = slot + 1
                slot += 1
            }
            next[count - 1] = -1
            bottoms.initialize(repeating: -1)
            matchRuns(&tokens, order: order, previous: previous, next: next, bottoms: bottoms)
        }
    }

    /// The matching loop of `processEmphasis` over its linked list of runs.
    private func matchRuns(
        _ tokens: inout [Token], order: UnsafeMutableBufferPointer<Int>, previous: UnsafeMutableBufferPointer<Int>,
        next: UnsafeMutableBufferPointer<Int>, bottoms: UnsafeMutableBufferPointer<Int>
    ) {
        var first = 0
        func unlink(_ slot: Int) {
            if previous[slot] >= 0 { next[previous[slot]] = next[slot] } else { first = next[slot] }
            if next[slot] >= 0 { previous[next[slot]] = previous[slot] }
        }
        func delimiter(_ index: Int) -> DelimiterRun {
            if case .delimiter(let run) = tokens[index] { return run }
            preconditionFailure("not a delimiter")
        }
        var position = first
        while position >= 0 {
            let closerIndex = order[position]
            var closer = delimiter(closerIndex)
            guard closer.canClose else {
                position = next[position]
                continue
            }
            let key = Self.bottomSlot(closer)
            let bottom = bottoms[key]
            var found: Int?
            var p = previous[position]
            while p >= 0, order[p] > bottom {
                let opener = delimiter(order[p])
                if opener.character == closer.character, opener.canOpen, opener.remaining > 0, order[p] + 1 < closerIndex {
                    let oddMatch = (opener.canClose || closer.canOpen) && (opener.length + closer.length) % 3 == 0
                        && !(opener.length % 3 == 0 && closer.length % 3 == 0)
                    if !oddMatch {
                        found = p
                        break
                    }
                }
                p = previous[p]
            }
            guard let openerSlot = found else {
                bottoms[key] = previous[position] >= 0 ? order[previous[position]] : -1
                let following = next[position]
                if !closer.canOpen { unlink(position) }
                position = following
                continue
            }
            let openerIndex = order[openerSlot]
            var opener = delimiter(openerIndex)
            // The runs between opener and closer can no longer match anything.
            var between = next[openerSlot]
            while between >= 0, between != position {
                let after = next[between]
                unlink(between)
                between = after
            }
            if closer.character == "~" {
                // GFM: a pair of equal runs (one or two tildes) strikes through; unequal runs stay text.
                if opener.remaining == closer.remaining {
                    _ = wrap(&tokens, .strikethrough, opener: &opener, closer: &closer, openerIndex: openerIndex,
                             closerIndex: closerIndex, use: closer.remaining)
                }
                tokens[openerIndex] = .delimiter(opener)
                tokens[closerIndex] = .delimiter(closer)
                let following = next[position]
                unlink(openerSlot)
                unlink(position)
                position = following
                continue
            }
            let use = closer.remaining >= 2 && opener.remaining >= 2 ? 2 : 1
            _ = wrap(&tokens, use == 2 ? .strong : .emphasis, opener: &opener, closer: &closer, openerIndex: openerIndex,
                     closerIndex: closerIndex, use: use)
            tokens[openerIndex] = .delimiter(opener)
            tokens[closerIndex] = .delimiter(closer)
            if opener.remaining == 0 { unlink(openerSlot) }
            if closer.remaining == 0 {
                let following = next[position]
                unlink(position)
                position = following
            }
        }
    }

    /// Moves the tokens between opener and closer into one node of `kind`, placed in the slot
    /// just before the closer; uses `use` markers from the inner side of each run.
    private func wrap(_ tokens: inout [Token], _ kind: MarkdownNode.Kind, opener: inout DelimiterRun,
                      closer: inout DelimiterRun, openerIndex: Int, closerIndex: Int, use: Int) -> MarkdownNode {
        let children = collect(tokens, from: openerIndex + 1, to: closerIndex)
        // An opener gives its inner (right) markers, a closer its inner (left) ones.
        opener.remaining -= use
        let node = MarkdownNode(
            kind, line: opener.line, column: opener.column + opener.consumedFromLeft + opener.remaining,
            endLine: closer.line, endColumn: closer.column + closer.consumedFromLeft + use - 1,
            children: children)
        closer.remaining -= use
        closer.consumedFromLeft += use
        for i in (openerIndex + 1)..<closerIndex { tokens[i] = .removed }
        tokens[closerIndex - 1] = .node(node)  // there is always a slot: adjacent runs were merged
        return node
    }

    /// Tokens [from, to) as nodes: leftover markers become text, neighbouring texts merge.
    private func collect(_ tokens: [Token], from: Int, to: Int) -> [MarkdownNode] {
        var out: [MarkdownNode] = []
        out.reserveCapacity(to - from)
        // Neighbouring texts are joined in one growing string (not a new string per piece) and
        // become a node when something else follows.
        var pending = ""
        var pendingLine = 0, pendingColumn = 0, pendingEnd = 0
        func appendText(_ text: String, line: Int, column: Int) {
            guard !text.isEmpty else { return }
            if pending.isEmpty {
                (pending, pendingLine, pendingColumn) = (text, line, column)
            } else {
                pending += text
            }
            pendingEnd = column + text.utf8.count - 1
        }
        func flush() {
            guard !pending.isEmpty else { return }
            out.append(MarkdownNode(.text(pending), line: pendingLine, column: pendingColumn, endLine: pendingLine, endColumn: pendingEnd))
            pending = ""
        }
        var i = from
        while i < to {
            switch tokens[i] {
            case .node(let node):
                flush()
                out.append(node)
            case .text(let text, let line, let column, _): appendText(text, line: line, column: column)
            case .delimiter(let run):
                if run.remaining > 0 {
                    appendText(Self.markers(run.character, count: run.remaining), line: run.line, column: run.column + run.consumedFromLeft)
                }
            case .removed: break
            }
            i += 1
        }
        flush()
        return out
    }

    /// `count` copies of an ASCII marker; short runs (nearly all) are small strings, no allocation.
    private static func markers(_ character: Unicode.Scalar, count: Int) -> String {
        switch (character, count) {
        case ("*", 1): return "*"
        case ("*", 2): return "**"
        case ("_", 1): return "_"
        case ("_", 2): return "__"
        case ("~", 1): return "~"
        case ("~", 2): return "~~"
        default: return String(repeating: String(character), count: count)
        }
    }

    // MARK: - Soft breaks

    /// A line break between two CJK characters (Hangul aside: Korean spaces its words) is no space.
    /// When no break goes (a Latin word or punctuation ends each line), `nodes` is not copied.
    private func dropCJKSoftBreaks(_ nodes: inout [MarkdownNode]) {
        guard cjkFriendly, let first = nodes.indices.first(where: { joinsWithoutSpace(nodes, at: $0) }) else { return }
        var out: [MarkdownNode] = []
        out.reserveCapacity(nodes.count - 1)
        out += nodes[..<first]
        for index in (first + 1)..<nodes.count where !joinsWithoutSpace(nodes, at: index) { out.append(nodes[index]) }
        nodes = out
    }

    /// Whether `nodes[index]` is a soft break between two CJK characters.
    private func joinsWithoutSpace(_ nodes: [MarkdownNode], at index: Int) -> Bool {
        guard case .softBreak = nodes[index].kind, index > 0, index + 1 < nodes.count,
              let before = nodes[index - 1].lastTextScalar, let after = nodes[index + 1].firstTextScalar else { return false }
        return Self.joinsWithoutSpace(before) && Self.joinsWithoutSpace(after)
    }

    private static func joinsWithoutSpace(_ scalar: Unicode.Scalar) -> Bool {
        CJKCharacters.isCJK(scalar) && !CJKCharacters.isHangul(scalar)
    }
}

extension MarkdownNode {
    /// The last character of the text this node shows (through emphasis and links), if text ends it.
    var lastTextScalar: Unicode.Scalar? {
        switch kind {
        case .text(let s): return s.unicodeScalars.last
        case .emphasis, .strong, .strikethrough, .link: return children.last?.lastTextScalar
        default: return nil
        }
    }

    var firstTextScalar: Unicode.Scalar? {
        switch kind {
        case .text(let s): return s.unicodeScalars.first
        case .emphasis, .strong, .strikethrough, .link: return children.first?.firstTextScalar
        default: return nil
        }
    }
}

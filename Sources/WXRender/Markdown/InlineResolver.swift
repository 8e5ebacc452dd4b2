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
    /// Runs of two or more `*`/`_` that no rule could pair: the `markdown/emphasis` warning's input.
    var leftovers: [[DelimiterRun]] = []
    /// Footnote references in the order met, with their positions.
    var references: [(label: String, line: Int, column: Int)] = []
    /// `[^label]` without a definition, kept as text.
    var undefinedReferences: [(label: String, line: Int, column: Int)] = []

    /// Inside link text no extended autolink is made (no links in links).
    private var insideLink = 0

    init(source: MarkdownSource, cjkFriendly: Bool, footnoteLabels: Set<String>) {
        self.source = source
        self.cjkFriendly = cjkFriendly
        self.footnoteLabels = footnoteLabels
    }

    private enum Token {
        case node(MarkdownNode)
        case text(String, line: Int, column: Int)
        case delimiter(DelimiterRun)
        case removed
    }

    /// The resolved inline children.
    mutating func resolve(_ inlines: [MarkdownNode]) -> [MarkdownNode] {
        var tokens: [Token] = []
        for node in inlines { flatten(node, into: &tokens) }
        mergeAdjacentDelimiters(&tokens)
        classify(&tokens)
        let runs = processEmphasis(&tokens)
        var out = collect(tokens, from: 0, to: tokens.count)
        if insideLink == 0 { out = ExtendedAutolinks.apply(to: out) }
        out = dropCJKSoftBreaks(out)
        let literal = runs.filter { ($0.character == "*" || $0.character == "_") && $0.length >= 2 }
        if !literal.isEmpty { leftovers.append(runs.filter { $0.character == "*" || $0.character == "_" }) }
        return out
    }

    // MARK: - Flattening cmark's tree into tokens

    private mutating func flatten(_ node: MarkdownNode, into tokens: inout [Token]) {
        switch node.kind {
        case .emphasis, .strong:
            let count = node.kind == .strong ? 2 : 1
            guard let marker = marker(of: node, count: count) else {
                var kept = node
                kept.children = resolve(node.children)
                tokens.append(.node(kept))
                return
            }
            tokens.append(.delimiter(run(marker, count, line: node.line, column: node.column)))
            for child in node.children { flatten(child, into: &tokens) }
            tokens.append(.delimiter(run(marker, count, line: node.endLine, column: node.endColumn - count + 1)))
        case .text(let literal):
            tokenizeText(node, literal: literal, into: &tokens)
        case .link, .image:
            var atom = node
            insideLink += 1
            atom.children = resolve(node.children)
            insideLink -= 1
            tokens.append(.node(atom))
        default:
            tokens.append(.node(node))
        }
    }

    private func run(_ character: Unicode.Scalar, _ length: Int, line: Int, column: Int) -> DelimiterRun {
        DelimiterRun(character: character, length: length, line: line, column: column,
                     context: DelimiterRun.Context(), cjkFriendly: cjkFriendly)
    }

    /// The marker character of cmark's emphasis node, checked at both ends in the source.
    private func marker(of node: MarkdownNode, count: Int) -> Unicode.Scalar? {
        guard let open = source.offset(line: node.line, column: node.column),
              let close = source.offset(line: node.endLine, column: node.endColumn - count + 1),
              open + count <= close else { return nil }
        let c = source.bytes[open]
        guard c == UInt8(ascii: "*") || c == UInt8(ascii: "_") else { return nil }
        for i in 0..<count where source.bytes[open + i] != c || source.bytes[close + i] != c { return nil }
        return Unicode.Scalar(c)
    }

    /// Splits a text node into literal text, delimiter runs and footnote references by walking
    /// its source span. When the span does not decode back to cmark's literal (entities, or a
    /// position cmark got wrong), the node stays one piece of text: never lose or invent text.
    private mutating func tokenizeText(_ node: MarkdownNode, literal: String, into tokens: inout [Token]) {
        guard node.line == node.endLine, let start = source.offset(line: node.line, column: node.column),
              let last = source.offset(line: node.endLine, column: node.endColumn), last >= start else {
            tokens.append(.text(literal, line: node.line, column: node.column))
            return
        }
        let bytes = source.bytes
        var pieces: [Token] = []
        var decoded: [UInt8] = []
        var all: [UInt8] = []
        var segmentColumn = node.column
        var pendingReferences: [(label: String, line: Int, column: Int)] = []
        var pendingUndefined: [(label: String, line: Int, column: Int)] = []
        func flushText(_ i: Int) {
            if !decoded.isEmpty {
                pieces.append(.text(String(decoding: decoded, as: UTF8.self), line: node.line, column: segmentColumn))
                all += decoded
                decoded.removeAll()
            }
            segmentColumn = node.column + (i - start)
        }
        var i = start
        while i <= last {
            let b = bytes[i]
            if b == UInt8(ascii: "\\"), i + 1 <= last, Self.isASCIIPunctuation(bytes[i + 1]) {
                decoded.append(bytes[i + 1])
                i += 2
                continue
            }
            if b == UInt8(ascii: "&") {
                // Entities decode to text we cannot reproduce here without a table; keep the node whole.
                tokens.append(.text(literal, line: node.line, column: node.column))
                return
            }
            if b == UInt8(ascii: "*") || b == UInt8(ascii: "_") || b == UInt8(ascii: "~") {
                var end = i
                while end <= last, bytes[end] == b { end += 1 }
                flushText(i)
                let length = end - i
                if b == UInt8(ascii: "~") && length > 2 {
                    decoded += bytes[i..<end]  // GFM: three or more tildes are text
                } else {
                    pieces.append(.delimiter(run(Unicode.Scalar(b), length, line: node.line, column: node.column + (i - start))))
                    all += bytes[i..<end]
                    segmentColumn = node.column + (end - start)
                }
                i = end
                continue
            }
            if b == UInt8(ascii: "["), i + 2 <= last, bytes[i + 1] == UInt8(ascii: "^") {
                var end = i + 2
                while end <= last, !Self.endsLabel(bytes[end]) { end += 1 }
                if end <= last, bytes[end] == UInt8(ascii: "]"), end > i + 2 {
                    let label = String(decoding: bytes[(i + 2)..<end], as: UTF8.self)
                    let column = node.column + (i - start)
                    if footnoteLabels.contains(label.lowercased()) {
                        flushText(i)
                        pieces.append(.node(MarkdownNode(
                            .footnoteReference(label: label, number: 0), line: node.line, column: column,
                            endLine: node.line, endColumn: node.column + (end - start))))
                        all += bytes[i...end]
                        segmentColumn = node.column + (end + 1 - start)
                        pendingReferences.append((label, node.line, column))
                        i = end + 1
                        continue
                    }
                    pendingUndefined.append((label, node.line, column))
                }
            }
            decoded.append(b)
            i += 1
        }
        flushText(i)
        // What we decoded must give back exactly cmark's literal; otherwise trust cmark's text.
        guard all == Array(literal.utf8) else {
            tokens.append(.text(literal, line: node.line, column: node.column))
            return
        }
        references += pendingReferences
        undefinedReferences += pendingUndefined
        tokens += pieces
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
        if case .node(let node) = token, node.kind == .softBreak || node.kind == .lineBreak { return true }
        return false
    }

    // MARK: - Process emphasis (CommonMark spec, appendix; GFM strikethrough for `~`)

    private struct BottomKey: Hashable {
        var character: Unicode.Scalar
        var canOpen: Bool
        var lengthMod3: Int
    }

    /// Matches delimiter runs in place. Matched content is moved into a new `.node` token placed
    /// at the opener's position (the tokens it replaces become `.removed`), so token indices stay
    /// in source order and the delimiter stack can be a plain array of indices.
    private func processEmphasis(_ tokens: inout [Token]) -> [DelimiterRun] {
        var stack: [Int] = tokens.indices.filter { if case .delimiter = tokens[$0] { return true } else { return false } }
        var bottoms: [BottomKey: Int] = [:]
        var allRuns: [Int] = stack
        var position = 0
        func delimiter(_ index: Int) -> DelimiterRun {
            if case .delimiter(let run) = tokens[index] { return run }
            preconditionFailure("not a delimiter")
        }
        while position < stack.count {
            let closerIndex = stack[position]
            var closer = delimiter(closerIndex)
            guard closer.canClose else {
                position += 1
                continue
            }
            let key = BottomKey(character: closer.character, canOpen: closer.canOpen, lengthMod3: closer.length % 3)
            let bottom = bottoms[key] ?? -1
            var found: Int?
            var p = position - 1
            while p >= 0, stack[p] > bottom {
                let opener = delimiter(stack[p])
                if opener.character == closer.character, opener.canOpen, opener.remaining > 0, stack[p] + 1 < closerIndex {
                    let oddMatch = (opener.canClose || closer.canOpen) && (opener.length + closer.length) % 3 == 0
                        && !(opener.length % 3 == 0 && closer.length % 3 == 0)
                    if !oddMatch {
                        found = p
                        break
                    }
                }
                p -= 1
            }
            guard let openerPosition = found else {
                bottoms[key] = position > 0 ? stack[position - 1] : -1
                if closer.canOpen { position += 1 } else { stack.remove(at: position) }
                continue
            }
            let openerIndex = stack[openerPosition]
            var opener = delimiter(openerIndex)
            if closer.character == "~" {
                // GFM: a pair of equal runs (one or two tildes) strikes through; unequal runs stay text.
                if opener.remaining == closer.remaining {
                    _ = wrap(&tokens, .strikethrough, opener: &opener, closer: &closer, openerIndex: openerIndex,
                             closerIndex: closerIndex, use: closer.remaining)
                }
                tokens[openerIndex] = .delimiter(opener)
                tokens[closerIndex] = .delimiter(closer)
                stack.removeSubrange(openerPosition...position)
                position = openerPosition
                continue
            }
            let use = closer.remaining >= 2 && opener.remaining >= 2 ? 2 : 1
            _ = wrap(&tokens, use == 2 ? .strong : .emphasis, opener: &opener, closer: &closer, openerIndex: openerIndex,
                     closerIndex: closerIndex, use: use)
            tokens[openerIndex] = .delimiter(opener)
            tokens[closerIndex] = .delimiter(closer)
            stack.removeSubrange((openerPosition + 1)..<position)
            position = openerPosition + 1
            if opener.remaining == 0 {
                stack.remove(at: openerPosition)
                position -= 1
            }
            if closer.remaining == 0 { stack.remove(at: position) }
        }
        allRuns = allRuns.filter { if case .delimiter = tokens[$0] { return true } else { return false } }
        return allRuns.map { delimiter($0) }
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
        func appendText(_ text: String, line: Int, column: Int) {
            guard !text.isEmpty else { return }
            if case .text(let previous)? = out.last?.kind {
                out[out.count - 1].kind = .text(previous + text)
                out[out.count - 1].endColumn = column + text.utf8.count - 1
            } else {
                out.append(MarkdownNode(.text(text), line: line, column: column, endLine: line, endColumn: column + text.utf8.count - 1))
            }
        }
        var i = from
        while i < to {
            switch tokens[i] {
            case .node(let node): out.append(node)
            case .text(let text, let line, let column): appendText(text, line: line, column: column)
            case .delimiter(let run):
                if run.remaining > 0 {
                    appendText(String(repeating: String(run.character), count: run.remaining), line: run.line,
                               column: run.column + run.consumedFromLeft)
                }
            case .removed: break
            }
            i += 1
        }
        return out
    }

    // MARK: - Soft breaks

    /// A line break between two CJK characters (Hangul aside: Korean spaces its words) is no space.
    private func dropCJKSoftBreaks(_ nodes: [MarkdownNode]) -> [MarkdownNode] {
        guard cjkFriendly, nodes.contains(where: { $0.kind == .softBreak }) else { return nodes }
        var out: [MarkdownNode] = []
        for (index, node) in nodes.enumerated() {
            if node.kind == .softBreak, index > 0, index + 1 < nodes.count,
               let before = nodes[index - 1].lastTextScalar, let after = nodes[index + 1].firstTextScalar,
               Self.joinsWithoutSpace(before), Self.joinsWithoutSpace(after) {
                continue
            }
            out.append(node)
        }
        return out
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

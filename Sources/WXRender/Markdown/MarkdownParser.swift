import WXSupport

/// How a post's Markdown is read: `markdown:` in wxpub.yml.
public struct MarkdownOptions: Sendable, Equatable {
    /// The CommonMark CJK-friendly amendments for emphasis, and no space for a line break
    /// between two CJK characters. Off gives plain CommonMark emphasis and breaks.
    public var cjkFriendly: Bool

    /// The GFM extensions (tables, strikethrough, autolinks, task lists, footnotes). Always on
    /// for posts; off only to hold the emphasis rules against plain CommonMark oracles.
    var extensions = true

    public init(cjkFriendly: Bool = true) {
        self.cjkFriendly = cjkFriendly
    }
}

/// Something the Markdown pass noticed that the editor should hear about; positions are
/// cmark's (body line, byte column), turned into diagnostics by the renderer's `SourceMap`.
struct MarkdownFinding: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// `[^label]` with no `[^label]:` definition; it stays literal text.
        case undefinedFootnote(String)
        /// A definition nothing refers to; it is left out of the article.
        case unusedFootnote(String)
    }

    var kind: Kind
    var line: Int
    var column: Int

    /// The warning the editor reads, at the footnote's `line:col` in the post.
    func diagnostic(_ sourceMap: SourceMap) -> Diagnostic {
        let location = sourceMap.location(line: line, column: column)
        switch kind {
        case .undefinedFootnote(let label):
            return .warning(
                at: location, "footnote `[^\(label)]` has no definition, so the reader sees `[^\(label)]` as text",
                fix: "add a line `[^\(label)]: the note` at the start of a line (after the paragraph), or write `\\[^\(label)]` to mean the brackets",
                rule: "markdown/footnote")
        case .unusedFootnote(let label):
            return .warning(
                at: location, "footnote `[^\(label)]` is defined but never referred to, so the note is left out of the article",
                fix: "refer to it with `[^\(label)]` in the text, or delete the definition", rule: "markdown/footnote")
        }
    }
}

/// The parsed post body: cmark's CommonMark tree with the GFM extensions and CJK-friendly
/// emphasis resolved, footnote definitions appended in reference order.
struct MarkdownDocument: Sendable {
    var root: MarkdownNode
    var findings: [MarkdownFinding]
    /// Per paragraph, the `*`/`_` runs after emphasis was resolved (see `EmphasisMarkers`).
    var delimiterRuns: [[DelimiterRun]]
    /// The body's bytes and lines, which the renderer's `SourceMap` shares.
    var source: MarkdownSource
}

/// Markdown → `MarkdownNode`: libcmark parses the blocks and inlines as plain CommonMark; this
/// pass (between cmark and the renderer) takes out footnote definitions before the parse, then
/// turns table lines into tables, re-resolves emphasis with `~` strikethrough and the
/// CJK-friendly flanking rules, finds footnote references, extended autolinks and task-list
/// markers, and drops soft breaks between CJK characters.
enum MarkdownParser {
    static func parse(_ body: String, options: MarkdownOptions = MarkdownOptions()) -> MarkdownDocument {
        let source = MarkdownSource(body)
        let footnotes = options.extensions && FootnoteDefinitions.mayHoldDefinitions(source)
            ? FootnoteDefinitions(source, text: body) : FootnoteDefinitions(plain: body)
        var labels: [String: Int] = [:]
        for (index, definition) in footnotes.definitions.enumerated() where labels[definition.label.lowercased()] == nil {
            labels[definition.label.lowercased()] = index
        }
        var resolver = InlineResolver(source: source, cjkFriendly: options.cjkFriendly, footnoteLabels: Set(labels.keys))
        resolver.extensions = options.extensions
        var pass = BlockPass(
            source: source, referenceDefinitions: footnotes.referenceDefinitions, extensions: options.extensions, resolver: resolver)
        let parsed = footnotes.definitions.isEmpty
            ? CmarkParser.parse(body, source: source) : CmarkParser.parse(footnotes.mainText)
        var root = pass.document(parsed)

        var definitions: [MarkdownNode] = footnotes.definitions.map { definition in
            var sub = CmarkParser.parse(definition.content)
            if sub.nests(deeperThan: BlockPass.maxDepth) { return sub }
            definition.relocation.apply(to: &sub)
            return pass.document(sub)
        }

        // Number notes in order of first reference: the body first, then the notes themselves.
        var numbers: [String: Int] = [:]
        var order: [Int] = []
        func number(_ node: inout MarkdownNode, depth: Int = 0) {
            guard depth <= BlockPass.maxDepth + 2 else { return }  // no references below: see BlockPass.maxDepth
            if case .footnoteReference(let label, _) = node.kind {
                let key = label.lowercased()
                if numbers[key] == nil, let index = labels[key] {
                    numbers[key] = numbers.count + 1
                    order.append(index)
                }
                node.kind = .footnoteReference(label: label, number: numbers[key] ?? 0)
            }
            for i in node.children.indices { number(&node.children[i], depth: depth + 1) }
        }
        if !labels.isEmpty { number(&root) }  // without definitions no reference was made
        var next = 0
        while next < order.count {
            number(&definitions[order[next]])
            next += 1
        }
        var findings = pass.resolver.undefinedReferences.map {
            MarkdownFinding(kind: .undefinedFootnote($0.label), line: $0.line, column: $0.column)
        }
        for (index, definition) in footnotes.definitions.enumerated() {
            let key = definition.label.lowercased()
            guard labels[key] == index else { continue }
            if let n = numbers[key] {
                var note = MarkdownNode(
                    .footnoteDefinition(label: definition.label, number: n), line: definition.line, column: definition.column,
                    children: definitions[index].children)
                note.endLine = definitions[index].children.last?.endLine ?? definition.line
                definitions[index] = note
            } else {
                findings.append(MarkdownFinding(kind: .unusedFootnote(definition.label), line: definition.line, column: definition.column))
            }
        }
        root.children += order.map { definitions[$0] }
        findings.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        return MarkdownDocument(root: root, findings: findings, delimiterRuns: pass.resolver.leftovers, source: source)
    }
}

/// The walk over blocks: tables out of paragraphs, inline resolution, task-list markers.
struct BlockPass {
    let source: MarkdownSource
    /// The body's link reference definitions, given to table cells parsed on their own.
    let referenceDefinitions: String
    /// Tables and task lists (see `MarkdownOptions.extensions`).
    let extensions: Bool
    var resolver: InlineResolver

    /// Nesting deeper than this is left as cmark made it (the renderer flattens it anyway).
    static let maxDepth = 48

    mutating func document(_ root: consuming MarkdownNode) -> MarkdownNode {
        guard !root.nests(deeperThan: Self.maxDepth) else { return root }
        blocks(&root.children, quoteDepth: 0)
        return root
    }

    /// Resolves `nodes` in place (no new array per container); a paragraph holding a table is
    /// replaced by its parts.
    private mutating func blocks(_ nodes: inout [MarkdownNode], quoteDepth: Int) {
        var i = 0
        while i < nodes.count {
            switch nodes[i].kind {
            case .paragraph:
                if extensions, let split = table(in: nodes[i], quoteDepth: quoteDepth) {
                    nodes.replaceSubrange(i...i, with: split)
                    i += split.count
                    continue
                }
                nodes[i].children = resolver.resolve(nodes[i].children, span: span(of: nodes[i]))
            case .heading:
                nodes[i].children = resolver.resolve(nodes[i].children, span: span(of: nodes[i]))
            case .blockQuote:
                blocks(&nodes[i].children, quoteDepth: quoteDepth + 1)
            case .list:
                blocks(&nodes[i].children, quoteDepth: quoteDepth)
            case .item:
                blocks(&nodes[i].children, quoteDepth: quoteDepth)
                if extensions { Self.markTask(&nodes[i], source: source) }
            default:
                break
            }
            i += 1
        }
    }

    /// The bytes a block's inline content comes from, by cmark's block positions (reliable, unlike
    /// its emphasis positions).
    private func span(of node: MarkdownNode) -> InlineResolver.Span? {
        guard let start = source.offset(line: node.line, column: node.column),
              let last = source.offset(line: node.endLine, column: node.endColumn) else { return nil }
        return InlineResolver.Span(start: start, end: last + 1)
    }

    // MARK: - Task lists

    /// `[ ]` / `[x]` + white space opening an item's first paragraph becomes a `.taskMarker`.
    private static func markTask(_ item: inout MarkdownNode, source: MarkdownSource) {
        guard let paragraph = item.children.first, paragraph.kind == .paragraph,
              let first = paragraph.children.first, case .text(let text) = first.kind else { return }
        let bytes = Array(text.utf8)
        guard bytes.count >= 4, bytes[0] == UInt8(ascii: "["), bytes[2] == UInt8(ascii: "]"),
              bytes[1] == 32 || bytes[1] == UInt8(ascii: "x") || bytes[1] == UInt8(ascii: "X"),
              bytes[3] == 32 || bytes[3] == 9,
              let offset = source.offset(line: first.line, column: first.column), source.bytes[offset] == UInt8(ascii: "[")
        else { return }
        var rest = 3
        while rest < bytes.count, bytes[rest] == 32 || bytes[rest] == 9 { rest += 1 }
        guard rest < bytes.count || paragraph.children.count > 1 else { return }
        let marker = MarkdownNode(
            .taskMarker(checked: bytes[1] != 32), line: first.line, column: first.column, endLine: first.line,
            endColumn: first.column + 2)
        var children = paragraph.children
        if rest < bytes.count {
            children[0].kind = .text(String(decoding: bytes[rest...], as: UTF8.self))
            children[0].column += rest
        } else {
            children.removeFirst()
        }
        children.insert(marker, at: 0)
        item.children[0].children = children
    }

    // MARK: - Tables

    /// The paragraph re-split into [paragraph above,] table, when its lines hold one.
    private mutating func table(in paragraph: MarkdownNode, quoteDepth: Int) -> [MarkdownNode]? {
        guard paragraph.endLine > paragraph.line, let first = source.offset(line: paragraph.line, column: paragraph.column) else { return nil }
        var lines: [TableBlocks.Line] = []
        for number in paragraph.line...paragraph.endLine {
            let line = source.line(number)
            let start = number == paragraph.line ? first : Self.contentStart(line, quoteDepth: quoteDepth)
            lines.append(TableBlocks.Line(line: number, start: start, end: line.endIndex))
        }
        let bytes = source.bytes
        guard TableBlocks.mightHoldTable(bytes, lines) else { return nil }
        for header in 0..<(lines.count - 1) {
            let delimiterLine = lines[header + 1]
            guard let alignments = TableBlocks.alignments(bytes, delimiterLine, lineStart: source.lineStarts[delimiterLine.line - 1]) else { continue }
            let headerCells = TableBlocks.cells(bytes, lines[header], lineStart: source.lineStarts[lines[header].line - 1])
            guard headerCells.count == alignments.count else { continue }
            var out: [MarkdownNode] = []
            if header > 0 { out += reparse(Array(lines[0..<header])) }
            var rows = [row(headerCells, header: true, columns: alignments.count, at: lines[header])]
            var rest = header + 2
            while rest < lines.count {
                let cells = TableBlocks.cells(bytes, lines[rest], lineStart: source.lineStarts[lines[rest].line - 1])
                if cells.isEmpty { break }  // a lone `|` ends the table (as in cmark-gfm); the rest is a paragraph
                rows.append(row(cells, header: false, columns: alignments.count, at: lines[rest]))
                rest += 1
            }
            let start = lines[header]
            let last = lines[rest - 1]
            out.append(MarkdownNode(
                .table(alignments: alignments), line: start.line, column: start.start - source.lineStarts[start.line - 1] + 1,
                endLine: last.line, endColumn: last.end - source.lineStarts[last.line - 1], children: rows))
            if rest < lines.count { out += reparse(Array(lines[rest...])) }
            return out
        }
        return nil
    }

    /// Where a paragraph continuation line's text starts: after the enclosing quotes' `>` markers
    /// (when present: lines may continue lazily) and the indentation.
    private static func contentStart(_ line: ArraySlice<UInt8>, quoteDepth: Int) -> Int {
        var i = line.startIndex
        func skipSpaces() { while i < line.endIndex, line[i] == 32 || line[i] == 9 { i += 1 } }
        for _ in 0..<quoteDepth {
            skipSpaces()
            guard i < line.endIndex, line[i] == UInt8(ascii: ">") else { break }
            i += 1
        }
        skipSpaces()
        return i
    }

    /// The paragraph lines above a table, parsed on their own.
    private mutating func reparse(_ lines: [TableBlocks.Line]) -> [MarkdownNode] {
        var text: [UInt8] = []
        var relocation = Relocation(lines: [])
        for line in lines {
            if !text.isEmpty { text.append(10) }
            text += source.bytes[line.start..<line.end]
            relocation.lines.append(Relocation.Line(line: line.line, columnOffset: line.start - source.lineStarts[line.line - 1]))
        }
        var sub = CmarkParser.parse(String(decoding: text, as: UTF8.self))
        relocation.apply(to: &sub)
        if !sub.nests(deeperThan: Self.maxDepth) { blocks(&sub.children, quoteDepth: 0) }
        return sub.children
    }

    private mutating func row(_ cells: [TableBlocks.Cell], header: Bool, columns: Int, at line: TableBlocks.Line) -> MarkdownNode {
        let column = line.start - source.lineStarts[line.line - 1] + 1
        var nodes: [MarkdownNode] = []
        for cell in cells.prefix(columns) { nodes.append(self.cell(cell)) }
        while nodes.count < columns {
            nodes.append(MarkdownNode(.tableCell, line: line.line, column: column, endLine: line.line, endColumn: column))
        }
        return MarkdownNode(.tableRow(header: header), line: line.line, column: column, endLine: line.line,
                            endColumn: line.end - source.lineStarts[line.line - 1], children: nodes)
    }

    /// A cell's inlines: cmark parses the text behind a no-break space, so text such as `# x`
    /// or `- x` stays inline; the space is removed again afterwards.
    private mutating func cell(_ cell: TableBlocks.Cell) -> MarkdownNode {
        let end = cell.column + cell.text.count + cell.dropped.count - 1
        guard !cell.text.isEmpty else {
            return MarkdownNode(.tableCell, line: cell.line, column: cell.column, endLine: cell.line, endColumn: cell.column)
        }
        var text = "\u{A0}" + String(decoding: cell.text, as: UTF8.self)
        if !referenceDefinitions.isEmpty, cell.text.contains(UInt8(ascii: "[")) { text += "\n\n" + referenceDefinitions }
        var sub = CmarkParser.parse(text)
        // Sub-document column 3 is the cell's first byte; each dropped backslash shifts the rest.
        let relocation = Relocation(lines: [Relocation.Line(
            line: cell.line, columnOffset: cell.column - 3, dropped: cell.dropped.map { $0 + 3 })])
        var inlines = sub.children.first?.children ?? []
        sub.children = []
        if case .text(let text)? = inlines.first?.kind, text.unicodeScalars.first == "\u{A0}" {
            let rest = String(text.unicodeScalars.dropFirst())
            if rest.isEmpty {
                inlines.removeFirst()
            } else {
                inlines[0].kind = .text(rest)
                inlines[0].column += 2
            }
        }
        var node = MarkdownNode(.tableCell, line: cell.line, column: cell.column, endLine: cell.line, endColumn: end, children: inlines)
        for i in node.children.indices { relocation.apply(to: &node.children[i]) }
        let span = source.offset(line: cell.line, column: cell.column).map { InlineResolver.Span(start: $0, end: $0 + end - cell.column + 1) }
        node.children = resolver.resolve(node.children, span: span)
        return node
    }
}

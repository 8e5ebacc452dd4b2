import WXTestSupport

/// Deterministic generated Markdown for the differential tests (SplitMix64, seeded per document,
/// so a failure names a document that can be regenerated).
struct MarkdownCorpus {
    private var random: SplitMix64

    init(seed: UInt64) {
        random = SplitMix64(seed: (seed &+ 1) &* 0xD1B5_4A32_D192_ED03)
        _ = next()
    }

    mutating func next() -> UInt64 { random.next() }

    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }
    mutating func chance(_ percent: Int) -> Bool { int(100) < percent }

    // MARK: - CJK sentences

    static let cjkWords = ["注意", "后文", "正因为", "风险", "何况", "这是", "测试", "日本語", "テスト", "重要", "です", "中文", "标点"]
    static let cjkPunctuation = ["：", "。", "，", "、", "“", "”", "「", "」", "（", "）", "《", "》", "！", "？"]
    static let latinWords = ["Markdown", "wxpub", "GitHub", "test", "v2", "API", "cmark"]
    static let markers = ["*", "**", "_", "__", "~~"]

    /// One paragraph mixing CJK text, CJK punctuation, Latin words, digits, emphasis markers,
    /// links and code spans: the shapes Chinese and Japanese editors write.
    mutating func cjkSentence() -> String {
        var out = ""
        for _ in 0..<(3 + int(8)) {
            var piece: String
            switch int(10) {
            case 0, 1, 2: piece = pick(Self.cjkWords)
            case 3, 4: piece = pick(Self.cjkPunctuation)
            case 5: piece = (chance(50) ? " " : "") + pick(Self.latinWords) + (chance(50) ? " " : "")
            case 6: piece = String(int(2030))
            case 7:
                let marker = pick(Self.markers)
                let inner = pick([pick(Self.cjkWords), pick(Self.cjkPunctuation) + pick(Self.cjkWords),
                                  pick(Self.cjkWords) + pick(Self.cjkPunctuation), pick(Self.latinWords),
                                  pick(Self.cjkPunctuation) + pick(Self.cjkWords) + pick(Self.cjkPunctuation)])
                piece = Self.spaced(marker, marker + inner + marker)
            case 8:
                let marker = pick(Self.markers)
                piece = Self.spaced(marker, marker)
            default:
                piece = chance(50) ? "[" + pick(Self.cjkWords) + "](https://example.com/" + String(int(9)) + ")" : "`" + pick(Self.latinWords) + "`"
            }
            // `~~~~` is text in GFM but two pairs in markdown-it: keep tilde runs apart.
            if out.hasSuffix("~"), piece.hasPrefix("~") { out += pick(Self.cjkWords) }
            out += piece
        }
        return out
    }

    /// `_` runs get a space on each side: next to a CJK letter the specification and the oracle
    /// plugin disagree about them (see `CJKFriendlyDifferentialTests.oracleDeviations`).
    static func spaced(_ marker: String, _ text: String) -> String {
        marker.hasPrefix("_") ? " " + text + " " : text
    }

    // MARK: - GFM documents

    mutating func inline(footnotes: inout [String]) -> String {
        var words: [String] = []
        for _ in 0..<(2 + int(7)) {
            switch int(16) {
            case 0: words.append("**" + pick(["bold", "粗体", "a b"]) + "**")
            case 1: words.append("*" + pick(["em", "斜体"]) + "*")
            // Tildes are spaced off: cmark-gfm 0.29 looks through `~` for the character before a `*`
            // run (its "skip chars"), which the GFM spec does not say (`a~**b*` stays literal there).
            case 2: words.append(" ~~" + pick(["gone", "删除", "x y"]) + "~~ ")
            case 3: words.append(" ~" + pick(["one", "单"]) + "~ ")
            case 4: words.append("`" + pick(["code", "a|b", "x~~y~~"]) + "`")
            case 5: words.append("[" + pick(["link", "链接"]) + "](https://example.com/" + String(int(9)) + ")")
            // A space after: cmark-gfm runs a URL on through code spans and footnote references.
            case 6: words.append(pick(["www.example.com", "https://example.org/a_b?c=1", "http://x.cn/path).", "www.a.com/b(c)"]) + " ")
            case 7: words.append(pick(["someone@example.com", "a.b-c@mail.example.org."]))
            case 8:
                let label = pick(["1", "2", "note", "x_y", "nope"])
                if !footnotes.contains(label) { footnotes.append(label) }
                words.append("[^" + label + "]")
            case 9: words.append(pick([" ~~~ ", " ~~ ", "*", "_", "**"]))
            case 10: words.append(pick(["a\\|b", "\\*not\\*", "&amp;", "<span>x</span>"]))
            default: words.append(pick(["alpha", "beta", "文字", "更多", "gamma", "delta.", "(paren)", "x_y_z"]))
            }
        }
        let text = words.joined(separator: pick([" ", " ", "", " "]))
        // Text that opens like a list item, heading or quote would start another block.
        if let first = text.first, "*_~-+#>| ".contains(first) { return "w " + text }
        return text
    }

    mutating func table(footnotes: inout [String]) -> String {
        let columns = 1 + int(4)
        func row(_ cells: Int, _ footnotes: inout [String]) -> String {
            var parts: [String] = []
            for _ in 0..<cells { parts.append(chance(20) ? "" : inline(footnotes: &footnotes)) }
            let body = parts.joined(separator: " | ")
            return (chance(70) ? "| " : "") + body + (chance(70) ? " |" : "")
        }
        var lines = [row(columns, &footnotes)]
        lines.append("|" + (0..<columns).map { _ in pick(["---", ":--", "--:", ":-:", " - "]) }.joined(separator: "|") + "|")
        for _ in 0..<int(4) { lines.append(row(max(1, columns + int(3) - 1), &footnotes)) }
        return lines.joined(separator: "\n")
    }

    mutating func block(depth: Int, footnotes: inout [String]) -> String {
        switch int(depth > 1 ? 6 : 9) {
        case 0, 1: return inline(footnotes: &footnotes) + (chance(30) ? "\n" + inline(footnotes: &footnotes) : "")
        case 2: return table(footnotes: &footnotes)
        case 3: return inline(footnotes: &footnotes) + "\n" + table(footnotes: &footnotes)
        case 4:
            // Task markers only where the item starts its line: cmark-gfm 0.29 misses them after
            // `> ` or `1. ` on the same line (`> - [ ] x`), which the GFM spec makes task items.
            let markers = depth == 0 ? ["[ ] ", "[x] ", "[X] ", "", "[@] "] : ["", "[@] "]
            return (0..<(1 + int(3))).map { _ in "- " + pick(markers) + inline(footnotes: &footnotes) }.joined(separator: "\n")
        case 5: return "```\n[^1]: not a note\n| a | b |\n|---|---|\n~~kept~~\n```"
        case 6:
            return block(depth: depth + 1, footnotes: &footnotes).split(separator: "\n", omittingEmptySubsequences: false)
                .map { "> " + $0 }.joined(separator: "\n")
        case 7:
            // A table that interrupts a paragraph in a tight item makes cmark-gfm's list loose; not a GFM rule.
            var wrapped = block(depth: depth + 1, footnotes: &footnotes)
            if wrapped.contains("\n|") { wrapped = inline(footnotes: &footnotes) }
            let inner = wrapped.split(separator: "\n", omittingEmptySubsequences: false)
            return "1. " + inner.joined(separator: "\n   ")
        default:
            let (outer, inner) = depth == 0 ? ("[ ] ", "[x] ") : ("", "")
            return "- " + outer + inline(footnotes: &footnotes) + "\n  - " + inner + inline(footnotes: &footnotes)
        }
    }

    /// A document of a few blocks, with definitions for most referenced notes (some left
    /// undefined) and sometimes an unused one, a multi-paragraph one, or one with code.
    mutating func gfmDocument() -> String {
        var footnotes: [String] = []
        var blocks: [String] = []
        for _ in 0..<(2 + int(5)) { blocks.append(block(depth: 0, footnotes: &footnotes)) }
        for label in footnotes where label != "nope" {
            switch int(4) {
            case 0: blocks.append("[^\(label)]: note *\(label)* text\n\n    second paragraph of \(label)")
            case 1: blocks.append("[^\(label)]:\n    > quoted note\n\n        code in note")
            default: blocks.append("[^\(label)]: note \(label) with ~~strike~~ and www.example.com")
            }
        }
        if chance(30) { blocks.append("[^unused]: never referenced") }
        return blocks.joined(separator: "\n\n") + "\n"
    }
}

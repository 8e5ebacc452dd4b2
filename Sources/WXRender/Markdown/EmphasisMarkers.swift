import WXStructure
import WXSupport

/// The `markdown/emphasis` warning: `**`/`__` that stay literal, so the reader sees the markers.
///
/// It reads the delimiter runs `InlineResolver` left unmatched after resolving emphasis (with the
/// CJK-friendly rules when they are on), so it fires exactly where the article shows asterisks:
/// `**注意：**后文` is fine with the amendments and reported without them. Working from the
/// resolver's runs (not a second scan of the source) means code, links, HTML and escapes are
/// already out of the way, and each marker has its `line:col`.
enum EmphasisMarkers {
    static func report(_ paragraphs: [[DelimiterRun]], sourceMap: SourceMap, cjkFriendly: Bool) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for runs in paragraphs {
            for character in ["*", "_"] as [Unicode.Scalar] {
                let mine = runs.filter { $0.character == character }
                // Only doubled markers the author evidently meant as a pair; a lone `**` (as in `2**3`) is left alone.
                let leftovers = mine.filter { $0.length >= 2 && $0.remaining >= 2 }
                guard mine.filter({ $0.length >= 2 }).count >= 2, !leftovers.isEmpty else { continue }
                // Leftovers pair up in order: the first of each pair was meant to open, the second to close.
                let marker = String(repeating: String(character), count: 2)
                var index = 0
                while index < leftovers.count {
                    let opener = leftovers[index]
                    guard index + 1 < leftovers.count else {
                        diagnostics.append(diagnostic(for: opener, marker, opener.canOpen ? .unmatched : .opening, sourceMap, cjkFriendly))
                        break
                    }
                    let closer = leftovers[index + 1]
                    if !opener.canOpen { diagnostics.append(diagnostic(for: opener, marker, .opening, sourceMap, cjkFriendly)) }
                    if !closer.canClose { diagnostics.append(diagnostic(for: closer, marker, .closing, sourceMap, cjkFriendly)) }
                    if opener.canOpen && closer.canClose {
                        diagnostics.append(diagnostic(for: opener, marker, .unmatched, sourceMap, cjkFriendly))
                    }
                    index += 2
                }
            }
        }
        return diagnostics.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
    }

    private enum Role { case opening, closing, unmatched }

    private static func describe(_ scalar: Unicode.Scalar?) -> String {
        guard let scalar else { return "the line end" }
        if DelimiterRun.isWhitespace(scalar) { return "a space" }
        return "`\(Character(scalar))`"
    }

    private static func diagnostic(
        for run: DelimiterRun, _ marker: String, _ role: Role, _ sourceMap: SourceMap, _ cjkFriendly: Bool
    ) -> Diagnostic {
        let location = sourceMap.location(line: run.line, column: run.column + run.consumedFromLeft)
        let before = describe(run.before), after = describe(run.after)
        let message: String
        var fix: String
        switch role {
        case .opening:
            message = "`\(marker)` stays literal: it cannot open emphasis between \(before) and \(after) (punctuation after the marker needs white space or punctuation before it), so the reader sees the asterisks"
            fix = "Add a space before `\(marker)`, move the punctuation inside the emphasis out of it, or write <strong>…</strong>."
        case .closing:
            message = "`\(marker)` stays literal: it cannot close emphasis between \(before) and \(after) (punctuation before the marker needs white space or punctuation after it), so the reader sees the asterisks"
            fix = "Move the \(before) out of the emphasis (write `\(marker)注意\(marker)：后文`, not `\(marker)注意：\(marker)后文`), add a space after `\(marker)`, or write <strong>…</strong>."
        case .unmatched:
            message = "`\(marker)` has no matching marker it can pair with in this paragraph and stays literal"
            fix = "Close the emphasis with a matching `\(marker)`, or escape it as `\\\(marker.first!)\\\(marker.first!)`."
        }
        if !cjkFriendly, role != .unmatched {
            fix += " Or set `markdown: cjk_friendly: true` in wxpub.yml: next to Chinese punctuation the marker then works as written."
        }
        let rule = StructureRule.emphasisMarker
        return Diagnostic(rule.severity, at: location, message, fix: fix, rule: rule.rawValue)
    }
}

import WXSupport

/// Finds `**`/`__` that CommonMark will leave as literal text. The delimiter-run rules do not let
/// emphasis open or close between punctuation and a letter, and CJK punctuation counts, so
/// `**注意：**后文` prints its asterisks. Working on the Markdown source (not the rendered text)
/// points at the exact marker that fails, and says why.
///
/// This is the CommonMark flanking and pairing algorithm for `*` and `_` runs (rule of three
/// included) over each paragraph, skipping fenced and indented code, HTML blocks, code spans,
/// autolinks, inline HTML, link destinations and backslash escapes. Link text and nested
/// brackets are treated as plain text, which can differ from cmark in rare nestings.
enum EmphasisMarkers {
    struct Run {
        var character: Unicode.Scalar
        var length: Int
        var remaining: Int
        var line: Int
        var column: Int
        var before: Unicode.Scalar?
        var after: Unicode.Scalar?
        var canOpen: Bool
        var canClose: Bool
        var matched = false
    }

    static func check(_ source: String, file: String, firstLine: Int) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var paragraph: [(line: Int, scalars: [Unicode.Scalar], offset: Int)] = []
        var fence: (character: Unicode.Scalar, length: Int)?
        var inHTMLBlock = false
        var previousBlank = true

        func flush() {
            if !paragraph.isEmpty { diagnostics += checkParagraph(paragraph, file: file) }
            paragraph.removeAll()
        }

        for (index, rawLine) in lines(of: source).enumerated() {
            let lineNumber = firstLine + index
            let scalars = rawLine
            let indent = scalars.prefix { $0 == " " || $0 == "\t" }.reduce(0) { $0 + ($1 == "\t" ? 4 : 1) }
            let trimmed = Array(scalars.drop { $0 == " " || $0 == "\t" })
            let blank = trimmed.isEmpty
            if let open = fence {
                let run = trimmed.prefix { $0 == open.character }.count
                if indent < 4, run >= open.length, trimmed.dropFirst(run).allSatisfy({ $0 == " " || $0 == "\t" }) { fence = nil }
                continue
            }
            if blank {
                flush()
                inHTMLBlock = false
                previousBlank = true
                continue
            }
            if inHTMLBlock { continue }
            if indent >= 4 && (previousBlank || paragraph.isEmpty) {
                previousBlank = false
                continue  // indented code
            }
            previousBlank = false
            let content = stripContainerMarkers(trimmed)
            let body = Array(trimmed[content...])
            if let first = body.first, first == "`" || first == "~" {
                let run = body.prefix { $0 == first }.count
                if run >= 3 {
                    flush()
                    fence = (first, run)
                    continue
                }
            }
            if startsHTMLBlock(body) {
                flush()
                inHTMLBlock = true
                continue
            }
            paragraph.append((lineNumber, scalars, scalars.count - trimmed.count + content))
        }
        flush()
        return diagnostics
    }

    private static func lines(of source: String) -> [[Unicode.Scalar]] {
        var result: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        var previousCR = false
        for scalar in source.unicodeScalars {
            if scalar == "\n" {
                if !previousCR { result.append(current) }
                current = []
                previousCR = false
            } else if scalar == "\r" {
                result.append(current)
                current = []
                previousCR = true
            } else {
                current.append(scalar)
                previousCR = false
            }
        }
        result.append(current)
        return result
    }

    /// Index just past blockquote `>`, list markers and ATX heading `#`s at the start of a line.
    private static func stripContainerMarkers(_ line: [Unicode.Scalar]) -> Int {
        var index = 0
        func skipSpaces() { while index < line.count, line[index] == " " || line[index] == "\t" { index += 1 } }
        var progressed = true
        while progressed {
            progressed = false
            skipSpaces()
            guard index < line.count else { break }
            let c = line[index]
            if c == ">" {
                index += 1
                progressed = true
            } else if (c == "-" || c == "+" || c == "*"), index + 1 < line.count, line[index + 1] == " " {
                // A thematic break like `* * *` is no paragraph text either; leave it to the scan.
                index += 2
                progressed = true
            } else if c.properties.numericType != nil, c.isASCII {
                var end = index
                while end < line.count, line[end].isASCII, line[end].properties.numericType != nil { end += 1 }
                if end < line.count - 1, line[end] == "." || line[end] == ")", line[end + 1] == " " {
                    index = end + 2
                    progressed = true
                }
            } else if c == "#" {
                var end = index
                while end < line.count, line[end] == "#" { end += 1 }
                if end - index <= 6, end == line.count || line[end] == " " {
                    index = end
                    progressed = true
                }
            }
        }
        return index
    }

    private static func startsHTMLBlock(_ body: [Unicode.Scalar]) -> Bool {
        guard body.count >= 2, body[0] == "<" else { return false }
        let next = body[1]
        return next == "!" || next == "/" || next == "?" || (next.isASCII && next.properties.isAlphabetic)
    }

    private static func isPunctuation(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        if scalar.isASCII { return "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars.contains(scalar) }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return true }  // line start and end count as white space
        return scalar.properties.isWhitespace || scalar.properties.generalCategory == .spaceSeparator
    }

    private static func checkParagraph(_ lines: [(line: Int, scalars: [Unicode.Scalar], offset: Int)], file: String) -> [Diagnostic] {
        // Flatten the paragraph with line breaks, remembering where each scalar came from.
        var text: [Unicode.Scalar] = []
        var origin: [(line: Int, column: Int)] = []
        for (number, entry) in lines.enumerated() {
            if number > 0 {
                text.append("\n")
                origin.append((entry.line, 0))
            }
            for index in entry.offset..<entry.scalars.count {
                text.append(entry.scalars[index])
                origin.append((entry.line, index + 1))
            }
        }
        var runs: [Run] = []
        var index = 0
        while index < text.count {
            let c = text[index]
            if c == "\\", index + 1 < text.count, isPunctuation(text[index + 1]) {
                index += 2
                continue
            }
            if c == "`" {
                let length = text[index...].prefix { $0 == "`" }.count
                if let close = closingBackticks(text, from: index + length, length: length) {
                    index = close
                } else {
                    index += length
                }
                continue
            }
            if c == "<", let end = text[index...].firstIndex(of: ">"), !text[index..<end].contains("\n"),
               index + 1 < text.count, text[index + 1].isASCII, text[index + 1].properties.isAlphabetic || text[index + 1] == "/" || text[index + 1] == "!" {
                index = end + 1
                continue
            }
            if c == "]", index + 1 < text.count, text[index + 1] == "(", let end = text[index...].firstIndex(of: ")") {
                index = end + 1
                continue
            }
            if c == "*" || c == "_" {
                let length = text[index...].prefix { $0 == c }.count
                let before: Unicode.Scalar? = index > 0 ? text[index - 1] : nil
                let after: Unicode.Scalar? = index + length < text.count ? text[index + length] : nil
                let left = !isWhitespace(after) && (!isPunctuation(after) || isWhitespace(before) || isPunctuation(before))
                let right = !isWhitespace(before) && (!isPunctuation(before) || isWhitespace(after) || isPunctuation(after))
                let canOpen = c == "*" ? left : left && (!right || isPunctuation(before))
                let canClose = c == "*" ? right : right && (!left || isPunctuation(after))
                runs.append(Run(character: c, length: length, remaining: length, line: origin[index].line, column: origin[index].column,
                                before: before, after: after, canOpen: canOpen, canClose: canClose))
                index += length
                continue
            }
            index += 1
        }
        pair(&runs)
        return report(runs, file: file)
    }

    private static func closingBackticks(_ text: [Unicode.Scalar], from start: Int, length: Int) -> Int? {
        var index = start
        while index < text.count {
            if text[index] == "`" {
                let run = text[index...].prefix { $0 == "`" }.count
                if run == length { return index + run }
                index += run
            } else {
                index += 1
            }
        }
        return nil
    }

    /// CommonMark's "process emphasis": closers look back for the nearest compatible opener.
    private static func pair(_ runs: inout [Run]) {
        var openers: [Int] = []
        for closer in runs.indices {
            if runs[closer].canClose {
                while runs[closer].remaining > 0 {
                    guard let position = openers.lastIndex(where: { candidate in
                        let opener = runs[candidate]
                        guard opener.character == runs[closer].character, opener.remaining > 0 else { return false }
                        if opener.canClose || runs[closer].canOpen {
                            let sum = opener.length + runs[closer].length
                            if sum % 3 == 0 && !(opener.length % 3 == 0 && runs[closer].length % 3 == 0) { return false }
                        }
                        return true
                    }) else { break }
                    let opener = openers[position]
                    let used = min(runs[opener].remaining, runs[closer].remaining) >= 2 ? 2 : 1
                    runs[opener].remaining -= used
                    runs[closer].remaining -= used
                    runs[opener].matched = true
                    runs[closer].matched = true
                    openers.removeSubrange((position + 1)...)  // delimiters in between become literal
                    if runs[opener].remaining == 0 { openers.remove(at: position) }
                }
            }
            if runs[closer].remaining > 0, runs[closer].canOpen { openers.append(closer) }
        }
    }

    private static func report(_ runs: [Run], file: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for character in ["*", "_"] as [Unicode.Scalar] {
            let mine = runs.filter { $0.character == character }
            // Only doubled markers the author evidently meant as a pair; a lone `**` (as in `2**3`) is left alone.
            let leftovers = mine.filter { $0.length >= 2 && $0.remaining >= 2 }
            guard mine.filter({ $0.length >= 2 }).count >= 2, !leftovers.isEmpty else { continue }
            // Leftovers pair up in order: the first of each pair was meant to open, the second to close.
            var index = 0
            while index < leftovers.count {
                let marker = String(repeating: String(character), count: 2)
                let opener = leftovers[index]
                guard index + 1 < leftovers.count else {
                    diagnostics.append(diagnostic(for: opener, marker: marker, role: opener.canOpen ? .unmatched : .opening, file: file))
                    break
                }
                let closer = leftovers[index + 1]
                if !opener.canOpen { diagnostics.append(diagnostic(for: opener, marker: marker, role: .opening, file: file)) }
                if !closer.canClose { diagnostics.append(diagnostic(for: closer, marker: marker, role: .closing, file: file)) }
                if opener.canOpen && closer.canClose {
                    diagnostics.append(diagnostic(for: opener, marker: marker, role: .unmatched, file: file))
                }
                index += 2
            }
        }
        return diagnostics.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
    }

    private static func describe(_ scalar: Unicode.Scalar?) -> String {
        guard let scalar else { return "the line end" }
        if isWhitespace(scalar) { return "a space" }
        return "`\(Character(scalar))`"
    }

    enum Role { case opening, closing, unmatched }

    private static func diagnostic(for run: Run, marker: String, role: Role, file: String) -> Diagnostic {
        let location = SourceLocation(file: file, line: run.line, column: run.column)
        let before = describe(run.before), after = describe(run.after)
        let message: String
        let fix: String
        if role == .opening {
            message = "`\(marker)` stays literal: it cannot open emphasis between \(before) and \(after) (punctuation after the marker needs white space or punctuation before it), so the reader sees the asterisks"
            fix = "Add a space before `\(marker)`, move the punctuation inside the emphasis out of it, or write <strong>…</strong>."
        } else if role == .closing {
            message = "`\(marker)` stays literal: it cannot close emphasis between \(before) and \(after) (punctuation before the marker needs white space or punctuation after it), so the reader sees the asterisks"
            fix = "Move the \(before) out of the emphasis (write `\(marker)注意\(marker)：后文`, not `\(marker)注意：\(marker)后文`), add a space after `\(marker)`, or write <strong>…</strong>."
        } else {
            message = "`\(marker)` has no matching marker it can pair with in this paragraph and stays literal"
            fix = "Close the emphasis with a matching `\(marker)`, or escape it as `\\\(marker.first!)\\\(marker.first!)`."
        }
        return Diagnostic(StructureRule.emphasisMarker.severity, at: location, message, fix: fix, rule: StructureRule.emphasisMarker.rawValue)
    }
}

extension StructureChecker {
    /// Leftover `**`/`__` in a post's Markdown body. `firstLine` is the line the body starts on
    /// in `file` (after the front matter), so locations match the editor.
    public func checkMarkdown(_ source: String, file: String, firstLine: Int = 1) -> [Diagnostic] {
        guard !options.disabledRules.contains(.emphasisMarker) else { return [] }
        return EmphasisMarkers.check(source, file: file, firstLine: firstLine)
    }
}

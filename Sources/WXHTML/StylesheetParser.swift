import WXSupport

/// Reads a theme file rule by rule, collecting an error for each unsupported or malformed part
/// and skipping to the next rule so one run reports them all.
struct StylesheetParser {
    private let scalars: [Unicode.Scalar]
    private let file: String
    private var index = 0
    private(set) var errors: [Diagnostic] = []

    init(_ css: String, file: String) {
        var scalars = Array(css.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars[0] = " " }
        self.scalars = scalars
        self.file = file
    }

    /// 1-based line and column (in Unicode scalars) of an offset. Only used for rules and errors,
    /// and theme files are small, so a scan from the start is fine.
    func location(at offset: Int) -> SourceLocation {
        var line = 1
        var column = 1
        var i = 0
        let end = min(offset, scalars.count)
        while i < end {
            let scalar = scalars[i]
            if scalar == "\n" {
                line += 1
                column = 1
            } else if scalar == "\r" {
                if i + 1 >= scalars.count || scalars[i + 1] != "\n" { line += 1; column = 1 }
            } else {
                column += 1
            }
            i += 1
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    private mutating func error(at offset: Int, _ message: String, fix: String) {
        errors.append(.error(at: location(at: offset), message, fix: fix, rule: "theme/css"))
    }

    private mutating func skipWhitespaceAndComments() {
        while index < scalars.count {
            if CSSText.isWhitespace(scalars[index]) {
                index += 1
            } else if scalars[index] == "/", index + 1 < scalars.count, scalars[index + 1] == "*" {
                let end = CSSText.endOfComment(scalars, from: index)
                let closed = end - index >= 4 && scalars[end - 2] == "*" && scalars[end - 1] == "/"
                if !closed { error(at: index, "comment is never closed", fix: "end it with */") }
                index = end
            } else {
                return
            }
        }
    }

    /// Index of the first of `targets` at or after `from`, skipping strings and comments.
    private func find(_ targets: Set<Unicode.Scalar>, from: Int) -> Int {
        var i = from
        while i < scalars.count {
            let scalar = scalars[i]
            if scalar == "\\" { i += 2; continue }
            if targets.contains(scalar) { return i }
            if scalar == "\"" || scalar == "'" { i = CSSText.endOfString(scalars, from: i); continue }
            if scalar == "/", i + 1 < scalars.count, scalars[i + 1] == "*" { i = CSSText.endOfComment(scalars, from: i); continue }
            i += 1
        }
        return scalars.count
    }

    /// Skips a `{…}` block with nesting, starting at its `{`; returns the index after its `}`.
    private func endOfBlock(from open: Int) -> Int {
        var depth = 0
        var i = open
        while i < scalars.count {
            switch scalars[i] {
            case "\\":
                i += 2
                continue
            case "{": depth += 1
            case "}":
                depth -= 1
                if depth == 0 { return i + 1 }
            case "\"", "'":
                i = CSSText.endOfString(scalars, from: i)
                continue
            case "/" where i + 1 < scalars.count && scalars[i + 1] == "*":
                i = CSSText.endOfComment(scalars, from: i)
                continue
            default: break
            }
            i += 1
        }
        return scalars.count
    }

    mutating func parse() -> [Stylesheet.Rule] {
        var rules: [Stylesheet.Rule] = []
        while true {
            skipWhitespaceAndComments()
            guard index < scalars.count else { break }
            let start = index
            if scalars[start] == "@" {
                var end = start + 1
                while end < scalars.count, CSSText.isNameScalar(scalars[end]) { end += 1 }
                let name = String(String.UnicodeScalarView(scalars[start..<end]))
                error(at: start, "at-rule \(name) is not supported in a WeChat theme",
                      fix: "styles are inlined into each element, so \(name) cannot apply; move its rules out of it or delete it")
                let stop = find(["{", ";"], from: end)
                index = stop < scalars.count && scalars[stop] == "{" ? endOfBlock(from: stop) : min(stop + 1, scalars.count)
                continue
            }
            if scalars[start] == "}" {
                error(at: start, "unexpected '}'", fix: "remove it or add the rule it closes")
                index += 1
                continue
            }
            let open = find(["{", "}"], from: start)
            guard open < scalars.count, scalars[open] == "{" else {
                error(at: start, "selector without a declaration block", fix: "add `{ … }` after the selector")
                index = open < scalars.count ? open + 1 : scalars.count
                continue
            }
            let close = find(["{", "}"], from: open + 1)
            guard close < scalars.count, scalars[close] == "}" else {
                if close < scalars.count {
                    error(at: close, "nested blocks are not supported", fix: "close the rule with '}' before starting another")
                    index = endOfBlock(from: open)
                } else {
                    error(at: open, "rule is never closed", fix: "add '}' at the end of the rule")
                    index = scalars.count
                }
                continue
            }
            index = close + 1
            let selectors: [CSSSelector]
            do {
                selectors = try CSSSelectorParser.parseList(strippingComments(start..<open))
            } catch {
                self.error(at: error.offset, error.message, fix: error.fix)
                continue
            }
            var declarations: [CSSDeclaration] = []
            var declarationStart = open + 1
            while declarationStart < close {
                let end = min(CSSText.endOfDeclaration(scalars, from: declarationStart), close)
                do {
                    if var declaration = try CSSText.declaration(scalars[declarationStart..<end]) {
                        var first = declarationStart
                        while first < end, CSSText.isWhitespace(scalars[first]) { first += 1 }
                        declaration.location = location(at: first)
                        declarations.append(declaration)
                    }
                } catch {
                    self.error(at: error.offset, error.message, fix: error.fix)
                }
                declarationStart = end + 1
            }
            rules.append(Stylesheet.Rule(selectors: selectors, declarations: declarations, location: location(at: start)))
        }
        return rules
    }

    /// The prelude with comments blanked out (same offsets), so `p /* x */ .a` parses as `p .a`.
    private func strippingComments(_ range: Range<Int>) -> ArraySlice<Unicode.Scalar> {
        guard scalars[range].contains("*") else { return scalars[range] }
        var copy = scalars
        var i = range.lowerBound
        while i < range.upperBound {
            if copy[i] == "/", i + 1 < range.upperBound, copy[i + 1] == "*" {
                let end = min(CSSText.endOfComment(scalars, from: i), range.upperBound)
                for j in i..<end { copy[j] = " " }
                i = end
            } else {
                i += 1
            }
        }
        return copy[range]
    }
}

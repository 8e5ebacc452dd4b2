/// The few literal forms one language has and the table cannot describe: PHP's `<?php` tags and
/// heredocs, Objective-C's method declarations and boxed literals, Ruby's symbols, `%` literals,
/// heredocs and punctuation globals. Each is switched on by a flag of `LanguageSyntax`.
extension CodeScanner {
    // MARK: PHP

    /// `<<<EOT` / `<<<'EOT'` … `EOT;`: the whole heredoc is a string.
    mutating func scanPHPHeredoc() {
        let start = pos
        var i = pos + 3
        let n = bytes.count
        while i < n && (bytes[i] == 0x20 || bytes[i] == UInt8(ascii: "'") || bytes[i] == UInt8(ascii: "\"")) { i += 1 }
        let wordStart = i
        while i < n && Byte.isIdentifier(bytes[i]) { i += 1 }
        let word = Array(bytes[wordStart..<i])
        guard !word.isEmpty else {
            builder.add(.operator, pos, pos + 3)
            pos += 3
            return
        }
        var line = min(n, bytes.lineEnd(from: i) + 1)
        var end = n
        while line < n {
            var s = line
            while s < n && (bytes[s] == 0x20 || bytes[s] == 0x09) { s += 1 }
            if bytes.has(word, at: s) && (s + word.count == n || !Byte.isIdentifier(bytes[s + word.count])) {
                end = s + word.count
                break
            }
            line = min(n, bytes.lineEnd(from: line) + 1)
        }
        builder.add(.string, start, end)
        pos = end
        previous = .literal
    }

    // MARK: Objective-C

    /// `- (type)name:(type)arg label:(type)arg`: the sign, then each name part (with its colon)
    /// as a function name; the types and arguments as usual.
    mutating func scanMethodDeclaration() {
        builder.add(.operator, pos, pos + 1)
        pos += 1
        let end = bytes.lineEnd(from: pos)
        var sawName = false
        while pos < end {
            let b = bytes[pos]
            if b == UInt8(ascii: "(") {
                builder.add(.operator, pos, pos + 1)
                pos += 1
                scanCode(until: UInt8(ascii: ")"))
                if pos < end {
                    builder.add(.operator, pos, pos + 1)
                    pos += 1
                }
                continue
            }
            if Byte.isIdentifierStart(b) {
                let s = pos
                while pos < end && Byte.isIdentifier(bytes[pos]) { pos += 1 }
                if pos < end && bytes[pos] == UInt8(ascii: ":") {
                    pos += 1
                    builder.add(.function, s, pos)  // a name part, `label:`
                    sawName = true
                } else if !sawName {
                    builder.add(.function, s, pos)  // a method without arguments
                    sawName = true
                }
                continue
            }
            if b == UInt8(ascii: "{") || b == UInt8(ascii: ";") { break }
            pos += 1
        }
        previous = .none
    }

    // MARK: Ruby

    /// Ruby's own literal forms; false (nothing consumed) when none starts here.
    mutating func scanRubyLiteral() -> Bool {
        let n = bytes.count
        let b = bytes[pos]
        guard pos + 1 < n else { return false }
        let next = bytes[pos + 1]
        let expressionStart = regexAllowed()
        // `$&`, `$1`, `$'`: globals named by punctuation
        if b == UInt8(ascii: "$") && (Byte.isOperator(next) || Byte.isDigit(next) || "`'\"~!@&*$<>_0/\\".utf8.contains(next)) && !Byte.isIdentifierStart(next) {
            pos += 2
            previous = .identifier
            return true
        }
        // :symbol, :"quoted", and `name:` hash keys
        if b == UInt8(ascii: ":") && (Byte.isIdentifierStart(next) || next == UInt8(ascii: "\"")) && next != UInt8(ascii: ":")
            && !(pos > 0 && bytes[pos - 1] == UInt8(ascii: ":")) && (expressionStart || (pos > 0 && Byte.isSpace(bytes[pos - 1]))) {
            let start = pos
            if next == UInt8(ascii: "\"") {
                pos += 1
                scanString(StringSyntax("\""), from: start)
                return true
            }
            pos += 1
            while pos < n && (Byte.isIdentifier(bytes[pos]) || bytes[pos] == UInt8(ascii: "?") || bytes[pos] == UInt8(ascii: "!") || bytes[pos] == UInt8(ascii: "=")) && !(bytes[pos] == UInt8(ascii: "=") && bytes.has([0x3E], at: pos + 1)) { pos += 1 }
            builder.add(.string, start, pos)
            previous = .literal
            return true
        }
        // ?c: a character
        if b == UInt8(ascii: "?") && expressionStart && !Byte.isSpace(next) && (pos + 2 >= n || !Byte.isIdentifier(bytes[pos + 2]) || next == UInt8(ascii: "\\")) {
            let end = next == UInt8(ascii: "\\") ? min(n, pos + 3) : pos + 2
            builder.add(.string, pos, end)
            pos = end
            previous = .literal
            return true
        }
        // %w(…), %q{…}, %r[…], %(…)
        if b == UInt8(ascii: "%") && expressionStart {
            var i = pos + 1
            var kind: UInt8 = UInt8(ascii: "Q")
            if i < n && Byte.isLetter(bytes[i]) { kind = bytes[i]; i += 1 }
            guard i < n, let close = Self.closingDelimiter(bytes[i]) else { return false }
            let open = bytes[i]
            var depth = 0
            i += 1
            while i < n {
                if bytes[i] == UInt8(ascii: "\\") { i += 2; continue }
                if bytes[i] == open && open != close { depth += 1 } else if bytes[i] == close {
                    if depth == 0 { break }
                    depth -= 1
                }
                i += 1
            }
            i = min(n, i + 1)
            if kind == UInt8(ascii: "r") { while i < n && Byte.isLetter(bytes[i]) { i += 1 } }
            builder.add(.string, pos, i)
            pos = i
            previous = .literal
            return true
        }
        // <<~EOS heredocs: the rest of the line goes on as code, the body is a string
        if b == UInt8(ascii: "<") && next == UInt8(ascii: "<") && expressionStart || (b == UInt8(ascii: "<") && next == UInt8(ascii: "<") && previous == .identifier && pos > 0 && bytes[pos - 1] == 0x20 && pos + 2 < n && bytes[pos + 2] != 0x20) {
            var i = pos + 2
            if i < n && (bytes[i] == UInt8(ascii: "~") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
            var quote: UInt8?
            if i < n && (bytes[i] == UInt8(ascii: "'") || bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "`")) { quote = bytes[i]; i += 1 }
            let wordStart = i
            while i < n && (Byte.isUpper(bytes[i]) || bytes[i] == UInt8(ascii: "_") || Byte.isDigit(bytes[i]) || (quote != nil && Byte.isIdentifier(bytes[i]))) { i += 1 }
            guard i > wordStart else { return false }
            let word = Array(bytes[wordStart..<i])
            if let quote, i < n, bytes[i] == quote { i += 1 }
            builder.add(.string, pos, i)
            // the body: from the next line to the line holding only the word
            let lineEnd = bytes.lineEnd(from: i)
            var bodyEnd = lineEnd
            var line = min(n, lineEnd + 1)
            while line < n {
                var s = line
                while s < n && (bytes[s] == 0x20 || bytes[s] == 0x09) { s += 1 }
                let e = bytes.lineEnd(from: line)
                if e - s == word.count && bytes.has(word, at: s) { bodyEnd = e; break }
                bodyEnd = e
                line = min(n, e + 1)
            }
            pendingHeredoc = (lineEnd, bodyEnd)
            pos = i
            previous = .literal
            return true
        }
        return false
    }

    static func closingDelimiter(_ open: UInt8) -> UInt8? {
        switch open {
        case UInt8(ascii: "("): UInt8(ascii: ")")
        case UInt8(ascii: "["): UInt8(ascii: "]")
        case UInt8(ascii: "{"): UInt8(ascii: "}")
        case UInt8(ascii: "<"): UInt8(ascii: ">")
        case UInt8(ascii: "|"), UInt8(ascii: "!"), UInt8(ascii: "/"), UInt8(ascii: "^"): open
        default: nil
        }
    }
}

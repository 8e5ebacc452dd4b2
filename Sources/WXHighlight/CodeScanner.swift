/// The lexer shared by the programming languages: one pass over the UTF-8 bytes, driven by a
/// `LanguageSyntax` table. It knows comments (line, block, nested), strings (escapes, doubled
/// quotes, raw and multi-line forms, interpolated code), numbers in every base, identifiers
/// (keyword, type, function, plain), attributes, regular-expression literals and punctuation.
/// No regular-expression engine: every decision looks at a byte or two.
struct CodeScanner {
    let compiled: CompiledSyntax
    let syntax: LanguageSyntax
    let bytes: [UInt8]
    var builder: RunBuilder
    var pos = 0

    /// What came last, for decisions that depend on it (regex or division, `def name`, `Type name(`).
    enum Previous: Equatable {
        case none, punctuation(UInt8), keyword(WordFlags), identifier, literal
    }
    var previous: Previous = .none
    /// A heredoc opened on this line: its body runs from the end of the line to `bodyEnd`.
    var pendingHeredoc: (lineEnd: Int, bodyEnd: Int)?

    init(_ bytes: [UInt8], syntax: CompiledSyntax) {
        self.compiled = syntax
        self.syntax = syntax.syntax
        self.bytes = bytes
        self.builder = RunBuilder(bytes)
    }

    static func ranges(_ bytes: [UInt8], syntax: CompiledSyntax) -> RunBuilder {
        var scanner = CodeScanner(bytes, syntax: syntax)
        scanner.scanCode(until: nil)
        return scanner.builder
    }

    /// Scans code up to the unmatched `closer` (left unconsumed), or to the end.
    mutating func scanCode(until closer: UInt8?) {
        let opener: UInt8? = closer.map { $0 == UInt8(ascii: "}") ? UInt8(ascii: "{") : $0 == UInt8(ascii: ")") ? UInt8(ascii: "(") : UInt8(ascii: "[") }
        var depth = 0
        let n = bytes.count
        while pos < n {
            let b = bytes[pos]
            if let closer {
                if b == opener { depth += 1 } else if b == closer {
                    if depth == 0 { return }
                    depth -= 1
                }
            }
            if Byte.isSpace(b) {
                if b == 0x0A, let heredoc = pendingHeredoc, pos == heredoc.lineEnd {
                    builder.add(.string, pos + 1, heredoc.bodyEnd)
                    pos = heredoc.bodyEnd
                    pendingHeredoc = nil
                    continue
                }
                pos += 1
                continue
            }
            if syntax.preprocessor && b == UInt8(ascii: "#") && atLineStart(pos) {
                scanPreprocessor()
                continue
            }
            if compiled.commentStarts.contains(b) && scanComment() { continue }
            if syntax.lifetimes && b == UInt8(ascii: "'") && isLifetime(at: pos) {
                pos += 1
                while pos < n && Byte.isIdentifier(bytes[pos]) { pos += 1 }
                previous = .identifier
                continue
            }
            if compiled.stringStarts.contains(b), let string = stringOpening(at: pos) {
                scanString(string, from: pos)
                continue
            }
            if Byte.isDigit(b) || (b == UInt8(ascii: ".") && pos + 1 < n && Byte.isDigit(bytes[pos + 1]) && !followsIdentifier(pos)) {
                scanNumber()
                continue
            }
            if syntax.objectiveCMethods && b == UInt8(ascii: "@") && pos + 1 < n
                && (Byte.isDigit(bytes[pos + 1]) || bytes.has(Array("YES".utf8), at: pos + 1) || bytes.has(Array("NO".utf8), at: pos + 1)) {
                let start = pos  // @42, @YES: boxed number literals
                pos += 1
                while pos < n && (Byte.isIdentifier(bytes[pos]) || bytes[pos] == UInt8(ascii: ".")) { pos += 1 }
                builder.add(.number, start, pos)
                previous = .literal
                continue
            }
            if Byte.isIdentifierStart(b) || (b < 0x80 && compiled.identifierBytes.contains(b) && !Byte.isDigit(b)) {
                scanIdentifier()
                continue
            }
            if syntax.atAttributes && b == UInt8(ascii: "@") && pos + 1 < n && Byte.isIdentifierStart(bytes[pos + 1]) {
                let start = pos
                pos += 1
                while pos < n && (Byte.isIdentifier(bytes[pos]) || (bytes[pos] == UInt8(ascii: ".") && pos + 1 < n && Byte.isIdentifierStart(bytes[pos + 1]))) { pos += 1 }
                builder.add(.attribute, start, pos)
                previous = .identifier
                continue
            }
            if syntax.hashBracketAttributes && b == UInt8(ascii: "#") && (bytes.has([0x5B], at: pos + 1) || bytes.has([0x21, 0x5B], at: pos + 1)) {
                scanBracketAttribute()
                continue
            }
            if syntax.rubyLiterals && scanRubyLiteral() { continue }
            if syntax.markupTags && bytes.has(Array("<<<".utf8), at: pos) {
                scanPHPHeredoc()
                continue
            }
            if syntax.objectiveCMethods && (b == UInt8(ascii: "-") || b == UInt8(ascii: "+")) && atLineStart(pos) {
                scanMethodDeclaration()
                continue
            }
            if syntax.variableSigils.contains(b) && pos + 1 < n && (Byte.isIdentifierStart(bytes[pos + 1]) || bytes[pos + 1] == b) {
                pos += 1
                while pos < n && (Byte.isIdentifier(bytes[pos]) || bytes[pos] == b) { pos += 1 }
                previous = .identifier
                continue
            }
            if syntax.markupTags && (bytes.has(Array("<?php".utf8), at: pos) || bytes.has(Array("?>".utf8), at: pos)) {
                let length = bytes[pos] == UInt8(ascii: "<") ? 5 : 2
                builder.add(.attribute, pos, pos + length)
                pos += length
                previous = .none
                continue
            }
            if syntax.regexLiterals && b == UInt8(ascii: "/") && regexAllowed() && scanRegex() { continue }
            if Byte.isOperator(b) {
                builder.add(.operator, pos, pos + 1)
                previous = .punctuation(b)
                pos += 1
                continue
            }
            pos += 1
        }
    }

    // MARK: comments

    mutating func scanComment() -> Bool {
        if let block = syntax.blockComment, bytes.has(block.open, at: pos) {
            let start = pos
            var depth = 0
            pos += block.open.count
            while pos < bytes.count {
                if bytes.has(block.close, at: pos) {
                    pos += block.close.count
                    if depth == 0 { break }
                    depth -= 1
                } else if syntax.nestedComments && bytes.has(block.open, at: pos) {
                    depth += 1
                    pos += block.open.count
                } else {
                    pos += 1
                }
            }
            builder.add(.comment, start, pos)
            return true
        }
        for marker in syntax.lineComments where bytes.has(marker, at: pos) {
            let end = bytes.lineEnd(from: pos)
            builder.add(.comment, pos, end)
            pos = end
            return true
        }
        return false
    }

    // MARK: preprocessor and attributes

    func atLineStart(_ index: Int) -> Bool {
        var i = index - 1
        while i >= 0 && (bytes[i] == 0x20 || bytes[i] == 0x09) { i -= 1 }
        return i < 0 || bytes[i] == 0x0A
    }

    /// `#include <x.h>`, `#define A 1` with its `\` continuation lines; comments inside stay comments.
    private mutating func scanPreprocessor() {
        var start = pos
        let n = bytes.count
        while pos < n && bytes[pos] != 0x0A {
            if bytes[pos] == UInt8(ascii: "\\") && pos + 1 < n && (bytes[pos + 1] == 0x0A || bytes[pos + 1] == 0x0D) {
                pos += bytes[pos + 1] == 0x0D && bytes.has([0x0A], at: pos + 2) ? 3 : 2
                continue
            }
            if bytes.has([0x2F, 0x2A], at: pos) || bytes.has([0x2F, 0x2F], at: pos) {
                builder.add(.attribute, start, pos)
                _ = scanComment()
                start = pos
                continue
            }
            pos += 1
        }
        builder.add(.attribute, start, pos)
        previous = .none
    }

    /// `#[derive(Debug)]`, `#![allow(x)]`: to the matching `]`.
    private mutating func scanBracketAttribute() {
        let start = pos
        var depth = 0
        while pos < bytes.count {
            let b = bytes[pos]
            pos += 1
            if b == UInt8(ascii: "[") { depth += 1 } else if b == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 { break }
            } else if b == 0x0A && depth == 0 { break }
        }
        builder.add(.attribute, start, pos)
        previous = .none
    }

    // MARK: strings

    private func stringOpening(at index: Int) -> StringSyntax? {
        let b = bytes[index]
        for string in syntax.strings where string.open[0] == b && bytes.has(string.open, at: index) {
            return string
        }
        return nil
    }

    /// Scans a string whose token starts at `start` (a prefix such as `f` or `r` may come before
    /// the opening delimiter at `pos`).
    mutating func scanString(_ string: StringSyntax, from start: Int, interpolation: (open: [UInt8], close: UInt8)? = nil) {
        var start = start
        let n = bytes.count
        pos += string.open.count
        let interpolation = interpolation ?? string.interpolation
        while pos < n {
            let b = bytes[pos]
            if let interpolation, bytes.has(interpolation.open, at: pos) {
                if interpolation.open == [UInt8(ascii: "{")] && bytes.has([0x7B], at: pos + 1) {
                    pos += 2  // `{{` is a literal brace in f-strings and C# interpolated strings
                    continue
                }
                pos += interpolation.open.count
                builder.add(.string, start, pos)
                let saved = previous
                previous = .none
                scanCode(until: interpolation.close)
                previous = saved
                start = pos
                if pos < n { pos += 1 }
                continue
            }
            if let escape = string.escape, b == escape {
                pos = min(n, pos + 2)
                continue
            }
            if bytes.has(string.close, at: pos) {
                if string.doubledClose && bytes.has(string.close, at: pos + string.close.count) {
                    pos += 2 * string.close.count
                    continue
                }
                pos += string.close.count
                break
            }
            if b == 0x0A && !string.multiline { break }
            pos += 1
        }
        builder.add(.string, start, pos)
        previous = .literal
    }

    /// `'a` (a lifetime or label) rather than `'a'` (a character).
    private func isLifetime(at index: Int) -> Bool {
        var i = index + 1
        guard i < bytes.count, Byte.isIdentifierStart(bytes[i]) else { return false }
        while i < bytes.count && Byte.isIdentifier(bytes[i]) { i += 1 }
        return !(i < bytes.count && bytes[i] == UInt8(ascii: "'"))
    }

    // MARK: regular expressions

    func regexAllowed() -> Bool {
        switch previous {
        case .none, .keyword: return true
        case .punctuation(let p): return p != UInt8(ascii: ")") && p != UInt8(ascii: "]") && p != UInt8(ascii: "}")
        case .identifier, .literal: return false
        }
    }

    /// `/…/flags` on one line; false (nothing consumed) when there is no closing slash.
    private mutating func scanRegex() -> Bool {
        var i = pos + 1
        var inClass = false
        let n = bytes.count
        guard i < n, bytes[i] != UInt8(ascii: "/"), bytes[i] != UInt8(ascii: "*") else { return false }
        while i < n {
            let b = bytes[i]
            if b == 0x0A && !syntax.rubyLiterals { return false }
            if b == UInt8(ascii: "\\") {
                i += 2
                continue
            }
            if b == UInt8(ascii: "[") { inClass = true } else if b == UInt8(ascii: "]") { inClass = false } else if b == UInt8(ascii: "/") && !inClass { break }
            i += 1
        }
        guard i < n else { return false }
        i += 1
        while i < n && Byte.isLetter(bytes[i]) { i += 1 }
        builder.add(.string, pos, i)
        pos = i
        previous = .literal
        return true
    }

    // MARK: numbers

    private func followsIdentifier(_ index: Int) -> Bool {
        index > 0 && (Byte.isIdentifier(bytes[index - 1]) || bytes[index - 1] == UInt8(ascii: ")") || bytes[index - 1] == UInt8(ascii: "."))
    }

    /// Decimal, hex (`0x`), binary (`0b`), octal (`0o`, C's leading `0`), with `_` separators,
    /// fractions, exponents and type suffixes (`10u`, `1.5f`, `2i32`, `10n`).
    private mutating func scanNumber() {
        let start = pos
        let n = bytes.count
        func digits(_ accept: (UInt8) -> Bool) {
            while pos < n {
                let b = bytes[pos]
                if accept(b) || b == UInt8(ascii: "_") {
                    pos += 1
                } else if syntax.quoteDigitSeparators && b == UInt8(ascii: "'") && pos + 1 < n && Byte.isHexDigit(bytes[pos + 1]) && pos > start {
                    pos += 1
                } else {
                    break
                }
            }
        }
        let radix = pos + 1 < n && bytes[pos] == UInt8(ascii: "0") ? bytes[pos + 1] | 0x20 : 0
        if radix == UInt8(ascii: "x") {
            pos += 2
            digits(Byte.isHexDigit)
            if pos < n && bytes[pos] == UInt8(ascii: ".") { pos += 1; digits(Byte.isHexDigit) }
            if pos < n && bytes[pos] | 0x20 == UInt8(ascii: "p") { exponent() }
        } else if radix == UInt8(ascii: "b") || radix == UInt8(ascii: "o") {
            pos += 2
            digits(Byte.isDigit)
        } else {
            digits(Byte.isDigit)
            if pos + 1 < n && bytes[pos] == UInt8(ascii: ".") && Byte.isDigit(bytes[pos + 1]) {
                pos += 1
                digits(Byte.isDigit)
            }
            if pos < n && bytes[pos] | 0x20 == UInt8(ascii: "e") { exponent() }
        }
        while pos < n && Byte.isIdentifier(bytes[pos]) && bytes[pos] < 0x80 { pos += 1 }
        builder.add(.number, start, pos)
        previous = .literal

        func exponent() {
            var i = pos + 1
            if i < n && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
            guard i < n && Byte.isDigit(bytes[i]) else { return }
            pos = i
            digits(Byte.isDigit)
        }
    }

    // MARK: identifiers

    func nextNonSpace(after index: Int) -> UInt8? {
        var i = index
        while i < bytes.count && (bytes[i] == 0x20 || bytes[i] == 0x09) { i += 1 }
        return i < bytes.count ? bytes[i] : nil
    }

    private mutating func scanIdentifier() {
        let start = pos
        let n = bytes.count
        pos += 1
        while pos < n && compiled.identifierBytes.contains(bytes[pos]) { pos += 1 }
        if !syntax.stringPrefixes.isEmpty, pos < n, bytes[pos] == UInt8(ascii: "\"") || bytes[pos] == UInt8(ascii: "'") {
            let word = bytes.text(start, pos)
            if syntax.stringPrefixes.contains(word.lowercased()), let string = stringOpening(at: pos) {
                let formatted = word.lowercased().contains("f")
                scanString(string, from: start, interpolation: formatted ? ([UInt8(ascii: "{")], UInt8(ascii: "}")) : nil)
                return
            }
        }
        let flags = compiled.flags(bytes, start, pos)
        if syntax.dataEnd && pos - start == 7 && bytes.has(Self.dataEndMarker, at: start) && atLineStart(start)
            && (pos == n || bytes[pos] == 0x0A || bytes[pos] == 0x0D) {
            builder.add(.attribute, start, n)
            pos = n
            return
        }
        if flags.contains(.softKeyword) && atLineStart(start) && lineEndsWithColon(from: pos)
            && nextNonSpace(after: pos).map({ $0 != UInt8(ascii: "=") && $0 != UInt8(ascii: ".") && $0 != UInt8(ascii: ":") }) ?? false {
            builder.add(.keyword, start, pos)
            previous = .keyword(flags)
            return
        }
        if syntax.rubyLiterals && pos + 1 < n && bytes[pos] == UInt8(ascii: ":") && bytes[pos + 1] != UInt8(ascii: ":") && previous != .punctuation(UInt8(ascii: "?")) {
            builder.add(.string, start, pos + 1)  // `key:` in a hash is a symbol
            pos += 1
            previous = .punctuation(UInt8(ascii: ","))
            return
        }
        let afterDot = previous == .punctuation(UInt8(ascii: "."))
        var tokenClass = TokenClass.plain
        var end = pos
        let isKeyword = flags.contains(.keyword)
        if case .keyword(let last) = previous, last.contains(.namespaceIntroducer), !isKeyword {
            while pos < n && (Byte.isIdentifier(bytes[pos]) || bytes[pos] == UInt8(ascii: ".") || bytes[pos] == UInt8(ascii: "*")
                || (bytes[pos] == UInt8(ascii: ":") && bytes.has([0x3A], at: pos + 1))) {
                pos += bytes[pos] == UInt8(ascii: ":") ? 2 : 1
            }
            previous = .identifier
            return
        }
        if case .keyword(let last) = previous, last.contains(.functionIntroducer), !isKeyword {
            tokenClass = .function
        } else if case .keyword(let last) = previous, last.contains(.typeIntroducer), !isKeyword {
            tokenClass = .type
        } else if !afterDot && isKeyword {
            builder.add(.keyword, start, pos)
            previous = .keyword(flags)
            return
        } else if syntax.bangMacros && pos + 1 < n && bytes[pos] == UInt8(ascii: "!") && bytes[pos + 1] != UInt8(ascii: "=") {
            tokenClass = .function
            end = pos + 1
        } else if !afterDot && flags.contains(.type) {
            tokenClass = .type
        } else if nextNonSpace(after: pos) == UInt8(ascii: "(") && (syntax.callsAreFunctions || (syntax.declarationsByType && declares())) {
            tokenClass = .function
        } else if !syntax.typePrefixes.isEmpty, case let word = bytes.text(start, pos), syntax.typePrefixes.contains(where: { word.hasPrefix($0) && word.utf8.count > $0.utf8.count + 1
                    && Byte.isUpper(bytes[start + $0.utf8.count]) }) {
            tokenClass = .type
        } else if syntax.capitalizedTypes && Byte.isUpper(bytes[start]) {
            tokenClass = .type
        }
        builder.add(tokenClass, start, end)
        pos = end
        previous = .identifier
    }

    private static let dataEndMarker = Array("__END__".utf8)

    private func lineEndsWithColon(from index: Int) -> Bool {
        var end = bytes.lineEnd(from: index)
        while end > index && Byte.isSpace(bytes[end - 1]) { end -= 1 }
        return end > index && bytes[end - 1] == UInt8(ascii: ":")
    }

    /// Whether a `name(` here declares a function: it follows a type name or a modifier keyword.
    private func declares() -> Bool {
        switch previous {
        case .identifier: return true
        case .keyword(let word): return !word.contains(.callContext)
        default: return false
        }
    }
}

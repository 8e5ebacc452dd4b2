/// TOML values: strings, numbers, booleans, dates and date-times, arrays and inline tables.
extension TOMLParser {
    mutating func parseValue() throws(TOMLError) -> TOMLTable.Item {
        let start = pos
        guard let c = peek(), c != Byte.newline, c != Byte.hash else {
            throw error("the value is missing; write one after `=` (text goes in quotes: `title = \"…\"`)", at: pos)
        }
        switch c {
        case Byte.quote:
            let multiline = starts(with: "\"\"\"", at: pos)
            pos += multiline ? 3 : 1
            if multiline, peek() == Byte.newline { pos += 1 }
            return .value(node(.string(try parseBasicString(multiline: multiline, openedAt: start)), at: start))
        case Byte.apostrophe:
            let multiline = starts(with: "'''", at: pos)
            pos += multiline ? 3 : 1
            if multiline, peek() == Byte.newline { pos += 1 }
            return .value(node(.string(try parseLiteralString(multiline: multiline, openedAt: start)), at: start))
        case Byte.openBracket, Byte.openBrace:
            depth += 1
            defer { depth -= 1 }
            if depth > Self.maxDepth {
                throw error("lists and inline tables nest deeper than \(Self.maxDepth) levels here; flatten the structure", at: pos)
            }
            return c == Byte.openBracket ? .value(try parseArray()) : .table(try parseInlineTable())
        default:
            break
        }
        if starts(with: "true", at: pos) {
            pos += 4
            return .value(node(.bool(true), at: start))
        }
        if starts(with: "false", at: pos) {
            pos += 5
            return .value(node(.bool(false), at: start))
        }
        if let value = try parseDateTime() { return .value(node(value, at: start)) }
        if matchTime(at: pos) != nil {
            throw error("a time without a date has no meaning in front matter; write a date and time such as 2026-11-25T08:30:00+08:00", at: pos)
        }
        if let value = try parseNumber() { return .value(node(value, at: start)) }
        for special in ["inf", "nan", "+inf", "+nan", "-inf", "-nan"] where starts(with: special, at: pos) {
            pos += special.utf8.count
            let magnitude: Double = special.hasSuffix("inf") ? .infinity : .nan
            return .value(node(.float(special.hasPrefix("-") ? -magnitude : magnitude), at: start))
        }
        var end = pos
        while end < bytes.count, ![Byte.space, Byte.tab, Byte.newline, Byte.comma, Byte.closeBracket, Byte.closeBrace, Byte.hash].contains(bytes[end]) { end += 1 }
        let word = String(decoding: bytes[pos..<end], as: UTF8.self)
        if ["yes", "no", "on", "off", "True", "False", "TRUE", "FALSE"].contains(word) {
            throw error("`\(word)` is not a TOML value; TOML's booleans are `true` and `false`", at: pos)
        }
        throw error("`\(word)` is not a TOML value; text must be quoted, e.g. `title = \"…\"`", at: pos)
    }

    // MARK: Strings

    /// After the opening quote(s); ends after the closing ones. Escapes as TOML 1.0 lists them.
    mutating func parseBasicString(multiline: Bool, openedAt start: Int) throws(TOMLError) -> String {
        var out: [UInt8] = []
        while true {
            guard pos < bytes.count else { throw unterminated(multiline ? "\"\"\"" : "\"", openedAt: start) }
            let c = bytes[pos]
            if c == Byte.quote {
                if !multiline {
                    pos += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if starts(with: "\"\"\"", at: pos) {
                    pos += 3
                    return String(decoding: out + closingExtras(Byte.quote), as: UTF8.self)
                }
                out.append(c)
                pos += 1
            } else if c == Byte.backslash {
                try parseEscape(into: &out, multiline: multiline)
            } else if c == Byte.newline, !multiline {
                throw error("this \"…\" string is not closed on its line; close it, or use \"\"\"…\"\"\" for text over several lines", at: start)
            } else if Byte.isControl(c), c != Byte.newline {
                throw controlCharacter(at: pos)
            } else {
                out.append(c)
                pos += 1
            }
        }
    }

    mutating func parseLiteralString(multiline: Bool, openedAt start: Int) throws(TOMLError) -> String {
        let contentStart = pos
        while true {
            guard pos < bytes.count else { throw unterminated(multiline ? "'''" : "'", openedAt: start) }
            let c = bytes[pos]
            if c == Byte.apostrophe, !multiline || starts(with: "'''", at: pos) {
                let content = Array(bytes[contentStart..<pos])
                pos += multiline ? 3 : 1
                return String(decoding: multiline ? content + closingExtras(Byte.apostrophe) : content, as: UTF8.self)
            }
            if c == Byte.newline, !multiline {
                throw error("this '…' string is not closed on its line; close it, or use '''…''' for text over several lines", at: start)
            }
            if Byte.isControl(c), c != Byte.newline { throw controlCharacter(at: pos) }
            pos += 1
        }
    }

    /// `""""` and `"""""` end a multi-line string with one or two quotes of content.
    mutating func closingExtras(_ quote: UInt8) -> [UInt8] {
        var extras: [UInt8] = []
        while extras.count < 2, peek() == quote {
            extras.append(quote)
            pos += 1
        }
        return extras
    }

    mutating func parseEscape(into out: inout [UInt8], multiline: Bool) throws(TOMLError) {
        let start = pos
        pos += 1
        guard let c = peek() else { throw error("a `\\` at the end of the text; write `\\\\` for a backslash", at: start) }
        let simple: [UInt8: UInt8] = [98: 8, 116: 9, 110: 10, 102: 12, 114: 13, Byte.quote: Byte.quote, Byte.backslash: Byte.backslash]
        if let replacement = simple[c] {
            out.append(replacement)
            pos += 1
            return
        }
        if multiline, c == Byte.space || c == Byte.tab || c == Byte.newline {
            // A line-ending backslash: the newline and the blanks that follow disappear.
            skipWhitespace()
            guard peek() == Byte.newline else {
                throw error("only a newline may follow a line-ending `\\`; write `\\\\` for a backslash", at: start)
            }
            while let b = peek(), b == Byte.space || b == Byte.tab || b == Byte.newline { pos += 1 }
            return
        }
        if c == 117 || c == 85 {  // \uXXXX, \UXXXXXXXX
            let count = c == 117 ? 4 : 8
            let digits = bytes[min(pos + 1, bytes.count)..<min(pos + 1 + count, bytes.count)]
            guard digits.count == count, digits.allSatisfy(Byte.isHex),
                  let code = UInt32(String(decoding: digits, as: UTF8.self), radix: 16), let scalar = Unicode.Scalar(code)
            else {
                throw error(
                    "`\\\(c == 117 ? "u" : "U")` needs \(count) hex digits naming a Unicode character; "
                        + "for a backslash write `\\\\`, or use a '…' string", at: start)
            }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
            pos += 1 + count
            return
        }
        throw error("unknown escape `\\\(String(decoding: [c], as: UTF8.self))`; write `\\\\` for a backslash, or use a '…' string", at: start)
    }

    func unterminated(_ delimiter: String, openedAt start: Int) -> TOMLError {
        error("the string opened here with \(delimiter) is never closed; add the closing \(delimiter)", at: start)
    }

    // MARK: Numbers

    /// Integers (decimal, `0x`, `0o`, `0b`, with `_` between digits) and floats; nil when none starts here.
    mutating func parseNumber() throws(TOMLError) -> YAMLValue? {
        let start = pos
        if peek() == 48, let prefix = peek(1), let radix = [UInt8(120): 16, 111: 8, 98: 2][prefix],
           let first = peek(2), Self.isDigit(first, radix: radix) {
            pos += 2
            let digits = scanDigits { Self.isDigit($0, radix: radix) }
            guard let value = Int(digits, radix: radix) else { throw tooLarge(at: start) }
            return .int(value)
        }
        var i = pos
        if let sign = peek(), sign == Byte.plus || sign == Byte.minus { i += 1 }
        guard i < bytes.count, Byte.isDigit(bytes[i]) else { return nil }
        pos = i
        if bytes[i] == 48 {
            pos += 1
            if let next = peek(), Byte.isDigit(next) || next == Byte.underscore {
                throw error("a TOML number may not start with 0; write it without the leading zeros, or in quotes as text", at: start)
            }
        } else {
            _ = scanDigits(Byte.isDigit)
        }
        var isFloat = false
        if peek() == Byte.dot, let d = peek(1), Byte.isDigit(d) {
            pos += 1
            _ = scanDigits(Byte.isDigit)
            isFloat = true
        }
        if let e = peek(), e == 101 || e == 69 {
            var j = pos + 1
            if j < bytes.count, bytes[j] == Byte.plus || bytes[j] == Byte.minus { j += 1 }
            if j < bytes.count, Byte.isDigit(bytes[j]) {
                pos = j
                _ = scanDigits(Byte.isDigit)
                isFloat = true
            }
        }
        if peek() == Byte.underscore {
            throw error("`_` may only stand between two digits of a number", at: pos)
        }
        let text = String(decoding: bytes[start..<pos].filter { $0 != Byte.underscore }, as: UTF8.self)
        if isFloat {
            guard let value = Double(text) else { throw error("`\(text)` is not a number TOML can read", at: start) }
            return .float(value)
        }
        guard let value = Int(text) else { throw tooLarge(at: start) }
        return .int(value)
    }

    /// Digits with single `_` between them, as TOML allows; returns them without the `_`.
    mutating func scanDigits(_ isDigit: (UInt8) -> Bool) -> String {
        var out: [UInt8] = []
        while let b = peek() {
            if isDigit(b) {
                out.append(b)
                pos += 1
            } else if b == Byte.underscore, let next = peek(1), isDigit(next), !out.isEmpty {
                pos += 1
            } else {
                break
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func isDigit(_ b: UInt8, radix: Int) -> Bool {
        switch radix {
        case 16: return Byte.isHex(b)
        case 8: return b >= 48 && b <= 55
        default: return b == 48 || b == 49
        }
    }

    func tooLarge(at start: Int) -> TOMLError {
        error("this whole number does not fit in 64 bits; write it as text in quotes", at: start)
    }

    // MARK: Dates and times

    /// `1979-05-27`, `1979-05-27T07:32:00`, `1979-05-27 07:32:00.5-07:00`, `…Z`; nil when no date starts here.
    mutating func parseDateTime() throws(TOMLError) -> YAMLValue? {
        let start = pos
        guard let year = number(at: pos, digits: 4), byte(pos + 4) == Byte.minus,
              let month = number(at: pos + 5, digits: 2), byte(pos + 7) == Byte.minus,
              let day = number(at: pos + 8, digits: 2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        pos += 10
        guard Self.isValidDate(year: year, month: month, day: day) else {
            throw error("\(String(decoding: bytes[start..<pos], as: UTF8.self)) is not a date in the calendar", at: start)
        }
        guard let separator = peek(), [UInt8(84), 116, Byte.space].contains(separator), let time = matchTime(at: pos + 1) else {
            if let separator = peek(), separator == Byte.space || separator == 84 || separator == 116,
               number(at: pos + 1, digits: 2) != nil, byte(pos + 3) == Byte.colon {
                throw error("a TOML time needs seconds: write HH:MM:SS, e.g. 2026-11-25T08:30:00+08:00", at: pos + 1)
            }
            return .date(year: year, month: month, day: day)
        }
        pos = time.end
        var offset: Int?
        if let z = peek(), z == 90 || z == 122 {
            offset = 0
            pos += 1
        } else if let sign = peek(), sign == Byte.plus || sign == Byte.minus,
                  let hours = number(at: pos + 1, digits: 2), hours < 24, byte(pos + 3) == Byte.colon,
                  let minutes = number(at: pos + 4, digits: 2), minutes < 60 {
            offset = (sign == Byte.minus ? -1 : 1) * (hours * 3600 + minutes * 60)
            pos += 6
        }
        return .dateTime(YAMLDateTime(
            year: year, month: month, day: day, hour: time.hour, minute: time.minute, second: time.second,
            nanosecond: time.nanosecond, utcOffsetSeconds: offset))
    }

    /// `HH:MM:SS` with an optional fraction (digits past nanoseconds are dropped, as tomllib drops past microseconds).
    func matchTime(at offset: Int) -> (hour: Int, minute: Int, second: Int, nanosecond: Int, end: Int)? {
        guard let hour = number(at: offset, digits: 2), hour < 24, byte(offset + 2) == Byte.colon,
              let minute = number(at: offset + 3, digits: 2), minute < 60, byte(offset + 5) == Byte.colon,
              let second = number(at: offset + 6, digits: 2), second < 60
        else { return nil }
        var end = offset + 8
        var nanosecond = 0
        if byte(end) == Byte.dot, let first = byte(end + 1), Byte.isDigit(first) {
            end += 1
            var scale = 100_000_000
            while let d = byte(end), Byte.isDigit(d) {
                nanosecond += Int(d - 48) * scale
                scale /= 10
                end += 1
            }
        }
        return (hour, minute, second, nanosecond, end)
    }

    func byte(_ offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    func number(at offset: Int, digits: Int) -> Int? {
        guard offset + digits <= bytes.count else { return nil }
        var value = 0
        for i in offset..<offset + digits {
            guard Byte.isDigit(bytes[i]) else { return nil }
            value = value * 10 + Int(bytes[i] - 48)
        }
        return value
    }

    static func isValidDate(year: Int, month: Int, day: Int) -> Bool {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return year >= 1 && day <= days[month - 1]
    }

    // MARK: Arrays and inline tables

    mutating func parseArray() throws(TOMLError) -> YAMLNode {
        let start = pos
        pos += 1
        var items: [YAMLNode] = []
        try skipArraySpace()
        while peek() != Byte.closeBracket {
            switch try parseValue() {
            case .value(let value): items.append(value)
            case .table(let table): items.append(table.node)
            }
            try skipArraySpace()
            if peek() == Byte.comma {
                pos += 1
                try skipArraySpace()
            } else if peek() != Byte.closeBracket {
                let at = location(start)
                throw error("expected `,` or `]` in the list opened at \(at.line):\(at.column), found \(describe(at: pos))", at: pos)
            }
        }
        pos += 1
        return node(.sequence(items), at: start)
    }

    /// `{ a = 1, b.c = "x" }` on one line; frozen once read.
    mutating func parseInlineTable() throws(TOMLError) -> TOMLTable {
        let start = pos
        let at = location(start)
        let table = TOMLTable(line: at.line, column: at.column)
        pos += 1
        skipWhitespace()
        if peek() == Byte.closeBrace {
            pos += 1
            table.isFrozen = true
            return table
        }
        var ignored: [TOMLTable] = []
        while true {
            guard let c = peek(), Byte.isBareKey(c) || c == Byte.quote || c == Byte.apostrophe else {
                throw error("expected a `key = value` inside the `{ }` opened at \(at.line):\(at.column), found \(describe(at: pos)) (an inline table stays on one line, without a trailing comma)", at: pos)
            }
            try parseKeyValue(into: table, pending: &ignored)
            skipWhitespace()
            if peek() == Byte.closeBrace {
                pos += 1
                table.isFrozen = true
                return table
            }
            guard peek() == Byte.comma else {
                throw error("expected `,` or `}` in the inline table opened at \(at.line):\(at.column), found \(describe(at: pos))", at: pos)
            }
            pos += 1
            skipWhitespace()
        }
    }
}

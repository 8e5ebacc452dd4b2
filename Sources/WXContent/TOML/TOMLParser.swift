import Foundation

/// Reads a TOML document byte by byte (UTF-8), following TOML 1.0 the way Python's `tomllib`
/// does, into `TOMLTable`s. Statements, keys and tables live here; values in `TOMLParser+Values`.
struct TOMLParser {
    let bytes: [UInt8]
    var pos = 0
    /// Arrays and inline tables open right now; bounded so a runaway `[[[[…` is an error, not a stack overflow.
    var depth = 0
    static let maxDepth = 64
    /// Byte offset where each line starts, for turning offsets into `line:column`.
    let lineStarts: [Int]
    /// The last place asked for (line index, byte offset, column); a box so `location` can stay non-mutating.
    let columnMark = Box((line: -1, offset: 0, column: 1))

    init(_ text: String) {
        var source = text
        // Like tomllib: CRLF counts as one newline; a lone CR stays and is rejected as a control character.
        if source.utf8.contains(13) { source = source.replacingOccurrences(of: "\r\n", with: "\n") }
        bytes = Array(source.utf8)
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == Byte.newline { starts.append(i + 1) }
        lineStarts = starts
    }

    mutating func parseDocument() throws(TOMLError) -> YAMLNode {
        let root = TOMLTable(line: 1, column: 1)
        var section = root
        // Tables made by dotted keys in the current section; they become explicit when it ends.
        var pending: [TOMLTable] = []
        while true {
            skipWhitespace()
            guard pos < bytes.count else { break }
            switch bytes[pos] {
            case Byte.newline:
                pos += 1
                continue
            case Byte.hash:
                try skipComment()
            case Byte.openBracket:
                for table in pending { table.isExplicit = true }
                pending = []
                if peek(1) == Byte.openBracket {
                    throw error(
                        "arrays of tables (`[[name]]`) are not supported in front matter; "
                            + "write an array of inline tables instead: `name = [{ … }, { … }]`", at: pos)
                }
                section = try parseHeader(root)
            case let c where Byte.isBareKey(c) || c == Byte.quote || c == Byte.apostrophe:
                try parseKeyValue(into: section, pending: &pending)
            case let c where c >= 0x80:
                throw error("a key with characters other than A–Z, a–z, 0–9, `-` and `_` must be quoted: `\"键\" = …`", at: pos)
            default:
                throw error("expected a `key = value` line, a `[table]` header or a `#` comment, found \(describe(at: pos))", at: pos)
            }
            try endOfStatement()
        }
        return root.node
    }

    /// After a statement only blanks and a comment may follow on its line.
    mutating func endOfStatement() throws(TOMLError) {
        skipWhitespace()
        if peek() == Byte.hash { try skipComment() }
        guard pos < bytes.count else { return }
        guard bytes[pos] == Byte.newline else {
            throw error("expected the end of the line after the value, found \(describe(at: pos)); put each `key = value` on its own line", at: pos)
        }
        pos += 1
    }

    // MARK: Keys and tables

    /// `a`, `"a b"`, `'a'`, `a.b.c` (blanks around the dots allowed): one node per part, at its place.
    mutating func parseKey() throws(TOMLError) -> [YAMLNode] {
        var parts: [YAMLNode] = []
        while true {
            let start = pos
            let name: String
            guard pos < bytes.count else { throw error("a key is missing here", at: pos) }
            if Byte.isBareKey(bytes[pos]) {
                while pos < bytes.count, Byte.isBareKey(bytes[pos]) { pos += 1 }
                name = String(decoding: bytes[start..<pos], as: UTF8.self)
            } else if bytes[pos] == Byte.quote {
                pos += 1
                name = try parseBasicString(multiline: false, openedAt: start)
            } else if bytes[pos] == Byte.apostrophe {
                pos += 1
                name = try parseLiteralString(multiline: false, openedAt: start)
            } else {
                throw error("a key must be letters, digits, `-` and `_`, or quoted; found \(describe(at: pos))", at: pos)
            }
            parts.append(node(.string(name), at: start))
            if parts.count > Self.maxDepth {
                throw error("a dotted key of more than \(Self.maxDepth) parts; flatten the structure", at: start)
            }
            skipWhitespace()
            guard peek() == Byte.dot else { return parts }
            pos += 1
            skipWhitespace()
        }
    }

    mutating func parseKeyValue(into table: TOMLTable, pending: inout [TOMLTable]) throws(TOMLError) {
        let key = try parseKey()
        guard peek() == Byte.equals else {
            throw error("expected `=` after the key `\(dotted(key))`, found \(describe(at: pos)); write `key = value`", at: pos)
        }
        pos += 1
        skipWhitespace()
        let value = try parseValue()
        try assign(value, to: key, in: table, pending: &pending)
    }

    /// Puts `item` at the dotted `key` below `table`, creating the tables in between, and rejects
    /// every redefinition TOML forbids.
    func assign(_ item: TOMLTable.Item, to key: [YAMLNode], in table: TOMLTable, pending: inout [TOMLTable]) throws(TOMLError) {
        var current = table
        for (i, part) in key.dropLast().enumerated() {
            let name = part.stringValue ?? ""
            switch current[name] {
            case nil:
                let created = TOMLTable(line: part.line, column: part.column)
                current.append(part, .table(created))
                current = created
            case .table(let existing):
                if existing.isFrozen {
                    throw error(at: part, "`\(dotted(key[...i]))` is an inline table and cannot be extended; add the key inside its `{ }`")
                }
                if existing.isExplicit {
                    throw error(at: part, "the table `\(dotted(key[...i]))` is already defined above; dotted keys cannot add to it from here")
                }
                current = existing
            case .value:
                throw error(at: part, "`\(dotted(key[...i]))` already holds a value, so `\(dotted(key))` cannot make it a table")
            }
            pending.append(current)
        }
        let stem = key[key.count - 1]
        if current[stem.stringValue ?? ""] != nil {
            throw error(at: stem, "the key `\(dotted(key))` is set twice; keep one")
        }
        current.append(stem, item)
    }

    /// `[a.b]`: opens (creating as needed) the table later `key = value` lines fill.
    mutating func parseHeader(_ root: TOMLTable) throws(TOMLError) -> TOMLTable {
        let open = pos
        pos += 1
        skipWhitespace()
        let key = try parseKey()
        guard peek() == Byte.closeBracket else {
            throw error("expected `]` to close the table header, found \(describe(at: pos))", at: pos)
        }
        pos += 1
        var current = root
        for (i, part) in key.enumerated() {
            let name = part.stringValue ?? ""
            switch current[name] {
            case nil:
                let at = i == key.count - 1 ? location(open) : (line: part.line, column: part.column)
                let created = TOMLTable(line: at.line, column: at.column)
                current.append(part, .table(created))
                current = created
            case .table(let existing):
                if existing.isFrozen {
                    throw error(at: part, "`\(dotted(key[...i]))` is an inline table and cannot be extended by a `[table]` header")
                }
                current = existing
            case .value:
                throw error(at: part, "`\(dotted(key[...i]))` already holds a value, so `[\(dotted(key))]` cannot make it a table")
            }
        }
        if current.isExplicit {
            throw error("the table `[\(dotted(key))]` is defined twice; merge the two into one", at: open)
        }
        current.isExplicit = true
        return current
    }

    // MARK: Blanks, comments, places

    mutating func skipWhitespace() {
        while pos < bytes.count, bytes[pos] == Byte.space || bytes[pos] == Byte.tab { pos += 1 }
    }

    /// From `#` to the end of the line (the newline stays); control characters are not allowed in it.
    mutating func skipComment() throws(TOMLError) {
        while pos < bytes.count, bytes[pos] != Byte.newline {
            if Byte.isControl(bytes[pos]) { throw controlCharacter(at: pos) }
            pos += 1
        }
    }

    /// Blanks, newlines and comments, as allowed between array items.
    mutating func skipArraySpace() throws(TOMLError) {
        while pos < bytes.count {
            switch bytes[pos] {
            case Byte.space, Byte.tab, Byte.newline: pos += 1
            case Byte.hash: try skipComment()
            default: return
            }
        }
    }

    func peek(_ ahead: Int = 0) -> UInt8? {
        pos + ahead < bytes.count ? bytes[pos + ahead] : nil
    }

    func starts(with text: String, at offset: Int) -> Bool {
        var i = offset
        for b in text.utf8 {
            guard i < bytes.count, bytes[i] == b else { return false }
            i += 1
        }
        return true
    }

    /// 1-based line and column (in Unicode scalars) of a byte offset. Places are asked for mostly in
    /// source order, so counting resumes from the last one on the same line (a long line stays linear).
    func location(_ offset: Int) -> (line: Int, column: Int) {
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        let mark = columnMark.value
        var (i, column) = mark.line == lo && mark.offset <= offset ? (mark.offset, mark.column) : (lineStarts[lo], 1)
        while i < offset, i < bytes.count {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        columnMark.value = (lo, i, column)
        return (lo + 1, column)
    }

    func node(_ value: YAMLValue, at offset: Int) -> YAMLNode {
        let at = location(offset)
        return YAMLNode(value, line: at.line, column: at.column)
    }

    func error(_ message: String, at offset: Int) -> TOMLError {
        let at = location(offset)
        return TOMLError(line: at.line, column: at.column, message: message)
    }

    func error(at node: YAMLNode, _ message: String) -> TOMLError {
        TOMLError(line: node.line, column: node.column, message: message)
    }

    func controlCharacter(at offset: Int) -> TOMLError {
        error("control character U+\(String(format: "%04X", Int(bytes[offset]))) is not allowed here; remove it (or write it as an escape in a \"…\" string)", at: offset)
    }

    /// What stands at `offset`, for "found …" in messages.
    func describe(at offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the front matter" }
        if bytes[offset] == Byte.newline { return "the end of the line" }
        var end = offset + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return "`\(String(decoding: bytes[offset..<end], as: UTF8.self))`"
    }

    func dotted<C: Collection>(_ key: C) -> String where C.Element == YAMLNode {
        key.map { part in
            let name = part.stringValue ?? ""
            return !name.isEmpty && name.utf8.allSatisfy(Byte.isBareKey) ? name : "\"\(name)\""
        }.joined(separator: ".")
    }
}

/// A mutable cell inside a value type, for a cache that is not part of the parser's value.
final class Box<T> {
    var value: T
    init(_ value: T) { self.value = value }
}

/// The bytes the TOML grammar names.
enum Byte {
    static let tab: UInt8 = 9
    static let newline: UInt8 = 10
    static let space: UInt8 = 32
    static let quote: UInt8 = 34
    static let hash: UInt8 = 35
    static let apostrophe: UInt8 = 39
    static let plus: UInt8 = 43
    static let comma: UInt8 = 44
    static let minus: UInt8 = 45
    static let dot: UInt8 = 46
    static let colon: UInt8 = 58
    static let equals: UInt8 = 61
    static let openBracket: UInt8 = 91
    static let backslash: UInt8 = 92
    static let closeBracket: UInt8 = 93
    static let underscore: UInt8 = 95
    static let openBrace: UInt8 = 123
    static let closeBrace: UInt8 = 125

    static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    static func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b >= 65 && b <= 70) || (b >= 97 && b <= 102) }
    static func isBareKey(_ b: UInt8) -> Bool {
        isDigit(b) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == minus || b == underscore
    }
    /// ASCII control characters other than tab (newlines are handled by the caller).
    static func isControl(_ b: UInt8) -> Bool { (b < 32 && b != tab) || b == 127 }
}

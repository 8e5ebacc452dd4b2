/// The block structure of a document: mappings and sequences laid out by indentation.
///
/// One forward pass over the text's Unicode scalars (a cursor, no backtracking), so parsing is
/// linear in the input. Scalars live in `YAMLParser+Scalars.swift`, flow collections in
/// `YAMLParser+Flow.swift`, implicit typing in `YAMLResolver.swift`.
struct YAMLParser {
    let s: [Unicode.Scalar]
    /// Cursor into `s`.
    var i = 0
    /// 1-based line of the cursor.
    var line = 1
    /// Index in `s` where the cursor's line starts (after a leading BOM on line 1).
    var lineStart = 0
    var depth = 0
    /// Parsing the content that shares the `---` line, where block collections cannot start.
    var onStartMarkerLine = false

    static let maxDepth = 200
    /// PyYAML refuses implicit keys longer than this.
    static let maxKeyLength = 1024

    init(_ text: String) {
        s = Array(text.unicodeScalars)
        if s.first == "\u{FEFF}" {
            i = 1
            lineStart = 1
        }
    }

    struct Mark {
        var line: Int
        var column: Int
    }

    // MARK: - Cursor

    var atEnd: Bool { i >= s.count }
    /// 0-based column of the cursor.
    var col: Int { i - lineStart }
    var mark: Mark { Mark(line: line, column: col + 1) }

    @inline(__always) func peek(_ k: Int = 0) -> Unicode.Scalar {
        let j = i + k
        return j < s.count ? s[j] : "\0"
    }

    @inline(__always) static func isBreak(_ c: Unicode.Scalar) -> Bool { c == "\n" || c == "\r" }

    /// Space, tab, line break or the end of the text (`\0` is the end sentinel; real NULs are rejected up front).
    @inline(__always) static func isBlankOrEnd(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\0"
    }

    @inline(__always) static func isFlowIndicator(_ c: Unicode.Scalar) -> Bool {
        c == "," || c == "[" || c == "]" || c == "{" || c == "}"
    }

    var atLineEnd: Bool { atEnd || Self.isBreak(peek()) }

    /// A `#` starts a comment only at the start of a line or after a space.
    var atComment: Bool { peek() == "#" && !atEnd && (i == lineStart || s[i - 1] == " ") }

    /// Consumes one line break (`\n`, `\r\n` or `\r`); false when not at one.
    @discardableResult
    mutating func consumeBreak() -> Bool {
        switch peek() {
        case "\r":
            i += 1
            if peek() == "\n" { i += 1 }
        case "\n":
            i += 1
        default:
            return false
        }
        line += 1
        lineStart = i
        return true
    }

    mutating func skipToLineEnd() {
        while !atLineEnd { i += 1 }
    }

    /// `---` or `...` in the first column, followed by a blank or the end.
    var atDocumentMarker: Bool {
        guard col == 0 else { return false }
        let c = peek()
        guard c == "-" || c == "." else { return false }
        return peek(1) == c && peek(2) == c && Self.isBlankOrEnd(peek(3))
    }

    var atBlockEntry: Bool { peek() == "-" && Self.isBlankOrEnd(peek(1)) }

    // MARK: - Errors

    func error(_ message: String) -> YAMLError {
        YAMLError(line: line, column: col + 1, message: message)
    }

    func error(at mark: Mark, _ message: String) -> YAMLError {
        YAMLError(line: mark.line, column: mark.column, message: message)
    }

    func tabError() -> YAMLError {
        var indentation = true
        var j = lineStart
        while j < i {
            if s[j] != " " { indentation = false }
            j += 1
        }
        if indentation {
            return error("a tab is used for indentation; YAML allows only spaces there. Replace the tab with spaces.")
        }
        return error("a tab separates values here, which YAML (and PyYAML) rejects outside quotes. Replace it with a space, or quote the value if the tab belongs to it.")
    }

    // MARK: - Whitespace

    /// Skips spaces on the current line; a tab is an error.
    mutating func skipSpaces() throws(YAMLError) {
        while true {
            switch peek() {
            case " ": i += 1
            case "\t" where !atEnd: throw tabError()
            default: return
            }
        }
    }

    /// Skips spaces, comments and line breaks up to the next content (or the end of the text).
    mutating func skipToContent() throws(YAMLError) {
        while true {
            try skipSpaces()
            if atComment { skipToLineEnd() }
            if !consumeBreak() { return }
        }
    }

    /// After a complete value on a line, only spaces and a comment may follow.
    mutating func finishLine(after what: String) throws(YAMLError) {
        try skipSpaces()
        if atComment { skipToLineEnd() }
        guard atLineEnd else {
            if peek() == "#" {
                throw error("'#' directly after \(what) is not a comment; put a space before '#', or quote the whole value.")
            }
            throw error("unexpected text after \(what); a value must end here. Quote the whole value if it is one piece of text.")
        }
    }

    // MARK: - Document

    mutating func parseDocument() throws(YAMLError) -> YAMLNode {
        try validateCharacters()
        try skipToContent()
        if col == 0 && peek() == "%" && !atEnd {
            throw error("directives such as '%YAML' or '%TAG' are not supported; delete this line.")
        }
        var root: YAMLNode?
        var explicitStart = false
        if atDocumentMarker && peek() == "-" {
            explicitStart = true
            i += 3
            try skipSpaces()
            if atComment { skipToLineEnd() }
            if !atLineEnd {
                // Like PyYAML: a scalar, block scalar or flow collection may share the '---' line; a block mapping or list may not.
                onStartMarkerLine = true
                root = try parseNode(parentIndent: -1, afterKey: true)
                onStartMarkerLine = false
            }
        }
        if root == nil {
            try skipToContent()
            if atDocumentMarker && peek() == "." && !explicitStart {
                throw error("'...' ends a document that never started; delete it, or put '---' above the content.")
            }
            if atEnd || atDocumentMarker {
                root = YAMLNode(.null, line: line, column: col + 1)
            } else {
                root = try parseNode(parentIndent: -1, afterKey: false)
            }
        }
        try skipToContent()
        if atDocumentMarker && peek() == "." {
            i += 3
            try finishLine(after: "the end-of-document marker '...'")
            try skipToContent()
            if !atEnd && !atDocumentMarker {
                throw error("text after the end-of-document marker '...'; delete it or move it above the marker.")
            }
        }
        if atDocumentMarker {
            throw error("a second YAML document starts here ('---'); only one document is read. Remove the marker, or merge the documents.")
        }
        if !atEnd {
            throw error("unexpected content; check the indentation: this line does not line up with any key or list item above it.")
        }
        return root!
    }

    /// Rejects characters PyYAML refuses (control characters) and line separators it would treat as line breaks.
    func validateCharacters() throws(YAMLError) {
        var line = 1
        var lineStart = i
        var j = i
        while j < s.count {
            let v = s[j].value
            if v == 0x0A || (v == 0x0D && (j + 1 >= s.count || s[j + 1] != "\n")) {
                line += 1
                lineStart = j + 1
            } else if v == 0x85 || v == 0x2028 || v == 0x2029 {
                throw YAMLError(line: line, column: j - lineStart + 1, message: "Unicode line separator U+\(hex(v)) found; YAML would treat it as a line break, unlike editors. Remove it or use an ordinary line break.")
            } else if !(v == 0x09 || v == 0x0D || (0x20...0x7E).contains(v) || (0xA0...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v) || v >= 0x10000) {
                throw YAMLError(line: line, column: j - lineStart + 1, message: "control character U+\(hex(v)) is not allowed in YAML; remove it (inside double quotes it can be written as an escape such as \\x\(hex(v).suffix(2))).")
            }
            j += 1
        }
    }

    // MARK: - Block nodes

    /// Parses the node that starts at the cursor (a content character on the current line).
    /// `parentIndent` is the column of the enclosing block collection (-1 at the root).
    /// `afterKey` is true for a value on the same line as its `key:`, where a list or a nested
    /// mapping cannot start.
    mutating func parseNode(parentIndent: Int, afterKey: Bool) throws(YAMLError) -> YAMLNode {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth {
            throw error("nesting is deeper than \(Self.maxDepth) levels; flatten the structure.")
        }
        let start = mark
        let startCol = col
        let c = peek()
        if atBlockEntry {
            if afterKey {
                if onStartMarkerLine { throw startMarkerLineError() }
                throw error("a list cannot start on the same line as its key; put each '- item' on its own line below the key, or write a flow list [a, b].")
            }
            return try parseBlockSequence(indent: startCol)
        }
        if c == "|" || c == ">" {
            return try parseBlockScalar(parentIndent: parentIndent)
        }
        if c == "[" || c == "{" {
            let node = try parseFlowCollection()
            try skipSpaces()
            if peek() == ":" {
                throw error(at: start, "a flow collection used as a mapping key (a complex key) is not supported; use a plain or quoted key.")
            }
            try finishLine(after: c == "[" ? "the list's closing ']'" : "the mapping's closing '}'")
            return node
        }
        try rejectUnsupportedStart(flow: false)
        if c == "\"" || c == "'" {
            let quoted = try scanQuoted()
            let node = YAMLNode(.string(quoted.text), line: start.line, column: start.column)
            try skipSpaces()
            if peek() == ":" && Self.isBlankOrEnd(peek(1)) {
                if afterKey { throw nestedMappingOnKeyLine() }
                if quoted.multiLine {
                    throw error(at: start, "a mapping key must fit on one line; join the quoted key's lines.")
                }
                return try parseBlockMapping(indent: startCol, firstKey: node)
            }
            try finishLine(after: "the closing quote")
            return node
        }
        let plain = try scanPlain(parentIndent: parentIndent, flow: false)
        if plain.stoppedAtColon {
            if plain.multiLine {
                throw error("':' on a continuation line: this line is indented more than the key above, so it reads as part of that value, and an unquoted value cannot contain ': '. Align this key with the keys above, or quote the value.")
            }
            if afterKey { throw nestedMappingOnKeyLine() }
            let key = try keyNode(plain.text, at: start)
            return try parseBlockMapping(indent: startCol, firstKey: key)
        }
        return YAMLNode(try resolvePlain(plain.text, at: start), line: start.line, column: start.column)
    }

    func startMarkerLineError() -> YAMLError {
        error("a mapping or list cannot start on the '---' line; move it to the next line.")
    }

    func nestedMappingOnKeyLine() -> YAMLError {
        if onStartMarkerLine { return startMarkerLineError() }
        return error("': ' inside an unquoted value (or a mapping starting on its key's line); quote the value (\"a: b\"), or move the nested 'key: value' to its own, more indented line.")
    }

    /// Indicators that start constructs outside the subset.
    func rejectUnsupportedStart(flow: Bool) throws(YAMLError) {
        let next = peek(1)
        switch peek() {
        case "&": throw error("anchors ('&name') are not supported; repeat the value where it is needed, or quote it if '&' is part of the text.")
        case "*": throw error("aliases ('*name') are not supported; repeat the value where it is needed, or quote it if '*' is part of the text.")
        case "!": throw error("tags ('!' or '!!type') are not supported; remove the tag, or quote the value if '!' is part of the text.")
        case "%": throw error("a value cannot start with '%' unquoted; quote it.")
        case "@", "`": throw error("a value cannot start with '\(peek())' unquoted (it is reserved in YAML); quote it.")
        case "?" where flow || Self.isBlankOrEnd(next):
            throw error("complex keys ('? key') are not supported; write 'key: value' with a plain or quoted key, or quote the value if '?' is part of the text.")
        case ":" where flow || Self.isBlankOrEnd(next):
            throw error("a key is missing before ':'; write 'key: value', or quote the value if it starts with ':'.")
        case ",", "]", "}":
            throw error("unexpected '\(peek())'; quote the value if the character is part of the text.")
        case "|", ">":
            throw error("block scalars ('|' or '>') cannot appear inside [ ] or { }; quote the value.")
        case "-" where Self.isBlankOrEnd(next):
            throw error("a '- ' list item cannot appear inside [ ] or { }; separate items with commas.")
        case "#":
            throw error("a comment needs a space before '#'; or quote the value if '#' is part of the text.")
        default: return
        }
    }

    /// A mapping key from a plain scalar: typed like any plain value, as PyYAML does (`yes:` is the key `true`).
    func keyNode(_ text: String, at start: Mark) throws(YAMLError) -> YAMLNode {
        if text.utf8.count > Self.maxKeyLength, text.unicodeScalars.count > Self.maxKeyLength {
            throw error(at: start, "a key longer than \(Self.maxKeyLength) characters is not allowed; shorten it.")
        }
        if text == "<<" {
            throw error(at: start, "merge keys ('<<') are not supported; write the keys out.")
        }
        return YAMLNode(try resolvePlain(text, at: start), line: start.line, column: start.column)
    }

    /// A block value that starts on a line below its `key:` or `-` (the current line holds only spaces or a comment).
    mutating func parseValueBelow(parentIndent: Int, indentlessSequence: Bool, nullAt: Mark) throws(YAMLError) -> YAMLNode {
        try skipToContent()
        if atEnd || atDocumentMarker {
            return YAMLNode(.null, line: nullAt.line, column: nullAt.column)
        }
        if col > parentIndent {
            return try parseNode(parentIndent: parentIndent, afterKey: false)
        }
        if col == parentIndent && indentlessSequence && atBlockEntry {
            return try parseBlockSequence(indent: col)
        }
        return YAMLNode(.null, line: nullAt.line, column: nullAt.column)
    }

    /// Parses the value after a `key:` or `- ` indicator (the cursor just past it).
    mutating func parseValue(parentIndent: Int, afterKey: Bool, nullAt: Mark) throws(YAMLError) -> YAMLNode {
        try skipSpaces()
        if atComment { skipToLineEnd() }
        if atLineEnd {
            return try parseValueBelow(parentIndent: parentIndent, indentlessSequence: afterKey, nullAt: nullAt)
        }
        return try parseNode(parentIndent: parentIndent, afterKey: afterKey)
    }

    mutating func parseBlockMapping(indent: Int, firstKey: YAMLNode) throws(YAMLError) -> YAMLNode {
        var entries: [YAMLMapEntry] = []
        var seen = DuplicateKeys()
        var pendingKey: YAMLNode? = firstKey
        while true {
            let key: YAMLNode
            if let k = pendingKey {
                key = k
                pendingKey = nil
            } else {
                key = try parseBlockKey()
            }
            try seen.insert(key, parser: self)
            i += 1  // ':'
            let value = try parseValue(parentIndent: indent, afterKey: true, nullAt: mark)
            entries.append(YAMLMapEntry(key: key, value: value))
            try skipToContent()
            if atEnd || atDocumentMarker || col < indent { break }
            if col > indent {
                throw error("bad indentation: this line is indented more than the keys of its mapping (column \(indent + 1)). Align it with those keys, or, to nest it, leave the value of the key above empty ('key:').")
            }
            if atBlockEntry {
                throw error("a '- ' list item where a key of the mapping was expected; indent the list under a key that ends with ':'.")
            }
        }
        return YAMLNode(.mapping(entries), line: firstKey.line, column: firstKey.column)
    }

    /// The next key of a block mapping, at the mapping's column; leaves the cursor on its ':'.
    mutating func parseBlockKey() throws(YAMLError) -> YAMLNode {
        let start = mark
        let c = peek()
        if c == "[" || c == "{" || c == "|" || c == ">" {
            throw error("expected a 'key: value' line; a key cannot start with '\(c)' unquoted. Quote the key.")
        }
        try rejectUnsupportedStart(flow: false)
        if c == "\"" || c == "'" {
            let quoted = try scanQuoted()
            if quoted.multiLine {
                throw error(at: start, "a mapping key must fit on one line; join the quoted key's lines.")
            }
            try skipSpaces()
            guard peek() == ":" && Self.isBlankOrEnd(peek(1)) else {
                throw error("expected ':' after the key, followed by a space or the end of the line.")
            }
            if quoted.text.unicodeScalars.count > Self.maxKeyLength {
                throw error(at: start, "a key longer than \(Self.maxKeyLength) characters is not allowed; shorten it.")
            }
            return YAMLNode(.string(quoted.text), line: start.line, column: start.column)
        }
        let plain = try scanPlain(parentIndent: col - 1, flow: false)
        guard plain.stoppedAtColon, !plain.multiLine else {
            throw error(at: start, "expected 'key: value' here, but the line has no ': '. Add the missing ':' (followed by a space), or indent the text under the key it belongs to.")
        }
        return try keyNode(plain.text, at: start)
    }

    mutating func parseBlockSequence(indent: Int) throws(YAMLError) -> YAMLNode {
        let start = mark
        var items: [YAMLNode] = []
        while true {
            i += 1  // '-'
            let item = try parseValue(parentIndent: indent, afterKey: false, nullAt: mark)
            items.append(item)
            try skipToContent()
            if atEnd || atDocumentMarker || col < indent { break }
            if col > indent {
                throw error("bad indentation: this line is indented more than the list's '- ' items (column \(indent + 1)). Align it with the items, or with the text after '- ' if it continues an item.")
            }
            if !atBlockEntry { break }
        }
        return YAMLNode(.sequence(items), line: start.line, column: start.column)
    }
}

/// Keys already used in one mapping, compared the way Python's dict compares them (`1`, `1.0` and `true` collide).
struct DuplicateKeys {
    private var seen: [String: YAMLParser.Mark] = [:]

    mutating func insert(_ key: YAMLNode, parser: YAMLParser) throws(YAMLError) {
        let identity = Self.identity(key.value)
        if let first = seen[identity] {
            throw YAMLError(line: key.line, column: key.column, message: "duplicate key \(Self.display(key.value)) (first at line \(first.line), column \(first.column)); PyYAML would silently keep only the last one. Remove or rename one of them.")
        }
        seen[identity] = YAMLParser.Mark(line: key.line, column: key.column)
    }

    static func identity(_ value: YAMLValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return "n:\(b ? 1 : 0)"
        case .int(let n): return "n:\(n)"
        case .float(let d):
            if d.isFinite, d == d.rounded(), abs(d) < 9.0e18 { return "n:\(Int(d))" }
            return "f:\(d)"
        case .string(let text): return "s:" + text
        case .date(let y, let m, let d): return "d:\(y)-\(m)-\(d)"
        case .dateTime(let t): return "t:\(t)"
        case .sequence, .mapping: return "c:\(value)"
        }
    }

    static func display(_ value: YAMLValue) -> String {
        if case .string(let text) = value { return "'\(text)'" }
        return value.scalarText ?? value.kindDescription
    }
}

func hex(_ v: UInt32) -> String {
    let digits = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

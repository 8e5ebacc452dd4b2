/// Flow collections: `[a, b, "c"]` and `{a: 1, b: 2}`, possibly spanning lines (indentation is ignored inside them).
extension YAMLParser {
    mutating func parseFlowCollection() throws(YAMLError) -> YAMLNode {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth {
            throw error("nesting is deeper than \(Self.maxDepth) levels; flatten the structure.")
        }
        let start = mark
        let isSequence = peek() == "["
        let close: Unicode.Scalar = isSequence ? "]" : "}"
        i += 1
        if isSequence {
            var items: [YAMLNode] = []
            while true {
                try skipFlowSpace(start: start, close: close)
                if peek() == "]" {
                    i += 1
                    break
                }
                let item = try parseFlowNode()
                try skipFlowSpace(start: start, close: close)
                if peek() == ":" {
                    throw error("':' inside the list that starts at line \(start.line), column \(start.column): a 'key: value' pair inside [ ] is not supported, write it as a mapping {key: value}; if the list should have ended earlier, add the missing ']'.")
                }
                items.append(item)
                if peek() == "," {
                    i += 1
                } else if peek() == "]" {
                    i += 1
                    break
                } else {
                    throw error("expected ',' or ']' in the list that starts at line \(start.line), column \(start.column); quote values that contain spaces followed by other characters.")
                }
            }
            return YAMLNode(.sequence(items), line: start.line, column: start.column)
        }
        var entries: [YAMLMapEntry] = []
        var seen = DuplicateKeys()
        while true {
            try skipFlowSpace(start: start, close: close)
            if peek() == "}" {
                i += 1
                break
            }
            let keyStart = mark
            let c = peek()
            if c == "[" || c == "{" {
                throw error("a flow collection used as a mapping key (a complex key) is not supported; use a plain or quoted key.")
            }
            try rejectUnsupportedStart(flow: true)
            let key: YAMLNode
            if c == "\"" || c == "'" {
                let quoted = try scanQuoted()
                if quoted.multiLine {
                    throw error(at: keyStart, "a mapping key must fit on one line; join the quoted key's lines.")
                }
                key = YAMLNode(.string(quoted.text), line: keyStart.line, column: keyStart.column)
            } else {
                let plain = try scanPlain(parentIndent: -1, flow: true)
                if plain.multiLine {
                    throw error(at: keyStart, "a mapping key must fit on one line; join the key's lines.")
                }
                key = try keyNode(plain.text, at: keyStart)
            }
            let afterKey = mark
            try seen.insert(key, parser: self)
            try skipFlowSpace(start: start, close: close)
            var value = YAMLNode(.null, line: afterKey.line, column: afterKey.column)
            if peek() == ":" {
                i += 1
                let afterColon = mark
                try skipFlowSpace(start: start, close: close)
                if peek() == "," || peek() == "}" {
                    value = YAMLNode(.null, line: afterColon.line, column: afterColon.column)
                } else {
                    value = try parseFlowNode()
                    try skipFlowSpace(start: start, close: close)
                }
            }
            entries.append(YAMLMapEntry(key: key, value: value))
            if peek() == "," {
                i += 1
            } else if peek() == "}" {
                i += 1
                break
            } else {
                throw error("expected ',' or '}' in the mapping that starts at line \(start.line), column \(start.column); quote values that contain ': ' or other punctuation.")
            }
        }
        return YAMLNode(.mapping(entries), line: start.line, column: start.column)
    }

    mutating func parseFlowNode() throws(YAMLError) -> YAMLNode {
        let start = mark
        let c = peek()
        if c == "[" || c == "{" { return try parseFlowCollection() }
        try rejectUnsupportedStart(flow: true)
        if c == "\"" || c == "'" {
            let quoted = try scanQuoted()
            return YAMLNode(.string(quoted.text), line: start.line, column: start.column)
        }
        let plain = try scanPlain(parentIndent: -1, flow: true)
        if plain.text == "<<" {
            throw error(at: start, "merge keys ('<<') are not supported; write the keys out.")
        }
        return YAMLNode(try resolvePlain(plain.text, at: start), line: start.line, column: start.column)
    }

    /// Spaces, line breaks and comments between flow tokens; the end of the text or a document marker here means the collection was never closed.
    mutating func skipFlowSpace(start: Mark, close: Unicode.Scalar) throws(YAMLError) {
        while true {
            try skipSpaces()
            if atComment { skipToLineEnd() }
            if consumeBreak() {
                if atDocumentMarker { break }
                continue
            }
            if !atEnd { return }
            break
        }
        throw error(at: start, "this '\(close == "]" ? "[" : "{")' is never closed; add the matching '\(close)'.")
    }
}

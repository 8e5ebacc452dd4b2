import WXSupport

/// Splits a template into text and tags, applies the spec's standalone-line rule (a line holding
/// only whitespace and one section, inverted, comment or partial tag disappears entirely), and
/// nests sections.
struct TemplateParser {
    private let bytes: [UInt8]
    private let name: String
    private var pos = 0
    /// Forward-only line/column tracking, so locating every tag stays linear.
    private var trackedOffset = 0
    private var line = 1
    private var column = 1

    init(_ source: String, name: String) {
        self.bytes = Array(source.utf8)
        self.name = name
    }

    enum Kind {
        case variable(escaped: Bool), section, inverted, close, partial, comment, delimiter
    }

    private struct OpenSection {
        var name: TemplateName
        var inverted: Bool
        var location: SourceLocation
        var children: [TemplateNode]
    }

    private mutating func location(at offset: Int) -> SourceLocation {
        while trackedOffset < offset {
            let byte = bytes[trackedOffset]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            trackedOffset += 1
        }
        return SourceLocation(file: name, line: line, column: column)
    }

    private func failure(_ location: SourceLocation, _ message: String, fix: String? = nil) -> DiagnosticError {
        DiagnosticError(.error(at: location, message, fix: fix, rule: "theme/template"))
    }

    mutating func parse() throws(DiagnosticError) -> [TemplateNode] {
        var root: [TemplateNode] = []
        var sections: [OpenSection] = []
        func append(_ node: TemplateNode) {
            if sections.isEmpty { root.append(node) } else { sections[sections.count - 1].children.append(node) }
        }

        var textStart = 0
        var lineStart = 0
        var tagsOnLine = 0
        while true {
            guard let open = find("{{", from: pos) else { break }
            // Lines passed since the last tag reset the standalone bookkeeping.
            if let newline = lastNewline(in: textStart..<open) {
                lineStart = newline + 1
                tagsOnLine = 0
            }
            let tagLocation = location(at: open)
            let (kind, content, end) = try readTag(at: open, location: tagLocation)

            var standaloneEnd: Int?
            if tagsOnLine == 0, kind.canStandAlone, isBlank(lineStart..<open) {
                var after = end
                while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
                if after == bytes.count {
                    standaloneEnd = after
                } else if bytes[after] == 0x0A {
                    standaloneEnd = after + 1
                } else if bytes[after] == 0x0D, after + 1 < bytes.count, bytes[after + 1] == 0x0A {
                    standaloneEnd = after + 2
                }
            }
            let textEnd = standaloneEnd != nil ? lineStart : open
            if textEnd > textStart { append(.text(String(decoding: bytes[textStart..<textEnd], as: UTF8.self))) }
            let indent = standaloneEnd != nil ? String(decoding: bytes[lineStart..<open], as: UTF8.self) : nil

            switch kind {
            case .comment:
                break
            case .delimiter:
                throw failure(tagLocation, "set-delimiter tags ({{=…=}}) are not supported",
                              fix: "keep the {{ }} delimiters; write a literal {{ with {{{\"{{\"}}} from a variable if you need one")
            case .variable(let escaped):
                append(.variable(try parseName(content, at: tagLocation), escaped: escaped, location: tagLocation))
            case .section, .inverted:
                let parsed = try parseName(content, at: tagLocation)
                sections.append(OpenSection(name: parsed, inverted: kind.isInverted, location: tagLocation, children: []))
            case .close:
                let parsed = try parseName(content, at: tagLocation)
                guard let section = sections.popLast() else {
                    throw failure(tagLocation, "{{/\(parsed.text)}} closes a section that was never opened",
                                  fix: "remove it or add {{#\(parsed.text)}} before it")
                }
                guard section.name.text == parsed.text else {
                    throw failure(tagLocation, "{{/\(parsed.text)}} does not match the open section {{#\(section.name.text)}} at \(section.location.line):\(section.location.column)",
                                  fix: "close {{#\(section.name.text)}} with {{/\(section.name.text)}} first")
                }
                append(.section(section.name, inverted: section.inverted, children: section.children, location: section.location))
            case .partial:
                let partialName = content.trimmingSpaces()
                guard !partialName.isEmpty else { throw failure(tagLocation, "partial tag without a name", fix: "write {{> name}}") }
                append(.partial(partialName, indent: indent, location: tagLocation))
            }

            if let standaloneEnd {
                pos = standaloneEnd
                lineStart = standaloneEnd
                tagsOnLine = 0
            } else {
                pos = end
                tagsOnLine += 1
            }
            textStart = pos
        }
        if bytes.count > textStart { append(.text(String(decoding: bytes[textStart...], as: UTF8.self))) }
        if let open = sections.last {
            throw failure(open.location, "section {{#\(open.name.text)}} is never closed", fix: "add {{/\(open.name.text)}}")
        }
        return root
    }

    /// Reads the tag starting at `open` (`{{`): its kind, its content and the offset after it.
    private mutating func readTag(at open: Int, location: SourceLocation) throws(DiagnosticError) -> (Kind, String, Int) {
        var index = open + 2
        if index < bytes.count, bytes[index] == UInt8(ascii: "{") {
            guard let close = find("}}}", from: index + 1) else {
                throw failure(location, "{{{ is never closed", fix: "end it with }}}")
            }
            return (.variable(escaped: false), String(decoding: bytes[(index + 1)..<close], as: UTF8.self), close + 3)
        }
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        let kind: Kind
        switch index < bytes.count ? bytes[index] : 0 {
        case UInt8(ascii: "!"): kind = .comment
        case UInt8(ascii: "#"): kind = .section
        case UInt8(ascii: "^"): kind = .inverted
        case UInt8(ascii: "/"): kind = .close
        case UInt8(ascii: ">"): kind = .partial
        case UInt8(ascii: "&"): kind = .variable(escaped: false)
        case UInt8(ascii: "="): kind = .delimiter
        case UInt8(ascii: "<"), UInt8(ascii: "$"):
            throw failure(location, "template inheritance ({{<…}}, {{$…}}) is not supported", fix: "use partials {{> name}} instead")
        default:
            guard let close = find("}}", from: index) else { throw failure(location, "{{ is never closed", fix: "end the tag with }}") }
            return (.variable(escaped: true), String(decoding: bytes[index..<close], as: UTF8.self), close + 2)
        }
        if case .delimiter = kind { return (kind, "", index + 1) }
        guard let close = find("}}", from: index + 1) else { throw failure(location, "{{ is never closed", fix: "end the tag with }}") }
        return (kind, String(decoding: bytes[(index + 1)..<close], as: UTF8.self), close + 2)
    }

    private func parseName(_ content: String, at location: SourceLocation) throws(DiagnosticError) -> TemplateName {
        let text = content.trimmingSpaces()
        guard !text.isEmpty else { throw failure(location, "tag without a name", fix: "write {{name}}") }
        guard !text.unicodeScalars.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) else {
            throw failure(location, "'\(text)' is not a name: names contain no spaces", fix: "write {{name}} or {{a.b}}")
        }
        if text == "." { return TemplateName(text: text, parts: []) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.contains(where: \.isEmpty) else {
            throw failure(location, "'\(text)' is not a valid dotted name", fix: "write {{a.b}} without empty parts")
        }
        return TemplateName(text: text, parts: parts)
    }

    private func find(_ literal: StaticString, from start: Int) -> Int? {
        let count = literal.utf8CodeUnitCount
        let pointer = literal.utf8Start
        var index = start
        while index + count <= bytes.count {
            if bytes[index] == pointer[0] {
                var matched = true
                for i in 1..<count where bytes[index + i] != pointer[i] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }

    private func lastNewline(in range: Range<Int>) -> Int? {
        var index = range.upperBound - 1
        while index >= range.lowerBound {
            if bytes[index] == 0x0A { return index }
            index -= 1
        }
        return nil
    }

    private func isBlank(_ range: Range<Int>) -> Bool {
        bytes[range].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}

extension TemplateParser.Kind {
    var canStandAlone: Bool {
        switch self {
        case .variable: return false
        default: return true
        }
    }

    var isInverted: Bool {
        if case .inverted = self { return true }
        return false
    }
}

extension String {
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }
}

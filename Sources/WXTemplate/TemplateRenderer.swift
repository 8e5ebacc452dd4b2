import WXSupport

/// Walks parsed nodes with a context stack. Standalone partials are indented the way the spec
/// describes (each line of the partial's template, not of interpolated values): the indentation
/// due at the start of the next output line is kept pending and written only if that line gets
/// any output.
struct TemplateRenderer<Partials: PartialResolver> {
    let partials: Partials
    private(set) var output = ""
    /// Indentation owed to the current output line, or nil when the line has already started.
    private var pendingIndent: String? = ""

    /// Partials may recurse (the spec's tree example) but a template that includes itself without
    /// an ending section must fail, not hang: a depth cap and a cap on total inclusions.
    static var maximumPartialDepth: Int { 64 }
    static var maximumPartialInclusions: Int { 100_000 }
    private var inclusions = 0

    init(partials: Partials) {
        self.partials = partials
    }

    mutating func render(_ nodes: [TemplateNode], stack: inout [TemplateValue], indent: String, depth: Int) throws(DiagnosticError) {
        for node in nodes {
            switch node {
            case .text(let text):
                emitTemplateText(text, indent: indent)
            case .variable(let name, let escaped, let location):
                let value = lookup(name, in: stack)
                guard let text = value.text else {
                    let kind = if case .list = value { "a list" } else { "a dictionary" }
                    throw DiagnosticError(.error(at: location, "{{\(name.text)}} is \(kind), which has no text",
                                                 fix: "iterate it with {{#\(name.text)}}…{{/\(name.text)}}, or name one of its fields",
                                                 rule: "theme/template"))
                }
                emitValue(escaped ? Self.escapeHTML(text) : text)
            case .section(let name, let inverted, let children, _):
                let value = lookup(name, in: stack)
                if inverted {
                    if !value.isTruthy { try render(children, stack: &stack, indent: indent, depth: depth) }
                } else if case .list(let items) = value {
                    for item in items {
                        stack.append(item)
                        defer { stack.removeLast() }
                        try render(children, stack: &stack, indent: indent, depth: depth)
                    }
                } else if value.isTruthy {
                    stack.append(value)
                    defer { stack.removeLast() }
                    try render(children, stack: &stack, indent: indent, depth: depth)
                }
            case .partial(let name, let ownIndent, let location):
                guard let template = partials.partial(named: name) else { continue }
                guard depth < Self.maximumPartialDepth else {
                    throw DiagnosticError(.error(at: location, "partials nest more than \(Self.maximumPartialDepth) deep at {{> \(name)}}",
                                                 fix: "check for a partial that includes itself without a section that ends", rule: "theme/template"))
                }
                inclusions += 1
                guard inclusions <= Self.maximumPartialInclusions else {
                    throw DiagnosticError(.error(at: location, "partials were included more than \(Self.maximumPartialInclusions) times; stopped at {{> \(name)}}",
                                                 fix: "check for a partial that includes itself without a section that ends", rule: "theme/template"))
                }
                if let ownIndent {
                    let inner = indent + ownIndent
                    pendingIndent = inner
                    try render(template.nodes, stack: &stack, indent: inner, depth: depth + 1)
                    if pendingIndent != nil { pendingIndent = indent }
                } else {
                    try render(template.nodes, stack: &stack, indent: "", depth: depth + 1)
                }
            }
        }
    }

    /// Resolves a name against the context stack, as the spec says: `.` is the top; the first part
    /// of a dotted name is looked up from the top down, the rest only inside what it found.
    private func lookup(_ name: TemplateName, in stack: [TemplateValue]) -> TemplateValue {
        guard let first = name.parts.first else { return stack.last ?? .null }
        var found: TemplateValue?
        for context in stack.reversed() {
            if let value = context[first] {
                found = value
                break
            }
        }
        guard var value = found else { return .null }
        for part in name.parts.dropFirst() {
            guard let next = value[part] else { return .null }
            value = next
        }
        return value
    }

    private mutating func emitTemplateText(_ text: String, indent: String) {
        var segmentStart = text.utf8.startIndex
        let utf8 = text.utf8
        var index = segmentStart
        while index < utf8.endIndex {
            if utf8[index] == 0x0A {
                let next = utf8.index(after: index)
                emitValue(String(text[segmentStart..<next]))
                pendingIndent = indent
                segmentStart = next
            }
            index = utf8.index(after: index)
        }
        if segmentStart < utf8.endIndex { emitValue(String(text[segmentStart...])) }
    }

    private mutating func emitValue(_ text: String) {
        guard !text.isEmpty else { return }
        if let indent = pendingIndent {
            output += indent
            pendingIndent = nil
        }
        output += text
    }

    static func escapeHTML(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// Small conveniences for the loaders (`SiteConfig`, `Post`) that read parsed YAML.
extension YAMLNode {
    /// The value of `key` when this node is a mapping with a string key `key`.
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let entries) = value else { return nil }
        return entries.first { $0.key.value == .string(key) }?.value
    }

    public var mappingEntries: [YAMLMapEntry]? {
        if case .mapping(let entries) = value { return entries }
        return nil
    }

    public var sequenceItems: [YAMLNode]? {
        if case .sequence(let items) = value { return items }
        return nil
    }

    public var stringValue: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    public var isNull: Bool { value == .null }
}

extension YAMLValue {
    /// What kind of value this is, in words for error messages ("expected a list, found a number").
    public var kindDescription: String {
        switch self {
        case .null: return "an empty value"
        case .bool: return "a boolean"
        case .int: return "an integer"
        case .float: return "a number"
        case .string: return "text"
        case .date: return "a date"
        case .dateTime: return "a date-time"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// The scalar as an editor wrote it, for fields that accept any scalar as text (e.g. a tag written as `2013`).
    public var scalarText: String? {
        switch self {
        case .string(let text): return text
        case .int(let n): return String(n)
        case .bool(let b): return b ? "true" : "false"
        case .float(let d): return String(d)
        case .date(let y, let m, let d): return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
        default: return nil
        }
    }
}

private func pad(_ n: Int, _ width: Int) -> String {
    let digits = String(n)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

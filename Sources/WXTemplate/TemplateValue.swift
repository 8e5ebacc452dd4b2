/// The data a template sees, shaped like JSON: what front matter, site config and article fields
/// become before `article.html` renders them.
///
/// Truthiness for sections follows JavaScript, as most Mustache users expect: `null`, `false`,
/// `""`, `0` and `[]` are falsey; every dictionary (even empty) is truthy.
public enum TemplateValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([TemplateValue])
    case dictionary([String: TemplateValue])

    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let value): return value
        case .number(let value): return value != 0
        case .string(let value): return !value.isEmpty
        case .list(let items): return !items.isEmpty
        case .dictionary: return true
        }
    }

    /// The value's text for `{{name}}`, or nil for lists and dictionaries, which have none.
    /// Whole numbers print without a decimal point (`85`, not `85.0`).
    public var text: String? {
        switch self {
        case .null: return ""
        case .bool(let value): return value ? "true" : "false"
        case .number(let value):
            if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
            return String(value)
        case .string(let value): return value
        case .list, .dictionary: return nil
        }
    }

    public subscript(key: String) -> TemplateValue? {
        if case .dictionary(let entries) = self { return entries[key] }
        return nil
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .dictionary(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    public init(nilLiteral: ()) { self = .null }
}

/// Decodes from JSON (`true` stays a bool, `1` a number), so tests and tools can feed JSON data.
extension TemplateValue: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([TemplateValue].self) {
            self = .list(value)
        } else {
            self = .dictionary(try container.decode([String: TemplateValue].self))
        }
    }
}

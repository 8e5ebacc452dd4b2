/// A CSS length or number as written in a declaration, before layout resolves it.
enum CSSLength: Equatable {
    case px(Double)
    case em(Double)
    case rem(Double)
    case percent(Double)
    /// A bare number: a multiplier for `line-height`, pixels nowhere else we care about.
    case number(Double)

    /// Reads `12px`, `9pt`, `1.5em`, `2rem`, `50%`, `1.6`, `0`; `nil` for keywords, `calc()`, `var()`.
    init?(_ text: String) {
        let value = text.trimming(.whitespaces).lowercased()
        let bytes = Array(value.utf8)
        var split = 0
        while split < bytes.count, (bytes[split] >= 48 && bytes[split] <= 57) || bytes[split] == UInt8(ascii: ".")
            || (split == 0 && (bytes[split] == UInt8(ascii: "-") || bytes[split] == UInt8(ascii: "+"))) {
            split += 1
        }
        guard split > 0, let number = Double(String(decoding: bytes[..<split], as: UTF8.self)) else { return nil }
        switch String(decoding: bytes[split...], as: UTF8.self) {
        case "": self = .number(number)
        case "px": self = .px(number)
        case "pt": self = .px(number * 4 / 3)
        case "pc": self = .px(number * 16)
        case "in": self = .px(number * 96)
        case "cm": self = .px(number * 96 / 2.54)
        case "mm": self = .px(number * 96 / 25.4)
        case "em": self = .em(number)
        case "rem": self = .rem(number)
        case "%": self = .percent(number)
        case "vw": self = .percent(number)  // of the viewport, which is the column on a phone
        default: return nil
        }
    }

    var isZero: Bool {
        switch self {
        case .px(let v), .em(let v), .rem(let v), .percent(let v), .number(let v): return v == 0
        }
    }

    /// Pixels, when knowable: `em` and `%` need the font size / containing width they refer to.
    func pixels(fontSize: Double?, percentBase: Double?, rootFontSize: Double = 16) -> Double? {
        switch self {
        case .px(let v): return v
        case .number(let v): return v == 0 ? 0 : nil
        case .em(let v): return fontSize.map { $0 * v }
        case .rem(let v): return rootFontSize * v
        case .percent(let v): return percentBase.map { $0 * v / 100 }
        }
    }
}

/// Formats a measured value for messages: `600px`, `392px`, `1.5`.
func formatNumber(_ value: Double) -> String {
    if value == value.rounded() && abs(value) < 1e9 { return String(Int(value)) }
    let rounded = (value * 100).rounded() / 100
    return String(rounded)
}

/// The space-separated parts of a shorthand (`margin: 0 0 0 294pt`), parentheses kept together.
func shorthandParts(_ value: String) -> [String] {
    var parts: [String] = []
    let scalars = value.unicodeScalars
    var start: String.UnicodeScalarView.Index?
    var depth = 0
    var index = scalars.startIndex
    while index < scalars.endIndex {
        let scalar = scalars[index]
        if scalar == "(" { depth += 1 } else if scalar == ")" { depth = max(0, depth - 1) }
        if depth == 0, TextMetrics.isSpace(scalar) {
            if let first = start { parts.append(String(scalars[first..<index])) }
            start = nil
        } else if start == nil {
            start = index
        }
        index = scalars.index(after: index)
    }
    if let first = start { parts.append(String(scalars[first...])) }
    return parts
}

/// Splits function arguments or a property list at top-level commas.
func splitTopLevelCommas(_ value: String) -> [String] {
    var parts: [String] = []
    var current = ""
    var depth = 0
    for scalar in value.unicodeScalars {
        if scalar == "(" { depth += 1 } else if scalar == ")" { depth = max(0, depth - 1) }
        if depth == 0, scalar == "," {
            parts.append(current.trimming(.whitespaces))
            current = ""
        } else {
            current.unicodeScalars.append(scalar)
        }
    }
    parts.append(current.trimming(.whitespaces))
    return parts
}

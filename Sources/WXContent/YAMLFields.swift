import Foundation
import WXSupport

/// Reads typed fields out of a parsed YAML mapping and turns every mistake into a located
/// diagnostic, so config and front matter errors read the same way.
struct YAMLFields {
    let file: String
    /// Added to YAML line numbers to get file line numbers.
    let lineOffset: Int
    var diagnostics: [Diagnostic] = []
    /// The values came from TOML front matter, so fixes show TOML syntax.
    var isTOML = false

    init(file: String, lineOffset: Int) {
        self.file = file
        self.lineOffset = lineOffset
    }

    func location(_ node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: node.line + lineOffset, column: node.column)
    }

    mutating func error(_ node: YAMLNode, _ message: String, fix: String? = nil) {
        diagnostics.append(.error(at: location(node), message, fix: fix))
    }

    /// The entries of a mapping as (key text, key node, value node); nil (with an error) when `node` is not a mapping.
    mutating func entries(_ node: YAMLNode, what: String) -> [(key: String, keyNode: YAMLNode, value: YAMLNode)]? {
        switch node.value {
        case .null:
            return []
        case .mapping(let entries):
            return entries.map { (YAMLFields.scalarText($0.key) ?? "", $0.key, $0.value) }
        default:
            error(node, "\(what) must be a mapping of `key: value` lines, found \(YAMLFields.describe(node))")
            return nil
        }
    }

    /// Text of a scalar as written (numbers and booleans become their text: `author: 2013` is an author).
    static func scalarText(_ node: YAMLNode) -> String? { node.value.scalarText }

    static func describe(_ node: YAMLNode) -> String {
        switch node.value {
        case .null: return "nothing"
        case .bool(let b): return "the boolean \(b)"
        case .int(let i): return "the number \(i)"
        case .float(let d): return "the number \(d)"
        case .string(let s): return "the text \"\(s)\""
        case .date: return "a date"
        case .dateTime: return "a date and time"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// A text field; nil for null. Numbers are accepted as their text.
    mutating func string(_ node: YAMLNode, field: String) -> Located<String>? {
        if case .null = node.value { return nil }
        guard let text = YAMLFields.scalarText(node) else {
            error(
                node, "`\(field)` must be text, found \(YAMLFields.describe(node))",
                fix: isTOML ? "write it as quoted text: `\(field) = \"…\"`" : "write it on one line, quoted if it contains `: ` or starts with a special character")
            return nil
        }
        return Located(text.trimming(.whitespacesAndNewlines), at: location(node))
    }

    mutating func bool(_ node: YAMLNode, field: String) -> Bool? {
        switch node.value {
        case .null: return nil
        case .bool(let b): return b
        default:
            error(node, "`\(field)` must be true or false, found \(YAMLFields.describe(node))")
            return nil
        }
    }

    mutating func int(_ node: YAMLNode, field: String, range: ClosedRange<Int>? = nil) -> Int? {
        switch node.value {
        case .null: return nil
        case .int(let i):
            if let range, !range.contains(i) {
                error(node, "`\(field)` must be between \(range.lowerBound) and \(range.upperBound), found \(i)")
                return nil
            }
            return i
        default:
            error(node, "`\(field)` must be a whole number, found \(YAMLFields.describe(node))")
            return nil
        }
    }

    /// One text or a list of texts (`groups: vip` and `groups: [vip, all]` both work).
    mutating func stringList(_ node: YAMLNode, field: String) -> [Located<String>]? {
        switch node.value {
        case .null: return []
        case .sequence(let items):
            var out: [Located<String>] = []
            for item in items {
                if let s = string(item, field: field) { out.append(s) }
            }
            return out
        default:
            return string(node, field: field).map { [$0] }
        }
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ node: YAMLNode, field: String, as: T.Type) -> T? where T.RawValue == String {
        guard let text = string(node, field: field) else { return nil }
        if let value = T(rawValue: text.value.lowercased()) { return value }
        let allowed = T.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
        error(node, "`\(field)` must be one of \(allowed), found `\(text.value)`")
        return nil
    }

    /// A point in time; values without an offset are read in `zone`.
    mutating func date(_ node: YAMLNode, field: String, zone: TimeZone) -> Located<Date>? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        switch node.value {
        case .null: return nil
        case .date(let y, let m, let d):
            guard let date = calendar.date(from: DateComponents(year: y, month: m, day: d)) else { break }
            return Located(date, at: location(node))
        case .dateTime(let t):
            if let offset = t.utcOffsetSeconds, let tz = TimeZone(secondsFromGMT: offset) { calendar.timeZone = tz }
            guard let date = calendar.date(from: DateComponents(year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second, nanosecond: t.nanosecond)) else { break }
            return Located(date, at: location(node))
        case .string(let text):
            // YAML 1.1 (and PyYAML) only types `2026-11-26 08:30:00`; editors also write minutes only.
            if let date = YAMLFields.parseLooseDateTime(text, zone: zone) { return Located(date, at: location(node)) }
        default:
            break
        }
        error(node, "`\(field)` must be a date and time such as 2026-11-25 08:00 or 2026-11-25T08:00:00+08:00, found \(YAMLFields.describe(node))")
        return nil
    }

    /// `YYYY-MM-DD[ T]HH:MM[:SS]` with an optional `Z` or `±HH[:MM]` offset.
    static func parseLooseDateTime(_ text: String, zone: TimeZone) -> Date? {
        let s = Array(text.trimming(.whitespaces).unicodeScalars)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= s.count, range.allSatisfy({ ("0"..."9").contains(s[$0]) }) else { return nil }
            // At most four digits: summed as they are read (a String per number cost half the parse).
            return range.reduce(0) { $0 * 10 + Int(s[$1].value - 48) }
        }
        guard s.count >= 16, let y = number(0..<4), s[4] == "-", let mo = number(5..<7), s[7] == "-", let d = number(8..<10),
              s[10] == " " || s[10] == "T", let h = number(11..<13), s[13] == ":", let mi = number(14..<16) else { return nil }
        var i = 16
        var sec = 0
        if i < s.count, s[i] == ":" {
            guard let v = number(i + 1..<i + 3) else { return nil }
            sec = v
            i += 3
        }
        while i < s.count, s[i] == " " { i += 1 }
        var tz = zone
        if i < s.count {
            if s[i] == "Z" && i + 1 == s.count {
                tz = TimeZone(secondsFromGMT: 0)!
            } else if s[i] == "+" || s[i] == "-" {
                let sign = s[i] == "-" ? -1 : 1
                guard let oh = number(i + 1..<i + 3) else { return nil }
                var om = 0
                var j = i + 3
                if j < s.count, s[j] == ":" { j += 1 }
                if j < s.count { guard let v = number(j..<j + 2), j + 2 == s.count else { return nil }; om = v } else if j != s.count { return nil }
                tz = TimeZone(secondsFromGMT: sign * (oh * 3600 + om * 60))!
            } else {
                return nil
            }
        }
        guard (1...12).contains(mo), (1...31).contains(d), (0...23).contains(h), (0...59).contains(mi), (0...60).contains(sec) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = tz
        let components = DateComponents(year: y, month: mo, day: d, hour: h, minute: mi, second: sec)
        guard let date = calendar.date(from: components), calendar.component(.day, from: date) == d else { return nil }
        return date
    }

    /// Reports keys that are not in `known`, with the closest known key as the fix.
    mutating func rejectUnknown(_ key: String, _ keyNode: YAMLNode, in section: String, known: [String]) {
        let fix = Suggestion.closest(to: key, among: known).map { "did you mean `\($0)`?" }
            ?? "known keys here: \(known.joined(separator: ", "))"
        diagnostics.append(.error(at: location(keyNode), "unknown key `\(key)` in \(section)", fix: fix))
    }
}

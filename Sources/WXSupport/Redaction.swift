import Foundation

/// The access_token travels in query strings and the AppSecret in token requests; anything that
/// reaches a log line or an error message goes through here first.
public enum Redaction {
    static let sensitiveKeys: Set<String> = ["access_token", "secret", "appsecret"]

    /// Replaces the values of sensitive query parameters (and JSON string fields) with REDACTED.
    public static func redact(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var rest = Substring(text)
        while !rest.isEmpty {
            guard let match = nextSensitive(in: rest) else {
                out += rest
                break
            }
            out += rest[..<match.valueStart]
            out += "REDACTED"
            rest = rest[match.valueEnd...]
        }
        return out
    }

    private static func nextSensitive(in text: Substring) -> (valueStart: Substring.Index, valueEnd: Substring.Index)? {
        var best: (Substring.Index, Substring.Index)?
        for key in sensitiveKeys {
            var search = text.startIndex
            while let range = text[search...].range(of: key) {
                search = range.upperBound
                // Only whole keys: preceded by a delimiter.
                if range.lowerBound > text.startIndex {
                    let before = text[text.index(before: range.lowerBound)]
                    if before.isLetter || before.isNumber || before == "_" { continue }
                }
                var i = range.upperBound
                if i < text.endIndex, text[i] == "=" {
                    i = text.index(after: i)
                    var end = i
                    while end < text.endIndex, !"&# \n\"'".contains(text[end]) { end = text.index(after: end) }
                    if end > i, text[i..<end] != "REDACTED" {
                        if best == nil || i < best!.0 { best = (i, end) }
                        break
                    }
                } else if i < text.endIndex, text[i] == "\"" {
                    // JSON: "secret":"value" or "secret": "value"
                    var j = text.index(after: i)
                    while j < text.endIndex, text[j] == " " { j = text.index(after: j) }
                    guard j < text.endIndex, text[j] == ":" else { continue }
                    j = text.index(after: j)
                    while j < text.endIndex, text[j] == " " { j = text.index(after: j) }
                    guard j < text.endIndex, text[j] == "\"" else { continue }
                    let start = text.index(after: j)
                    var end = start
                    while end < text.endIndex, text[end] != "\"" {
                        if text[end] == "\\" { end = text.index(after: end); if end == text.endIndex { break } }
                        end = text.index(after: end)
                    }
                    if end > start, text[start..<end] != "REDACTED" {
                        if best == nil || start < best!.0 { best = (start, end) }
                        break
                    }
                }
            }
        }
        return best
    }
}

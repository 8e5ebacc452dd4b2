/// "Did you mean …?" for a mistyped command, option or config key: the closest candidate, if it is
/// close enough to be a likely typo.
public enum Suggestion {
    public static func closest(to word: String, among candidates: [String]) -> String? {
        var trimmed = Substring(word)
        while trimmed.first == "-" { trimmed.removeFirst() }
        let word = String(trimmed)
        guard !word.isEmpty else { return nil }
        if let prefixed = candidates.first(where: { $0.hasPrefix(word) || word.hasPrefix($0) }) { return prefixed }
        let scored = candidates.map { ($0, editDistance($0, word)) }.min { $0.1 < $1.1 }
        guard let (best, distance) = scored, distance <= max(1, min(best.count, word.count) / 3 + 1) else { return nil }
        return best
    }

    /// Levenshtein distance over Unicode scalars (keys and names are short).
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

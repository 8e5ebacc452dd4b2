/// A run of `*`, `_` or `~` and whether it can open or close emphasis (strikethrough for `~`),
/// by CommonMark's flanking rules or, with `cjkFriendly`, by the CJK-friendly amendments
/// (`../shared/oracles/cjk-friendly/specification.md` §6.2). One implementation serves the
/// emphasis resolver and the `markdown/emphasis` warning, so the warning fires exactly where
/// the resolver leaves markers literal.
struct DelimiterRun: Sendable, Equatable {
    var character: Unicode.Scalar
    /// Length of the run as written (the "rule of three" uses it).
    var length: Int
    /// Delimiters not yet used by a match.
    var remaining: Int
    /// Markers used from the run's left end (as a closer); the unused ones start after them.
    var consumedFromLeft = 0
    var line: Int
    var column: Int
    /// The characters around the run in the source; nil means the start or end of a line.
    var before: Unicode.Scalar?
    var after: Unicode.Scalar?
    var canOpen: Bool
    var canClose: Bool

    /// What stands before a run: the amendments look through a variation selector at the
    /// character it modifies.
    struct Context: Sendable, Equatable {
        var before: Unicode.Scalar?
        /// The character before `before` (only consulted when `before` is a variation selector).
        var beforeThat: Unicode.Scalar?
        var after: Unicode.Scalar?
    }

    /// A run as found, before its neighbours are known: it can neither open nor close until
    /// `InlineResolver` classifies it (after merging runs that cmark's tree split).
    init(character: Unicode.Scalar, length: Int, line: Int, column: Int) {
        self.character = character
        self.length = length
        self.remaining = length
        self.line = line
        self.column = column
        canOpen = false
        canClose = false
    }

    init(character: Unicode.Scalar, length: Int, line: Int, column: Int, context: Context, cjkFriendly: Bool) {
        self.character = character
        self.length = length
        self.remaining = length
        self.line = line
        self.column = column
        self.before = context.before
        self.after = context.after
        let flanking = cjkFriendly ? Self.cjkFlanking(context) : Self.commonMarkFlanking(context)
        let (left, right) = (flanking.left, flanking.right)
        switch character {
        case "_":
            canOpen = left && (!right || flanking.punctuationBefore)
            canClose = right && (!left || Self.isPunctuation(context.after))
        default:  // `*` and GFM's `~`
            canOpen = left
            canClose = right
        }
    }

    private struct Flanking {
        var left: Bool
        var right: Bool
        var punctuationBefore: Bool
    }

    private static func commonMarkFlanking(_ c: Context) -> Flanking {
        let wsBefore = isWhitespace(c.before), wsAfter = isWhitespace(c.after)
        let pBefore = isPunctuation(c.before), pAfter = isPunctuation(c.after)
        return Flanking(
            left: !wsAfter && (!pAfter || wsBefore || pBefore),
            right: !wsBefore && (!pBefore || wsAfter || pAfter),
            punctuationBefore: pBefore)
    }

    private static func cjkFlanking(_ c: Context) -> Flanking {
        // The "sequence" before the run: a character, or a character + a non-emoji variation selector.
        var base = c.before
        var ivsBefore = false
        var ambiguousCJKPunctuation = false
        if let before = c.before {
            if CJKCharacters.isIdeographicVariationSelector(before) {
                ivsBefore = true
            } else if CJKCharacters.isNonEmojiVariationSelector(before), let that = c.beforeThat {
                base = that
                // A CJK ambiguous punctuation sequence: ‘ ’ “ ” + U+FE01 (their full-width forms).
                ambiguousCJKPunctuation = before.value == 0xFE01 && [0x2018, 0x2019, 0x201C, 0x201D].contains(that.value)
            }
        }
        let wsBefore = isWhitespace(c.before), wsAfter = isWhitespace(c.after)
        let cjkSequenceBefore = base.map { CJKCharacters.isCJK($0) } ?? false || ambiguousCJKPunctuation
        let punctuationSequenceBefore = isPunctuation(base) && !(base == c.before && ivsBefore)
        let nonCJKPunctuationSequenceBefore = punctuationSequenceBefore && !cjkSequenceBefore
        let nonCJKPunctuationAfter = isPunctuation(c.after) && !(c.after.map { CJKCharacters.isCJK($0) } ?? false)
        let cjkAfter = c.after.map { CJKCharacters.isCJK($0) } ?? false
        let left = !wsAfter && (!nonCJKPunctuationAfter || wsBefore || nonCJKPunctuationSequenceBefore || cjkSequenceBefore || ivsBefore)
        let right = !wsBefore && (!nonCJKPunctuationSequenceBefore || wsAfter || nonCJKPunctuationAfter || cjkAfter)
        return Flanking(left: left, right: right, punctuationBefore: punctuationSequenceBefore)
    }

    /// cmark 0.30's Unicode whitespace; nil (line start or end) counts as white space.
    static func isWhitespace(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return true }
        switch scalar.value {
        case 9, 10, 12, 13, 32, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// ASCII punctuation or a Unicode P* character (cmark 0.30 and markdown-it-py agree on this set).
    static func isPunctuation(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        let v = scalar.value
        if v < 0x80 {
            return (0x21...0x2F).contains(v) || (0x3A...0x40).contains(v) || (0x5B...0x60).contains(v) || (0x7B...0x7E).contains(v)
        }
        // Ideographs and Hangul syllables (letters, all of them): most runs in CJK text stand next
        // to one, and the general-category lookup is the costly part of classifying a run.
        if (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0xAC00...0xD7A3).contains(v) { return false }
        // CJK and full-width punctuation (、。「」：！…), the other common neighbours, from a table
        // filled by the same test below.
        if (0x3000..<0x3040).contains(v) { return cjkPunctuation.symbolsAndPunctuation & 1 << (v - 0x3000) != 0 }
        if (0xFF00..<0xFF40).contains(v) { return cjkPunctuation.fullWidth & 1 << (v - 0xFF00) != 0 }
        return isPunctuationByCategory(scalar)
    }

    /// `isPunctuationByCategory` of U+3000–303F and U+FF00–FF3F, one bit per scalar.
    private static let cjkPunctuation: (symbolsAndPunctuation: UInt64, fullWidth: UInt64) = {
        func bits(_ start: UInt32) -> UInt64 {
            var mask: UInt64 = 0
            for offset in 0..<64 where isPunctuationByCategory(Unicode.Scalar(start + UInt32(offset))!) { mask |= 1 << offset }
            return mask
        }
        return (bits(0x3000), bits(0xFF00))
    }()

    private static func isPunctuationByCategory(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }
}

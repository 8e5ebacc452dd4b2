/// A `LanguageSyntax` prepared for scanning: its word lists as one table keyed by the word's bytes
/// (so an identifier is looked up without making a `String` of it), and the bytes that can open
/// a comment or a string (so most bytes skip those checks). Built once per language.
struct CompiledSyntax {
    let syntax: LanguageSyntax
    /// What each listed word is, for ASCII words of up to `WordKey.capacity` bytes (all listed words are).
    private let words: WordTable
    let commentStarts: ByteSet
    let stringStarts: ByteSet
    /// Bytes an identifier goes on with: letters, digits, `_`, non-ASCII and the language's extras.
    let identifierBytes: ByteSet

    /// Keywords after which `name(` is a call, not a declaration.
    static let callContext: Set<String> = [
        "return", "new", "throw", "else", "case", "goto", "sizeof", "await", "yield", "delete", "typeof", "in", "is",
        "as", "and", "or", "not", "echo", "print", "if", "while", "for", "switch", "catch", "when", "do", "then", "co_await",
    ]

    init(_ syntax: LanguageSyntax) {
        self.syntax = syntax
        var words: [WordKey: WordFlags] = [:]
        let lists: [(Set<String>, WordFlags)] = [
            (syntax.keywords, .keyword), (syntax.types, .type), (syntax.softKeywords, .softKeyword),
            (syntax.namespaceIntroducers, .namespaceIntroducer), (syntax.functionIntroducers, .functionIntroducer),
            (syntax.typeIntroducers, .typeIntroducer), (Self.callContext, .callContext),
        ]
        for (list, flag) in lists {
            for word in list {
                let bytes = Array(word.utf8)
                precondition(bytes.count <= WordKey.capacity && bytes.allSatisfy { $0 < 0x80 }, "word lists hold short ASCII words")
                words[WordKey(bytes, 0, bytes.count, lowercase: false), default: []].insert(flag)
            }
        }
        self.words = WordTable(words)
        var comments = ByteSet()
        if let block = syntax.blockComment { comments.insert(first: block.open) }
        for marker in syntax.lineComments { comments.insert(first: marker) }
        commentStarts = comments
        var strings = ByteSet()
        for string in syntax.strings { strings.insert(first: string.open) }
        stringStarts = strings
        var identifier = ByteSet()
        for b in 0...255 where Byte.isIdentifier(UInt8(b)) || syntax.identifierExtras.contains(UInt8(b)) { identifier.insert(UInt8(b)) }
        identifierBytes = identifier
    }

    /// What the word `bytes[start..<end]` is (compared in lower case when the language says so);
    /// exactly what looking its `String` up in the syntax's sets would say.
    func flags(_ bytes: [UInt8], _ start: Int, _ end: Int) -> WordFlags {
        var ascii = true
        for i in start..<end where bytes[i] >= 0x80 { ascii = false; break }
        if ascii {
            guard end - start <= WordKey.capacity else { return [] }
            return words.flags(WordKey(bytes, start, end, lowercase: syntax.caseInsensitive))
        }
        // non-ASCII: String lower-casing can turn it into ASCII (K, the Kelvin sign), so ask the sets
        let word = bytes.text(start, end)
        let key = syntax.caseInsensitive ? word.lowercased() : word
        var flags: WordFlags = []
        if syntax.keywords.contains(key) { flags.insert(.keyword) }
        if syntax.types.contains(key) { flags.insert(.type) }
        if syntax.softKeywords.contains(key) { flags.insert(.softKeyword) }
        if syntax.namespaceIntroducers.contains(key) { flags.insert(.namespaceIntroducer) }
        if syntax.functionIntroducers.contains(key) { flags.insert(.functionIntroducer) }
        if syntax.typeIntroducers.contains(key) { flags.insert(.typeIntroducer) }
        if Self.callContext.contains(key) { flags.insert(.callContext) }
        return flags
    }
}

/// The lists a word is on.
struct WordFlags: OptionSet, Hashable {
    let rawValue: UInt8
    static let keyword = WordFlags(rawValue: 1)
    static let type = WordFlags(rawValue: 2)
    static let softKeyword = WordFlags(rawValue: 4)
    static let namespaceIntroducer = WordFlags(rawValue: 8)
    static let functionIntroducer = WordFlags(rawValue: 16)
    static let typeIntroducer = WordFlags(rawValue: 32)
    static let callContext = WordFlags(rawValue: 64)
}

/// An ASCII word of up to 24 bytes packed into three integers, for hashing without a `String`.
struct WordKey: Hashable {
    static let capacity = 24
    var a: UInt64 = 0, b: UInt64 = 0, c: UInt64 = 0
    var length: Int

    init(_ bytes: [UInt8], _ start: Int, _ end: Int, lowercase: Bool) {
        length = end - start
        for i in start..<end {
            var byte = UInt64(bytes[i])
            if lowercase && byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
            let offset = i - start
            let shifted = byte << UInt64((offset & 7) * 8)
            switch offset >> 3 {
            case 0: a |= shifted
            case 1: b |= shifted
            default: c |= shifted
            }
        }
    }
}

/// The word lists as an open-addressed table with a multiplicative hash: a word is a few
/// multiplications and a comparison or two, where `Dictionary` would run SipHash over it.
struct WordTable {
    private var keys: [WordKey?]
    private var values: [WordFlags]
    private let shift: UInt64

    init(_ words: [WordKey: WordFlags]) {
        var bits = 4
        while 1 << bits < words.count * 4 { bits += 1 }
        keys = Array(repeating: nil, count: 1 << bits)
        values = Array(repeating: [], count: 1 << bits)
        shift = UInt64(64 - bits)
        for (key, value) in words {
            var slot = slot(of: key)
            while keys[slot] != nil { slot = (slot + 1) & (keys.count - 1) }
            keys[slot] = key
            values[slot] = value
        }
    }

    private func slot(of key: WordKey) -> Int {
        let mixed = (key.a &* 0x9E37_79B9_7F4A_7C15) ^ (key.b &* 0xC2B2_AE3D_27D4_EB4F) ^ (key.c &* 0x1656_67B1_9E37_79F9) ^ UInt64(key.length)
        return Int(truncatingIfNeeded: (mixed &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    func flags(_ key: WordKey) -> WordFlags {
        var slot = slot(of: key)
        while let stored = keys[slot] {
            if stored == key { return values[slot] }
            slot = (slot + 1) & (keys.count - 1)
        }
        return []
    }
}

/// A set of bytes, 256 bits.
struct ByteSet {
    private var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: bits.0 |= bit
        case 1: bits.1 |= bit
        case 2: bits.2 |= bit
        default: bits.3 |= bit
        }
    }

    /// Inserts `literal`'s first byte; an empty literal matches anywhere, so it inserts every byte.
    mutating func insert(first literal: [UInt8]) {
        if let first = literal.first { insert(first) } else { for b in 0...255 { insert(UInt8(b)) } }
    }

    @inline(__always) func contains(_ byte: UInt8) -> Bool {
        let word: UInt64
        switch byte >> 6 {
        case 0: word = bits.0
        case 1: word = bits.1
        case 2: word = bits.2
        default: word = bits.3
        }
        return word & (UInt64(1) << UInt64(byte & 63)) != 0
    }
}

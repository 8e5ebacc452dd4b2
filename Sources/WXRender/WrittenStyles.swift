/// An article's `style` values as the compile wrote them (`StyleEvents`): the preview page takes
/// its dark-mode table from them instead of scanning the content again. `Article` drops them
/// when its content changes, so they always describe the content they travel with.
struct WrittenStyles: Sendable, Equatable {
    let events: StyleEvents

    /// The events, when they vouch for the content (else the preview page scans it).
    var vouched: StyleEvents? { events.vouched ? events : nil }

    /// Always equal: a restatement of the article's `content`, which `Article` compares itself.
    static func == (lhs: WrittenStyles, rhs: WrittenStyles) -> Bool { true }
}

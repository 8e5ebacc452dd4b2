import WXContent

/// Where a compiled article's title, digest and cover came from, so `wxpub check -v` can answer
/// "why is the cover this picture?" without the editor reading the rules.
public struct ArticleProvenance: Sendable, Equatable {
    public var title: FieldSource
    public var digest: FieldSource
    public var cover: FieldSource

    public init(title: FieldSource = .missing, digest: FieldSource = .missing, cover: FieldSource = .missing) {
        self.title = title
        self.digest = digest
        self.cover = cover
    }
}

/// Where a post's field got its value, so `wxpub check -v` can tell an editor why a title,
/// digest or cover is what it is.
public enum FieldSource: String, Sendable, Equatable, CaseIterable {
    /// Written in the post's front matter (under its own name or an alias).
    case frontMatter = "front matter"
    /// The level-1 heading that opens the body (posts without a front matter title).
    case heading = "the opening heading"
    /// The `YYYY-MM-DD-` prefix of the file name.
    case fileName = "the file name"
    /// `defaults:` in wxpub.yml.
    case defaults = "defaults in wxpub.yml"
    /// The first image in the body.
    case firstImage = "the first image in the body"
    /// The first characters of the body's text.
    case firstText = "the first text of the body"
    /// Nowhere: the field is missing.
    case missing = "nowhere"
}

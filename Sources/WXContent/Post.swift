import Foundation
import WXSupport

/// One Markdown file with its front matter, as the editor wrote it. Values keep their source
/// locations so every later check can point at `file:line:col`.
public struct Post: Sendable {
    /// Path relative to the site root, as shown in diagnostics (`content/posts/2013-08-05-x.md`).
    public var path: String
    /// The file on disk.
    public var fileURL: URL {
        get { URL(fileURLWithPath: filePath, isDirectory: false) }
        set { filePath = newValue.path }
    }
    /// The file's absolute path, kept as text: a URL object per post cost ~330 bytes for as long
    /// as the post was kept (a build keeps every post for its index), and time to make when loading.
    public var filePath: String
    /// URL-safe identity: the file name without Jekyll's `YYYY-MM-DD-` prefix, unless `slug:` says otherwise.
    public var slug: String

    public var title: Located<String>?
    public var author: Located<String>?
    public var digest: Located<String>?
    /// The cover image as written (a path relative to the post, the site root, or an http(s) URL).
    public var cover: Located<String>?
    /// Audience names from the config's `groups:` (or `all`).
    public var groups: [Located<String>]
    /// When the post is due; nil means "as soon as it is published".
    public var publishAt: Located<Date>?
    public var draft: Bool
    /// 阅读原文
    public var sourceURL: Located<String>?
    public var comments: Comments
    public var mode: PublishMode

    /// The Markdown after the front matter block.
    public var body: String
    /// 1-based line in the file where `body` starts.
    public var bodyStartLine: Int
    /// Every front matter key (after aliases), for templates.
    public var frontMatter: [String: YAMLNode]
    /// Where the front matter block starts (line 1 when present), or the file's first line.
    public var headerLocation: SourceLocation
    /// Where `title` came from: the front matter, or the body's opening `#` heading.
    public var titleSource: FieldSource = .missing
    /// Where `publishAt` came from: the front matter, or the file name's `YYYY-MM-DD-` prefix.
    public var publishAtSource: FieldSource = .missing

    public init(
        path: String, fileURL: URL, slug: String, title: Located<String>? = nil, author: Located<String>? = nil,
        digest: Located<String>? = nil, cover: Located<String>? = nil, groups: [Located<String>] = [],
        publishAt: Located<Date>? = nil, draft: Bool = false, sourceURL: Located<String>? = nil,
        comments: Comments = .closed, mode: PublishMode = .broadcast, body: String, bodyStartLine: Int = 1,
        frontMatter: [String: YAMLNode] = [:]
    ) {
        self.init(path: path, filePath: fileURL.path, slug: slug, body: body, bodyStartLine: bodyStartLine, frontMatter: frontMatter)
        self.title = title
        self.author = author
        self.digest = digest
        self.cover = cover
        self.groups = groups
        self.publishAt = publishAt
        self.draft = draft
        self.sourceURL = sourceURL
        self.comments = comments
        self.mode = mode
    }

    /// A post with every field at its default, its file given by absolute path (no URL made).
    public init(path: String, filePath: String, slug: String, body: String, bodyStartLine: Int = 1, frontMatter: [String: YAMLNode] = [:]) {
        self.path = path
        self.filePath = filePath
        self.slug = slug
        groups = []
        draft = false
        comments = .closed
        mode = .broadcast
        self.body = body
        self.bodyStartLine = bodyStartLine
        self.frontMatter = frontMatter
        headerLocation = SourceLocation(file: path, line: 1, column: 1)
    }

    /// Who may comment: maps to the article's `need_open_comment` / `only_fans_can_comment`.
    public enum Comments: String, Sendable, Codable, CaseIterable {
        case open, fans, closed
    }

    /// What `publish` does with the post.
    public enum PublishMode: String, Sendable, Codable, CaseIterable {
        /// 群发 to the post's groups.
        case broadcast
        /// 发布 via freepublish: no push, no quota.
        case publish
        /// Leave a draft for a human to finish.
        case draft
    }
}

import Foundation
import WXSupport

/// Turns a Markdown file into a `Post`: splits the front matter, applies the site's aliases and
/// defaults, and types every field, reporting each mistake at its `file:line:col`.
public struct PostLoader: Sendable {
    public let site: SiteConfig

    /// Post fields that `aliases:` in wxpub.yml may map from other front matter keys.
    public static let aliasableFields = [
        "title", "author", "digest", "cover", "groups", "publish_at", "draft", "source_url", "comments", "slug", "mode",
    ]

    /// A slug names the post's build folder (file names stop at 255 bytes) and appears in links:
    /// anything longer is a mistake, reported by `check` rather than failing at `build`.
    public static let maxSlugBytes = 128

    /// `site.root.path`, read once (URL's `path` is no cheap getter).
    private let rootPath: String

    public init(site: SiteConfig) {
        self.site = site
        rootPath = site.root.path
    }

    public struct Result: Sendable {
        /// Nil when the file could not be read or its front matter could not be parsed.
        public var post: Post?
        public var diagnostics: [Diagnostic]
    }

    /// `path` is relative to the site root and is what diagnostics show.
    public func load(path: String) -> Result {
        // `isDirectory: false`: else Foundation stats the path to find out (a stat per post). The
        // path is joined as text: `appendingPathComponent` took a quarter of the loader's own time.
        let fullPath = rootPath.hasSuffix("/") ? rootPath + path : rootPath + "/" + path
        let start = SourceLocation(file: path, line: 1, column: 1)
        // Nothing of a file outside the site may be read, built or printed.
        if SiteContainment.verdict(forPath: fullPath, root: site.root, rootPath: rootPath, paths: site.paths) == .outside {
            return Result(post: nil, diagnostics: [.error(
                at: start, "\(path) is a symbolic link to a file outside the site; wxpub reads only files inside the site",
                fix: "replace the link with a copy of the post, or move the file into the site", rule: "content/outside-site")])
        }
        guard let bytes = try? FileBytes.read(fullPath) else {
            return Result(post: nil, diagnostics: [.error(at: start, "cannot read \(path)", fix: "check that the file exists and is readable")])
        }
        let split: FrontMatter
        do {
            guard let found = try FrontMatter.split(utf8: bytes) else {
                return Result(post: nil, diagnostics: [.error(at: start, "\(path) is not UTF-8 text", fix: "save the file as UTF-8")])
            }
            split = found
        } catch {
            return Result(post: nil, diagnostics: [Self.diagnostic(error, path: path)])
        }
        return parse(split, path: path, filePath: fullPath)
    }

    public func parse(_ text: String, path: String, fileURL: URL) -> Result {
        do {
            return parse(try FrontMatter.split(text), path: path, filePath: fileURL.path)
        } catch {
            return Result(post: nil, diagnostics: [Self.diagnostic(error, path: path)])
        }
    }

    static func diagnostic(_ error: FrontMatter.SplitError, path: String) -> Diagnostic {
        switch error {
        case .unterminated(let line, let format):
            return .error(
                at: SourceLocation(file: path, line: line, column: 1),
                "the front matter opened with `\(format.fence)` on line \(line) is never closed",
                fix: "add a line with only `\(format.fence)` after the last front matter line")
        }
    }

    /// Types the fields of a post already split from its front matter.
    func parse(_ split: FrontMatter, path: String, filePath: String) -> Result {
        var fields = YAMLFields(file: path, lineOffset: split.textStartLine - 1)
        fields.isTOML = split.isPresent && split.format == .toml
        var document = YAMLNode(.null, line: 1, column: 1)
        if split.isPresent {
            do {
                switch split.format {
                case .yaml: document = try YAML.parse(split.text)
                case .toml: document = try TOML.parse(split.text)
                }
            } catch let error as YAMLError {
                let location = SourceLocation(file: path, line: error.line + split.textStartLine - 1, column: error.column)
                return Result(post: nil, diagnostics: [.error(at: location, error.message)])
            } catch let error as TOMLError {
                let location = SourceLocation(file: path, line: error.line + split.textStartLine - 1, column: error.column)
                return Result(post: nil, diagnostics: [.error(at: location, "TOML front matter: " + error.message)])
            } catch {
                return Result(post: nil, diagnostics: [.error(at: SourceLocation(file: path, line: 1, column: 1), "\(error)")])
            }
        }
        var raw: [String: YAMLNode] = [:]
        var keyNodes: [String: YAMLNode] = [:]
        for (key, keyNode, value) in fields.entries(document, what: "the front matter") ?? [] {
            raw[key] = value
            keyNodes[key] = keyNode
        }

        // Aliases: the first key present wins; a field's own name is tried first unless listed.
        var resolved: [String: YAMLNode] = [:]
        for field in PostLoader.aliasableFields {
            let candidates = site.aliases[field] ?? [field]
            for name in candidates {
                if let node = raw[name], node.value != .null || name == candidates.last {
                    resolved[field] = node
                    break
                }
            }
        }

        let zone = site.timeZone
        let fileName = PostLoader.fileName(path: filePath)
        let slugFromFile = PostLoader.slug(fromFileName: fileName)
        var post = Post(path: path, filePath: filePath, slug: slugFromFile, body: split.body, bodyStartLine: split.bodyStartLine, frontMatter: raw)
        post.headerLocation = SourceLocation(file: path, line: 1, column: 1)
        post.comments = site.defaults.comments
        post.mode = site.defaults.mode
        let headerLocation = SourceLocation(file: path, line: 1, column: 1)
        let configStart = SourceLocation(file: site.configPath, line: 1, column: 1)
        if let author = site.defaults.author { post.author = Located(author, at: site.defaults.locations["author"] ?? configStart) }
        post.groups = site.defaults.groups.map { Located($0, at: site.defaults.locations["groups"] ?? configStart) }

        if let n = resolved["title"] {
            post.title = fields.string(n, field: "title")
            if post.title != nil { post.titleSource = .frontMatter }
        }
        if let n = resolved["author"], let v = fields.string(n, field: "author") { post.author = v }
        if let n = resolved["digest"] { post.digest = fields.string(n, field: "digest") }
        if let n = resolved["cover"], let v = fields.string(n, field: "cover") { post.cover = v }
        if let n = resolved["source_url"] { post.sourceURL = fields.string(n, field: "source_url") }
        if let n = resolved["draft"] { post.draft = fields.bool(n, field: "draft") ?? false }
        if let n = resolved["comments"], let c = fields.choice(n, field: "comments", as: Post.Comments.self) { post.comments = c }
        if let n = resolved["mode"], let m = fields.choice(n, field: "mode", as: Post.PublishMode.self) { post.mode = m }
        if let n = resolved["publish_at"] {
            post.publishAt = fields.date(n, field: "publish_at", zone: zone)
            if post.publishAt != nil { post.publishAtSource = .frontMatter }
        }
        if let n = resolved["slug"], let s = fields.string(n, field: "slug") {
            if !PostLoader.isValidSlug(s.value) {
                fields.error(n, "slug `\(s.value.prefix(60))` may only contain letters, digits, `-` and `_`", fix: "for example `subscription-vs-service`")
            } else if s.value.utf8.count > PostLoader.maxSlugBytes {
                fields.error(
                    n, "slug is \(s.value.utf8.count) characters long; wxpub allows at most \(PostLoader.maxSlugBytes) (it names the post's build folder)",
                    fix: "shorten the slug, for example to a few words joined by `-`")
            } else {
                post.slug = s.value
            }
        } else if post.slug.utf8.count > PostLoader.maxSlugBytes {
            fields.diagnostics.append(.error(
                at: headerLocation,
                "the slug taken from the file name is \(post.slug.utf8.count) bytes long; wxpub allows at most \(PostLoader.maxSlugBytes) (it names the post's build folder)",
                fix: "rename the file, or set a shorter `slug:` in the front matter"))
        }
        if let n = resolved["groups"], let groups = fields.stringList(n, field: "groups") {
            if groups.isEmpty, case .sequence = n.value {
                fields.error(n, "`groups` is an empty list, so nobody would receive this post", fix: "name at least one group from wxpub.yml, or `all`")
            }
            for group in groups where site.groups[group.value] == nil {
                let known = site.groups.keys.sorted().map { "`\($0)`" }.joined(separator: ", ")
                fields.diagnostics.append(.error(at: group.location, "unknown group `\(group.value)`", fix: "define it under `groups:` in wxpub.yml; known groups: \(known)"))
            }
            if !groups.isEmpty { post.groups = groups }
        }
        let titleIsUnwritten = resolved["title"].map { $0.value == .null } ?? true
        if post.title == nil && titleIsUnwritten {
            if let heading = OpeningHeading.find(in: post.body) {
                // A plain Markdown file (or one whose front matter names no title): the opening `#` is the title.
                post.title = Located(heading.text, at: SourceLocation(file: path, line: post.bodyStartLine + heading.line - 1, column: heading.column))
                post.titleSource = .heading
                post.body = heading.remainingBody
                if post.publishAt == nil, let date = PostLoader.date(fromFileName: fileName, zone: zone) {
                    post.publishAt = Located(date, at: headerLocation)
                    post.publishAtSource = .fileName
                }
            } else {
                let aliasText = (site.aliases["title"] ?? ["title"]).map { "`\($0)`" }.joined(separator: " or ")
                let fix = split.isPresent
                    ? "add \(aliasText) to the front matter, or open the post with a `# 标题` line"
                    : "open the post with a `# 标题` line, or add front matter with \(aliasText)"
                fields.diagnostics.append(.error(at: headerLocation, "the post has no title", fix: fix))
            }
        }
        fields.diagnostics += PostLoader.unwrapTemplateSyntax(&post)
        return Result(post: post, diagnostics: fields.diagnostics)
    }

    /// Warns about Jekyll/Hugo template syntax left in the body and unwraps `{% raw %}` blocks.
    static func unwrapTemplateSyntax(_ post: inout Post) -> [Diagnostic] {
        let scan = TemplateSyntax.scan(post.body)
        post.body = scan.body
        return scan.findings.map { finding in
            let fix = finding.tool == .hugo
                ? "replace the shortcode with Markdown or HTML (an image for `figure`, a quote for a note); to show it as text, put it in a code span"
                : "replace it with what it stands for; to show it as text, wrap it in {% raw %}…{% endraw %} or a code span"
            return .warning(
                at: SourceLocation(file: post.path, line: post.bodyStartLine + finding.line - 1, column: finding.column),
                "\(finding.tool.rawValue) \(finding.kind.rawValue) `\(finding.text)`: wxpub does not run \(finding.tool.rawValue) templates, so readers would see it as literal text",
                fix: fix, rule: "markdown/template-syntax")
        }
    }

    /// The file's name without its extension (`2013-08-05-x` for `content/posts/2013-08-05-x.md`).
    /// A post's `.md` or `.markdown` is cut as text: URL's `deletingPathExtension` and
    /// `lastPathComponent` cost more than typing the post's fields. Other names go through URL.
    public static func fileName(path: String) -> String {
        let utf8 = path.utf8
        let nameStart = utf8.lastIndex(of: UInt8(ascii: "/")).map { utf8.index(after: $0) } ?? utf8.startIndex
        let name = path[nameStart...]
        for suffix in [".md", ".markdown"] where name.utf8.count > suffix.utf8.count && name.hasSuffix(suffix) {
            return String(name.utf8.dropLast(suffix.utf8.count))!
        }
        return URL(fileURLWithPath: path, isDirectory: false).deletingPathExtension().lastPathComponent
    }

    /// `2013-08-05-subscription-vs-service` → `subscription-vs-service` (Jekyll's date prefix removed).
    public static func slug(fromFileName name: String) -> String {
        // Bytes, not scalars: the 11-character prefix is ASCII whenever it is a date.
        let utf8 = name.utf8
        guard utf8.count > 11 else { return name }
        var isDate = true
        for (offset, byte) in utf8.prefix(11).enumerated() {
            let dash = offset == 4 || offset == 7 || offset == 10
            if dash ? byte != UInt8(ascii: "-") : !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                isDate = false
                break
            }
        }
        return isDate ? String(name.utf8.dropFirst(11))! : name
    }

    /// `2013-08-05-subscription-vs-service` → midnight of 2013-08-05 in `zone`; nil without a valid date prefix.
    public static func date(fromFileName name: String, zone: TimeZone) -> Date? {
        guard slug(fromFileName: name) != name else { return nil }
        let digits = Array(name.utf8.prefix(10))
        func number(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + Int($1 - 48) } }
        let (year, month, day) = (number(0..<4), number(5..<7), number(8..<10))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        guard (1...12).contains(month), (1...31).contains(day),
              let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
              calendar.component(.day, from: date) == day else { return nil }
        return date
    }

    static func isValidSlug(_ s: String) -> Bool {
        !s.isEmpty && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }
}

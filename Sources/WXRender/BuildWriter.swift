import Foundation
import WXContent
import WXSupport

/// Writes `wxpub build` output: `OUT/<slug>/article.json` (the WeChat article object plus `cover`
/// and `images`) and `OUT/<slug>/index.html` (a phone-sized preview showing the local images).
/// Files are rewritten only when their bytes change, so an unchanged rebuild touches nothing.
public struct BuildWriter: Sendable {
    public let outputDirectory: URL
    public let siteRoot: URL
    /// Both folders' path components, worked out once: standardising URLs per image showed in profiles.
    private let outputComponents: [String]
    /// The output folder's path, read once.
    private let outputPath: String
    private let rootComponents: [String]

    /// `OUT/<slug>/`'s way to the site root (`../../site/`, percent-encoded), when the two folders
    /// part below `/` in both (neither holds the other): then every post folder's relative path to
    /// an image is this and the image's site path, and nothing need be worked out per image.
    private let postFolderToRoot: String?

    public init(outputDirectory: URL, siteRoot: URL) {
        self.outputDirectory = outputDirectory.standardizedFileURL
        self.siteRoot = siteRoot.standardizedFileURL
        outputPath = self.outputDirectory.path
        outputComponents = Self.standardized(outputPath)
        rootComponents = Self.standardized(self.siteRoot.path)
        var common = 0
        while common < outputComponents.count, common < rootComponents.count, outputComponents[common] == rootComponents[common] { common += 1 }
        if common < outputComponents.count, common < rootComponents.count {
            let up = Array(repeating: "..", count: outputComponents.count + 1 - common)
            postFolderToRoot = Self.percentEncodedPath((up + rootComponents[common...]).joined(separator: "/") + "/")
        } else {
            postFolderToRoot = nil
        }
    }

    /// Writes both files for one article; returns the files that were actually (re)written.
    @discardableResult
    public func write(_ article: Article, slug: String) throws -> [URL] {
        let (folder, json, page) = try writeFiles(article, slug: slug)
        var written: [URL] = []
        if json { written.append(URL(fileURLWithPath: folder + "/article.json", isDirectory: false)) }
        if page { written.append(URL(fileURLWithPath: folder + "/index.html", isDirectory: false)) }
        return written
    }

    /// `write`, counting the files written rather than naming them (`wxpub build` only counts).
    public func writeCount(_ article: Article, slug: String) throws -> Int {
        let (_, json, page) = try writeFiles(article, slug: slug)
        return (json ? 1 : 0) + (page ? 1 : 0)
    }

    /// Writes both files; returns the post's folder and which files were (re)written. A new
    /// folder costs mkdir and, per file, open, write and close. Paths are joined as text for a
    /// slug that is one plain name (URLs per post showed in profiles), else through URL.
    private func writeFiles(_ article: Article, slug: String) throws -> (folder: String, json: Bool, page: Bool) {
        let folder = Self.isPlainRelative(slug) && !slug.utf8.contains(UInt8(ascii: "/")) && outputPath != "/"
            ? outputPath + "/" + slug : outputDirectory.appendingPathComponent(slug, isDirectory: true).path
        // A folder made just now holds nothing to compare with or to replace under a reader.
        var fresh = mkdir(folder, 0o755) == 0
        if !fresh, errno == ENOENT {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            fresh = true
        }
        let json = try Self.writeIfChanged(ArticleJSON.bytes(article), toPath: folder + "/article.json", fresh: fresh)
        let html = PreviewPage.bytes(article, imageSources: previewSources(article, slug: slug))
        let page = try Self.writeIfChanged(html, toPath: folder + "/index.html", fresh: fresh)
        return (folder, json, page)
    }

    /// Build output is made again by the next build, so it is not fsynced (two fsyncs per file
    /// made `wxpub build` of 1,000 posts wait seconds on a shared disk, issue 10). A file that
    /// exists is replaced atomically (temp file, rename: a reader never sees half of it); a file
    /// in a folder this build created is written in place.
    /// `fresh`: the folder was created by this build, so the file is written in place.
    static func writeIfChanged(_ data: Data, to url: URL, fresh: Bool = false) throws -> Bool {
        try writeIfChanged([UInt8](data), to: url, fresh: fresh)
    }

    static func writeIfChanged(_ data: [UInt8], to url: URL, fresh: Bool = false) throws -> Bool {
        try writeIfChanged(data, toPath: url.path, fresh: fresh)
    }

    static func writeIfChanged(_ data: [UInt8], toPath path: String, fresh: Bool = false) throws -> Bool {
        try data.withUnsafeBytes { try writeIfChanged($0, toPath: path, fresh: fresh) }
    }

    /// Another file of the build output (the site's index page), written as the articles' files
    /// are: only when its bytes change, replaced atomically, not fsynced (two fsyncs at the very
    /// end of a build were 1-8 ms of waiting for the disk). Returns whether it was (re)written.
    /// Its folder is made when missing.
    public static func writeOutputFile(_ bytes: UnsafeRawBufferPointer, to url: URL) throws -> Bool {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        return try writeIfChanged(bytes, toPath: url.path, fresh: false)
    }

    static func writeIfChanged(_ raw: UnsafeRawBufferPointer, toPath path: String, fresh: Bool) throws -> Bool {
        // A file of another size differs: only one of the same size is read to compare.
        var info = stat()
        if !fresh, stat(path, &info) == 0, Int(info.st_size) == raw.count,
           let existing = FileManager.default.contents(atPath: path), same(existing, raw) { return false }
        // Foundation's `.atomic` write fsyncs; write the temp file by hand.
        let temp = fresh ? path : path + ".tmp-\(getpid())"
        let fd = open(temp, O_CREAT | O_WRONLY | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        var offset = 0
        while offset < raw.count {
            let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n <= 0 { break }
            offset += n
        }
        let ok = offset == raw.count
        close(fd)
        guard ok, fresh || rename(temp, path) == 0 else {
            unlink(temp)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        return true
    }

    private static func same(_ existing: Data, _ new: UnsafeRawBufferPointer) -> Bool {
        guard existing.count == new.count else { return false }
        if new.isEmpty { return true }
        return existing.withUnsafeBytes { old in memcmp(old.baseAddress!, new.baseAddress!, new.count) == 0 }
    }

    /// Sorted keys, slashes and non-ASCII left literal (the platform rejects `\uXXXX`), trailing
    /// newline: `JSONEncoder`'s `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` bytes (`ArticleJSON`).
    public static func articleJSON(_ article: Article) -> Data {
        Data(ArticleJSON.bytes(article))
    }

    /// Local images shown from the site through a path relative to the preview page.
    private func previewSources(_ article: Article, slug: String) -> [String: String] {
        var sources: [String: String] = [:]
        sources.reserveCapacity(article.images.count + 1)
        // A slug is one plain name: the post's folder is one below the output folder.
        let shortcut = Self.isPlainRelative(slug) && !slug.utf8.contains(UInt8(ascii: "/")) ? postFolderToRoot : nil
        var folder: [String]?
        func add(_ image: ArticleImage) {
            guard let path = image.path else { return }
            if let shortcut, Self.isPlainRelative(path) {
                sources[image.source] = shortcut + Self.percentEncodedPath(path)
                return
            }
            if folder == nil { folder = outputComponents + Self.standardized(slug) }
            sources[image.source] = Self.relativePath(from: folder!, to: Self.standardized(path, in: rootComponents))
        }
        for image in article.images { add(image) }
        add(article.cover)
        return sources
    }

    /// True for a relative path already standard: names joined by single slashes, none `.` or `..`.
    static func isPlainRelative(_ path: String) -> Bool {
        var length = 0
        var dots = 0
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                if length == 0 || length == dots && dots <= 2 { return false }
                length = 0
                dots = 0
            } else {
                length += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return length > 0 && !(length == dots && dots <= 2)
    }

    static func relativePath(from folder: URL, to file: URL) -> String {
        relativePath(from: standardized(folder.path), to: standardized(file.path))
    }

    /// `to` (a file's path components) from the folder `from`, percent-encoded for an `src`.
    static func relativePath(from: [String], to: [String]) -> String {
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        let parts = Array(repeating: "..", count: from.count - common) + to[common...]
        return percentEncodedPath(parts.joined(separator: "/"))
    }

    /// `path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)`, without Foundation's
    /// character sets (a third of the preview's path work): every UTF-8 byte outside the set as `%XX`.
    static func percentEncodedPath(_ path: String) -> String {
        guard path.utf8.contains(where: { !pathAllowed[Int($0)] }) else { return path }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count * 3)
        for byte in path.utf8 {
            if pathAllowed[Int(byte)] {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `CharacterSet.urlPathAllowed`, by byte.
    private static let pathAllowed: [Bool] = {
        var allowed = [Bool](repeating: false, count: 256)
        for byte in "!$&'()*+,-./0123456789:=@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~".utf8 { allowed[Int(byte)] = true }
        return allowed
    }()

    /// The components of `path` (relative ones after `base`) with `.` and `..` resolved, as
    /// `URL.standardizedFileURL` resolves them.
    static func standardized(_ path: String, in base: [String] = []) -> [String] {
        var components = path.hasPrefix("/") ? [] : base
        for part in path.split(separator: "/") where part != "." {
            if part == ".." {
                if !components.isEmpty { components.removeLast() }
            } else {
                components.append(String(part))
            }
        }
        return components
    }
}

/// Outcome of building one post, reported as soon as it is known so callers can stream output.
public struct PostBuildOutcome: Sendable {
    public var post: String
    public var slug: String
    public var diagnostics: [Diagnostic]
    /// Files written for this post (empty when unchanged or when it had errors).
    public var written: [URL]
    public var built: Bool
}

extension ArticleCompiler {
    /// Compiles and writes posts one at a time: memory does not grow with the number of posts.
    /// Posts with errors are reported and skipped; the others are still built.
    /// Returns whether every post built.
    public func build(
        _ posts: some Sequence<Post>, into writer: BuildWriter, report: (PostBuildOutcome) -> Void
    ) -> Bool {
        var allBuilt = true
        var pathBySlug: [String: String] = [:]
        for post in posts {
            let result = compile(post)
            var outcome = PostBuildOutcome(post: post.path, slug: post.slug, diagnostics: result.diagnostics, written: [], built: false)
            if let other = pathBySlug[post.slug] {
                outcome.diagnostics.append(.error(
                    at: post.headerLocation, "slug \(post.slug) is already used by \(other); both would be written to the same folder",
                    fix: "set a different `slug:` in the front matter", rule: "build/slug"))
            } else {
                pathBySlug[post.slug] = post.path
            }
            if let article = result.article, !outcome.diagnostics.contains(where: { $0.severity == .error }) {
                do {
                    outcome.written = try writer.write(article, slug: post.slug)
                    outcome.built = true
                } catch {
                    outcome.diagnostics.append(.error(at: post.headerLocation, "cannot write the build output: \(error)", rule: "build/write"))
                }
            }
            if !outcome.built { allBuilt = false }
            report(outcome)
        }
        return allBuilt
    }
}

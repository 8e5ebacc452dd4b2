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
    private let rootComponents: [String]

    public init(outputDirectory: URL, siteRoot: URL) {
        self.outputDirectory = outputDirectory.standardizedFileURL
        self.siteRoot = siteRoot.standardizedFileURL
        outputComponents = Self.standardized(self.outputDirectory.path)
        rootComponents = Self.standardized(self.siteRoot.path)
    }

    /// Writes both files for one article; returns the files that were actually (re)written.
    /// A new folder costs mkdir and, per file, open, write and close; URLs are made with
    /// `isDirectory`, else Foundation stats each path to find out.
    @discardableResult
    public func write(_ article: Article, slug: String) throws -> [URL] {
        let folder = outputDirectory.appendingPathComponent(slug, isDirectory: true)
        // A folder made just now holds nothing to compare with or to replace under a reader.
        var fresh = mkdir(folder.path, 0o755) == 0
        if !fresh, errno == ENOENT {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            fresh = true
        }
        var written: [URL] = []
        let json = folder.appendingPathComponent("article.json", isDirectory: false)
        if try Self.writeIfChanged(ArticleJSON.bytes(article), to: json, fresh: fresh) { written.append(json) }
        let page = folder.appendingPathComponent("index.html", isDirectory: false)
        let html = PreviewPage.bytes(article, imageSources: previewSources(article, slug: slug))
        if try Self.writeIfChanged(html, to: page, fresh: fresh) { written.append(page) }
        return written
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
        try data.withUnsafeBytes { try writeIfChanged($0, to: url, fresh: fresh) }
    }

    /// Another file of the build output (the site's index page), written as the articles' files
    /// are: only when its bytes change, replaced atomically, not fsynced (two fsyncs at the very
    /// end of a build were 1-8 ms of waiting for the disk). Returns whether it was (re)written.
    /// Its folder is made when missing.
    public static func writeOutputFile(_ bytes: UnsafeRawBufferPointer, to url: URL) throws -> Bool {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        return try writeIfChanged(bytes, to: url, fresh: false)
    }

    static func writeIfChanged(_ raw: UnsafeRawBufferPointer, to url: URL, fresh: Bool) throws -> Bool {
        if !fresh, let existing = FileManager.default.contents(atPath: url.path), same(existing, raw) { return false }
        // Foundation's `.atomic` write fsyncs; write the temp file by hand.
        let temp = fresh ? url.path : url.path + ".tmp-\(getpid())"
        let fd = open(temp, O_CREAT | O_WRONLY | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path]) }
        var offset = 0
        while offset < raw.count {
            let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n <= 0 { break }
            offset += n
        }
        let ok = offset == raw.count
        close(fd)
        guard ok, fresh || rename(temp, url.path) == 0 else {
            unlink(temp)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
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
        let folder = outputComponents + Self.standardized(slug)
        for image in article.images + [article.cover] {
            guard let path = image.path else { continue }
            sources[image.source] = Self.relativePath(from: folder, to: Self.standardized(path, in: rootComponents))
        }
        return sources
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

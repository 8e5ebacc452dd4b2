import Foundation
import WXSupport

/// Finds the files behind image references and records each once. A local path resolves against
/// the post's folder first, then the site root (a leading `/` means the site root only), and may
/// never leave the site root. http(s) URLs are recorded for publish to fetch and re-upload.
struct ImageResolver: Sendable {
    let siteRoot: URL
    let postFolder: URL
    let file: String
    let digests: ImageDigestCache
    private(set) var images: [ArticleImage] = []
    private var indexBySource: [String: Int] = [:]
    /// Read results shared between body images and the cover.
    private var cache: [String: ArticleImage] = [:]

    /// `siteRoot.path` and `postFolder.path`, read once (URL's `path` is no cheap getter).
    private let siteRootPath: String
    private let postFolderPath: String

    init(siteRoot: URL, postFolder: URL, file: String, digests: ImageDigestCache = ImageDigestCache()) {
        self.init(siteRootPath: siteRoot.path, postFolderPath: postFolder.path, file: file, digests: digests)
    }

    /// From the folders' paths (a post's folder is its file's path less the name): the resolved
    /// folders and their paths come from `digests`, with no URL made or read per post.
    init(siteRootPath: String, postFolderPath: String, file: String, digests: ImageDigestCache) {
        let root = digests.resolvedFolder(path: siteRootPath)
        let folder = digests.resolvedFolder(path: postFolderPath)
        siteRoot = root.url
        self.siteRootPath = root.path
        postFolder = folder.url
        self.postFolderPath = folder.path
        self.file = file
        self.digests = digests
    }

    /// Resolves a body image and records it for upload (each source once, in order of first use).
    mutating func bodyImage(_ reference: String, at location: SourceLocation) -> ImageResolution {
        let result = resolve(reference, at: location)
        if case .success(let image) = result, indexBySource[image.source] == nil {
            indexBySource[image.source] = images.count
            images.append(image)
        }
        return result
    }

    /// Resolves an image without recording it as a body image (the cover).
    mutating func resolve(_ reference: String, at location: SourceLocation, relativeToPost: Bool = true) -> ImageResolution {
        let trimmed = reference.trimming(.whitespaces)
        if Self.hasPrefixIgnoringCase(trimmed, "http://") || Self.hasPrefixIgnoringCase(trimmed, "https://") {
            return .success(ArticleImage(source: trimmed, url: trimmed, location: location))
        }
        if trimmed.isEmpty {
            return .failure(.error(at: location, "image has no path", rule: "render/image"))
        }
        if let colon = trimmed.firstIndex(of: ":"), trimmed[..<colon].allSatisfy({ $0.isLetter }), trimmed[..<colon].count > 1 {
            return .failure(.error(
                at: location, "image \(trimmed.prefix(60)) uses the unsupported scheme \(trimmed[..<colon]):",
                fix: "use a file inside the site or an http(s) URL", rule: "render/image"))
        }
        var path = trimmed
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<cut]) }
        if path.utf8.contains(UInt8(ascii: "%")) { path = path.removingPercentEncoding ?? path }

        // The post's folder first (unless the path starts at the root), then the site root; each
        // candidate is made only when the one before it is not there: the site root's reading of
        // `../images/a.png` (through URL) was made for every image and never looked at.
        let fromPostFolder = relativeToPost && !path.hasPrefix("/")
        let fromRoot = path.hasPrefix("/") ? String(path.dropFirst()) : path
        var tried: [String] = []
        for inPostFolder in fromPostFolder ? [true, false] : [false] {
            let candidate = inPostFolder
                ? standardized(postFolder, postFolderPath, path) : Self.standardizedPath(siteRoot, siteRootPath, fromRoot)
            guard let relative = siteRelativePath(standardized: candidate) else {
                return .failure(.error(
                    at: location, "image path \(path) leads outside the site root",
                    fix: "move the image into the site (e.g. next to the post) and refer to it from there",
                    rule: "render/image"))
            }
            guard let found = digests.paths.find(candidate), !found.isDirectory else {
                tried.append(relative)
                continue
            }
            // A symlink inside the site must not point outside it either.
            guard isInsideRealRoot(found.path) else {
                return .failure(.error(at: location, "image \(path) is a link to a file outside the site root", rule: "render/image"))
            }
            return read(found, relative: relative, at: location)
        }
        return .failure(.error(
            at: location, "image not found: \(path) (looked for \(tried.joined(separator: " and ")))",
            fix: "check the file name, or put the image next to the post", rule: "render/image"))
    }

    private mutating func read(_ file: RealPaths.Found, relative: String, at location: SourceLocation) -> ImageResolution {
        if var known = cache[relative] {
            known.location = location
            return .success(known)
        }
        let facts: ImageDigestCache.Facts
        do {
            guard let known = try digests.facts(of: file) else {
                return .failure(.error(
                    at: location, "\(relative) is not an image WeChat accepts (its bytes are not JPEG, PNG, GIF, BMP or WebP)",
                    rule: "render/image"))
            }
            facts = known
        } catch let error as ImageDigestCache.TooLarge {
            return .failure(.error(
                at: location,
                "\(relative) is \(Self.megabytes(error.bytes)); WeChat accepts images of at most 1 MB in the body and 10 MB as a cover",
                fix: "compress or resize the image", rule: "limit/image"))
        } catch {
            return .failure(.error(at: location, "cannot read image \(relative): \(error.localizedDescription)", rule: "render/image"))
        }
        let image = ArticleImage(
            source: relative, path: relative, sha256: facts.sha256, bytes: facts.bytes, format: facts.info.format,
            width: facts.info.width, height: facts.info.height, location: location)
        cache[relative] = image
        return .success(image)
    }

    /// `text.lowercased().hasPrefix(prefix)` for a lowercase ASCII `prefix`, without the lowercased copy.
    static func hasPrefixIgnoringCase(_ text: String, _ prefix: StaticString) -> Bool {
        let bytes = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        var index = 0
        for byte in text.utf8 {
            if index == bytes.count { return true }
            let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 0x20 : byte
            if lower != bytes[index] { return false }
            index += 1
        }
        return index == bytes.count
    }

    /// `2048.0 MB`: sizes in messages, to one decimal.
    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }

    /// `content/posts/a.png` for a file inside the site root; nil when the path leaves it.
    func siteRelativePath(of url: URL) -> String? {
        siteRelativePath(standardized: url.standardizedFileURL.path)
    }

    /// The path of `folder.appendingPathComponent(path).standardizedFileURL`. A plain relative
    /// path (names of ordinary characters, no `.`, `..` or empty component) under a standard
    /// folder path is joined as text; anything else goes through URL, which takes `..` out against
    /// the real parent folder where links are involved (a text join would not).
    static func standardizedPath(_ folder: URL, _ folderPath: String, _ path: String) -> String {
        plainJoin(Substring(folderPath), Substring(path)) ?? folder.appendingPathComponent(path).standardizedFileURL.path
    }

    /// `standardizedPath`, with the leading `../`s of a path such as `../images/a.png` (the
    /// bench corpus's form: through URL it cost more than the rest of resolving the image) taken
    /// off the folder as text when that names a file with no link on its way: there URL's answer,
    /// which resolves links, is the same text.
    private func standardized(_ folder: URL, _ folderPath: String, _ path: String) -> String {
        if path.hasPrefix("../"), let joined = Self.textJoin(folderPath, path), digests.paths.find(joined)?.path == joined {
            return joined
        }
        return Self.standardizedPath(folder, folderPath, path)
    }

    /// `folderPath` joined with `path` as text, each leading `../` taking off the folder's last
    /// name; nil when that is not a plain join (see `plainJoin`) or would reach the root.
    static func textJoin(_ folderPath: String, _ path: String) -> String? {
        var base = Substring(folderPath)
        var rest = Substring(path)
        while rest.utf8.starts(with: "../".utf8), !base.hasSuffix("/") {
            guard let slash = base.utf8.lastIndex(of: UInt8(ascii: "/")), slash != base.startIndex else { return nil }
            base = base[..<slash]
            rest = rest.dropFirst(3)
        }
        return plainJoin(base, rest)
    }

    /// `folderPath/path` when that is already standard: an absolute folder without a trailing
    /// slash and a path of plain names; nil otherwise.
    private static func plainJoin(_ folderPath: Substring, _ path: Substring) -> String? {
        guard folderPath.utf8.first == UInt8(ascii: "/"), folderPath.utf8.last != UInt8(ascii: "/") else { return nil }
        // One pass over the bytes: plain characters only, each name non-empty and not `.` or `..`.
        var length = 0
        var dots = 0
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "/"):
                if length == 0 || length == dots && dots <= 2 { return nil }
                length = 0
                dots = 0
            case UInt8(ascii: "."):
                length += 1
                dots += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), 0x80...:
                length += 1
            default: return nil
            }
        }
        guard length > 0, !(length == dots && dots <= 2) else { return nil }
        return folderPath + "/" + path
    }

    private func siteRelativePath(standardized path: String) -> String? {
        let root = siteRootPath.hasSuffix("/") ? siteRootPath : siteRootPath + "/"
        guard path.hasPrefix(root), path.count > root.count else { return nil }
        return String(path.dropFirst(root.count))
    }

    /// Whether a real path (links resolved) lies inside the site root's real path.
    private func isInsideRealRoot(_ realPath: String) -> Bool {
        let real = digests.paths.realFolder(siteRootPath) ?? siteRootPath
        let root = real.hasSuffix("/") ? real : real + "/"
        return realPath.hasPrefix(root) && realPath.utf8.count > root.utf8.count
    }
}

/// A found image, or the finding that explains why not.
enum ImageResolution: Sendable {
    case success(ArticleImage)
    case failure(Diagnostic)
}

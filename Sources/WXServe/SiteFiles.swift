import Foundation
import WXSupport

/// Serves the site's public files — those under the content folder and the local images posts
/// use — and nothing else: no `..`, no encoded slash, no hidden file or folder (`.git`, `.wxpub`),
/// nothing in the state folder, no symlink whose real path leaves the site, no Markdown or
/// config source (only known media types), only regular files.
public struct SiteFiles: Sendable {
    public let root: URL
    public let contentDirectory: String
    public let stateDirectory: String

    public init(root: URL, contentDirectory: String, stateDirectory: String) {
        self.root = root.standardizedFileURL
        self.contentDirectory = contentDirectory
        self.stateDirectory = stateDirectory
    }

    /// Why a path is not served; every reason answers 404 so probing learns nothing.
    public enum Refusal: Error, Equatable {
        case notAFileOfTheSite
    }

    public static let contentTypes: [String: String] = [
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
        "bmp": "image/bmp", "svg": "image/svg+xml", "ico": "image/x-icon", "css": "text/css; charset=utf-8",
        "txt": "text/plain; charset=utf-8", "mp3": "audio/mpeg", "mp4": "video/mp4",
    ]

    /// The file behind a request path (decoded, e.g. `/content/images/a.png`), with its raw form
    /// (`rawPath`) checked for encoded separators. `referenced`: site-relative paths of images
    /// posts use outside the content folder. Throws `Refusal` for anything outside the rules.
    public func resolve(path: String, rawPath: String, referenced: Set<String> = []) throws(Refusal) -> (url: URL, contentType: String) {
        let lowerRaw = rawPath.lowercased()
        guard !lowerRaw.contains("%2f"), !lowerRaw.contains("%5c"), !path.contains("\\"), !path.contains("\0") else { throw .notAFileOfTheSite }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for part in parts {
            guard !part.isEmpty, !part.hasPrefix("."), part != ".." else { throw .notAFileOfTheSite }
        }
        let relative = parts.joined(separator: "/")
        let inContent = relative.hasPrefix(contentDirectory + "/")
        let inState = relative.hasPrefix(stateDirectory + "/")
        guard (inContent || referenced.contains(relative)), !inState else { throw .notAFileOfTheSite }
        let ext = (parts.last.map(String.init) ?? "").split(separator: ".").last.map { $0.lowercased() } ?? ""
        guard let type = Self.contentTypes[ext] else { throw .notAFileOfTheSite }
        let candidate = root.appendingPathComponent(relative)
        // The real path (symlinks resolved) must stay inside the real site folder.
        let base = root.resolvingSymlinksInPath().path
        let real = candidate.resolvingSymlinksInPath().path
        guard real.hasPrefix(base + "/") else { throw .notAFileOfTheSite }
        // …and a link inside the site must not lead to a hidden or state file either.
        let realRelative = String(real.dropFirst(base.count + 1))
        guard !realRelative.split(separator: "/").contains(where: { $0.hasPrefix(".") }), !realRelative.hasPrefix(stateDirectory + "/") else {
            throw .notAFileOfTheSite
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory), !isDirectory.boolValue else { throw .notAFileOfTheSite }
        return (URL(fileURLWithPath: real), type)
    }

    /// The URL path a page uses for a site-relative file (`content/images/a b.png` → `/content/images/a%20b.png`).
    public static func urlPath(forSitePath path: String) -> String {
        "/" + (path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path)
    }
}

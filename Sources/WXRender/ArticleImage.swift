import WXSupport

/// An image the article needs on WeChat's servers: body images go through `uploadimg`, the cover
/// becomes a permanent image material. Local files are identified by their bytes (SHA-256) so the
/// publisher uploads each distinct file once; remote ones are fetched and re-uploaded at publish
/// time because WeChat does not show images from outside hosts.
public struct ArticleImage: Sendable, Codable, Hashable {
    /// Exactly what the article's `<img src>` holds until publish rewrites it: the site-relative
    /// path of a local file (`content/posts/img/a.png`) or the remote URL.
    public var source: String
    /// Site-relative path of a local file; nil for remote images.
    public var path: String?
    /// The http(s) URL of a remote image; nil for local files.
    public var url: String?
    /// Lower-case hex SHA-256 of the file's bytes (local files only).
    public var sha256: String?
    /// File size in bytes (local files only).
    public var bytes: Int?
    /// Format from the magic bytes, not the file name (local files only).
    public var format: ImageInfo.Format?
    public var width: Int?
    public var height: Int?
    /// Where the post first refers to it.
    public var location: SourceLocation

    public init(
        source: String, path: String? = nil, url: String? = nil, sha256: String? = nil, bytes: Int? = nil,
        format: ImageInfo.Format? = nil, width: Int? = nil, height: Int? = nil, location: SourceLocation
    ) {
        self.source = source
        self.path = path
        self.url = url
        self.sha256 = sha256
        self.bytes = bytes
        self.format = format
        self.width = width
        self.height = height
        self.location = location
    }

    /// True when the bytes must be fetched from the web at publish time.
    public var isRemote: Bool { url != nil && path == nil }
}

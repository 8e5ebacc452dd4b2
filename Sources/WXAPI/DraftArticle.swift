import Foundation
import WXSupport

/// One article of a draft (`draft/add`, `draft/update`, `draft/get`), in the platform's fields.
/// Comment flags are Bools here and 0/1 on the wire.
public struct DraftArticle: Sendable, Equatable, Codable {
    public var title: String
    public var author: String?
    public var digest: String?
    /// HTML; images must be `mmbiz.qpic.cn` URLs from `uploadImage`.
    public var content: String
    /// The 阅读原文 link.
    public var contentSourceURL: String?
    /// The cover: a permanent media_id from `addMaterial(type: .image, …)`.
    public var thumbMediaID: String
    public var needOpenComment: Bool
    public var onlyFansCanComment: Bool
    /// `news` (default) or `newspic`.
    public var articleType: String?
    public var picCrop235_1: String?
    public var picCrop1_1: String?
    /// Returned by `draft/get` only: a temporary preview link.
    public var url: String?
    /// Returned by `draft/get` only.
    public var thumbURL: String?

    public init(title: String, author: String? = nil, digest: String? = nil, content: String, contentSourceURL: String? = nil,
                thumbMediaID: String, needOpenComment: Bool = false, onlyFansCanComment: Bool = false, articleType: String? = nil,
                picCrop235_1: String? = nil, picCrop1_1: String? = nil) {
        self.title = title
        self.author = author
        self.digest = digest
        self.content = content
        self.contentSourceURL = contentSourceURL
        self.thumbMediaID = thumbMediaID
        self.needOpenComment = needOpenComment
        self.onlyFansCanComment = onlyFansCanComment
        self.articleType = articleType
        self.picCrop235_1 = picCrop235_1
        self.picCrop1_1 = picCrop1_1
    }

    enum CodingKeys: String, CodingKey {
        case title, author, digest, content, url
        case contentSourceURL = "content_source_url"
        case thumbMediaID = "thumb_media_id"
        case needOpenComment = "need_open_comment"
        case onlyFansCanComment = "only_fans_can_comment"
        case articleType = "article_type"
        case picCrop235_1 = "pic_crop_235_1"
        case picCrop1_1 = "pic_crop_1_1"
        case thumbURL = "thumb_url"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
        author = try c.decodeIfPresent(String.self, forKey: .author)
        digest = try c.decodeIfPresent(String.self, forKey: .digest)
        content = try c.decodeIfPresent(String.self, forKey: .content) ?? ""
        contentSourceURL = try c.decodeIfPresent(String.self, forKey: .contentSourceURL)
        thumbMediaID = try c.decodeIfPresent(String.self, forKey: .thumbMediaID) ?? ""
        needOpenComment = try c.decodeIfPresent(IntBool.self, forKey: .needOpenComment)?.value ?? false
        onlyFansCanComment = try c.decodeIfPresent(IntBool.self, forKey: .onlyFansCanComment)?.value ?? false
        articleType = try c.decodeIfPresent(String.self, forKey: .articleType)
        picCrop235_1 = try c.decodeIfPresent(String.self, forKey: .picCrop235_1)
        picCrop1_1 = try c.decodeIfPresent(String.self, forKey: .picCrop1_1)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        thumbURL = try c.decodeIfPresent(String.self, forKey: .thumbURL)
    }

    /// Encodes the request fields only (`url` and `thumb_url` are answers, not inputs).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title)
        try c.encodeIfPresent(author, forKey: .author)
        try c.encodeIfPresent(digest, forKey: .digest)
        try c.encode(content, forKey: .content)
        try c.encodeIfPresent(contentSourceURL, forKey: .contentSourceURL)
        try c.encode(thumbMediaID, forKey: .thumbMediaID)
        try c.encode(IntBool(needOpenComment), forKey: .needOpenComment)
        try c.encode(IntBool(onlyFansCanComment), forKey: .onlyFansCanComment)
        try c.encodeIfPresent(articleType, forKey: .articleType)
        try c.encodeIfPresent(picCrop235_1, forKey: .picCrop235_1)
        try c.encodeIfPresent(picCrop1_1, forKey: .picCrop1_1)
    }
}

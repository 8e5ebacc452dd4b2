import Foundation
import WXSupport

/// Media types of `media/upload` and `material/add_material`.
public enum MediaType: String, Sendable, Codable, CaseIterable {
    case image, voice, video, thumb
}

/// `media/upload`'s answer: a temporary media_id valid for 3 days.
public struct TemporaryMedia: Sendable, Equatable {
    public var type: String
    public var mediaID: String
    public var createdAt: Date?
}

/// `add_material`'s answer: a permanent media_id (and, for images, a URL usable only inside WeChat).
public struct PermanentMaterial: Sendable, Equatable {
    public var mediaID: String
    public var url: String?
}

/// A downloaded file, or for videos the link WeChat gives instead of bytes.
public enum MediaContent: Sendable, Equatable {
    case file(data: Data, contentType: String?, filename: String?)
    case videoURL(String)
}

/// What `get_material` returns, by kind of material.
public enum Material: Sendable, Equatable {
    case file(data: Data, contentType: String?, filename: String?)
    case video(title: String, description: String, downloadURL: String)
    case news([DraftArticle])
}

public struct MaterialCount: Sendable, Equatable, Decodable {
    public var voiceCount: Int
    public var videoCount: Int
    public var imageCount: Int
    public var newsCount: Int

    enum CodingKeys: String, CodingKey {
        case voiceCount = "voice_count", videoCount = "video_count", imageCount = "image_count", newsCount = "news_count"
    }
}

extension WeChatClient {
    static let materialRight = "the material management right (素材管理)"

    /// `POST /cgi-bin/media/uploadimg`: an image for use inside article HTML. Returns its
    /// `mmbiz.qpic.cn` URL. JPEG or PNG under 1 MB only; checked here before anything is sent.
    public func uploadImage(_ data: Data, baseName: String = "image") async throws -> String {
        let operation = "uploadImage"
        let file = try MediaFile.image(data, baseName: baseName)
        guard file.contentType == "image/jpeg" || file.contentType == "image/png" else {
            throw WeChatAPIError.invalidInput(operation: operation, "\(file.filename) is \(file.contentType); images inside articles must be JPEG or PNG",
                                              fix: "convert the image to JPEG or PNG")
        }
        guard data.count < 1_048_576 else {
            throw WeChatAPIError.invalidInput(operation: operation, "\(file.filename) is \(data.count) bytes; images inside articles must be under 1 MB (1,048,576 bytes)",
                                              fix: "shrink or recompress the image")
        }
        var form = MultipartFormData()
        form.addFile(name: "media", file: file)
        struct Response: Decodable { var url: String }
        let endpoint = Endpoint(operation: operation, method: .post, path: "/cgi-bin/media/uploadimg", safety: .once, right: Self.materialRight)
        let response: Response = try await call(endpoint, body: .multipart(form))
        return response.url
    }

    /// `POST /cgi-bin/material/add_material?type=TYPE`: permanent material (covers must be
    /// permanent). For videos WeChat requires `videoTitle` and `videoIntroduction`, sent as the
    /// `description` form field.
    public func addMaterial(type: MediaType, file: MediaFile, videoTitle: String? = nil, videoIntroduction: String? = nil) async throws -> PermanentMaterial {
        let operation = "addMaterial"
        var form = MultipartFormData()
        form.addFile(name: "media", file: file)
        if type == .video {
            guard let videoTitle, !videoTitle.isEmpty else {
                throw WeChatAPIError.invalidInput(operation: operation, "a video material needs a title", fix: "pass videoTitle (and videoIntroduction)")
            }
            struct Description: Encodable { var title: String; var introduction: String }
            let json = try WeChatJSON.encode(Description(title: videoTitle, introduction: videoIntroduction ?? ""), operation: operation)
            form.addField(name: "description", value: String(decoding: json, as: UTF8.self))
        }
        struct Response: Decodable { var media_id: String; var url: String? }
        let endpoint = Endpoint(operation: operation, method: .post, path: "/cgi-bin/material/add_material", safety: .once, right: Self.materialRight)
        let response: Response = try await call(endpoint, query: [("type", type.rawValue)], body: .multipart(form))
        return PermanentMaterial(mediaID: response.media_id, url: response.url)
    }

    /// `POST /cgi-bin/material/get_material`: bytes for images, voice and thumbs; a link for
    /// videos; the articles for legacy news material.
    public func getMaterial(mediaID: String) async throws -> Material {
        let endpoint = Endpoint(operation: "getMaterial", method: .post, path: "/cgi-bin/material/get_material", safety: .idempotent,
                                right: Self.materialRight, binary: true)
        let body = try WeChatJSON.encode(["media_id": mediaID], operation: endpoint.operation)
        let reply = try await callRaw(endpoint, body: .json(body))
        guard reply.isJSON else {
            return .file(data: reply.response.body, contentType: reply.response.header("content-type"), filename: Self.filename(reply.response))
        }
        struct Response: Decodable {
            var news_item: [DraftArticle]?
            var title: String?
            var description: String?
            var down_url: String?
        }
        let response = try reply.decode(Response.self, endpoint: endpoint)
        if let items = response.news_item { return .news(items) }
        if let url = response.down_url { return .video(title: response.title ?? "", description: response.description ?? "", downloadURL: url) }
        throw WeChatAPIError(operation: endpoint.operation, path: endpoint.path, classification: .fatal,
                             reason: "the answer is JSON but neither a file, a video nor news material", fix: ErrorAdvice.ridHint)
    }

    /// `POST /cgi-bin/material/del_material`.
    public func deleteMaterial(mediaID: String) async throws {
        let endpoint = Endpoint(operation: "deleteMaterial", method: .post, path: "/cgi-bin/material/del_material", safety: .idempotent, right: Self.materialRight)
        let _: Empty = try await call(endpoint, json: ["media_id": mediaID])
    }

    /// `GET /cgi-bin/material/get_materialcount`.
    public func materialCount() async throws -> MaterialCount {
        let endpoint = Endpoint(operation: "materialCount", method: .get, path: "/cgi-bin/material/get_materialcount", safety: .idempotent, right: Self.materialRight)
        return try await call(endpoint)
    }

    /// `POST /cgi-bin/media/upload?type=TYPE`: temporary media, kept by WeChat for 3 days.
    public func uploadTempMedia(type: MediaType, file: MediaFile) async throws -> TemporaryMedia {
        var form = MultipartFormData()
        form.addFile(name: "media", file: file)
        struct Response: Decodable { var type: String?; var media_id: String?; var thumb_media_id: String?; var created_at: Int64? }
        let endpoint = Endpoint(operation: "uploadTempMedia", method: .post, path: "/cgi-bin/media/upload", safety: .once, right: Self.materialRight)
        let response: Response = try await call(endpoint, query: [("type", type.rawValue)], body: .multipart(form))
        // For thumbs WeChat answers with thumb_media_id.
        guard let id = response.media_id ?? response.thumb_media_id else {
            throw WeChatAPIError(operation: endpoint.operation, path: endpoint.path, classification: .fatal,
                                 reason: "the answer carries no media_id", fix: ErrorAdvice.ridHint)
        }
        return TemporaryMedia(type: response.type ?? type.rawValue, mediaID: id,
                              createdAt: response.created_at.map { Date(timeIntervalSince1970: TimeInterval($0)) })
    }

    /// `GET /cgi-bin/media/get?media_id=`: the temporary media's bytes, or a link for videos.
    public func getMedia(mediaID: String) async throws -> MediaContent {
        let endpoint = Endpoint(operation: "getMedia", method: .get, path: "/cgi-bin/media/get", safety: .idempotent, right: Self.materialRight, binary: true)
        let reply = try await callRaw(endpoint, query: [("media_id", mediaID)])
        guard reply.isJSON else {
            return .file(data: reply.response.body, contentType: reply.response.header("content-type"), filename: Self.filename(reply.response))
        }
        struct Response: Decodable { var video_url: String }
        return .videoURL(try reply.decode(Response.self, endpoint: endpoint).video_url)
    }

    /// The filename from `Content-Disposition: attachment; filename="x.jpg"`, if any.
    static func filename(_ response: HTTPResponse) -> String? {
        guard let disposition = response.header("content-disposition"), let range = disposition.range(of: "filename=") else { return nil }
        var name = disposition[range.upperBound...].split(separator: ";").first.map(String.init) ?? ""
        name = name.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        return name.isEmpty ? nil : name
    }
}

/// A success body whose content does not matter (`{"errcode":0,"errmsg":"ok"}`).
struct Empty: Decodable {}

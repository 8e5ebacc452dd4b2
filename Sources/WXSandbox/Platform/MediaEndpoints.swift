import Foundation
import WXSupport

/// §2: temporary media, article images (uploadimg) and permanent material.
extension SandboxEngine {
    /// The format of a file from its first bytes; the platform checks content, not names.
    static func sniffFormat(_ data: Data) -> String? {
        if let image = ImageInfo.sniff(data) { return image.format.rawValue }
        let b = [UInt8](data.prefix(16))
        if b.starts(with: Array("#!AMR".utf8)) { return "amr" }
        if b.starts(with: Array("ID3".utf8)) || (b.count >= 2 && b[0] == 0xFF && b[1] & 0xE0 == 0xE0) { return "mp3" }
        if b.count >= 12, b.starts(with: Array("RIFF".utf8)), Array(b[8..<12]) == Array("WAVE".utf8) { return "wav" }
        if b.starts(with: [0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11]) { return "wma" }
        if b.count >= 8, Array(b[4..<8]) == Array("ftyp".utf8) { return "mp4" }
        return nil
    }

    static func contentType(forFormat format: String) -> String {
        switch format {
        case "jpeg": return "image/jpeg"
        case "png": return "image/png"
        case "gif": return "image/gif"
        case "bmp": return "image/bmp"
        case "webp": return "image/webp"
        case "amr": return "audio/amr"
        case "mp3": return "audio/mpeg"
        case "wav": return "audio/wav"
        case "wma": return "audio/x-ms-wma"
        case "mp4": return "video/mp4"
        default: return "application/octet-stream"
        }
    }

    /// The `media` file part, checked against a rule: missing → 41005, empty → 44001, a filename
    /// without an extension or a format the rule does not allow → 40005, too large → the rule's code.
    func mediaFile(_ call: APICall, rule: SandboxRules.MediaRule) throws -> (part: MultipartPart, format: String) {
        let parts = try call.multipart()
        guard let part = parts.first(where: { $0.name == "media" }) else { throw WeChatError(41005) }
        guard !part.data.isEmpty else { throw WeChatError(44001) }
        let filename = part.filename ?? ""
        guard let dot = filename.lastIndex(of: "."), filename.index(after: dot) < filename.endIndex else { throw WeChatError(40005) }
        guard let format = SandboxEngine.sniffFormat(part.data), rule.formats.contains(format) else { throw WeChatError(40005) }
        guard part.data.count <= rule.maxBytes else { throw WeChatError(rule.sizeError) }
        return (part, format)
    }

    /// Stored as a path so URLs stay right when a persisted sandbox restarts on another port.
    func imagePath(sha256: String) -> String { "/mmbiz/\(sha256)/0" }

    func absolute(_ path: String) -> String { path.hasPrefix("/") ? baseURLString + path : path }

    func uploadTempMedia(_ call: inout APICall) throws -> APIResult {
        guard let type = call.request.query["type"], let rule = SandboxRules.temporaryMedia[type] else { throw WeChatError(40004) }
        let (part, format) = try mediaFile(call, rule: rule)
        let sha = storeBlob(part.data)
        let id = opaqueID("tmp")
        state.media.append(
            SandboxState.Media(
                mediaID: id, kind: .temporary, type: type, sha256: sha, bytes: part.data.count, filename: part.filename ?? "",
                contentType: SandboxEngine.contentType(forFormat: format), createdAt: call.now))
        return .json(["type": .string(type), "media_id": .string(id), "created_at": .int(Int64(call.now.timeIntervalSince1970))])
    }

    func getMedia(_ call: inout APICall) throws -> APIResult {
        guard let id = call.request.query["media_id"], !id.isEmpty else { throw WeChatError(41006) }
        guard let media = state.media.last(where: { $0.mediaID == id && $0.kind == .temporary }),
            call.now < media.createdAt.addingTimeInterval(SandboxRules.temporaryMediaLifetime),
            let data = blobs[media.sha256]
        else { throw WeChatError(40007) }
        if media.type == "video" { return .json(["video_url": .string("\(baseURLString)/mmbiz/\(media.sha256)/0")]) }
        return .bytes(data, contentType: media.contentType, filename: media.filename)
    }

    /// uploadimg: jpg/png under 1 MB; the URL is served by the sandbox itself under `/mmbiz/`.
    func uploadImage(_ call: inout APICall) throws -> APIResult {
        let (part, format) = try mediaFile(call, rule: SandboxRules.articleImage)
        let sha = storeBlob(part.data)
        let path = imagePath(sha256: sha)
        state.articleImages.append(SandboxState.ArticleImage(url: path, sha256: sha, bytes: part.data.count, format: format, uploadedAt: call.now))
        return .json(["url": .string(absolute(path))])
    }

    func addMaterial(_ call: inout APICall) throws -> APIResult {
        guard let type = call.request.query["type"], let rule = SandboxRules.permanentMaterial[type] else { throw WeChatError(40004) }
        let (part, format) = try mediaFile(call, rule: rule)
        var title: String?
        var introduction: String?
        if type == "video" {
            // The official form sends `description` as a multipart field; wechatpy sends it as a
            // query parameter. Both are accepted.
            let parts = try call.multipart()
            let text = parts.first(where: { $0.name == "description" }).map { String(decoding: $0.data, as: UTF8.self) }
                ?? call.request.query["description"]
            guard let text, let description = try? JSONValue.parse(Data(text.utf8)), let t = description["title"]?.stringValue, !t.isEmpty
            else { throw WeChatError(47001) }
            title = t
            introduction = description["introduction"]?.stringValue ?? ""
        }
        let sha = storeBlob(part.data)
        let id = opaqueID("mat")
        let url = type == "image" ? imagePath(sha256: sha) : nil
        state.media.append(
            SandboxState.Media(
                mediaID: id, kind: .permanent, type: type, sha256: sha, bytes: part.data.count, filename: part.filename ?? "",
                contentType: SandboxEngine.contentType(forFormat: format), createdAt: call.now, url: url, videoTitle: title,
                videoIntroduction: introduction))
        if let url { return .json(["media_id": .string(id), "url": .string(absolute(url))]) }
        return .json(["media_id": .string(id)])
    }

    func permanentMaterial(_ id: String?) -> SandboxState.Media? {
        guard let id, !id.isEmpty else { return nil }
        return state.media.last { $0.mediaID == id && $0.kind == .permanent && !$0.deleted }
    }

    func getMaterial(_ call: inout APICall) throws -> APIResult {
        let body = try call.json()
        guard let media = permanentMaterial(body["media_id"]?.stringValue), let data = blobs[media.sha256] else { throw WeChatError(40007) }
        if media.type == "video" {
            return .json([
                "title": .string(media.videoTitle ?? ""), "description": .string(media.videoIntroduction ?? ""),
                "down_url": .string("\(baseURLString)/mmbiz/\(media.sha256)/0"),
            ])
        }
        return .bytes(data, contentType: media.contentType, filename: media.filename)
    }

    func deleteMaterial(_ call: inout APICall) throws -> APIResult {
        let body = try call.json()
        guard let id = body["media_id"]?.stringValue, let i = state.media.lastIndex(where: { $0.mediaID == id && $0.kind == .permanent && !$0.deleted })
        else { throw WeChatError(40007) }
        state.media[i].deleted = true
        return .json(["errcode": 0, "errmsg": "ok"])
    }

    /// Thumbs are counted with images (both are pictures in the library).
    func materialCount(_ call: inout APICall) throws -> APIResult {
        let live = state.media.filter { $0.kind == .permanent && !$0.deleted }
        func count(_ types: Set<String>) -> JSONValue { .int(Int64(live.filter { types.contains($0.type) }.count)) }
        return .json(["voice_count": count(["voice"]), "video_count": count(["video"]), "image_count": count(["image", "thumb"]), "news_count": 0])
    }

    /// Newest first. `count` outside 1–20 → 47001 (the reference names no code for it).
    func batchGetMaterial(_ call: inout APICall) throws -> APIResult {
        let body = try call.json()
        guard let type = body["type"]?.stringValue, ["image", "video", "voice", "news"].contains(type) else { throw WeChatError(40004) }
        let offset = Int(body["offset"]?.intValue ?? 0)
        let count = Int(body["count"]?.intValue ?? 0)
        guard offset >= 0, SandboxRules.batchCountRange.contains(count) else { throw WeChatError(47001) }
        let types: Set<String> = type == "image" ? ["image", "thumb"] : [type]
        let live = state.media.filter { $0.kind == .permanent && !$0.deleted && types.contains($0.type) }.reversed()
        let page = Array(live.dropFirst(offset).prefix(count))
        let items: [JSONValue] = page.map { m in
            var pairs: [(String, JSONValue)] = [
                ("media_id", .string(m.mediaID)), ("name", .string(m.filename)), ("update_time", .int(Int64(m.createdAt.timeIntervalSince1970))),
            ]
            if let url = m.url { pairs.append(("url", .string(absolute(url)))) }
            return .object(pairs)
        }
        return .json(["total_count": .int(Int64(live.count)), "item_count": .int(Int64(items.count)), "item": .array(items)])
    }
}

import Foundation

/// §3.2 draft box and §3.3 freepublish. Lengths are counted in Unicode scalars (a CJK
/// character is one, as the platform's 字 counts them).
extension SandboxEngine {
    /// Reads one article object and applies the platform's field limits.
    /// `updating`: draft/update answers 40007 for an incomplete article (documented quirk).
    func parseArticle(_ json: JSONValue, singleArticle: Bool, updating: Bool = false) throws -> SandboxState.Article {
        guard json.isObject else { throw WeChatError(47001) }
        func text(_ key: String) throws -> String? {
            guard let value = json[key], value != .null else { return nil }
            guard let s = value.stringValue else { throw WeChatError(47001) }
            return s
        }
        func flag(_ key: String) throws -> Int {
            guard let value = json[key], value != .null else { return 0 }
            guard let i = value.intValue, i == 0 || i == 1 else { throw WeChatError(47001) }
            return Int(i)
        }
        let articleType = try text("article_type") ?? "news"
        guard articleType == "news" || articleType == "newspic" else { throw WeChatError(47001) }
        guard let title = try text("title"), !title.isEmpty else { throw WeChatError(updating ? 40007 : 47001) }
        guard var content = try text("content"), !content.isEmpty else { throw WeChatError(updating ? 40007 : 44004) }
        guard title.unicodeScalars.count <= SandboxRules.titleMaxCharacters else { throw WeChatError(45003) }
        let author = try text("author") ?? ""
        guard author.unicodeScalars.count <= SandboxRules.authorMaxCharacters else { throw WeChatError(45110) }
        var digest = try text("digest") ?? ""
        guard digest.unicodeScalars.count <= SandboxRules.digestMaxCharacters else { throw WeChatError(45004) }
        guard content.unicodeScalars.count < SandboxRules.contentCharacterLimit, content.utf8.count < SandboxRules.contentByteLimit
        else { throw WeChatError(45002) }
        let sourceURL = try text("content_source_url") ?? ""
        guard sourceURL.utf8.count <= SandboxRules.sourceURLMaxBytes else { throw WeChatError(45005) }
        if !sourceURL.isEmpty && !SandboxEngine.isPublicHTTPURL(sourceURL) { throw WeChatError(41039) }
        var thumb = try text("thumb_media_id") ?? ""
        var imageIDs: [String] = []
        if articleType == "news" {
            guard let material = permanentMaterial(thumb), material.type == "image" else { throw WeChatError(40007) }
            _ = material
        } else {
            for item in json["image_info"]?["image_list"]?.arrayValue ?? [] {
                guard let id = item["image_media_id"]?.stringValue, let m = permanentMaterial(id), m.type == "image" else { throw WeChatError(40007) }
                imageIDs.append(id)
            }
            guard !imageIDs.isEmpty, imageIDs.count <= 20 else { throw WeChatError(40007) }
            if thumb.isEmpty { thumb = imageIDs[0] }
        }
        let needOpenComment = try flag("need_open_comment")
        if needOpenComment == 1 && faults.noCommentPrivilege { throw WeChatError(88000) }
        if faults.draftStore == .real { content = try DraftContentStore.store(content) }
        if digest.isEmpty && singleArticle && articleType == "news" {
            digest = String(String.UnicodeScalarView(SandboxEngine.plainText(content).unicodeScalars.prefix(SandboxRules.defaultDigestCharacters)))
        }
        return SandboxState.Article(
            articleType: articleType, title: title, author: author, digest: digest, content: content, contentSourceURL: sourceURL,
            thumbMediaID: thumb, needOpenComment: needOpenComment, onlyFansCanComment: try flag("only_fans_can_comment"),
            picCrop2351: try text("pic_crop_235_1"), picCrop11: try text("pic_crop_1_1"), imageMediaIDs: imageIDs)
    }

    /// `阅读原文` must be a public http(s) URL; loopback hosts are refused like `localhost` is.
    static func isPublicHTTPURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host?.lowercased(), !host.isEmpty
        else { return false }
        return host != "localhost" && !host.hasPrefix("127.") && host != "::1" && host != "[::1]"
    }

    /// Text of an HTML fragment: tags removed, whitespace collapsed.
    static func plainText(_ html: String) -> String {
        var out = String.UnicodeScalarView()
        var inTag = false
        var lastSpace = true
        for s in html.unicodeScalars {
            if inTag {
                if s == ">" { inTag = false }
                continue
            }
            if s == "<" { inTag = true; continue }
            if s == " " || s == "\n" || s == "\t" || s == "\r" {
                if !lastSpace { out.append(" ") }
                lastSpace = true
                continue
            }
            out.append(s)
            lastSpace = false
        }
        return String(out).trimmingCharacters(in: .whitespaces)
    }

    func articleJSON(_ a: SandboxState.Article, url: String, withContent: Bool = true, extra: [(String, JSONValue)] = []) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("article_type", .string(a.articleType)),
            ("title", .string(a.title)), ("author", .string(a.author)), ("digest", .string(a.digest)),
        ]
        if withContent { pairs.append(("content", .string(a.content))) }
        pairs += [
            ("content_source_url", .string(a.contentSourceURL)), ("thumb_media_id", .string(a.thumbMediaID)),
            ("thumb_url", .string(permanentMaterial(a.thumbMediaID)?.url.map(absolute) ?? "")),
            ("show_cover_pic", 0), ("need_open_comment", .int(Int64(a.needOpenComment))),
            ("only_fans_can_comment", .int(Int64(a.onlyFansCanComment))), ("url", .string(url)),
        ]
        if let crop = a.picCrop2351 { pairs.append(("pic_crop_235_1", .string(crop))) }
        if let crop = a.picCrop11 { pairs.append(("pic_crop_1_1", .string(crop))) }
        if !a.imageMediaIDs.isEmpty {
            pairs.append(("image_info", ["image_list": .array(a.imageMediaIDs.map { ["image_media_id": .string($0)] })]))
        }
        return .object(pairs + extra)
    }

    func draftIndex(_ id: String?) -> Int? {
        guard let id, !id.isEmpty else { return nil }
        return state.drafts.lastIndex { $0.mediaID == id && $0.status == .draft }
    }

    func draftURL(_ mediaID: String, index: Int) -> String { "\(baseURLString)/s/draft/\(mediaID)/\(index + 1)" }

    func addDraft(_ call: inout APICall) throws -> APIResult {
        let body = try call.json()
        guard let list = body["articles"]?.arrayValue else { throw WeChatError(44003) }
        guard !list.isEmpty else { throw WeChatError(44003) }
        guard list.count <= SandboxRules.articlesPerDraftMax else { throw WeChatError(45008) }
        let articles = try list.map { try parseArticle($0, singleArticle: list.count == 1) }
        let id = opaqueID("draft")
        state.drafts.append(SandboxState.Draft(mediaID: id, articles: articles, createdAt: call.now, updatedAt: call.now, status: .draft))
        return .json(["media_id": .string(id)])
    }

    func getDraft(_ call: inout APICall) throws -> APIResult {
        let body = try call.json()
        guard let i = draftIndex(body["media_id"]?.stringValue) else { throw WeChatError(40007) }
        let d = state.drafts[i]
        return .json(["news_item": .array(d.articles.enumerated().map { articleJSON($1, url: draftURL(d.mediaID, index: $0)) })])
    }

    func updateDraft(_ call: inout APICall) throws -> APIResult {
        let body = try call.json()
        guard let i = draftIndex(body["media_id"]?.stringValue) else { throw WeChatError(40007) }
        guard let index = body["index"]?.intValue, index >= 0, index < state.drafts[i].articles.count else { throw WeChatError(40114) }
        guard let articleJSON = body["articles"], articleJSON.isObject else { throw WeChatError(40007) }
        let article = try parseArticle(articleJSON, singleArticle: state.drafts[i].articles.count == 1, updating: true)
        state.drafts[i].articles[Int(index)] = article
        state.drafts[i].updatedAt = call.now
        return .json(["errcode": 0, "errmsg": "ok"])
    }

    func deleteDraft(_ call: inout APICall) throws -> APIResult {
        let body = try call.json()
        guard let i = draftIndex(body["media_id"]?.stringValue) else { throw WeChatError(40007) }
        state.drafts[i].status = .deleted
        state.drafts[i].updatedAt = call.now
        return .json(["errcode": 0, "errmsg": "ok"])
    }

    func draftCount(_ call: inout APICall) throws -> APIResult {
        .json(["total_count": .int(Int64(state.drafts.filter { $0.status == .draft }.count))])
    }

    /// Most recently updated first.
    func batchGetDraft(_ call: inout APICall) throws -> APIResult {
        let body = try call.optionalJSON()
        let offset = Int(body["offset"]?.intValue ?? 0)
        let count = Int(body["count"]?.intValue ?? 0)
        guard offset >= 0, SandboxRules.batchCountRange.contains(count) else { throw WeChatError(47001) }
        let noContent = (body["no_content"]?.intValue ?? 0) == 1
        let live = state.drafts.filter { $0.status == .draft }.sorted { $0.updatedAt > $1.updatedAt }
        let items: [JSONValue] = live.dropFirst(offset).prefix(count).map { d in
            [
                "media_id": .string(d.mediaID),
                "content": [
                    "news_item": .array(d.articles.enumerated().map { articleJSON($1, url: draftURL(d.mediaID, index: $0), withContent: !noContent) })
                ],
                "update_time": .int(Int64(d.updatedAt.timeIntervalSince1970)),
            ]
        }
        return .json(["total_count": .int(Int64(live.count)), "item_count": .int(Int64(items.count)), "item": .array(items)])
    }

    // MARK: freepublish

    func articleURL(_ articleID: String, index: Int) -> String { "\(baseURLString)/s/\(articleID)/\(index + 1)" }

    func requireVerified() throws {
        guard configuration.isVerified else { throw WeChatError(48001) }
    }

    /// Accepts the job and consumes the draft; the job finishes `publishSeconds` later on the sandbox clock.
    func submitPublish(_ call: inout APICall) throws -> APIResult {
        try requireVerified()
        let body = try call.json()
        guard let i = draftIndex(body["media_id"]?.stringValue) else { throw WeChatError(40007) }
        let serial = state.serial()
        let publishID = String(2_247_000_000 + serial)
        let msgDataID = 2_650_000_000 + serial
        let articleID = opaqueID("art")
        state.drafts[i].status = .published
        state.drafts[i].consumedBy = publishID
        state.publishes.append(
            SandboxState.Publish(
                publishID: publishID, msgDataID: msgDataID, mediaID: state.drafts[i].mediaID, articles: state.drafts[i].articles,
                submittedAt: call.now, articleID: articleID, outcome: faults.publishStatus == 0 ? nil : faults.publishStatus,
                failIndexes: faults.publishFailIndexes.isEmpty ? nil : faults.publishFailIndexes))
        return .json(["errcode": 0, "errmsg": "ok", "publish_id": .string(publishID), "msg_data_id": .int(msgDataID)])
    }

    func publishFinished(_ p: SandboxState.Publish, now: Date) -> Bool {
        now >= p.submittedAt.addingTimeInterval(configuration.publishSeconds)
    }

    func getPublishStatus(_ call: inout APICall) throws -> APIResult {
        try requireVerified()
        let body = try call.json()
        guard let id = body["publish_id"].flatMap({ $0.stringValue ?? $0.intValue.map(String.init) }),
            let p = state.publishes.first(where: { $0.publishID == id })
        else { throw WeChatError(53502) }
        guard publishFinished(p, now: call.now) else {
            return .json(["publish_id": .string(p.publishID), "publish_status": 1, "fail_idx": []])
        }
        let status = p.outcome ?? 0
        if status == 2 || status == 3 || status == 4 {
            // A failed job has no article; 2 and 4 name the failing articles (1-based).
            let failed = status == 3 ? [] : (p.failIndexes ?? Array(1...p.articles.count))
            return .json([
                "publish_id": .string(p.publishID), "publish_status": .int(Int64(status)), "article_id": "",
                "article_detail": ["count": 0, "item": []], "fail_idx": .array(failed.map { .int(Int64($0)) }),
            ])
        }
        let items: [JSONValue] = p.articles.indices.map { ["idx": .int(Int64($0 + 1)), "article_url": .string(articleURL(p.articleID, index: $0))] }
        return .json([
            "publish_id": .string(p.publishID), "publish_status": .int(Int64(status)), "article_id": .string(p.articleID),
            "article_detail": ["count": .int(Int64(items.count)), "item": .array(items)], "fail_idx": [],
        ])
    }

    /// Finished publishes, newest first.
    func batchGetPublished(_ call: inout APICall) throws -> APIResult {
        try requireVerified()
        let body = try call.optionalJSON()
        let offset = Int(body["offset"]?.intValue ?? 0)
        let count = Int(body["count"]?.intValue ?? 0)
        guard offset >= 0, SandboxRules.batchCountRange.contains(count) else { throw WeChatError(47001) }
        let noContent = (body["no_content"]?.intValue ?? 0) == 1
        let done = state.publishes.filter { publishFinished($0, now: call.now) && ($0.outcome ?? 0) == 0 }.reversed()
        let items: [JSONValue] = done.dropFirst(offset).prefix(count).map { p in
            [
                "article_id": .string(p.articleID),
                "content": [
                    "news_item": .array(
                        p.articles.enumerated().map {
                            articleJSON($1, url: articleURL(p.articleID, index: $0), withContent: !noContent, extra: [("is_deleted", false)])
                        })
                ],
                "update_time": .int(Int64(p.submittedAt.timeIntervalSince1970)),
            ]
        }
        return .json(["total_count": .int(Int64(done.count)), "item_count": .int(Int64(items.count)), "item": .array(items)])
    }
}

import Foundation

/// The emulator's rules in one place: every endpoint with its method, whether it needs an
/// access token, its daily call limit (45009) and its handler, plus the platform's size and
/// quota limits. Sources are wechat-api.md sections; "nominal" marks limits the reference does
/// not document, chosen generous so they never surprise a real workload.
///
/// Where the reference is silent or contradicts itself, the sandbox takes the stricter reading:
/// - temporary image media ≤ 2 MB (the page says 10 MB and 2 MB); uploads need a filename with an extension (40005);
/// - a missing article title → 47001, an incomplete article in draft/update → 40007 (documented quirk);
///   lengths count Unicode scalars; a default digest (54 characters of text) only for single-article drafts;
/// - `thumb_media_id` must be a permanent material of type `image` (not `thumb`);
/// - sendall to an unknown tag, or without tag_id, → 45159 `invalid tag id` (the tag APIs' code);
///   `filter.group_id` (wechatpy 1.8.18) is read as `tag_id`;
/// - a repeated clientmsgid is checked before the content, so a retry of a consumed draft still gets
///   45065 + msg_id; 45066 counts 60 s from the previous attempt with that key; only successful sends
///   record a key; without a clientmsgid the key is audience + content, as the platform documents;
/// - quota windows are Beijing (UTC+8) calendar days and months; subscription accounts: one sendall a
///   day and mass/send → 48001 (订阅号不可用); service accounts: 4 is_to_all a month, 4 receipts per
///   follower a month (the rest filtered); preview uses no mass quota;
/// - stable_token force_refresh beyond 20 a day or within 30 s returns the current token unchanged;
///   the replaced stable token is invalid at once;
/// - freepublish/submit of an unknown draft → 40007; batchget `count` outside 1–20 → 47001;
/// - unknown `/cgi-bin/` paths answer HTTP 404 (not emulated), not a made-up errcode.
enum SandboxRules {
    enum Method: String { case get = "GET", post = "POST" }

    struct Endpoint: Sendable {
        let path: String
        let method: Method
        let requiresToken: Bool
        /// Calls per Beijing calendar day before 45009.
        let dailyLimit: Int
        /// Endpoints that share one daily counter name the same key (sendall + send).
        let quotaKey: String
        /// Calls per clock minute before 45011 (0: none), also reported by `openapi/quota/get`.
        let minuteLimit: Int
        let limitSource: String
        let handler: @Sendable (SandboxEngine, inout APICall) throws -> APIResult

        init(
            _ path: String, _ method: Method, token: Bool = true, daily: Int, quotaKey: String? = nil, perMinute: Int = 0,
            source: String, _ handler: @escaping @Sendable (SandboxEngine, inout APICall) throws -> APIResult
        ) {
            self.path = path
            self.method = method
            self.requiresToken = token
            self.dailyLimit = daily
            self.quotaKey = quotaKey ?? path
            self.minuteLimit = perMinute
            self.limitSource = source
            self.handler = handler
        }
    }

    static let nominal = 100_000

    static let endpoints: [Endpoint] = [
        // §1 tokens
        Endpoint("/cgi-bin/token", .get, token: false, daily: 2000, source: "§9.3") { try $0.getAccessToken(&$1) },
        Endpoint("/cgi-bin/stable_token", .post, token: false, daily: 500_000, perMinute: 10_000, source: "§1.2") { try $0.getStableAccessToken(&$1) },
        // §2 media and material
        Endpoint("/cgi-bin/media/upload", .post, daily: 100_000, source: "§9.3") { try $0.uploadTempMedia(&$1) },
        Endpoint("/cgi-bin/media/get", .get, daily: 200_000, source: "§9.3") { try $0.getMedia(&$1) },
        Endpoint("/cgi-bin/media/uploadimg", .post, daily: nominal, source: "nominal") { try $0.uploadImage(&$1) },
        Endpoint("/cgi-bin/material/add_material", .post, daily: nominal, source: "nominal") { try $0.addMaterial(&$1) },
        Endpoint("/cgi-bin/material/get_material", .post, daily: nominal, source: "nominal") { try $0.getMaterial(&$1) },
        Endpoint("/cgi-bin/material/del_material", .post, daily: nominal, source: "nominal") { try $0.deleteMaterial(&$1) },
        Endpoint("/cgi-bin/material/get_materialcount", .get, daily: nominal, source: "nominal") { try $0.materialCount(&$1) },
        Endpoint("/cgi-bin/material/batchget_material", .post, daily: nominal, source: "nominal") { try $0.batchGetMaterial(&$1) },
        // §3.2 drafts
        Endpoint("/cgi-bin/draft/add", .post, daily: 1000, source: "§9.3") { try $0.addDraft(&$1) },
        Endpoint("/cgi-bin/draft/get", .post, daily: 500, source: "§9.3") { try $0.getDraft(&$1) },
        Endpoint("/cgi-bin/draft/update", .post, daily: 1000, source: "§9.3") { try $0.updateDraft(&$1) },
        Endpoint("/cgi-bin/draft/delete", .post, daily: 1000, source: "§9.3") { try $0.deleteDraft(&$1) },
        Endpoint("/cgi-bin/draft/count", .get, daily: 1000, source: "§9.3") { try $0.draftCount(&$1) },
        Endpoint("/cgi-bin/draft/batchget", .post, daily: 1000, source: "§9.3") { try $0.batchGetDraft(&$1) },
        // §3.3 publishing
        Endpoint("/cgi-bin/freepublish/submit", .post, daily: 100, source: "§9.3") { try $0.submitPublish(&$1) },
        Endpoint("/cgi-bin/freepublish/get", .post, daily: 100, source: "§9.3") { try $0.getPublishStatus(&$1) },
        Endpoint("/cgi-bin/freepublish/batchget", .post, daily: 100, source: "§9.3") { try $0.batchGetPublished(&$1) },
        // §4 mass send: sendall and send share the 高级群发接口 counter
        Endpoint("/cgi-bin/message/mass/sendall", .post, daily: 100, quotaKey: "mass", perMinute: 60, source: "§9.3") { try $0.massSendAll(&$1) },
        Endpoint("/cgi-bin/message/mass/send", .post, daily: 100, quotaKey: "mass", perMinute: 60, source: "§9.3") { try $0.massSend(&$1) },
        Endpoint("/cgi-bin/message/mass/preview", .post, daily: 100, source: "§9.3") { try $0.massPreview(&$1) },
        Endpoint("/cgi-bin/message/mass/get", .post, daily: nominal, source: "nominal") { try $0.massStatus(&$1) },
        Endpoint("/cgi-bin/message/mass/delete", .post, daily: 10, source: "§9.3") { try $0.massDelete(&$1) },
        // §6 tags and users (tag limits follow the groups rows of §9.3, their predecessor ⚠)
        Endpoint("/cgi-bin/tags/get", .get, daily: 1000, source: "§9.3 groups") { try $0.getTags(&$1) },
        Endpoint("/cgi-bin/tags/create", .post, daily: 1000, source: "§9.3 groups") { try $0.createTag(&$1) },
        Endpoint("/cgi-bin/tags/update", .post, daily: 1000, source: "§9.3 groups") { try $0.updateTag(&$1) },
        Endpoint("/cgi-bin/tags/delete", .post, daily: 1000, source: "nominal (groups)") { try $0.deleteTag(&$1) },
        Endpoint("/cgi-bin/tags/members/batchtagging", .post, daily: 100_000, source: "§9.3 groups move") { try $0.tagMembers(&$1, tagging: true) },
        Endpoint("/cgi-bin/tags/members/batchuntagging", .post, daily: 100_000, source: "§9.3 groups move") { try $0.tagMembers(&$1, tagging: false) },
        Endpoint("/cgi-bin/user/tag/get", .post, daily: nominal, source: "nominal") { try $0.tagFollowers(&$1) },
        Endpoint("/cgi-bin/user/get", .get, daily: 500, source: "§9.3") { try $0.getFollowers(&$1) },
        Endpoint("/cgi-bin/user/info", .get, daily: 5_000_000, source: "§9.3") { try $0.getUserInfo(&$1) },
        // §9.1
        Endpoint("/cgi-bin/openapi/quota/get", .post, daily: nominal, source: "nominal") { try $0.getAPIQuota(&$1) },
    ]

    static let byPath: [String: Endpoint] = Dictionary(uniqueKeysWithValues: endpoints.map { ($0.path, $0) })

    // MARK: Tokens (§1)
    static let tokenOverlapSeconds: TimeInterval = 300
    static let stableForceRefreshPerDay = 20
    static let stableForceRefreshSpacing: TimeInterval = 30

    // MARK: Media (§2). Sizes in bytes; formats by magic bytes.
    struct MediaRule {
        let maxBytes: Int
        let formats: Set<String>
        let sizeError: Int
    }
    /// Temporary media. Image: the page says both 10 MB and 2 MB — the stricter 2 MB is emulated.
    static let temporaryMedia: [String: MediaRule] = [
        "image": MediaRule(maxBytes: 2 << 20, formats: ["png", "jpeg", "gif"], sizeError: 40009),
        "voice": MediaRule(maxBytes: 2 << 20, formats: ["amr", "mp3"], sizeError: 40006),
        "video": MediaRule(maxBytes: 10 << 20, formats: ["mp4"], sizeError: 40006),
        "thumb": MediaRule(maxBytes: 64 << 10, formats: ["jpeg"], sizeError: 40006),
    ]
    static let permanentMaterial: [String: MediaRule] = [
        "image": MediaRule(maxBytes: 10 << 20, formats: ["bmp", "png", "jpeg", "gif"], sizeError: 40009),
        "voice": MediaRule(maxBytes: 2 << 20, formats: ["mp3", "wma", "wav", "amr"], sizeError: 40006),
        "video": MediaRule(maxBytes: 10 << 20, formats: ["mp4"], sizeError: 40006),
        "thumb": MediaRule(maxBytes: 64 << 10, formats: ["jpeg"], sizeError: 40006),
    ]
    /// uploadimg: jpg/png, strictly less than 1 MB.
    static let articleImage = MediaRule(maxBytes: (1 << 20) - 1, formats: ["png", "jpeg"], sizeError: 40009)
    static let temporaryMediaLifetime: TimeInterval = 3 * 86400
    static let imageAndNewsMaterialMax = 100_000
    static let otherMaterialMax = 1000

    // MARK: Drafts (§3.2)
    static let articlesPerDraftMax = 8
    static let titleMaxCharacters = 32
    static let authorMaxCharacters = 16
    static let digestMaxCharacters = 128
    static let defaultDigestCharacters = 54
    /// Content must be *less than* these.
    static let contentCharacterLimit = 20_000
    static let contentByteLimit = 1 << 20
    static let sourceURLMaxBytes = 1024
    static let batchCountRange = 1...20

    // MARK: Mass send (§4, §5)
    static let subscriptionSendsPerDay = 1
    static let serviceToAllSendsPerMonth = 4
    static let serviceReceiptsPerFollowerPerMonth = 4
    static let clientMsgIDMaxBytes = 64
    static let clientMsgIDWindow: TimeInterval = 24 * 3600
    static let clientMsgIDRetryInterval: TimeInterval = 60
    static let massSendOpenIDRange = 2...10_000
    static let massMessageTypes: Set<String> = ["mpnews", "text", "voice", "image", "mpvideo", "wxcard", "music"]

    // MARK: Tags and users (§6)
    static let tagsPerAccountMax = 100
    static let tagsPerFollowerMax = 20
    static let tagNameMaxBytes = 30
    static let openIDsPerTagBatchMax = 50
    static let tagFansDeleteMax = 100_000
    static let reservedTagIDs: Set<Int> = [0, 1, 2]
    static let followersPerPage = 10_000
}

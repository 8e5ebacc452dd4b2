import Foundation
import WXSupport

/// What a mass send (群发) carries.
public enum MassMessage: Sendable, Equatable {
    /// An article: the media_id of a draft (consumed by the send).
    case mpnews(mediaID: String)
    case text(String)
    case voice(mediaID: String)
    case image(mediaID: String)
    case mpvideo(mediaID: String)

    var msgtype: String {
        switch self {
        case .mpnews: return "mpnews"
        case .text: return "text"
        case .voice: return "voice"
        case .image: return "image"
        case .mpvideo: return "mpvideo"
        }
    }
}

/// Who a `massSendAll` reaches.
public enum MassAudience: Sendable, Equatable {
    /// Every follower (`is_to_all: true`; counts against the account's monthly/daily quota).
    case all
    /// The followers carrying a tag.
    case tag(Int)
}

/// The one person a `massPreview` goes to.
public enum PreviewRecipient: Sendable, Equatable {
    case openID(String)
    /// A WeChat ID (微信号); such previews are limited to 100 a day.
    case wxName(String)
}

/// A mass send job WeChat accepted (delivery continues asynchronously).
public struct MassSendResult: Sendable, Equatable {
    public var msgID: String
    /// Only for article sends.
    public var msgDataID: String?
    /// The clientmsgid this job was sent with.
    public var clientMsgID: String
    /// True when WeChat answered 45065: this clientmsgid had already been sent (by an earlier
    /// attempt or run), and `msgID` names that send. Nothing new went out.
    public var wasAlreadySent: Bool
}

/// `mass/get`'s answer.
public struct MassStatus: Sendable, Equatable {
    public var msgID: String
    /// `SEND_SUCCESS`, `SENDING`, `SEND_FAIL` or `DELETE` (kept as text: the platform may add more).
    public var status: String
}

/// Idempotency keys for mass sends: WeChat refuses a second send with the same clientmsgid within
/// 24 hours and returns the first one's msg_id, which makes a retried send safe.
public enum ClientMsgID {
    /// A short deterministic key (32 hex characters) from any seed text such as
    /// `"<appid>/<post slug>/<content sha256>/<audience>"`; kept under the lengths that have
    /// drawn 45067 in practice.
    public static func derive(from seed: String) -> String {
        String(SHA256.hex(Array(seed.utf8)).prefix(32))
    }

    /// The key of batch `index` (0-based) when an OpenID list is split; the first batch of a
    /// list that fits one call keeps the caller's key.
    public static func batch(_ clientMsgID: String, index: Int) -> String {
        derive(from: "\(clientMsgID)#batch\(index + 1)")
    }

    static func validate(_ id: String, operation: String) throws {
        guard !id.isEmpty, id.utf8.count <= 64, id.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 32 && $0.value < 127 }) else {
            throw WeChatAPIError.invalidInput(operation: operation, "the clientmsgid \"\(id)\" must be 1 to 64 printable ASCII characters",
                                              fix: "use ClientMsgID.derive(from:) to make one")
        }
    }
}

/// The JSON body shared by sendall, send and preview: fixed fields plus one key named after the msgtype.
struct MassRequestBody: Encodable {
    struct Filter: Encodable { var is_to_all: Bool; var tag_id: Int? }
    var filter: Filter?
    var touserList: [String]?
    var touser: String?
    var towxname: String?
    var message: MassMessage
    var sendIgnoreReprint: Bool?
    var clientMsgID: String?

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        if let filter { try c.encode(filter, forKey: Key("filter")) }
        if let touserList { try c.encode(touserList, forKey: Key("touser")) }
        if let touser { try c.encode(touser, forKey: Key("touser")) }
        if let towxname { try c.encode(towxname, forKey: Key("towxname")) }
        try c.encode(message.msgtype, forKey: Key("msgtype"))
        switch message {
        case .mpnews(let id), .voice(let id), .image(let id), .mpvideo(let id):
            try c.encode(["media_id": id], forKey: Key(message.msgtype))
        case .text(let text):
            try c.encode(["content": text], forKey: Key("text"))
        }
        if let sendIgnoreReprint { try c.encode(sendIgnoreReprint ? 1 : 0, forKey: Key("send_ignore_reprint")) }
        if let clientMsgID { try c.encode(clientMsgID, forKey: Key("clientmsgid")) }
    }
}

extension WeChatClient {
    static let massRight = "the mass-send right (群发; verified accounts only)"
    static let massByOpenIDRight = "the right to mass-send to an OpenID list (verified service accounts, 服务号, only)"

    /// `POST /cgi-bin/message/mass/sendall` to every follower or one tag.
    ///
    /// The `clientMsgID` makes the send safe to repeat: the client retries failures (even a
    /// response lost after WeChat acted) with the same key, and WeChat's 45065 "clientmsgid
    /// exist" comes back as success with the original msg_id (`wasAlreadySent`).
    public func massSendAll(audience: MassAudience, message: MassMessage, clientMsgID: String, sendIgnoreReprint: Bool = false) async throws -> MassSendResult {
        let operation = "massSendAll"
        try ClientMsgID.validate(clientMsgID, operation: operation)
        let filter: MassRequestBody.Filter
        switch audience {
        case .all: filter = .init(is_to_all: true, tag_id: nil)
        case .tag(let id): filter = .init(is_to_all: false, tag_id: id)
        }
        let body = MassRequestBody(filter: filter, message: message, sendIgnoreReprint: sendIgnoreReprint, clientMsgID: clientMsgID)
        let endpoint = Endpoint(operation: operation, method: .post, path: "/cgi-bin/message/mass/sendall", safety: .keyed, right: Self.massRight)
        return try await keyedSend(endpoint, body: body, clientMsgID: clientMsgID)
    }

    /// `POST /cgi-bin/message/mass/send` to a list of OpenIDs (duplicates dropped). WeChat takes
    /// 2 to 10,000 per call, so longer lists go out in near-equal batches, each with its own
    /// key from `ClientMsgID.batch(_:index:)`; running the same send again after a failure
    /// re-sends nothing that already went out. Returns one result per batch.
    public func massSend(openIDs: [String], message: MassMessage, clientMsgID: String, sendIgnoreReprint: Bool = false) async throws -> [MassSendResult] {
        let operation = "massSend"
        try ClientMsgID.validate(clientMsgID, operation: operation)
        var seen = Set<String>()
        let unique = openIDs.filter { seen.insert($0).inserted }
        guard unique.count >= 2 else {
            throw WeChatAPIError.invalidInput(operation: operation, "a mass send by OpenID needs at least 2 different recipients, got \(unique.count)",
                                              fix: "use massPreview to send to one person, or massSendAll with a tag")
        }
        let batches = Self.batches(unique, maxSize: 10_000)
        let endpoint = Endpoint(operation: operation, method: .post, path: "/cgi-bin/message/mass/send", safety: .keyed, right: Self.massByOpenIDRight)
        var results: [MassSendResult] = []
        for (index, batch) in batches.enumerated() {
            let key = batches.count == 1 ? clientMsgID : ClientMsgID.batch(clientMsgID, index: index)
            let body = MassRequestBody(touserList: batch, message: message, sendIgnoreReprint: sendIgnoreReprint, clientMsgID: key)
            do {
                results.append(try await keyedSend(endpoint, body: body, clientMsgID: key))
            } catch var error as WeChatAPIError where index > 0 {
                error.reason += " (batch \(index + 1) of \(batches.count); batches 1–\(index) went out as msg_id \(results.map(\.msgID).joined(separator: ", ")))"
                error.fix += "; running the same send again with the same clientmsgid re-sends none of the batches that went out"
                throw error
            }
        }
        return results
    }

    /// Splits `items` into the fewest batches of at most `maxSize`, sized as evenly as possible
    /// (10,001 → 5,001 + 5,000), so no batch falls under WeChat's minimum of 2.
    static func batches<T>(_ items: [T], maxSize: Int) -> [[T]] {
        guard !items.isEmpty else { return [] }
        let count = (items.count + maxSize - 1) / maxSize
        var out: [[T]] = []
        var start = 0
        for index in 0..<count {
            let size = items.count / count + (index < items.count % count ? 1 : 0)
            out.append(Array(items[start..<(start + size)]))
            start += size
        }
        return out
    }

    private func keyedSend(_ endpoint: Endpoint, body: MassRequestBody, clientMsgID: String) async throws -> MassSendResult {
        struct Response: Decodable { var msg_id: FlexibleID; var msg_data_id: FlexibleID? }
        do {
            let response: Response = try await call(endpoint, json: body)
            return MassSendResult(msgID: response.msg_id.value, msgDataID: response.msg_data_id?.value, clientMsgID: clientMsgID, wasAlreadySent: false)
        } catch let error as WeChatAPIError where error.errcode == 45065 && error.msgID != nil {
            return MassSendResult(msgID: error.msgID!, msgDataID: nil, clientMsgID: clientMsgID, wasAlreadySent: true)
        }
    }

    /// `POST /cgi-bin/message/mass/preview` to one person. Returns the msg_id when WeChat gives one.
    @discardableResult
    public func massPreview(to recipient: PreviewRecipient, message: MassMessage) async throws -> String? {
        var body = MassRequestBody(message: message)
        switch recipient {
        case .openID(let id): body.touser = id
        case .wxName(let name): body.towxname = name
        }
        struct Response: Decodable { var msg_id: FlexibleID? }
        let endpoint = Endpoint(operation: "massPreview", method: .post, path: "/cgi-bin/message/mass/preview", safety: .once, right: Self.massRight)
        let response: Response = try await call(endpoint, json: body)
        return response.msg_id?.value
    }

    /// `POST /cgi-bin/message/mass/get`: the job's status.
    public func massStatus(msgID: String) async throws -> MassStatus {
        struct Response: Decodable { var msg_id: FlexibleID?; var msg_status: String }
        let endpoint = Endpoint(operation: "massStatus", method: .post, path: "/cgi-bin/message/mass/get", safety: .idempotent, right: Self.massRight)
        let response: Response = try await call(endpoint, json: ["msg_id": msgID])
        return MassStatus(msgID: response.msg_id?.value ?? msgID, status: response.msg_status)
    }

    /// `POST /cgi-bin/message/mass/delete`: deletes the article at 1-based `articleIndex`, or
    /// all of them with 0. Only article and video sends made through the API can be deleted.
    public func massDelete(msgID: String, articleIndex: Int = 0) async throws {
        struct Request: Encodable {
            var msgID: String
            var articleIndex: Int
            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: MassRequestBody.Key.self)
                if let number = Int64(msgID) {
                    try c.encode(number, forKey: .init("msg_id"))
                } else {
                    try c.encode(msgID, forKey: .init("msg_id"))
                }
                try c.encode(articleIndex, forKey: .init("article_idx"))
            }
        }
        let endpoint = Endpoint(operation: "massDelete", method: .post, path: "/cgi-bin/message/mass/delete", safety: .idempotent, right: Self.massRight)
        let _: Empty = try await call(endpoint, json: Request(msgID: msgID, articleIndex: articleIndex))
    }
}

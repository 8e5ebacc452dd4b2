import Foundation
import WXSupport

/// §4 and §5: mass send by tag / to all, by OpenID list, preview, status and delete, with the
/// quota and `clientmsgid` rules.
extension SandboxEngine {
    struct MassContent {
        var msgtype: String
        var mediaID: String?
        var draftIndex: Int?
        var titles: [String]
        var articleCount: Int
    }

    /// Checks `msgtype` (40008) and the message body: mpnews needs a live draft (40007).
    func massContent(_ body: JSONValue) throws -> MassContent {
        guard let msgtype = body["msgtype"]?.stringValue, SandboxRules.massMessageTypes.contains(msgtype) else { throw WeChatError(40008) }
        guard let payload = body[msgtype], payload.isObject else { throw WeChatError(47001) }
        switch msgtype {
        case "mpnews":
            guard let id = payload["media_id"]?.stringValue, !id.isEmpty else { throw WeChatError(41006) }
            guard let i = draftIndex(id) else { throw WeChatError(40007) }
            let titles = state.drafts[i].articles.map(\.title)
            return MassContent(msgtype: msgtype, mediaID: id, draftIndex: i, titles: titles, articleCount: titles.count)
        case "text":
            guard let content = payload["content"]?.stringValue, !content.isEmpty else { throw WeChatError(44004) }
            return MassContent(msgtype: msgtype, mediaID: nil, draftIndex: nil, titles: [], articleCount: 0)
        case "wxcard":
            guard let card = payload["card_id"]?.stringValue, !card.isEmpty else { throw WeChatError(47001) }
            return MassContent(msgtype: msgtype, mediaID: nil, draftIndex: nil, titles: [], articleCount: 0)
        default:
            guard let id = payload["media_id"]?.stringValue, !id.isEmpty else { throw WeChatError(41006) }
            guard state.media.contains(where: { $0.mediaID == id && !$0.deleted }) else { throw WeChatError(40007) }
            return MassContent(msgtype: msgtype, mediaID: id, draftIndex: nil, titles: [], articleCount: 0)
        }
    }

    /// 45067 for an over-long key; 45066 for a repeat within 60 s of the previous attempt;
    /// 45065 with the original `msg_id` for a repeat within 24 h. Only successful sends record a key.
    func checkDuplicate(key: String, now: Date) throws {
        guard let i = state.broadcasts.lastIndex(where: { $0.dedupKey == key }),
            now.timeIntervalSince(state.broadcasts[i].sentAt) < SandboxRules.clientMsgIDWindow,
            now >= state.broadcasts[i].sentAt
        else { return }
        let previousAttempt = state.broadcasts[i].lastAttemptAt
        state.broadcasts[i].lastAttemptAt = now
        if now.timeIntervalSince(previousAttempt) < SandboxRules.clientMsgIDRetryInterval { throw WeChatError(45066) }
        throw WeChatError(45065, extra: [("msg_id", .int(state.broadcasts[i].msgID))])
    }

    func clientMsgID(_ body: JSONValue) throws -> String? {
        guard let value = body["clientmsgid"], value != .null else { return nil }
        let id = value.stringValue ?? value.intValue.map(String.init) ?? ""
        guard id.utf8.count <= SandboxRules.clientMsgIDMaxBytes else { throw WeChatError(45067) }
        return id.isEmpty ? nil : id
    }

    /// Service accounts: a follower receives at most 4 mass messages per Beijing month; the rest
    /// are filtered out. Returns the recipients and records their receipts.
    func deliver(to audience: [String], now: Date) -> [String] {
        guard configuration.accountType == .service else { return audience }
        let month = String(SandboxTime.beijingMonth(now))
        var receipts = state.monthlyReceipts[month] ?? [:]
        var recipients: [String] = []
        for openID in audience where receipts[openID, default: 0] < SandboxRules.serviceReceiptsPerFollowerPerMonth {
            receipts[openID, default: 0] += 1
            recipients.append(openID)
        }
        state.monthlyReceipts[month] = receipts
        return recipients
    }

    func recordBroadcast(
        endpoint: String, content: MassContent, clientMsgID: String?, dedupKey: String, isToAll: Bool?, tagID: Int?, touser: [String]?,
        audience: [String], now: Date
    ) -> JSONValue {
        let failStatus = faults.massFail.isEmpty ? nil : faults.massFail
        // A job that fails reaches nobody, so it uses no follower's monthly receipts.
        let recipients = failStatus == nil ? deliver(to: audience, now: now) : audience
        let serial = state.serial()
        let msgID = 1_000_000_000 + serial
        let msgDataID: Int64? = content.msgtype == "mpnews" ? 2_650_000_000 + serial : nil
        state.broadcasts.append(
            SandboxState.Broadcast(
                msgID: msgID, msgDataID: msgDataID, endpoint: endpoint, clientMsgID: clientMsgID, dedupKey: dedupKey, isToAll: isToAll,
                tagID: tagID, touser: touser, msgtype: content.msgtype, mediaID: content.mediaID, titles: content.titles,
                articleCount: content.articleCount, sentAt: now, lastAttemptAt: now, total: audience.count, filtered: recipients.count,
                sent: failStatus == nil ? recipients.count : 0, failStatus: failStatus))
        if let i = content.draftIndex {
            state.drafts[i].status = .sent
            state.drafts[i].consumedBy = String(msgID)
        }
        var pairs: [(String, JSONValue)] = [("errcode", 0), ("errmsg", "send job submission success"), ("msg_id", .int(msgID))]
        if let msgDataID { pairs.append(("msg_data_id", .int(msgDataID))) }
        return .object(pairs)
    }

    func massSendAll(_ call: inout APICall) throws -> APIResult {
        try requireVerified()
        let body = try call.json()
        let now = call.now
        guard let msgtype = body["msgtype"]?.stringValue, SandboxRules.massMessageTypes.contains(msgtype) else { throw WeChatError(40008) }
        guard let filter = body["filter"], filter.isObject else { throw WeChatError(47001) }
        let isToAll = filter["is_to_all"]?.boolValue ?? false
        var tagID: Int?
        var audience: [String]
        if isToAll {
            audience = state.followers.map(\.openID)
        } else {
            // `group_id` (groups era, still sent by wechatpy 1.8.18) is read as `tag_id`.
            guard let raw = (filter["tag_id"].flatMap { $0 == .null ? nil : $0 } ?? filter["group_id"]), let id = raw.intValue else {
                throw WeChatError(45159)
            }
            guard state.tags.contains(where: { $0.id == Int(id) }) else { throw WeChatError(45159) }
            tagID = Int(id)
            audience = state.followers.filter { $0.tagIDs.contains(Int(id)) }.map(\.openID)
        }
        let clientMsgID = try clientMsgID(body)
        let scope = isToAll ? "all" : "tag:\(tagID!)"
        let key = clientMsgID.map { "id:\($0)" } ?? "auto:\(scope):\(SandboxEngine.rawDigest(body, msgtype: msgtype))"
        // A repeated key is answered before the content is looked at: the draft of the original
        // send is consumed, and the retry must still learn the original msg_id — unless the
        // `sendall_content_first` fault reverses the order (the retry then gets 40007).
        let content: MassContent
        if faults.sendallContentFirst {
            content = try massContent(body)
            try checkDuplicate(key: key, now: now)
        } else {
            try checkDuplicate(key: key, now: now)
            content = try massContent(body)
        }
        switch configuration.accountType {
        case .subscription:
            let today = SandboxTime.beijingDay(now)
            let sentToday = state.broadcasts.filter { $0.endpoint == "sendall" && SandboxTime.beijingDay($0.sentAt) == today }.count
            guard sentToday < SandboxRules.subscriptionSendsPerDay else { throw WeChatError(45028) }
        case .service:
            if isToAll {
                let month = SandboxTime.beijingMonth(now)
                let toAll = state.broadcasts.filter { $0.isToAll == true && SandboxTime.beijingMonth($0.sentAt) == month }.count
                guard toAll < SandboxRules.serviceToAllSendsPerMonth else { throw WeChatError(45028) }
            }
        }
        if isToAll && faults.massProtection {
            try awaitConfirmation(clientMsgID: clientMsgID, key: key, mediaID: content.mediaID ?? "", now: now)
        }
        return .json(
            recordBroadcast(
                endpoint: "sendall", content: content, clientMsgID: clientMsgID, dedupKey: key, isToAll: isToAll, tagID: tagID, touser: nil,
                audience: audience, now: now))
    }

    /// By OpenID list: 2–10,000 followers; service accounts only (订阅号不可用 → 48001).
    func massSend(_ call: inout APICall) throws -> APIResult {
        try requireVerified()
        guard configuration.accountType == .service else { throw WeChatError(48001) }
        let body = try call.json()
        guard let msgtype = body["msgtype"]?.stringValue, SandboxRules.massMessageTypes.contains(msgtype) else { throw WeChatError(40008) }
        guard let list = body["touser"]?.arrayValue else { throw WeChatError(40130) }
        guard list.count >= SandboxRules.massSendOpenIDRange.lowerBound else { throw WeChatError(40130) }
        guard list.count <= SandboxRules.massSendOpenIDRange.upperBound else { throw WeChatError(40032) }
        let known = Set(state.followers.map(\.openID))
        var openIDs: [String] = []
        var seen: Set<String> = []
        for item in list {
            guard let id = item.stringValue, known.contains(id) else { throw WeChatError(40003) }
            if seen.insert(id).inserted { openIDs.append(id) }
        }
        let clientMsgID = try clientMsgID(body)
        let key = clientMsgID.map { "id:\($0)" } ?? "auto:users:\(SandboxEngine.digestOf(openIDs)):\(SandboxEngine.rawDigest(body, msgtype: msgtype))"
        try checkDuplicate(key: key, now: call.now)
        let content = try massContent(body)
        return .json(
            recordBroadcast(
                endpoint: "send", content: content, clientMsgID: clientMsgID, dedupKey: key, isToAll: nil, tagID: nil, touser: openIDs,
                audience: openIDs, now: call.now))
    }

    /// The message content as sent (type + media_id, text or card), for the key the platform
    /// derives when no `clientmsgid` is given.
    static func rawDigest(_ body: JSONValue, msgtype: String) -> String {
        let payload = body[msgtype]
        let value = payload?["media_id"]?.stringValue ?? payload?["content"]?.stringValue ?? payload?["card_id"]?.stringValue ?? ""
        return "\(msgtype):" + String(SHA256.hex(Array(value.utf8)).prefix(32))
    }

    static func digestOf(_ ids: [String]) -> String { String(SHA256.hex(Array(ids.sorted().joined(separator: ",").utf8)).prefix(32)) }

    /// One recipient (`towxname` wins over `touser`); no quota use and the draft is kept.
    func massPreview(_ call: inout APICall) throws -> APIResult {
        try requireVerified()
        let body = try call.json()
        let content = try massContent(body)
        let towxname = body["towxname"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let touser = body["touser"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        if towxname == nil {
            guard let touser, state.followers.contains(where: { $0.openID == touser }) else { throw WeChatError(40003) }
        }
        let msgID = 1_000_000_000 + state.serial()
        state.previews.append(
            SandboxState.Preview(
                msgID: msgID, touser: towxname == nil ? touser : nil, towxname: towxname, msgtype: content.msgtype, mediaID: content.mediaID,
                titles: content.titles, sentAt: call.now))
        return .json(["errcode": 0, "errmsg": "preview success", "msg_id": .int(msgID)])
    }

    func massStatusText(_ b: SandboxState.Broadcast, now: Date) -> String {
        if b.deleted { return "DELETE" }
        guard now >= b.sentAt.addingTimeInterval(configuration.massSendSeconds) else { return "SENDING" }
        return b.failStatus == nil ? "SEND_SUCCESS" : "SEND_FAIL"
    }

    func broadcastIndex(_ body: JSONValue) -> Int? {
        guard let id = body["msg_id"]?.intValue else { return nil }
        return state.broadcasts.firstIndex { $0.msgID == id }
    }

    func massStatus(_ call: inout APICall) throws -> APIResult {
        let body = try call.json()
        guard let i = broadcastIndex(body) else { throw WeChatError(40059) }
        let b = state.broadcasts[i]
        return .json(["msg_id": .int(b.msgID), "msg_status": .string(massStatusText(b, now: call.now))])
    }

    /// Whether article `index` (1-based) of a broadcast of this draft was taken back with mass/delete.
    func articleWasRetracted(draftMediaID: String, index: Int) -> Bool {
        state.broadcasts.contains { $0.mediaID == draftMediaID && ($0.deleted || $0.deletedArticles.contains(index)) }
    }

    /// Only finished article/video sends can be deleted; `article_idx` is 1-based, 0 deletes all.
    func massDelete(_ call: inout APICall) throws -> APIResult {
        let body = try call.json()
        guard let i = broadcastIndex(body) else { throw WeChatError(40059) }
        let b = state.broadcasts[i]
        guard !b.deleted, b.msgtype == "mpnews" || b.msgtype == "mpvideo", massStatusText(b, now: call.now) == "SEND_SUCCESS" else {
            throw WeChatError(40059)
        }
        let index = Int(body["article_idx"]?.intValue ?? 0)
        guard index >= 0, index <= max(b.articleCount, 1) else { throw WeChatError(40060) }
        if index == 0 {
            state.broadcasts[i].deleted = true
        } else {
            if !state.broadcasts[i].deletedArticles.contains(index) { state.broadcasts[i].deletedArticles.append(index) }
            if state.broadcasts[i].deletedArticles.count >= max(b.articleCount, 1) { state.broadcasts[i].deleted = true }
        }
        return .json(["errcode": 0, "errmsg": "ok"])
    }
}

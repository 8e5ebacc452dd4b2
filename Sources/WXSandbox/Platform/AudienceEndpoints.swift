import Foundation

/// §6: tags, tag members, followers, user info; §9.1 quota query.
extension SandboxEngine {
    func tagObject(_ body: JSONValue) throws -> JSONValue {
        guard let tag = body["tag"], tag.isObject else { throw WeChatError(47001) }
        return tag
    }

    func checkTagName(_ name: String?, excluding id: Int? = nil) throws -> String {
        guard let name, !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw WeChatError(45157) }
        guard name.utf8.count <= SandboxRules.tagNameMaxBytes else { throw WeChatError(45158) }
        guard !state.tags.contains(where: { $0.name == name && $0.id != id }) else { throw WeChatError(45157) }
        return name
    }

    func memberCount(_ tagID: Int) -> Int { state.followers.reduce(0) { $0 + ($1.tagIDs.contains(tagID) ? 1 : 0) } }

    func getTags(_ call: inout APICall) throws -> APIResult {
        try requireVerified()
        let tags: [JSONValue] = state.tags.sorted { $0.id < $1.id }.map {
            ["id": .int(Int64($0.id)), "name": .string($0.name), "count": .int(Int64(memberCount($0.id)))]
        }
        return .json(["tags": .array(tags)])
    }

    func createTag(_ call: inout APICall) throws -> APIResult {
        try requireVerified()
        let tag = try tagObject(try call.json())
        let name = try checkTagName(tag["name"]?.stringValue)
        let userTags = state.tags.filter { !SandboxRules.reservedTagIDs.contains($0.id) }
        guard userTags.count < SandboxRules.tagsPerAccountMax else { throw WeChatError(45056) }
        let id = max(99, state.tags.map(\.id).max() ?? 99) + 1
        state.tags.append(SandboxState.Tag(id: id, name: name))
        return .json(["tag": ["id": .int(Int64(id)), "name": .string(name)]])
    }

    func existingTagIndex(_ raw: JSONValue?) throws -> Int {
        guard let id = raw?.intValue else { throw WeChatError(45159) }
        if SandboxRules.reservedTagIDs.contains(Int(id)) { throw WeChatError(45058) }
        guard let i = state.tags.firstIndex(where: { $0.id == Int(id) }) else { throw WeChatError(45159) }
        return i
    }

    func updateTag(_ call: inout APICall) throws -> APIResult {
        try requireVerified()
        let tag = try tagObject(try call.json())
        let i = try existingTagIndex(tag["id"])
        state.tags[i].name = try checkTagName(tag["name"]?.stringValue, excluding: state.tags[i].id)
        return .json(["errcode": 0, "errmsg": "ok"])
    }

    func deleteTag(_ call: inout APICall) throws -> APIResult {
        try requireVerified()
        let tag = try tagObject(try call.json())
        let i = try existingTagIndex(tag["id"])
        let id = state.tags[i].id
        guard memberCount(id) <= SandboxRules.tagFansDeleteMax else { throw WeChatError(45057) }
        state.tags.remove(at: i)
        for f in state.followers.indices { state.followers[f].tagIDs.removeAll { $0 == id } }
        return .json(["errcode": 0, "errmsg": "ok"])
    }

    /// ≤ 50 OpenIDs (40032), a known tag (45159), followers only (40003), ≤ 20 tags per follower (45059).
    /// All-or-nothing: nothing changes when any OpenID is refused.
    func tagMembers(_ call: inout APICall, tagging: Bool) throws -> APIResult {
        try requireVerified()
        let body = try call.json()
        guard let list = body["openid_list"]?.arrayValue, !list.isEmpty, list.count <= SandboxRules.openIDsPerTagBatchMax else {
            throw WeChatError(40032)
        }
        guard let tagID = body["tagid"]?.intValue.map(Int.init), tagID != 0, tagID != 1, state.tags.contains(where: { $0.id == tagID }) else {
            throw WeChatError(45159)
        }
        var index: [String: Int] = [:]
        for (i, f) in state.followers.enumerated() { index[f.openID] = i }
        var targets: [Int] = []
        for item in list {
            guard let id = item.stringValue, let i = index[id] else { throw WeChatError(40003) }
            targets.append(i)
        }
        if tagging {
            for i in targets where !state.followers[i].tagIDs.contains(tagID) {
                guard state.followers[i].tagIDs.count < SandboxRules.tagsPerFollowerMax else { throw WeChatError(45059) }
            }
            for i in targets where !state.followers[i].tagIDs.contains(tagID) { state.followers[i].tagIDs.append(tagID) }
        } else {
            for i in targets { state.followers[i].tagIDs.removeAll { $0 == tagID } }
        }
        return .json(["errcode": 0, "errmsg": "ok"])
    }

    /// A page of OpenIDs after `next`: `next_openid` is the last one returned; an empty page
    /// omits `data` and returns an empty `next_openid`.
    func page(_ ids: [String], after next: String?) -> (count: Int, data: [String], next: String) {
        var start = 0
        if let next, !next.isEmpty, let i = ids.firstIndex(of: next) { start = i + 1 }
        let slice = Array(ids[min(start, ids.count)...].prefix(SandboxRules.followersPerPage))
        return (slice.count, slice, slice.last ?? "")
    }

    func pageJSON(total: Int?, _ p: (count: Int, data: [String], next: String)) -> JSONValue {
        var pairs: [(String, JSONValue)] = []
        if let total { pairs.append(("total", .int(Int64(total)))) }
        pairs.append(("count", .int(Int64(p.count))))
        if !p.data.isEmpty { pairs.append(("data", ["openid": .array(p.data.map { .string($0) })])) }
        pairs.append(("next_openid", .string(p.next)))
        return .object(pairs)
    }

    func tagFollowers(_ call: inout APICall) throws -> APIResult {
        try requireVerified()
        let body = try call.json()
        guard let tagID = body["tagid"]?.intValue.map(Int.init), state.tags.contains(where: { $0.id == tagID }) else { throw WeChatError(45159) }
        let members = state.followers.filter { $0.tagIDs.contains(tagID) }.map(\.openID)
        let next = body["next_openid"]?.stringValue
        if let next, !next.isEmpty, !members.contains(next) { throw WeChatError(40003) }
        return .json(pageJSON(total: nil, page(members, after: next)))
    }

    func getFollowers(_ call: inout APICall) throws -> APIResult {
        try requireVerified()
        let ids = state.followers.map(\.openID)
        let next = call.request.query["next_openid"]
        if let next, !next.isEmpty, !ids.contains(next) { throw WeChatError(40003) }
        return .json(pageJSON(total: ids.count, page(ids, after: next)))
    }

    /// The post-2021 shape: no nickname, avatar, sex or city.
    func getUserInfo(_ call: inout APICall) throws -> APIResult {
        try requireVerified()
        guard let openID = call.request.query["openid"], let f = state.followers.first(where: { $0.openID == openID }) else {
            throw WeChatError(40003)
        }
        return .json([
            "subscribe": 1, "openid": .string(f.openID), "language": "zh_CN", "subscribe_time": .int(f.subscribeTime), "remark": "",
            "groupid": 0, "tagid_list": .array(f.tagIDs.map { .int(Int64($0)) }),
            "subscribe_scene": "ADD_SCENE_SEARCH", "qr_scene": 0, "qr_scene_str": "",
        ])
    }

    func getAPIQuota(_ call: inout APICall) throws -> APIResult {
        let body = try call.json()
        guard let path = body["cgi_path"]?.stringValue, path.hasPrefix("/") else { throw WeChatError(76003) }
        guard let endpoint = SandboxRules.byPath[path] else { throw WeChatError(76021) }
        let used = state.dailyCalls["\(SandboxTime.beijingDay(call.now)):\(endpoint.quotaKey)", default: 0]
        return .json([
            "errcode": 0, "errmsg": "ok",
            "quota": ["daily_limit": .int(Int64(endpoint.dailyLimit)), "used": .int(Int64(used)), "remain": .int(Int64(max(0, endpoint.dailyLimit - used)))],
            "rate_limit": ["call_count": .int(Int64(endpoint.minuteLimit)), "refresh_second": .int(endpoint.minuteLimit > 0 ? 60 : 0)],
            "component_rate_limit": ["call_count": 0, "refresh_second": 0],
        ])
    }
}

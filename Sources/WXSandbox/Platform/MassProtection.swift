import Foundation

/// API mass-send protection (API群发保护, wechat-api.md §4.1): with it on, a sendall to all
/// followers waits for the administrator's confirmation and fails when it is refused or nobody
/// confirms within 30 minutes. The reference lists 89505 群发进入管理员确认流程 and 89504
/// 群发仍在审批流程中 without saying when each is returned; the sandbox answers the first request
/// 89505, a repeat (same clientmsgid or content) while it waits 89504, and once confirmed the
/// send is a broadcast like any other (a repeat gets 45065 + msg_id). A refused or expired
/// request sends nothing and keeps the draft; asking again starts a new confirmation.
extension SandboxEngine {
    static let confirmationWindow: TimeInterval = 30 * 60

    func awaitConfirmation(clientMsgID: String?, key: String, mediaID: String, now: Date) throws {
        expireConfirmations(now: now)
        var list = state.confirmations ?? []
        if list.contains(where: { $0.dedupKey == key && $0.state == .pending }) { throw WeChatError(89504) }
        list.append(SandboxState.Confirmation(clientMsgID: clientMsgID, dedupKey: key, mediaID: mediaID, requestedAt: now, state: .pending))
        state.confirmations = list
        throw WeChatError(89505)
    }

    func expireConfirmations(now: Date) {
        guard var list = state.confirmations else { return }
        for i in list.indices where list[i].state == .pending && now >= list[i].requestedAt.addingTimeInterval(Self.confirmationWindow) {
            list[i].state = .expired
        }
        state.confirmations = list
    }

    /// The administrator's decision on every waiting request: confirmed ones go out now (their
    /// draft is consumed), refused ones send nothing. Returns the msg_ids of the sends made.
    func settleConfirmations(confirm: Bool, now: Date) -> [Int64] {
        expireConfirmations(now: now)
        guard var list = state.confirmations else { return [] }
        var sent: [Int64] = []
        for i in list.indices where list[i].state == .pending {
            guard confirm, let d = draftIndex(list[i].mediaID) else {
                list[i].state = .rejected
                continue
            }
            let titles = state.drafts[d].articles.map(\.title)
            let content = MassContent(msgtype: "mpnews", mediaID: list[i].mediaID, draftIndex: d, titles: titles, articleCount: titles.count)
            let answer = recordBroadcast(
                endpoint: "sendall", content: content, clientMsgID: list[i].clientMsgID, dedupKey: list[i].dedupKey, isToAll: true, tagID: nil,
                touser: nil, audience: state.followers.map(\.openID), now: now)
            list[i].state = .confirmed
            list[i].msgID = answer["msg_id"]?.intValue
            if let id = list[i].msgID { sent.append(id) }
        }
        state.confirmations = list
        persist()
        return sent
    }
}

import Foundation
import WXAPI
import WXSupport

/// `wxpub status`: asks WeChat how the sends in the journal are doing (mass/get for broadcasts,
/// freepublish/get for publish jobs) and writes the answers back into the journal's `status`.
public final class StatusChecker: @unchecked Sendable {
    public let account: String
    let client: WeChatClient
    let store: StateStore
    let clock: any WXSupport.Clock

    public init(account: String, client: WeChatClient, store: StateStore, clock: any WXSupport.Clock = SystemClock()) {
        self.account = account
        self.client = client
        self.store = store
        self.clock = clock
    }

    /// One line of the status table.
    public struct Row: Sendable, Equatable {
        public enum Kind: String, Sendable { case broadcast, publish }
        public var kind: Kind
        /// The msg_id (broadcast) or publish_id (publish).
        public var id: String
        /// nil for an id that is not in the journal.
        public var clientMsgID: String?
        public var titles: [String]
        public var audience: String?
        /// What the journal said before this check.
        public var previousStatus: String?
        /// `SEND_SUCCESS`, `SENDING`, … or for publish jobs `PUBLISHED`, `PUBLISHING`, `FAILED`, …
        public var status: String?
        /// Why the status could not be fetched.
        public var error: String?
        /// For a broadcast or job that needs a human (failed, waiting for confirmation, deleted):
        /// the platform's reason and what to do.
        public var advice: DeliveryAdvice?
        /// Articles taken back with `wxpub retract` (0: all of them), from the journal.
        public var retractedArticles: [Int]? = nil
    }

    /// Every sent broadcast and publish job of this account in the journal, or only those whose
    /// msg_id / publish_id is in `ids` (ids the journal does not know are asked about as msg_ids).
    public func refresh(ids: [String] = []) async throws -> [Row] {
        let lock = try Publisher.takeLock(store)
        defer { withExtendedLifetime(lock) {} }
        var journal = try Journal.load(from: store)
        let entries = journal.entries.values
            .filter { $0.account == account && $0.step == .sent && ($0.msgID != nil || $0.publishID != nil) }
            .sorted { ($0.createdAt, Self.numeric($0.msgID ?? $0.publishID), $0.clientMsgID) < ($1.createdAt, Self.numeric($1.msgID ?? $1.publishID), $1.clientMsgID) }
        var rows: [Row] = []
        var known = Set<String>()
        for entry in entries {
            let id = entry.msgID ?? entry.publishID!
            known.insert(id)
            if !ids.isEmpty && !ids.contains(id) { continue }
            var row = Row(
                kind: entry.msgID != nil ? .broadcast : .publish, id: id, clientMsgID: entry.clientMsgID, titles: entry.titles,
                audience: entry.audience, previousStatus: entry.status)
            row.retractedArticles = entry.retractedArticles
            do {
                (row.status, row.advice) = try await status(of: row.kind, id: id, titles: entry.titles)
                if row.status != entry.status {
                    journal.entries[entry.clientMsgID]?.status = row.status
                    journal.entries[entry.clientMsgID]?.updatedAt = clock.now()
                    try journal.save(to: store)
                }
            } catch let error as WeChatAPIError {
                row.error = error.description
            }
            rows.append(row)
        }
        // Sends the platform cannot be asked about: waiting for the administrator (no msg_id yet),
        // or delivered by an attempt whose answer was lost (msg_id unknown). Read from the journal.
        if ids.isEmpty {
            let local = journal.entries.values
                .filter { $0.account == account && ($0.status == SendAnswers.awaitingConfirmation || $0.status == SendAnswers.deliveredWithoutMsgID) }
                .sorted { ($0.createdAt, $0.clientMsgID) < ($1.createdAt, $1.clientMsgID) }
            for entry in local where entry.msgID == nil {
                var row = Row(kind: .broadcast, id: "-", clientMsgID: entry.clientMsgID, titles: entry.titles, audience: entry.audience,
                              previousStatus: entry.status, status: entry.status)
                if entry.status == SendAnswers.awaitingConfirmation {
                    row.advice = DeliveryAdvice(
                        reason: "the send to all followers waits for the administrator's confirmation (API群发保护); since \(BeijingTime.text(entry.updatedAt)) Beijing time",
                        fix: "ask the administrator to confirm it in WeChat within 30 minutes of that time, then run wxpub publish to record the send; unconfirmed, nothing is sent and the next wxpub publish asks again")
                } else {
                    row.advice = DeliveryAdvice(
                        reason: "delivered by an attempt whose answer was lost (WeChat answered the retry 40007: that send consumed the draft); the msg_id is unknown",
                        fix: "nothing to do: it is recorded as sent and never sent again; 公众平台 → 已群发 shows it")
                }
                rows.append(row)
            }
        }
        for id in ids where !known.contains(id) {
            var row = Row(kind: .broadcast, id: id, clientMsgID: nil, titles: [], audience: nil, previousStatus: nil)
            do {
                (row.status, row.advice) = try await status(of: .broadcast, id: id, titles: [])
            } catch let error as WeChatAPIError {
                row.error = error.description
            }
            rows.append(row)
        }
        return rows
    }

    /// Ids are numbers on the platform: order them as numbers.
    static func numeric(_ id: String?) -> Int64 { id.flatMap { Int64($0) } ?? Int64.max }

    private func status(of kind: Row.Kind, id: String, titles: [String]) async throws -> (String, DeliveryAdvice?) {
        switch kind {
        case .broadcast:
            let status = try await client.massStatus(msgID: id).status
            return (status, DeliveryAdvice.massStatus(status))
        case .publish:
            let status = try await client.getPublishStatus(publishID: id)
            return (Self.publishStatusText(status), DeliveryAdvice.publishStatus(status, titles: titles))
        }
    }

    static func publishStatusText(_ status: PublishStatus) -> String {
        switch status.state {
        case .success?: return "PUBLISHED"
        case .publishing?: return "PUBLISHING"
        case .originalityCheckFailed?: return "ORIGINALITY_CHECK_FAILED"
        case .failed?: return "FAILED"
        case .auditRejected?: return "AUDIT_REJECTED"
        case .deletedByUser?: return "DELETED"
        case .bannedBySystem?: return "BANNED"
        case nil: return "STATUS_\(status.statusCode)"
        }
    }
}

import Foundation
import WXAPI

/// Answers to a mass send that are neither "sent" nor "failed", and how the journal records
/// them. The send step asks `verdict` before anything else, so these never fall into the
/// generic paths (which could resend or give up on a broadcast that went out).
enum SendAnswers {
    /// Journal `status` of an all-follower send held by API mass-send protection (API群发保护).
    static let awaitingConfirmation = "AWAITING_CONFIRMATION"
    /// Journal `status` of a send that went out with an attempt whose answer was lost, known only
    /// because WeChat answered the retry 40007 (that attempt consumed the draft).
    static let deliveredWithoutMsgID = "SENT_MSG_ID_UNKNOWN"

    /// What the journal entry becomes, and what the run reports.
    struct Verdict: Error, Equatable {
        var step: Journal.Step
        var status: String
        var note: String
        /// The outcome the run reports for this broadcast.
        var result: Publisher.Outcome.Result
    }

    /// - Parameter stepBefore: the entry's step before this send began (`sending` when an earlier
    ///   run may have sent it).
    static func verdict(_ error: WeChatAPIError, stepBefore: Journal.Step, now: Date) -> Verdict? {
        switch error.errcode {
        case 89505?, 89504?:
            let asked = error.errcode == 89505 ? "asked at \(BeijingTime.text(now)) Beijing time" : "asked earlier"
            let note = "waiting for the administrator's confirmation (API群发保护, \(error.errcode!)), \(asked): ask the administrator to confirm it in WeChat within 30 minutes, then run wxpub publish again to record the send; if nobody confirms, nothing is sent and the next run asks again"
            return Verdict(step: .sending, status: awaitingConfirmation, note: note, result: .deferred(note))
        case 40007? where stepBefore >= .sending || error.earlierAttemptMayHaveBeenApplied:
            let note = "delivered by an earlier attempt whose answer was lost: WeChat answered the retry 40007 because that send consumed the draft; recorded as sent with an unknown msg_id and never sent again (公众平台 → 已群发 shows it)"
            return Verdict(step: .sent, status: deliveredWithoutMsgID, note: note, result: .skipped(note))
        default:
            return nil
        }
    }
}

/// Beijing wall-clock text for notes (`2026-11-25 10:00:00`); a fixed UTC+8 needs no tzdata.
enum BeijingTime {
    static func text(_ date: Date) -> String {
        let style = Date.ISO8601FormatStyle(dateSeparator: .dash, dateTimeSeparator: .space, timeSeparator: .colon, timeZoneSeparator: .omitted,
                                            includingFractionalSeconds: false, timeZone: TimeZone(secondsFromGMT: 8 * 3600)!)
        return String(style.format(date).prefix(19))
    }
}

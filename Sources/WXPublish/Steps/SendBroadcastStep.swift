import Foundation
import WXAPI

/// `message/mass/sendall` of the entry's draft with the entry's clientmsgid. Marked `sending`
/// first, and the clientmsgid never changes afterwards: a repeat within 24 hours answers 45065
/// with the original msg_id. A refusal on the first attempt leaves a live, unsent draft; a
/// quota refusal (45028) defers it to the next window instead of failing.
struct SendBroadcastStep: PublishStep {
    let name = "sending"
    let marker: Journal.Step? = .sending

    func run(_ context: StepContext) async throws -> StepOutcome {
        let entry = context.entry
        let draftID = try StepRules.draftID(of: entry)
        let firstAttempt = context.before < .sending
        let audience = try await context.audience(entry.group, entry.audience)
        let result: MassSendResult
        do {
            result = try await context.client.massSendAll(audience: audience, message: .mpnews(mediaID: draftID), clientMsgID: entry.clientMsgID)
        } catch let error as WeChatAPIError where SendAnswers.verdict(error, stepBefore: context.before, now: context.now) != nil {
            // Awaiting the administrator, or delivered by a lost attempt: recorded, never resent blindly.
            let verdict = SendAnswers.verdict(error, stepBefore: context.before, now: context.now)!
            return StepOutcome(change: {
                $0.step = verdict.step
                $0.status = verdict.status
                $0.lastError = verdict.step == .sent ? nil : verdict.note
            }, result: verdict.result)
        } catch let error as WeChatAPIError where firstAttempt && error.errcode == 45028 {
            let note = "WeChat refused the send: the broadcast quota of window \(entry.window) is used up (45028, perhaps by sends made outside wxpub); the draft is kept and goes out in window \(context.nextWindow)"
            return StepOutcome(change: {
                $0.step = .draftAdded
                $0.lastError = note
            }, hook: false, result: .deferred(note))
        } catch let error as WeChatAPIError where firstAttempt && StepRules.surelyRefused(error) {
            throw StepRefused(revertTo: .draftAdded, error: error)
        }
        return StepOutcome(change: {
            $0.msgID = result.msgID
            $0.msgDataID = result.msgDataID ?? $0.msgDataID
            $0.status = "SENDING"
            $0.step = .sent
            $0.lastError = nil
        }, result: .sent(msgID: result.msgID, confirmedEarlier: result.wasAlreadySent))
    }
}

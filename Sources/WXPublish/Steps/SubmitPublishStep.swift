import Foundation
import WXAPI

/// `freepublish/submit` of the entry's draft (publish without a push). Marked `sending` first;
/// freepublish has no idempotency key, so an interrupted submit is settled by
/// `SettleInterruptedSendStep` (a consumed draft means it went through), never submitted twice.
struct SubmitPublishStep: PublishStep {
    let name = "submitting publish"
    let marker: Journal.Step? = .sending

    func run(_ context: StepContext) async throws -> StepOutcome {
        let draftID = try StepRules.draftID(of: context.entry)
        let submission: PublishSubmission
        do {
            submission = try await context.client.submitPublish(mediaID: draftID)
        } catch let error as WeChatAPIError where StepRules.surelyRefused(error) {
            throw StepRefused(revertTo: .draftAdded, error: error)
        }
        return StepOutcome(change: {
            $0.publishID = submission.publishID
            $0.msgDataID = submission.msgDataID ?? $0.msgDataID
            $0.step = .sent
            $0.lastError = nil
        }, result: .published(publishID: submission.publishID))
    }
}

import Foundation
import WXAPI

/// An entry a run left at `sending`: the call may or may not have reached WeChat. A broadcast is
/// sent again with the same clientmsgid (45065 confirms the original, so nothing goes out twice);
/// a publish is settled by its draft: consumed means the submit went through (its publish_id was
/// lost), live means it never arrived and the entry is an unsent draft again.
struct SettleInterruptedSendStep: PublishStep {
    let name = "settling an interrupted send"
    let marker: Journal.Step? = nil
    /// The entry is not in the current plan (its posts changed since): stop after settling.
    let orphan: Bool

    func run(_ context: StepContext) async throws -> StepOutcome {
        let entry = context.entry
        switch entry.mode {
        case .broadcast, .draft:
            // (A draft-mode entry never reaches `sending`; settle it as the broadcast it would be.)
            return try await SendBroadcastStep().run(context)
        case .publish:
            let draftID = try StepRules.draftID(of: entry)
            if try await StepRules.draftIsConsumed(draftID, client: context.client) {
                let note = "an earlier run submitted this draft (WeChat consumed it) but its publish_id was lost; see 公众平台 → 发表记录"
                return StepOutcome(change: {
                    $0.step = .sent
                    $0.status = "SUBMITTED"
                    $0.lastError = nil
                }, result: .skipped(note))
            }
            return StepOutcome(
                change: { $0.step = .draftAdded },
                result: orphan ? .skipped("the earlier version's submit never reached WeChat; its draft \(draftID) is kept") : nil)
        }
    }
}

import Foundation

/// Mode `draft`: the draft is left in the draft box for a human to finish. Terminal.
struct LeaveDraftStep: PublishStep {
    let name = "leaving the draft"
    let marker: Journal.Step? = nil

    func run(_ context: StepContext) async throws -> StepOutcome {
        let draftID = try StepRules.draftID(of: context.entry)
        return StepOutcome(change: { $0.step = .drafted }, result: .drafted(mediaID: draftID))
    }
}

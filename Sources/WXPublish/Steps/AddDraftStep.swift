import Foundation

/// `draft/add` with the uploaded URLs in place. Marked `adding_draft` first: a run that dies
/// during the call adds the draft again (an unused draft is harmless; a missing one is not).
struct AddDraftStep: PublishStep {
    let name = "adding draft"
    let marker: Journal.Step? = .addingDraft

    func run(_ context: StepContext) async throws -> StepOutcome {
        guard let uploaded = context.uploaded else { throw PublishError.missingCover(context.items.first?.post.path ?? context.entry.clientMsgID) }
        let draftID = try await context.client.addDraft(articles: MediaUploader.draftArticles(context.items, uploaded: uploaded))
        return StepOutcome(change: {
            $0.draftMediaID = draftID
            $0.step = .draftAdded
        })
    }
}

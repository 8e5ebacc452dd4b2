import Foundation
import WXAPI

/// `draft/add` with the uploaded URLs in place. Marked `adding_draft` first: a run that dies
/// during the call adds the draft again (an unused draft is harmless; a missing one is not).
struct AddDraftStep: PublishStep {
    let name = "adding draft"
    let marker: Journal.Step? = .addingDraft

    func run(_ context: StepContext) async throws -> StepOutcome {
        guard let uploaded = context.uploaded else { throw PublishError.missingCover(context.items.first?.post.path ?? context.entry.clientMsgID) }
        let articles = MediaUploader.draftArticles(context.items, uploaded: uploaded)
        let draftID: String
        do {
            draftID = try await context.client.addDraft(articles: articles)
        } catch let error as WeChatAPIError {
            // 45166 / 88000 name the posts and the likely cause.
            throw DraftRefusal.explain(error, posts: zip(context.items, articles).map { ($0.post.path, $1) })
        }
        return StepOutcome(change: {
            $0.draftMediaID = draftID
            $0.step = .draftAdded
        })
    }
}

import Foundation

/// Uploads every image and cover of the entry's posts through the media cache: each distinct
/// file once, ever. Runs again (cheaply, from the cache) on a rerun before the draft exists,
/// because the draft needs the uploaded URLs.
struct UploadMediaStep: PublishStep {
    let name = "uploading media"
    let marker: Journal.Step? = nil

    func run(_ context: StepContext) async throws -> StepOutcome {
        let uploaded = try await context.uploader.upload(context.items)
        var outcome = StepOutcome(hook: false, uploaded: uploaded, uploads: uploaded.uploads)
        if context.entry.step < .mediaUploaded {
            outcome.change = { $0.step = .mediaUploaded }
            outcome.hook = true
        }
        return outcome
    }
}

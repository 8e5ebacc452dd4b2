import Foundation
import WXAPI
import WXContent

/// One named step of publishing a journal entry (upload media, add draft, send…). A step makes
/// at most one kind of remote call and says what to write to the journal; the publisher's single
/// loop picks the next step from the entry's journal step, writes the step's marker before the call
/// and its change after it, and calls the test hook after each write.
protocol PublishStep: Sendable {
    /// The name progress output shows (`uploading media`, `sending`).
    var name: String { get }
    /// Written (and hooked) before the remote call: what a run that dies during the call finds.
    var marker: Journal.Step? { get }
    func run(_ context: StepContext) async throws -> StepOutcome
}

/// What a step may read: the entry as the journal has it, the posts it carries (none when settling
/// an entry the plan no longer names), and the run's shared services.
struct StepContext: Sendable {
    /// The entry as the journal has it (its step is the marker, when the step has one).
    var entry: Journal.Entry
    /// The entry's step before the marker was written: `sending` here means an earlier run may
    /// already have made the call.
    var before: Journal.Step
    var items: [CompiledPost]
    /// What the media step uploaded earlier in this run, for the draft step.
    var uploaded: MediaUploader.Uploaded?
    var client: WeChatClient
    var uploader: MediaUploader
    /// Resolves the entry's audience to a send target (tag names are looked up once a run).
    var audience: @Sendable (_ group: String, _ audience: String) async throws -> MassAudience
    /// The quota window after the current one, for the note of a deferred send.
    var nextWindow: String
    /// The run's clock reading when the step started (for notes that say when something was asked).
    var now: Date
}

/// What a step did.
struct StepOutcome: Sendable {
    /// Written to the journal after the call.
    var change: (@Sendable (inout Journal.Entry) -> Void)?
    /// Whether the write after the call is a kill point (the test hook runs).
    var hook = true
    /// Set when this run is done with the entry.
    var result: Publisher.Outcome.Result?
    var uploaded: MediaUploader.Uploaded?
    var uploads = 0
}

/// The platform surely refused the call (nothing was carried out): the loop writes the entry back
/// to `revertTo` (a send refused on its first attempt leaves a live, unsent draft) and rethrows.
struct StepRefused: Error {
    var revertTo: Journal.Step
    var error: Error
}

enum StepRules {
    /// A platform answer (errcode) that is not "busy, try again", to a call no earlier attempt of
    /// which may have acted: the call was not carried out.
    static func surelyRefused(_ error: WeChatAPIError) -> Bool {
        error.errcode != nil && error.classification != .retryable && error.classification != .duplicate && !error.mayHaveBeenApplied
            && !error.earlierAttemptMayHaveBeenApplied
    }

    /// draft/get answers 40007 for a draft that was published (or deleted by hand).
    static func draftIsConsumed(_ mediaID: String, client: WeChatClient) async throws -> Bool {
        do {
            _ = try await client.getDraft(mediaID: mediaID)
            return false
        } catch let error as WeChatAPIError where error.errcode == 40007 {
            return true
        }
    }

    static func draftID(of entry: Journal.Entry) throws -> String {
        guard let id = entry.draftMediaID else { throw PublishError.missingDraft(entry.clientMsgID) }
        return id
    }
}

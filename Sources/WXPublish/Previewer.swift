import Foundation
import WXAPI
import WXSupport

/// `wxpub preview`: sends one post to one person's phone (mass/preview) through the same media
/// pipeline as `publish` — the same cache, so a preview's uploads serve the broadcast later — then
/// deletes the draft it added. No broadcast quota is used and the journal is not touched.
public final class Previewer: @unchecked Sendable {
    public let planner: Planner
    let client: WeChatClient
    let store: StateStore
    let clock: any WXSupport.Clock
    let fetcher: RemoteImageFetcher
    public var uploadConcurrency = 4
    public var progress: (@Sendable (Int, Int, String) -> Void)?

    public init(planner: Planner, client: WeChatClient, store: StateStore, clock: any WXSupport.Clock = SystemClock(), fetcher: RemoteImageFetcher? = nil) {
        self.planner = planner
        self.client = client
        self.store = store
        self.clock = clock
        self.fetcher = fetcher ?? RemoteImageFetcher(store: store)
    }

    public struct Result: Sendable, Equatable {
        public var recipient: PreviewRecipient
        /// The preview's msg_id, when WeChat gives one.
        public var msgID: String?
        /// The draft the preview was made from (deleted afterwards unless `draftDeleted` is false).
        public var draftMediaID: String
        public var draftDeleted: Bool
        /// Upload calls made (0 when every image was already in the media cache).
        public var uploads: Int
    }

    /// A 28-character OpenID (`[A-Za-z0-9_-]`) is sent as `touser`; anything else is taken for a
    /// WeChat ID (微信号, 6–20 characters) and sent as `towxname`.
    public static func recipient(_ text: String) -> PreviewRecipient {
        let scalars = text.unicodeScalars
        let looksLikeOpenID = scalars.count == 28 && scalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        }
        return looksLikeOpenID ? .openID(text) : .wxName(text)
    }

    /// Uploads what the media cache lacks, adds a draft, previews it to `recipient`, deletes the
    /// draft (also when the preview fails). Holds the state lock: a concurrent publish would
    /// write the same media cache.
    public func preview(_ post: CompiledPost, to recipient: PreviewRecipient) async throws -> Result {
        let lock = try Publisher.takeLock(store)
        defer { withExtendedLifetime(lock) {} }
        let uploader = MediaUploader(
            client: client, store: store, fetcher: fetcher, account: planner.account, root: planner.config.root, clock: clock,
            media: try MediaCache.load(from: store), concurrency: uploadConcurrency, afterWrite: nil, progress: progress)
        let uploaded = try await uploader.upload([post])
        let draftID = try await client.addDraft(articles: MediaUploader.draftArticles([post], uploaded: uploaded))
        let msgID: String?
        do {
            msgID = try await client.massPreview(to: recipient, message: .mpnews(mediaID: draftID))
        } catch {
            try? await client.deleteDraft(mediaID: draftID)
            throw error
        }
        var deleted = true
        do {
            try await client.deleteDraft(mediaID: draftID)
        } catch {
            deleted = false
        }
        return Result(recipient: recipient, msgID: msgID, draftMediaID: draftID, draftDeleted: deleted, uploads: uploaded.uploads)
    }
}

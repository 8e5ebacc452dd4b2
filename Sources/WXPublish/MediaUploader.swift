import Foundation
import WXAPI
import WXRender
import WXSupport

/// Uploads the images of a set of articles through the content-addressed media cache: body
/// images with `uploadimg` (for their URL), covers as permanent image materials (for their
/// media_id). Shared by `Publisher` and `Previewer`, so a preview's uploads serve the publish
/// later and the other way round.
final class MediaUploader: @unchecked Sendable {
    let client: WeChatClient
    let store: StateStore
    let fetcher: RemoteImageFetcher
    let account: String
    let root: URL
    let clock: any WXSupport.Clock
    /// At most this many uploads are in flight at once.
    let concurrency: Int
    /// Called after each media-cache write with a label; a test throws from it to simulate a crash.
    let afterWrite: ((String) throws -> Void)?
    let progress: (@Sendable (Int, Int, String) -> Void)?
    private(set) var media: MediaCache

    init(client: WeChatClient, store: StateStore, fetcher: RemoteImageFetcher, account: String, root: URL, clock: any WXSupport.Clock,
         media: MediaCache, concurrency: Int, afterWrite: ((String) throws -> Void)?, progress: (@Sendable (Int, Int, String) -> Void)?) {
        self.client = client
        self.store = store
        self.fetcher = fetcher
        self.account = account
        self.root = root
        self.clock = clock
        self.media = media
        self.concurrency = max(1, concurrency)
        self.afterWrite = afterWrite
        self.progress = progress
    }

    struct Uploaded: Sendable {
        /// `ArticleImage.source` → the URL uploadimg returned, for `content(replacingImageSources:)`.
        var sources: [String: String]
        /// Each article's cover media_id, in the order of the articles.
        var thumbs: [String]
        /// Upload calls made (0 when everything was cached).
        var uploads: Int
    }

    private struct Job: Sendable {
        var image: ArticleImage
        var kind: MediaCache.Kind
        var data: Data
        var sha256: String
    }

    func upload(_ items: [CompiledPost]) async throws -> Uploaded {
        var wanted: [(ArticleImage, MediaCache.Kind)] = []
        var seen = Set<String>()
        for item in items {
            for image in item.article.images where seen.insert("b|" + image.source).inserted { wanted.append((image, .bodyImage)) }
            if seen.insert("c|" + item.article.cover.source).inserted { wanted.append((item.article.cover, .coverMaterial)) }
        }
        var resolved: [String: MediaCache.Entry] = [:]  // "kind|source" → entry
        var pending: [Job] = []
        var queuedHashes = Set<String>()
        var sameBytes: [(ArticleImage, MediaCache.Kind, String)] = []  // a second source with bytes already queued
        for (image, kind) in wanted {
            let (data, sha) = try await bytes(of: image)
            if let entry = media.lookup(account: account, kind: kind, sha256: sha) {
                resolved["\(kind.rawValue)|\(image.source)"] = entry
            } else if !queuedHashes.insert("\(kind.rawValue):\(sha)").inserted {
                sameBytes.append((image, kind, sha))
            } else {
                pending.append(Job(image: image, kind: kind, data: data, sha256: sha))
            }
        }

        // A sliding window of `concurrency` uploads. Every finished upload is recorded at once, even
        // when another fails, so a run that stops part-way never repeats what already went up.
        var uploads = 0
        var firstError: Error?
        // A failed state write (or a simulated crash) stands for a dead process: nothing more is written.
        var writesStopped = false
        let client = self.client
        let now = clock.now()
        await withTaskGroup(of: (Job, Result<MediaCache.Entry, Error>).self) { group in
            var next = 0
            func launch() {
                let job = pending[next]
                next += 1
                group.addTask {
                    do {
                        return (job, .success(try await MediaUploader.send(job, client: client, now: now)))
                    } catch {
                        return (job, .failure(error))
                    }
                }
            }
            while next < pending.count && next < concurrency { launch() }
            while let (job, result) = await group.next() {
                switch result {
                case .success(let entry):
                    uploads += 1
                    guard !writesStopped else { break }
                    media.record(account: account, sha256: job.sha256, entry: entry)
                    resolved["\(job.kind.rawValue)|\(job.image.source)"] = entry
                    do {
                        try media.save(to: store)
                        try afterWrite?("media:\(job.kind.rawValue):\(job.sha256.prefix(12))")
                    } catch {
                        writesStopped = true
                        firstError = error
                    }
                    progress?(uploads, pending.count, "uploads")
                case .failure(let error):
                    if firstError == nil { firstError = error }
                }
                if firstError == nil && next < pending.count { launch() }
            }
        }
        if let firstError { throw firstError }
        for (image, kind, sha) in sameBytes {
            resolved["\(kind.rawValue)|\(image.source)"] = media.lookup(account: account, kind: kind, sha256: sha)
        }

        var sources: [String: String] = [:]
        for (image, kind) in wanted where kind == .bodyImage {
            if let url = resolved["\(kind.rawValue)|\(image.source)"]?.url { sources[image.source] = url }
        }
        let thumbs = try items.map { item -> String in
            guard let id = resolved["\(MediaCache.Kind.coverMaterial.rawValue)|\(item.article.cover.source)"]?.mediaID else {
                throw PublishError.missingCover(item.post.path)
            }
            return id
        }
        return Uploaded(sources: sources, thumbs: thumbs, uploads: uploads)
    }

    private static func send(_ job: Job, client: WeChatClient, now: Date) async throws -> MediaCache.Entry {
        let name = baseName(job.image.source)
        switch job.kind {
        case .bodyImage:
            let url = try await client.uploadImage(job.data, baseName: name)
            return MediaCache.Entry(kind: .bodyImage, url: url, mediaID: nil, bytes: job.data.count, source: job.image.source, uploadedAt: now)
        case .coverMaterial:
            let material = try await client.addMaterial(type: .image, file: try MediaFile.image(job.data, baseName: name))
            return MediaCache.Entry(
                kind: .coverMaterial, url: material.url, mediaID: material.mediaID, bytes: job.data.count, source: job.image.source, uploadedAt: now)
        }
    }

    private func bytes(of image: ArticleImage) async throws -> (Data, String) {
        if let url = image.url, image.path == nil {
            let data = try await fetcher.fetch(url)
            return (data, SHA256.hex(data))
        }
        guard let path = image.path, let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else {
            throw PublishError.unreadableImage(image.path ?? image.source)
        }
        let sha = SHA256.hex(data)
        if let expected = image.sha256, expected != sha { throw PublishError.imageChanged(image.path ?? image.source) }
        return (data, sha)
    }

    /// The platform's draft articles for `items`, image sources rewritten and covers attached.
    static func draftArticles(_ items: [CompiledPost], uploaded: Uploaded) -> [DraftArticle] {
        zip(items, uploaded.thumbs).map { item, thumb in
            DraftArticle(
                title: item.article.title, author: item.article.author.isEmpty ? nil : item.article.author,
                digest: items.count == 1 ? item.article.digest : nil,
                content: item.article.content(replacingImageSources: uploaded.sources),
                contentSourceURL: item.article.contentSourceURL.isEmpty ? nil : item.article.contentSourceURL,
                thumbMediaID: thumb, needOpenComment: item.article.needOpenComment, onlyFansCanComment: item.article.onlyFansCanComment)
        }
    }

    /// The file's stem (`content/images/cover.png` → `cover`); WXAPI makes it safe for the upload.
    static func baseName(_ source: String) -> String {
        let last = source.split(separator: "/").last.map(String.init) ?? "image"
        return last.split(separator: ".").first.map(String.init) ?? "image"
    }
}

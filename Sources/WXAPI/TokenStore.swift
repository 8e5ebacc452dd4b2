import Foundation
import WXSupport

/// Hands out access tokens from `stable_token` (normal mode only: force-refresh is limited to 20 a
/// day and would invalidate every other process's token), cached in memory and, when a state
/// folder is given, in `token.json` (mode 0600) shared by all wxpub processes under a file lock.
/// Tokens are refreshed 5 minutes before they expire, and once more when the API rejects one.
actor TokenStore {
    typealias Fetch = @Sendable () async throws -> AccessToken

    /// Entries are keyed by AppID and API base, so a sandbox token is never sent to the real API.
    let key: String
    let fileURL: URL?
    let clock: any WXSupport.Clock
    let refreshMargin: TimeInterval
    private let fetch: Fetch
    private var current: AccessToken?
    private var inflight: Task<AccessToken, Error>?

    init(key: String, stateDirectory: URL?, clock: any WXSupport.Clock, refreshMargin: TimeInterval = 300, fetch: @escaping Fetch) {
        self.key = key
        self.fileURL = stateDirectory?.appendingPathComponent("token.json")
        self.clock = clock
        self.refreshMargin = refreshMargin
        self.fetch = fetch
    }

    /// A token that is valid for at least `refreshMargin` more seconds (or freshly fetched).
    func token() async throws -> AccessToken {
        if let current, isFresh(current) { return current }
        return try await load(rejecting: nil)
    }

    /// Called when the API rejected `bad` (40001/40014/42001): never hands it out again.
    func refresh(rejecting bad: String) async throws -> AccessToken {
        if let current, current.value != bad, isFresh(current) { return current }
        if current?.value == bad { current = nil }
        return try await load(rejecting: bad)
    }

    /// Forgets the in-memory token (the file is left alone).
    func forget() { current = nil }

    private func isFresh(_ token: AccessToken) -> Bool {
        clock.now().addingTimeInterval(refreshMargin) < token.expiresAt
    }

    private func load(rejecting bad: String?) async throws -> AccessToken {
        if let inflight { return try await inflight.value }
        let task = Task { try await self.loadShared(rejecting: bad) }
        inflight = task
        defer { inflight = nil }
        let token = try await task.value
        current = token
        return token
    }

    /// Under the file lock: use the file's token if another process already refreshed it,
    /// otherwise ask the platform and write the answer back.
    private func loadShared(rejecting bad: String?) async throws -> AccessToken {
        guard let fileURL else { return try await fetch() }
        let lock = try await Self.acquireLock(path: fileURL.deletingLastPathComponent().appendingPathComponent("token.lock").path)
        defer { lock.unlock() }
        var cache = Self.read(fileURL)
        if let entry = cache.tokens[key], entry.accessToken != bad {
            let token = AccessToken(value: entry.accessToken, expiresAt: Date(timeIntervalSince1970: entry.expiresAt))
            if isFresh(token) { return token }
        }
        let token = try await fetch()
        let now = clock.now().timeIntervalSince1970
        cache.tokens = cache.tokens.filter { $0.value.expiresAt > now }
        cache.tokens[key] = TokenCacheFile.Entry(accessToken: token.value, expiresAt: token.expiresAt.timeIntervalSince1970)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try AtomicFile.write(try encoder.encode(cache), to: fileURL, mode: 0o600)
        return token
    }

    /// Polls a non-blocking flock so no thread of the cooperative pool sits blocked while another
    /// process (or client) refreshes.
    private static func acquireLock(path: String) async throws -> FileLock {
        let deadline = Date().addingTimeInterval(60)
        while true {
            do {
                return try FileLock(path: path, wait: false)
            } catch let busy as FileLock.Busy {
                if Date() > deadline { throw busy }
                try await Task.sleep(nanoseconds: 20_000_000)
            }
        }
    }

    static func read(_ url: URL) -> TokenCacheFile {
        guard let data = try? Data(contentsOf: url), let cache = try? JSONDecoder().decode(TokenCacheFile.self, from: data) else {
            return TokenCacheFile(tokens: [:])
        }
        return cache
    }
}

/// The on-disk shape of `token.json`: one entry per `appid@api_base`.
struct TokenCacheFile: Codable, Equatable {
    struct Entry: Codable, Equatable {
        var accessToken: String
        /// Seconds since 1970.
        var expiresAt: Double

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token"
            case expiresAt = "expires_at"
        }
    }

    var tokens: [String: Entry]
}

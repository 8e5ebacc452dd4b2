import Foundation
import XCTest
import WXSandbox
import WXSupport
@testable import WXAPI

/// Everything the client printed or threw during a test, for assertions and the redaction check.
final class Transcript: @unchecked Sendable {
    private let lock = NSLock()
    private var storedEvents: [WeChatLogEvent] = []
    private var storedSleeps: [TimeInterval] = []

    var events: [WeChatLogEvent] { lock.withLock { storedEvents } }
    var lines: [String] { events.map(\.description) }
    var sleeps: [TimeInterval] { lock.withLock { storedSleeps } }

    func record(_ event: WeChatLogEvent) { lock.withLock { storedEvents.append(event) } }
    func recordSleep(_ seconds: TimeInterval) { lock.withLock { storedSleeps.append(seconds) } }
}

/// The sandbox's own clock, so the client judges token expiry by the same time the server does.
struct SandboxServerClock: WXSupport.Clock {
    let server: SandboxServer
    func now() -> Date { server.now() }
}

/// An in-process sandbox on a free port with a frozen clock, and clients wired to it whose
/// waits between retries advance the sandbox clock instead of sleeping.
final class SandboxHarness {
    static let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    let server: SandboxServer
    let transcript = Transcript()
    let configuration: SandboxConfiguration

    init(accountType: SandboxAccountType = .subscription, followers: Int = 40, verified: Bool = true, tokenTTL: TimeInterval = 7200) throws {
        configuration = SandboxConfiguration(accountType: accountType, now: Self.start, clockFollowsRealTime: false, tokenTTL: tokenTTL, followerCount: followers,
                                             isVerified: verified)
        server = try SandboxServer(configuration: configuration)
        try server.start()
    }

    deinit { server.stop() }

    var credentials: WeChatCredentials { WeChatCredentials(appID: configuration.appID, secret: configuration.secret) }

    /// - Parameters:
    ///   - onSleep: runs at each wait between retries, after the sandbox clock moved on.
    func client(stateDirectory: URL? = nil, clock: (any WXSupport.Clock)? = nil, retry: RetryPolicy = RetryPolicy(maxAttempts: 4),
                onSleep: (@Sendable (TimeInterval) -> Void)? = nil) -> WeChatClient {
        let server = self.server
        let transcript = self.transcript
        return WeChatClient(
            credentials: credentials, baseURL: server.baseURL, transport: URLSessionTransport(timeout: 10), stateDirectory: stateDirectory,
            retryPolicy: retry, clock: clock ?? SandboxServerClock(server: server),
            sleeper: { seconds in
                transcript.recordSleep(seconds)
                server.advanceClock(by: seconds)
                onSleep?(seconds)
            },
            logger: { transcript.record($0) })
    }

    func ledger() -> SandboxLedger { server.ledger() }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wxapi-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

extension WeChatClient {
    /// A permanent cover for drafts in tests.
    func testCover() async throws -> String {
        try await addMaterial(type: .image, file: try MediaFile.image(SampleMedia.jpeg, baseName: "cover")).mediaID
    }

    func testDraft(title: String = "测试文章", cover: String) async throws -> String {
        try await addDraft(articles: [DraftArticle(title: title, author: "作者", digest: "摘要", content: "<p>你好，世界</p>", thumbMediaID: cover)])
    }
}

/// A minimal MP4 header (`ftyp` box), enough for the platform's format check.
let sampleMP4 = Data([0, 0, 0, 0x18] + Array("ftypmp42".utf8) + [0, 0, 0, 0] + Array("mp42isom".utf8))

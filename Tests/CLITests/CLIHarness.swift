import Foundation
import XCTest

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What one run of the real `wxpub` binary produced.
struct CLIResult: CustomStringConvertible {
    var stdout: String
    var stderr: String
    var status: Int32
    var all: String { stdout + "\n" + stderr }

    var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
}

/// Runs the `wxpub` executable that `swift build --build-tests` put beside the test bundle, in a
/// clean environment (no WXPUB_* variables leak in from the developer's shell).
enum WXPub {
    /// `.build/<triple>/debug/wxpub`, found from the test bundle's location.
    static let binary: URL? = {
        var folders: [URL] = []
        let bundle = Bundle.main.bundleURL
        folders += [bundle, bundle.deletingLastPathComponent()]
        if let exe = Bundle.main.executableURL { folders.append(exe.deletingLastPathComponent()) }
        if let arg0 = CommandLine.arguments.first { folders.append(URL(fileURLWithPath: arg0).deletingLastPathComponent()) }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        folders.append(package.appendingPathComponent(".build/debug"))
        for folder in folders {
            let candidate = folder.appendingPathComponent("wxpub")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        return nil
    }()

    static func executable() throws -> URL {
        guard let binary else {
            XCTFail("the wxpub executable is not beside the test bundle (\(Bundle.main.bundleURL.path)); build it with `swift build --build-tests`")
            throw CLITestError("no wxpub executable")
        }
        return binary
    }

    static func environment(_ overrides: [String: String?]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("WXPUB_") }
        for (key, value) in overrides { env[key] = value }
        return env
    }

    /// Runs `wxpub ARGS` in `cwd` and waits for it (killed after `timeout` seconds).
    @discardableResult
    static func run(_ args: [String], in cwd: URL? = nil, env: [String: String?] = [:], timeout: TimeInterval = 120) throws -> CLIResult {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = args
        process.environment = environment(env)
        if let cwd { process.currentDirectoryURL = cwd }
        // Files, not pipes: a chatty child can never block on a full pipe.
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("wxpub-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: capture) }
        let outURL = capture.appendingPathComponent("out"), errURL = capture.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                process.waitUntilExit()
                XCTFail("wxpub \(args.joined(separator: " ")) did not finish within \(Int(timeout)) s")
                break
            }
            usleep(20_000)
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        let result = CLIResult(
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
            status: process.terminationStatus)
        Transcript.shared.append(result)
        return result
    }
}

/// Every output captured in this test process, for the test that greps them all for secrets.
final class Transcript: @unchecked Sendable {
    static let shared = Transcript()
    private let lock = NSLock()
    private var texts: [String] = []

    func append(_ result: CLIResult) { append(result.all) }

    func append(_ text: String) {
        lock.lock()
        texts.append(text)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return texts
    }
}

struct CLITestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A site folder written from an inline `path → contents` description.
struct TestSite {
    let root: URL

    init(_ files: [String: String], binary: [String: Data] = [:]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("wxpub-site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (path, text) in files { try write(path, Data(text.utf8)) }
        for (path, data) in binary { try write(path, data) }
    }

    /// An empty folder (for `wxpub init`).
    static func empty() throws -> TestSite { try TestSite([:]) }

    func write(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    func read(_ path: String) throws -> Data { try Data(contentsOf: url(path)) }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// A 1×1 PNG: small enough to upload anywhere.
    static let pixelPNG = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC")!

    /// A minimal valid site: a subscription account, one due post with a cover, no theme files
    /// (the built-in default theme is used). `groups`: more lines under `groups:`.
    static func minimal(appID: String = "wx1234567890abcdef", groups: [String] = [], files extra: [String: String] = [:]) throws -> TestSite {
        var files = [
            "wxpub.yml": """
                account:
                  name: 测试号
                  type: subscription
                  appid: \(appID)
                timezone: Asia/Shanghai
                groups:
                  starred: 2

                """ + groups.map { "  \($0)\n" }.joined() + """
                defaults:
                  groups: [all]
                  cover: content/images/cover.png

                """,
            "content/posts/2024-05-01-first.md": """
                ---
                title: 第一篇
                digest: 用来测试命令行的文章。
                publish_at: 2024-05-01 08:00
                ---

                ## 小标题

                正文第一段，**加粗**和`代码`。

                """,
        ]
        for (k, v) in extra { files[k] = v }
        return try TestSite(files, binary: ["content/images/cover.png": pixelPNG])
    }
}

/// `wxpub sandbox` running as its own process, announced on stdout as `listening on URL`.
final class SandboxProcess {
    let process = Process()
    let baseURL: URL
    let appID: String
    let secret: String
    private let stdout = Pipe()
    private let stderrURL: URL

    /// `extra`: more `wxpub sandbox` options.
    init(appID: String = "wx1234567890abcdef", secret: String = "sandbox-secret-\(UUID().uuidString.prefix(8))", extra: [String] = []) throws {
        self.appID = appID
        self.secret = secret
        process.executableURL = try WXPub.executable()
        process.arguments = ["sandbox", "--port", "0", "--appid", appID, "--secret", secret] + extra
        process.environment = WXPub.environment([:])
        process.standardOutput = stdout
        stderrURL = FileManager.default.temporaryDirectory.appendingPathComponent("wxpub-sandbox-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var buffer = Data()
        let deadline = Date().addingTimeInterval(30)
        var found: URL?
        while found == nil {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty {
                if !process.isRunning || Date() > deadline { break }
                usleep(10_000)
                continue
            }
            buffer += chunk
            let text = String(decoding: buffer, as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("listening on ") }) {
                found = URL(string: String(line.dropFirst("listening on ".count)).trimmingCharacters(in: .whitespaces))
            }
        }
        guard let found else {
            process.terminate()
            throw CLITestError("wxpub sandbox did not announce `listening on`; it printed: \(String(decoding: buffer, as: UTF8.self))")
        }
        baseURL = found
    }

    /// Environment that points a site at this sandbox.
    var env: [String: String?] {
        ["WXPUB_API_BASE": baseURL.absoluteString, "WXPUB_APPID": appID, "WXPUB_APPSECRET": secret]
    }

    /// What the sandbox printed on stderr; kept in memory once it has stopped (its file is removed
    /// then: XCTest keeps every test case, and so its sandbox, alive to the end of the run).
    var stderr: String { stoppedStderr ?? (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }
    private var stoppedStderr: String?

    /// Sends SIGTERM and waits (up to 10 s) for the process to end; returns its exit status,
    /// or nil when it had to be killed.
    @discardableResult
    func stop() -> Int32? {
        if process.isRunning { process.terminate() }
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        let printed = stderr
        Transcript.shared.append(printed)
        stoppedStderr = printed
        try? FileManager.default.removeItem(at: stderrURL)
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: stderrURL)
    }

    /// `GET /__sandbox/ledger` as JSON.
    func ledger() async throws -> [String: Any] {
        let (data, _) = try await URLSession.shared.data(from: baseURL.appendingPathComponent("__sandbox/ledger"))
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw CLITestError("ledger is not a JSON object") }
        return json
    }
}

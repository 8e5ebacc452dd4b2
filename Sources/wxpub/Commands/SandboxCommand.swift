import Foundation
import WXSandbox
import WXSupport

/// `wxpub sandbox`: run the local WeChat API emulator until interrupted.
enum SandboxCommand {
    static let command = Command(
        name: "sandbox",
        abstract: "Run the local WeChat API sandbox (same paths, errors, limits and quotas) until interrupted.",
        discussion: """
            Point a site at it with WXPUB_API_BASE=http://127.0.0.1:PORT (and the same --appid/--secret in
            WXPUB_APPID/WXPUB_APPSECRET). Test hooks: GET /__sandbox/ledger, POST /__sandbox/clock, GET/POST /__sandbox/faults, POST /__sandbox/confirm, GET /__sandbox/events.
            """,
        options: [
            OptionSpec(name: "port", valueName: "N", help: "Port on 127.0.0.1; 0 picks a free one.", defaultDescription: "0"),
            OptionSpec(name: "account-type", valueName: "TYPE", help: "subscription or service.", defaultDescription: "subscription"),
            OptionSpec(name: "appid", valueName: "ID", help: "The AppID the sandbox accepts.", defaultDescription: SandboxConfiguration().appID),
            OptionSpec(name: "secret", valueName: "S", help: "The AppSecret the sandbox accepts.", defaultDescription: "a fixed sandbox secret"),
            OptionSpec(name: "data", valueName: "DIR", help: "Keep state in DIR across runs (an audience.json there replaces the demo audience).", defaultDescription: "in memory"),
            OptionSpec(name: "now", valueName: "ISO8601", help: "Start the sandbox clock at this time (no offset means Beijing time).", defaultDescription: "the real time"),
            OptionSpec(name: "latency-ms", valueName: "N", help: "Delay every API answer by N milliseconds.", defaultDescription: "0"),
            OptionSpec(name: "fail-rate", valueName: "R", help: "Answer this share of API calls with -1 system error.", defaultDescription: "0"),
            OptionSpec(
                name: "faults", valueName: "JSON",
                help: "Switch on platform faults, e.g. '{\"publish_status\":3,\"mass_protection\":true}' (the keys of POST /__sandbox/faults).",
                defaultDescription: "none"),
            OptionSpec(name: "token-ttl", valueName: "S", help: "Access token lifetime in seconds.", defaultDescription: "7200"),
            OptionSpec(name: "followers", valueName: "N", help: "Size of the demo audience.", defaultDescription: "1000"),
        ],
        run: { parsed, console in
            var configuration = SandboxConfiguration()
            if let port = try ArgumentParser.int(parsed, "port") {
                guard (0...65535).contains(port) else { throw UsageError(message: "--port must be between 0 and 65535") }
                configuration.port = port
            }
            if let type = parsed.value("account-type") {
                guard let t = SandboxAccountType(rawValue: type) else {
                    throw UsageError(message: "--account-type must be subscription or service, got \(type)")
                }
                configuration.accountType = t
            }
            if let appid = parsed.value("appid") { configuration.appID = appid }
            if let secret = parsed.value("secret") { configuration.secret = secret }
            if let dir = parsed.value("data") { configuration.dataDirectory = URL(fileURLWithPath: dir).standardizedFileURL }
            if let now = parsed.value("now") {
                guard let date = SandboxTime.parseISO8601(now) else {
                    throw UsageError(message: "--now must be an ISO 8601 time such as 2026-11-25T08:00:00+08:00, got \(now)")
                }
                configuration.now = date
            }
            if let ms = try ArgumentParser.int(parsed, "latency-ms") { configuration.latencyMilliseconds = max(0, ms) }
            if let rate = try ArgumentParser.double(parsed, "fail-rate") {
                guard (0...1).contains(rate) else { throw UsageError(message: "--fail-rate must be between 0 and 1") }
                configuration.failRate = rate
            }
            if let text = parsed.value("faults") {
                guard let json = try? JSONValue.parse(Data(text.utf8)) else {
                    throw UsageError(message: "--faults must be a JSON object such as '{\"fail_rate\":0.3}', got \(text)")
                }
                do {
                    try configuration.faults.apply(json)
                } catch {
                    throw UsageError(message: "--faults: \(error)")
                }
            }
            if let ttl = try ArgumentParser.int(parsed, "token-ttl") {
                guard ttl > 0 else { throw UsageError(message: "--token-ttl must be positive") }
                configuration.tokenTTL = TimeInterval(ttl)
            }
            if let n = try ArgumentParser.int(parsed, "followers") {
                guard n >= 0 else { throw UsageError(message: "--followers must not be negative") }
                configuration.followerCount = n
            }
            // Catch SIGINT/SIGTERM before announcing the port: a supervisor may signal at once.
            let termination = TerminationSignal()
            let server = try SandboxServer(configuration: configuration)
            let port = try server.start()
            console.out("listening on http://127.0.0.1:\(port)")
            console.err("account \(configuration.appID) (\(configuration.accountType.rawValue)); stop with Ctrl-C")
            await termination.wait()
            server.stop()
            console.err("sandbox stopped")
            return ExitCode.ok
        })
}

/// SIGINT and SIGTERM turned into an awaitable event. Installed on creation (the default action,
/// dying, is disabled from then on), so a signal that arrives before `wait()` is not lost.
final class TerminationSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var arrived = false
    private var continuation: CheckedContinuation<Void, Never>?

    init() {
        let queue = DispatchQueue(label: "wxpub.signals")
        var sources: [DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { [self] in fire() }
            source.resume()
            sources.append(source)
        }
        SignalSources.keep(sources)
    }

    private func fire() {
        lock.lock()
        arrived = true
        let waiting = continuation
        continuation = nil
        lock.unlock()
        waiting?.resume()
    }

    /// Returns once SIGINT or SIGTERM has arrived (at once if one already has).
    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            lock.lock()
            if arrived {
                lock.unlock()
                continuation.resume()
            } else {
                self.continuation = continuation
                lock.unlock()
            }
        }
    }
}

/// Keeps signal sources alive for the life of the process.
enum SignalSources {
    nonisolated(unsafe) static var sources: [DispatchSourceSignal] = []
    static func keep(_ new: [DispatchSourceSignal]) { sources += new }
}

import Foundation
import WXAPI
import WXPublish
import WXSupport

/// `--now T` on publish, schedule and status: plan and act as of T (simulations, tests, planning
/// ahead). Against a sandbox (in-process, or an API base on this machine) the sandbox's clock is
/// moved to T too, so its quota windows and the planner's agree.
enum TimeOptions {
    static let now = OptionSpec(
        name: "now", valueName: "TIME",
        help: "Act as of TIME, ISO 8601 with an offset (2027-03-01T21:00:00+08:00); a sandbox's clock is set to it too.",
        defaultDescription: "the current time")

    /// The moment `--now` names, or nil without it.
    static func parse(_ parsed: ParsedArguments) throws -> Date? {
        guard let text = parsed.value("now") else { return nil }
        guard let date = parseISO8601(text) else {
            throw UsageError(message: "--now `\(text)` is not an ISO 8601 date and time with an offset; write it like 2027-03-01T21:00:00+08:00 (or …Z for UTC)")
        }
        return date
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`; an offset is required, so the moment never depends on the machine's zone.
    static func parseISO8601(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    /// The clock a run uses: `--now` shifted to real speed, or the connection's own.
    static func clock(_ now: Date?, connection: AccountConnection) -> any WXSupport.Clock {
        guard let now else { return connection.clock }
        if connection.sandbox != nil { return connection.clock }
        return ShiftedClock(start: now)
    }

    /// Moves the sandbox's clock to `now`: directly for the in-process one, through
    /// `POST /__sandbox/clock` for one on this machine. The real API is never sent the hook.
    static func syncSandboxClock(_ now: Date?, connection: AccountConnection, console: Console) async {
        guard let now else { return }
        if let sandbox = connection.sandbox {
            sandbox.setClock(now)
            return
        }
        guard let base = URL(string: connection.apiBase), isLocal(base) else { return }
        let body = Data("{\"now\": \"\(ISO8601DateFormatter().string(from: now))\"}".utf8)
        let request = HTTPRequest(
            method: .post, url: base.appendingPathComponent("__sandbox/clock"), headers: ["Content-Type": "application/json"], body: body, timeout: 5)
        let shown = Redaction.redact(base.absoluteString)
        do {
            let response = try await URLSessionTransport().send(request)
            if response.status != 200 {
                console.err("warning: the sandbox at \(shown) did not accept the clock (HTTP \(response.status)); its quota windows may differ from --now")
            }
        } catch {
            console.err("warning: could not set the sandbox clock at \(shown): \(error)")
        }
    }

    /// A sandbox API base: loopback only, so `--now` never posts test hooks to a real host.
    static func isLocal(_ url: URL) -> Bool {
        guard url.scheme == "http", let host = url.host else { return false }
        return host == "127.0.0.1" || host == "localhost" || host == "::1" || host == "[::1]"
    }
}

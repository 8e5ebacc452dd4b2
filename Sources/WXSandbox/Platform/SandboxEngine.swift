import Foundation
import WXSupport

/// One `/cgi-bin/` call as a handler sees it.
struct APICall {
    let request: SandboxHTTPRequest
    let now: Date

    /// The JSON object body, with the platform's checks: empty → 44002, not JSON → 47001,
    /// `\uXXXX` escapes of non-ASCII characters → 40033.
    func json() throws -> JSONValue {
        guard !request.body.isEmpty else { throw WeChatError(44002) }
        var notes = JSONValue.ParseNotes()
        let value: JSONValue
        do {
            value = try JSONValue.parse(request.body, notes: &notes)
        } catch {
            throw WeChatError(47001)
        }
        if notes.escapedNonASCII { throw WeChatError(40033) }
        guard value.isObject else { throw WeChatError(47001) }
        return value
    }

    /// A JSON body that may be empty (treated as `{}`).
    func optionalJSON() throws -> JSONValue {
        request.body.isEmpty ? .object([]) : try json()
    }

    func multipart() throws -> [MultipartPart] {
        guard let type = request.header("content-type"), let boundary = Multipart.boundary(fromContentType: type) else {
            throw WeChatError(41005)
        }
        do {
            return try Multipart.parse(request.body, boundary: boundary)
        } catch {
            throw WeChatError(41005)
        }
    }
}

enum APIResult {
    case json(JSONValue)
    case bytes(Data, contentType: String, filename: String)
}

/// The emulated account: state, rules and handlers. Every method runs under `lock`, so handlers
/// are plain sequential code.
final class SandboxEngine: @unchecked Sendable {
    let configuration: SandboxConfiguration
    let clock: SandboxClock
    let lock = NSLock()
    var state = SandboxState()
    /// File bytes by SHA-256 (persisted as `blobs/<sha256>`).
    var blobs: [String: Data] = [:]
    var faults: SandboxFaults
    var baseURL = URL(string: "http://127.0.0.1:0")!
    private var persistError: String?
    /// Calls per quota key in the current clock minute (45011); not persisted.
    var minuteWindow: (minute: Int, counts: [String: Int]) = (0, [:])

    init(configuration: SandboxConfiguration) throws {
        self.configuration = configuration
        clock = SandboxClock(start: configuration.now, followsRealTime: configuration.clockFollowsRealTime)
        faults = configuration.faults
        if configuration.failRate > 0 { faults.failRate = configuration.failRate }
        if configuration.dropRate > 0 { faults.dropRate = configuration.dropRate }
        if configuration.latencyMilliseconds > 0 { faults.latencyMilliseconds = configuration.latencyMilliseconds }
        if let dir = configuration.dataDirectory, let data = try? Data(contentsOf: dir.appendingPathComponent("state.json")) {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .secondsSince1970
            do {
                state = try decoder.decode(SandboxState.self, from: data)
            } catch {
                throw StateError(description: "cannot read sandbox state \(dir.appendingPathComponent("state.json").path): \(error); move it away to start afresh")
            }
            let blobDir = dir.appendingPathComponent("blobs")
            for name in (try? FileManager.default.contentsOfDirectory(atPath: blobDir.path)) ?? [] where !name.hasPrefix(".") {
                blobs[name] = try? Data(contentsOf: blobDir.appendingPathComponent(name))
            }
        } else {
            var audience = SandboxState.demoAudience(appID: configuration.appID, count: configuration.followerCount)
            if let dir = configuration.dataDirectory,
                let data = try? Data(contentsOf: dir.appendingPathComponent("audience.json"))
            {
                do {
                    audience = try SandboxState.loadAudience(data, appID: configuration.appID)
                } catch {
                    throw StateError(description: "\(dir.appendingPathComponent("audience.json").path): \(error)")
                }
            }
            state.followers = audience.followers
            state.tags = audience.tags
        }
    }

    struct StateError: Error, CustomStringConvertible {
        let description: String
    }

    // MARK: Persistence

    func persist() {
        guard let dir = configuration.dataDirectory else { return }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        do {
            try AtomicFile.write(try encoder.encode(state), to: dir.appendingPathComponent("state.json"))
        } catch {
            persistError = "\(error)"
        }
    }

    func storeBlob(_ data: Data) -> String {
        let sha = SHA256.hex(data)
        if blobs[sha] == nil {
            blobs[sha] = data
            if let dir = configuration.dataDirectory {
                try? AtomicFile.write(data, to: dir.appendingPathComponent("blobs").appendingPathComponent(sha))
            }
        }
        return sha
    }

    // MARK: Identifiers

    /// A `rid` in the platform's `xxxxxxxx-xxxxxxxx-xxxxxxxx` form.
    func rid() -> String {
        func hex8() -> String {
            let v = UInt32.random(in: 0...UInt32.max)
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 8 - s.count) + s
        }
        return "\(hex8())-\(hex8())-\(hex8())"
    }

    /// An opaque id in the style of WeChat media ids (URL-safe, 64 characters, unique).
    func opaqueID(_ label: String) -> String {
        let serial = state.serial()
        let digest = SHA256.hex(Array("\(configuration.appID)/\(label)/\(serial)/\(UInt64.random(in: 0...UInt64.max))".utf8))
        return "\(label)_\(digest.prefix(40))\(serial)"
    }

    var baseURLString: String {
        var s = baseURL.absoluteString
        if s.hasSuffix("/") { s.removeLast() }
        return s
    }

    // MARK: Dispatch

    func errorBody(_ error: WeChatError) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("errcode", .int(Int64(error.code))), ("errmsg", .string("\(error.message) rid: \(rid())"))]
        pairs.append(contentsOf: error.extra)
        return .object(pairs)
    }

    /// Runs one `/cgi-bin/` call: counts it, checks method, token and daily quota, injects
    /// failures, runs the handler and saves the state.
    func handleAPI(_ request: SandboxHTTPRequest, endpoint: SandboxRules.Endpoint) -> SandboxHTTPResponse {
        lock.lock()
        defer { lock.unlock() }
        let now = clock.now()
        state.calls[endpoint.path, default: 0] += 1
        let result: APIResult
        do {
            if endpoint.method == .post && request.method != "POST" { throw WeChatError(43002) }
            if !faults.ipNotWhitelisted.isEmpty && (endpoint.path == "/cgi-bin/token" || endpoint.path == "/cgi-bin/stable_token") {
                let ip = faults.ipNotWhitelisted
                throw WeChatError(40164, "invalid ip \(ip) ipv6 ::ffff:\(ip), not in whitelist")
            }
            if endpoint.requiresToken { try checkAccessToken(request.query["access_token"], now: now) }
            // An API the account may not call answers HTTP 200 + 48001, like any platform error.
            if faults.unauthorizedPaths.contains(endpoint.path) { throw WeChatError(48001) }
            let dayKey = "\(SandboxTime.beijingDay(now)):\(endpoint.quotaKey)"
            let used = state.dailyCalls[dayKey, default: 0]
            if used >= (faults.dailyLimits[endpoint.path] ?? endpoint.dailyLimit) { throw WeChatError(45009) }
            state.dailyCalls[dayKey] = used + 1
            if state.dailyCalls.count > 1000 { pruneDailyCalls(now: now) }
            if endpoint.minuteLimit > 0 {
                let minute = Int((now.timeIntervalSince1970 / 60).rounded(.down))
                if minuteWindow.minute != minute { minuteWindow = (minute, [:]) }
                let inMinute = minuteWindow.counts[endpoint.quotaKey, default: 0]
                if inMinute >= endpoint.minuteLimit { throw WeChatError(45011) }
                minuteWindow.counts[endpoint.quotaKey] = inMinute + 1
            }
            if faults.failRate > 0 && Double.random(in: 0..<1) < faults.failRate { throw WeChatError(-1) }
            var call = APICall(request: request, now: now)
            result = try endpoint.handler(self, &call)
        } catch let error as WeChatError {
            persist()
            return errorResponse(error)
        } catch {
            persist()
            return errorResponse(WeChatError(-1))
        }
        persist()
        switch result {
        case .json(let value):
            return .json(value)
        case .bytes(let data, let contentType, let filename):
            return SandboxHTTPResponse(
                status: 200,
                headers: [("Content-Type", contentType), ("Content-Disposition", "attachment; filename=\"\(filename)\"")],
                body: data)
        }
    }

    /// An error body, as `text/plain` under the `text_plain_errors` fault.
    func errorResponse(_ error: WeChatError) -> SandboxHTTPResponse {
        var response = SandboxHTTPResponse.json(errorBody(error))
        if faults.plainTextErrors { response.headers = [("Content-Type", "text/plain")] }
        return response
    }

    func pruneDailyCalls(now: Date) {
        let today = SandboxTime.beijingDay(now)
        state.dailyCalls = state.dailyCalls.filter { key, _ in
            guard let day = Int(key.prefix(while: { $0 != ":" })) else { return false }
            return abs(day - today) <= 40
        }
    }

    // MARK: Access tokens

    func checkAccessToken(_ value: String?, now: Date) throws {
        guard let value, !value.isEmpty else { throw WeChatError(41001) }
        guard let token = state.tokens.last(where: { $0.value == value }) else { throw WeChatError(40001) }
        if let until = token.replacedUntil, now >= until { throw WeChatError(40001) }
        if now >= token.expiresAt { throw WeChatError(42001) }
    }

    func newTokenValue() -> String {
        // Real tokens are ~136 opaque characters; clients must store at least 512.
        var out = ""
        while out.count < 136 {
            out += SHA256.hex(Array("\(configuration.appID)/token/\(state.serial())/\(UInt64.random(in: 0...UInt64.max))".utf8))
        }
        return String(out.prefix(136)).uppercased()
    }

    func issueToken(kind: SandboxState.Token.Kind, now: Date) -> SandboxState.Token {
        let token = SandboxState.Token(
            value: newTokenValue(), kind: kind, issuedAt: now, expiresAt: now.addingTimeInterval(configuration.tokenTTL), replacedUntil: nil)
        state.tokens.append(token)
        // Keep the list short: drop tokens that can no longer be valid.
        if state.tokens.count > 64 {
            state.tokens.removeAll { t in
                t.expiresAt <= now || (t.replacedUntil.map { $0 <= now } ?? false)
            }
        }
        return token
    }

    /// `invalidate_tokens`: every token issued so far answers 40001 from now on.
    func invalidateTokens(now: Date) {
        for i in state.tokens.indices { state.tokens[i].replacedUntil = now }
    }
}

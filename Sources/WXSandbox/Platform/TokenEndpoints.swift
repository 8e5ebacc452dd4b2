import Foundation

/// §1: `token` (ordinary) and `stable_token`, isolated from each other.
extension SandboxEngine {
    func checkCredentials(grantType: String?, appID: String?, secret: String?) throws {
        guard grantType == "client_credential" else { throw WeChatError(40002) }
        guard let appID, !appID.isEmpty else { throw WeChatError(41002) }
        guard appID == configuration.appID else { throw WeChatError(40013) }
        guard let secret, !secret.isEmpty else { throw WeChatError(41004) }
        guard secret == configuration.secret else { throw WeChatError(40125) }
    }

    /// Each call issues a new ordinary token; earlier ordinary tokens stay valid for 5 minutes.
    func getAccessToken(_ call: inout APICall) throws -> APIResult {
        let q = call.request.query
        try checkCredentials(grantType: q["grant_type"], appID: q["appid"], secret: q["secret"])
        let overlapEnd = call.now.addingTimeInterval(SandboxRules.tokenOverlapSeconds)
        for i in state.tokens.indices where state.tokens[i].kind == .ordinary && state.tokens[i].replacedUntil == nil {
            state.tokens[i].replacedUntil = min(overlapEnd, state.tokens[i].expiresAt)
        }
        let token = issueToken(kind: .ordinary, now: call.now)
        return .json(["access_token": .string(token.value), "expires_in": .int(Int64(configuration.tokenTTL))])
    }

    /// Normal mode returns the current stable token with its remaining lifetime and renews it
    /// 5 minutes before expiry (the old one living out its time); `force_refresh` replaces it at
    /// once, at most 20 times a day and 30 s apart (otherwise the current token is returned).
    func getStableAccessToken(_ call: inout APICall) throws -> APIResult {
        let body = try call.json()
        try checkCredentials(grantType: body["grant_type"]?.stringValue, appID: body["appid"]?.stringValue, secret: body["secret"]?.stringValue)
        let force = body["force_refresh"]?.boolValue ?? false
        let now = call.now
        let current = state.tokens.lastIndex { t in
            t.kind == .stable && t.replacedUntil == nil && t.expiresAt > now
        }
        if force {
            let today = SandboxTime.beijingDay(now)
            let todays = state.stableForceRefreshes.filter { SandboxTime.beijingDay($0) == today }
            let spaced = state.stableForceRefreshes.last.map { now.timeIntervalSince($0) >= SandboxRules.stableForceRefreshSpacing } ?? true
            if todays.count < SandboxRules.stableForceRefreshPerDay && spaced {
                state.stableForceRefreshes = todays + [now]
                for i in state.tokens.indices where state.tokens[i].kind == .stable && state.tokens[i].replacedUntil == nil {
                    state.tokens[i].replacedUntil = now
                }
                let token = issueToken(kind: .stable, now: now)
                return .json(["access_token": .string(token.value), "expires_in": .int(Int64(configuration.tokenTTL))])
            }
        }
        if let i = current {
            let remaining = state.tokens[i].expiresAt.timeIntervalSince(now)
            if remaining > SandboxRules.tokenOverlapSeconds || configuration.tokenTTL <= SandboxRules.tokenOverlapSeconds {
                return .json(["access_token": .string(state.tokens[i].value), "expires_in": .int(Int64(remaining.rounded(.down)))])
            }
            // Renewal window: the old token keeps its own (short) remaining life.
            state.tokens[i].replacedUntil = state.tokens[i].expiresAt
        }
        let token = issueToken(kind: .stable, now: now)
        return .json(["access_token": .string(token.value), "expires_in": .int(Int64(configuration.tokenTTL))])
    }
}

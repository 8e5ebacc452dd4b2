import Foundation
import WXSupport

/// Resolves where the client points and with which account, from the site config's values and
/// the environment (`WXPUB_APPID`, `WXPUB_APPSECRET`, `WXPUB_API_BASE` override the config), so
/// one site can be aimed at the sandbox or another account without editing it. The config file
/// itself is read elsewhere; this only applies the precedence rules and checks the values.
public enum WeChatEnvironment {
    public static let appIDVariable = "WXPUB_APPID"
    public static let defaultSecretVariable = "WXPUB_APPSECRET"
    public static let apiBaseVariable = "WXPUB_API_BASE"

    /// - Parameters:
    ///   - configuredAppID: `appid` from wxpub.yml, if any.
    ///   - secretVariable: the env var the config names for the secret (default `WXPUB_APPSECRET`).
    ///   - secretFile: a file holding the secret, from the config; used when the variable is unset.
    public static func credentials(configuredAppID: String?, secretVariable: String = defaultSecretVariable, secretFile: String? = nil,
                                   environment: [String: String] = ProcessInfo.processInfo.environment) throws -> WeChatCredentials {
        let appID = nonEmpty(environment[appIDVariable]) ?? nonEmpty(configuredAppID)
        guard let appID else {
            throw WeChatAPIError.invalidInput(operation: "credentials", "no AppID is configured",
                                              fix: "set appid in wxpub.yml or the \(appIDVariable) environment variable")
        }
        if let secret = WeChatCredentials.secret(fromEnvironment: secretVariable, environment: environment) {
            return WeChatCredentials(appID: appID, secret: secret)
        }
        if secretVariable != defaultSecretVariable, let secret = WeChatCredentials.secret(fromEnvironment: defaultSecretVariable, environment: environment) {
            return WeChatCredentials(appID: appID, secret: secret)
        }
        if let secretFile {
            return WeChatCredentials(appID: appID, secret: try WeChatCredentials.secret(fromFile: secretFile))
        }
        throw WeChatAPIError.invalidInput(operation: "credentials", "no AppSecret is available for \(appID)",
                                          fix: "set the \(secretVariable) environment variable, or name a secret file in wxpub.yml")
    }

    /// `WXPUB_API_BASE`, else the config's `api_base`, else `https://api.weixin.qq.com`;
    /// must be an absolute http(s) URL without query or fragment.
    public static func baseURL(configured: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        let source = nonEmpty(environment[apiBaseVariable]) != nil ? apiBaseVariable : "api_base"
        guard let text = nonEmpty(environment[apiBaseVariable]) ?? nonEmpty(configured) else { return WeChatClient.defaultBaseURL }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty, components.query == nil, components.fragment == nil, let url = components.url else {
            throw WeChatAPIError.invalidInput(operation: "configuration", "\(source) \"\(Redaction.redact(text))\" is not an http(s) URL such as https://api.weixin.qq.com",
                                              fix: "write the API base as scheme://host[:port], e.g. http://127.0.0.1:8089 for the sandbox")
        }
        return url
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}

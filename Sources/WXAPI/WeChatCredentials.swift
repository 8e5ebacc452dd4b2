import Foundation
import WXSupport

/// The account's AppID and AppSecret. The secret never appears in `description`, so printing
/// the value (or an error holding it) cannot leak it.
public struct WeChatCredentials: Sendable, Equatable, CustomStringConvertible {
    public var appID: String
    public var secret: String

    public init(appID: String, secret: String) {
        self.appID = appID
        self.secret = secret
    }

    public var description: String { "WeChatCredentials(appID: \(appID), secret: REDACTED)" }

    /// Reads the secret from an environment variable (trailing whitespace trimmed).
    /// Returns nil when the variable is unset or empty.
    public static func secret(fromEnvironment name: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// Reads the secret from a file holding it on its first line; throws a readable error when
    /// the file is missing or empty.
    public static func secret(fromFile path: String) throws -> String {
        if let problem = SecretFileMode.problem(atPath: path) {
            throw WeChatAPIError.invalidInput(operation: "credentials", problem, fix: SecretFileMode.fix(forPath: path))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WeChatAPIError.invalidInput(operation: "credentials", "cannot read the AppSecret file \(path)",
                                              fix: "create it with the AppSecret on one line (mode 0600), or set WXPUB_APPSECRET")
        }
        let text = String(decoding: data, as: UTF8.self)
        let first = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard !first.isEmpty else {
            throw WeChatAPIError.invalidInput(operation: "credentials", "the AppSecret file \(path) is empty",
                                              fix: "write the AppSecret on its first line")
        }
        return first
    }
}

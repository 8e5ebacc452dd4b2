import Foundation
import WXSupport

/// An access token and the moment it stops working. `description` never shows the value.
public struct AccessToken: Sendable, Equatable, CustomStringConvertible {
    public var value: String
    public var expiresAt: Date

    public init(value: String, expiresAt: Date) {
        self.value = value
        self.expiresAt = expiresAt
    }

    public var description: String { "AccessToken(REDACTED, expires \(Int(expiresAt.timeIntervalSince1970)))" }
}

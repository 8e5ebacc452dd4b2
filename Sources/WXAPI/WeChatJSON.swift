import Foundation
import WXSupport

/// JSON as WeChat wants it: UTF-8 with non-ASCII text left literal (the platform answers 40033
/// to `\uXXXX` escapes), slashes unescaped, keys in a stable order.
public enum WeChatJSON {
    public static func encode<T: Encodable>(_ value: T, operation: String) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        let data = try encoder.encode(value)
        if let scalar = firstUnicodeEscape(in: data) {
            throw WeChatAPIError.invalidInput(
                operation: operation,
                String(format: "the request contains the control character U+%04X, which JSON can only carry as a \\u escape and WeChat rejects such escapes (errcode 40033)", scalar),
                fix: "remove the control character from the text (often a stray character pasted from another program)")
        }
        return data
    }

    /// Finds a `\uXXXX` escape in encoded JSON (not a literal backslash followed by `u`);
    /// returns the escaped code unit.
    static func firstUnicodeEscape(in data: Data) -> UInt32? {
        let bytes = [UInt8](data)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count {
                if bytes[i + 1] == UInt8(ascii: "u") {
                    let hex = String(decoding: bytes[(i + 2)..<min(i + 6, bytes.count)], as: UTF8.self)
                    return UInt32(hex, radix: 16) ?? 0
                }
                i += 2
                continue
            }
            i += 1
        }
        return nil
    }

    static func decoder() -> JSONDecoder { JSONDecoder() }
}

/// An identifier WeChat sends sometimes as a JSON number and sometimes as a string
/// (`publish_id`, `msg_id`); kept as text so neither form is lost.
struct FlexibleID: Codable, Sendable, Equatable {
    var value: String

    init(_ value: String) { self.value = value }

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {
            value = String(number)
        } else {
            value = try container.decode(String.self)
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// A 0/1 flag on the wire, a Bool in Swift; tolerates `true`/`false` as well.
struct IntBool: Codable, Sendable, Equatable {
    var value: Bool

    init(_ value: Bool) { self.value = value }

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            value = number != 0
        } else {
            value = try container.decode(Bool.self)
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value ? 1 : 0)
    }
}

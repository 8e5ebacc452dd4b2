import Foundation

/// One part of a `multipart/form-data` body.
public struct MultipartPart: Sendable {
    public var name: String
    public var filename: String?
    public var contentType: String?
    public var data: Data
}

/// A strict `multipart/form-data` reader (RFC 7578): boundary from the Content-Type, CRLF line
/// ends, `Content-Disposition: form-data; name=...; filename=...` on every part.
enum Multipart {
    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    static func boundary(fromContentType contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = pieces.first, first.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() {
            guard let eq = piece.firstIndex(of: "=") else { continue }
            if piece[..<eq].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" {
                var value = piece[piece.index(after: eq)...].trimmingCharacters(in: .whitespaces)
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
                return value.isEmpty || value.utf8.count > 200 ? nil : value
            }
        }
        return nil
    }

    static func parse(_ body: Data, boundary: String) throws -> [MultipartPart] {
        let bytes = [UInt8](body)
        let delimiter = Array("--\(boundary)".utf8)
        let separator = Array("\r\n--\(boundary)".utf8)
        guard let first = find(delimiter, in: bytes, from: 0) else {
            throw ParseError(description: "multipart body has no boundary line")
        }
        var i = first + delimiter.count
        var parts: [MultipartPart] = []
        while true {
            // After a boundary: "--" ends the body, CRLF starts a part.
            if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "-"), bytes[i + 1] == UInt8(ascii: "-") { return parts }
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            guard i + 1 < bytes.count, bytes[i] == 0x0D, bytes[i + 1] == 0x0A else {
                throw ParseError(description: "multipart boundary not followed by CRLF")
            }
            i += 2
            guard let headEnd = find([0x0D, 0x0A, 0x0D, 0x0A], in: bytes, from: i) else {
                throw ParseError(description: "multipart part has no header end")
            }
            let headText = String(decoding: bytes[i..<headEnd], as: UTF8.self)
            var name: String?
            var filename: String?
            var contentType: String?
            for line in headText.split(separator: "\r\n") {
                guard let colon = line.firstIndex(of: ":") else { throw ParseError(description: "malformed part header") }
                let key = line[..<colon].lowercased().trimmingCharacters(in: .whitespaces)
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                if key == "content-disposition" {
                    let params = dispositionParameters(value)
                    name = params["name"]
                    filename = params["filename"]
                } else if key == "content-type" {
                    contentType = value
                }
            }
            guard let partName = name else { throw ParseError(description: "multipart part without a name") }
            let dataStart = headEnd + 4
            guard let end = find(separator, in: bytes, from: dataStart) else {
                throw ParseError(description: "multipart part '\(partName)' is not terminated by its boundary")
            }
            parts.append(MultipartPart(name: partName, filename: filename, contentType: contentType, data: Data(bytes[dataStart..<end])))
            i = end + separator.count
        }
    }

    /// `form-data; name="media"; filename="a.png"` → ["name": "media", "filename": "a.png"].
    static func dispositionParameters(_ value: String) -> [String: String] {
        var result: [String: String] = [:]
        var rest = Substring(value)
        // Skip the disposition type.
        if let semi = rest.firstIndex(of: ";") { rest = rest[rest.index(after: semi)...] } else { return result }
        while !rest.isEmpty {
            rest = rest.drop(while: { $0 == " " || $0 == ";" })
            guard let eq = rest.firstIndex(of: "=") else { break }
            let key = rest[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[rest.index(after: eq)...]
            var val = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                while let c = rest.first {
                    rest = rest.dropFirst()
                    if c == "\\", let n = rest.first { val.append(n); rest = rest.dropFirst(); continue }
                    if c == "\"" { break }
                    val.append(c)
                }
            } else {
                let end = rest.firstIndex(of: ";") ?? rest.endIndex
                val = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
            result[key] = val
        }
        return result
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        let first = needle[0]
        var i = from
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}

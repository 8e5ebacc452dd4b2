import Foundation
import WXSupport

/// A small multipart/form-data encoder (RFC 7578) for WeChat's upload endpoints: a `media` file
/// part and, for videos, a `description` field.
public struct MultipartFormData: Sendable {
    public let boundary: String
    private var parts: [Data] = []

    /// The boundary is random unless given (tests pin it to compare bytes).
    public init(boundary: String? = nil) {
        if let boundary {
            self.boundary = boundary
        } else {
            var bytes: [UInt8] = []
            for _ in 0..<12 { bytes.append(UInt8.random(in: 0...255)) }
            self.boundary = "wxpub-" + bytes.hexString
        }
    }

    public var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    public mutating func addField(name: String, value: String) {
        var part = Data()
        part.append(Data("Content-Disposition: form-data; name=\"\(Self.quoted(name))\"\r\n\r\n".utf8))
        part.append(Data(value.utf8))
        parts.append(part)
    }

    public mutating func addFile(name: String, file: MediaFile) {
        var part = Data()
        part.append(Data("Content-Disposition: form-data; name=\"\(Self.quoted(name))\"; filename=\"\(Self.quoted(file.filename))\"\r\n".utf8))
        part.append(Data("Content-Type: \(file.contentType)\r\n\r\n".utf8))
        part.append(file.data)
        parts.append(part)
    }

    /// The body: each part preceded by `--boundary CRLF`, followed by CRLF, closed by `--boundary--`.
    public func encoded() -> Data {
        var body = Data()
        for part in parts {
            body.append(Data("--\(boundary)\r\n".utf8))
            body.append(part)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return body
    }

    /// Quotes and line breaks cannot appear inside a quoted header parameter; escape the quote
    /// the way browsers do and drop line breaks.
    static func quoted(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "%22"
            case "\r", "\n": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// A file to upload with the name and type WeChat will judge it by: the platform checks the
/// filename's extension (40005 without one), so images get theirs from their magic bytes.
public struct MediaFile: Sendable, Equatable {
    public var data: Data
    public var filename: String
    public var contentType: String

    public init(data: Data, filename: String, contentType: String) {
        self.data = data
        self.filename = filename
        self.contentType = contentType
    }

    /// An image named `baseName.<ext>` where the extension and MIME type come from the bytes,
    /// whatever the original file was called. Throws when the bytes are not a known image format.
    public static func image(_ data: Data, baseName: String = "image") throws -> MediaFile {
        guard let info = ImageInfo.sniff(data) else {
            throw WeChatAPIError.invalidInput(
                operation: "upload",
                "the file \(baseName) is not a JPEG, PNG, GIF, BMP or WebP image (its first bytes match no known image format)",
                fix: "export the image as JPEG or PNG and try again")
        }
        return MediaFile(data: data, filename: "\(safeBaseName(baseName)).\(info.format.fileExtension)", contentType: info.format.mimeType)
    }

    /// A voice or video file: the MIME type follows the extension of `filename` (mp3, amr, wma, wav, mp4).
    public static func file(_ data: Data, filename: String) -> MediaFile {
        let ext = (filename as NSString).pathExtension.lowercased()
        let types = ["mp3": "audio/mpeg", "amr": "audio/amr", "wma": "audio/x-ms-wma", "wav": "audio/wav", "mp4": "video/mp4",
                     "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "bmp": "image/bmp"]
        return MediaFile(data: data, filename: filename, contentType: types[ext] ?? "application/octet-stream")
    }

    /// Keeps ASCII letters, digits, `-`, `_` and `.`; everything else becomes `_`, so odd
    /// characters in a local file name never end up in a multipart header.
    static func safeBaseName(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_" || scalar == "." {
                out.unicodeScalars.append(scalar)
            } else {
                out += "_"
            }
        }
        return out.isEmpty ? "file" : out
    }
}

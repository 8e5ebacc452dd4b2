import Foundation

/// What an image file really is, read from its bytes rather than its name: WeChat rejects a PNG
/// named `.jpg` with 40005, so checks and uploads go by the magic bytes.
public struct ImageInfo: Sendable, Equatable, Codable {
    public enum Format: String, Sendable, Codable, CaseIterable {
        case jpeg, png, gif, bmp, webp

        /// The extension WeChat expects on the multipart filename.
        public var fileExtension: String {
            switch self {
            case .jpeg: return "jpg"
            case .png: return "png"
            case .gif: return "gif"
            case .bmp: return "bmp"
            case .webp: return "webp"
            }
        }

        public var mimeType: String {
            switch self {
            case .jpeg: return "image/jpeg"
            case .png: return "image/png"
            case .gif: return "image/gif"
            case .bmp: return "image/bmp"
            case .webp: return "image/webp"
            }
        }
    }

    public var format: Format
    public var width: Int?
    public var height: Int?

    public init(format: Format, width: Int?, height: Int?) {
        self.format = format
        self.width = width
        self.height = height
    }

    /// Returns nil when the bytes are not an image format we know.
    public static func sniff(_ data: Data) -> ImageInfo? {
        let b = [UInt8](data.prefix(64 * 1024))
        func be16(_ i: Int) -> Int? { i + 1 < b.count ? Int(b[i]) << 8 | Int(b[i + 1]) : nil }
        func le16(_ i: Int) -> Int? { i + 1 < b.count ? Int(b[i + 1]) << 8 | Int(b[i]) : nil }
        func be32(_ i: Int) -> Int? {
            i + 3 < b.count ? Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) : nil
        }
        func le32(_ i: Int) -> Int? {
            i + 3 < b.count ? Int(b[i + 3]) << 24 | Int(b[i + 2]) << 16 | Int(b[i + 1]) << 8 | Int(b[i]) : nil
        }
        if b.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            return ImageInfo(format: .png, width: be32(16), height: be32(20))
        }
        if b.starts(with: [0xFF, 0xD8, 0xFF]) {
            var i = 2
            while i + 9 < b.count {
                guard b[i] == 0xFF else { i += 1; continue }
                let marker = b[i + 1]
                if marker == 0xFF { i += 1; continue }
                if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
                guard let segmentLength = be16(i + 2) else { break }
                let isStartOfFrame = (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
                if isStartOfFrame {
                    return ImageInfo(format: .jpeg, width: be16(i + 7), height: be16(i + 5))
                }
                i += 2 + segmentLength
            }
            return ImageInfo(format: .jpeg, width: nil, height: nil)
        }
        if b.starts(with: Array("GIF87a".utf8)) || b.starts(with: Array("GIF89a".utf8)) {
            return ImageInfo(format: .gif, width: le16(6), height: le16(8))
        }
        if b.starts(with: [0x42, 0x4D]), b.count >= 26 {
            let h = le32(22).map { Int(Int32(truncatingIfNeeded: $0)) }
            return ImageInfo(format: .bmp, width: le32(18), height: h.map { abs($0) })
        }
        if b.count >= 30, b.starts(with: Array("RIFF".utf8)), Array(b[8..<12]) == Array("WEBP".utf8) {
            let chunk = String(decoding: b[12..<16], as: UTF8.self)
            switch chunk {
            case "VP8X":
                let w = 1 + (Int(b[24]) | Int(b[25]) << 8 | Int(b[26]) << 16)
                let h = 1 + (Int(b[27]) | Int(b[28]) << 8 | Int(b[29]) << 16)
                return ImageInfo(format: .webp, width: w, height: h)
            case "VP8 ":
                return ImageInfo(format: .webp, width: le16(26).map { $0 & 0x3FFF }, height: le16(28).map { $0 & 0x3FFF })
            case "VP8L":
                let bits = UInt32(b[21]) | UInt32(b[22]) << 8 | UInt32(b[23]) << 16 | UInt32(b[24]) << 24
                return ImageInfo(format: .webp, width: Int(bits & 0x3FFF) + 1, height: Int((bits >> 14) & 0x3FFF) + 1)
            default:
                return ImageInfo(format: .webp, width: nil, height: nil)
            }
        }
        return nil
    }
}

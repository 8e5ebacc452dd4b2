import WXSupport

/// `article.json`'s bytes, written directly: exactly what `JSONEncoder` with `[.prettyPrinted,
/// .sortedKeys, .withoutEscapingSlashes]` makes of an `Article` (keys in sorted order, `"key" : value`,
/// two-space indent, an empty array as `[\n\n<indent>]`, absent optionals left out; in strings only
/// `"`, `\` and U+0000–U+001F escaped, slashes and non-ASCII literal), plus a trailing newline.
/// The encoder took 3% of `wxpub build`; `ArticleJSONTests` holds the two to the same bytes.
enum ArticleJSON {
    static func bytes(_ article: Article) -> [UInt8] {
        var out = JSONOutput()
        // Room for the content, its escapes (a quote here and there) and the rest: the buffer
        // never grows, which would copy the content once more.
        let content = article.storedContent.utf8Count
        out.bytes.reserveCapacity(content + content / 16 + 1024 + 512 * (article.images.count + 1) + 256 * article.references.count)
        out.open("{")
        out.field("author", article.author, first: true)
        out.key("content")
        article.withContentUTF8 { out.string($0) }
        out.field("content_source_url", article.contentSourceURL)
        out.key("cover")
        image(article.cover, into: &out)
        out.field("digest", article.digest)
        out.key("images")
        out.array(article.images) { image($0, into: &$1) }
        out.field("need_open_comment", int: article.needOpenComment ? 1 : 0)
        out.field("only_fans_can_comment", int: article.onlyFansCanComment ? 1 : 0)
        out.key("references")
        out.array(article.references) { reference, out in
            out.open("{")
            out.field("number", int: reference.number, first: true)
            out.field("text", reference.text)
            out.field("url", reference.url)
            out.close("}")
        }
        out.field("title", article.title)
        out.close("}")
        out.bytes.append(UInt8(ascii: "\n"))
        return out.bytes
    }

    /// `ArticleImage`'s synthesized `Codable`: optionals that are nil are not written.
    private static func image(_ image: ArticleImage, into out: inout JSONOutput) {
        out.open("{")
        var first = true
        func key(_ name: String) {
            out.key(name, first: first)
            first = false
        }
        if let bytes = image.bytes {
            key("bytes")
            out.int(bytes)
        }
        if let format = image.format {
            key("format")
            out.string(format.rawValue)
        }
        if let height = image.height {
            key("height")
            out.int(height)
        }
        key("location")
        out.open("{")
        out.field("column", int: image.location.column, first: true)
        out.field("file", image.location.file)
        out.field("line", int: image.location.line)
        out.close("}")
        if let path = image.path {
            key("path")
            out.string(path)
        }
        if let sha256 = image.sha256 {
            key("sha256")
            out.string(sha256)
        }
        key("source")
        out.string(image.source)
        if let url = image.url {
            key("url")
            out.string(url)
        }
        if let width = image.width {
            key("width")
            out.int(width)
        }
        out.close("}")
    }
}

/// A pretty-printed JSON writer in `JSONEncoder`'s layout.
private struct JSONOutput {
    var bytes: [UInt8] = []
    private var depth = 0

    mutating func open(_ bracket: Unicode.Scalar) {
        bytes.append(UInt8(ascii: bracket))
        depth += 1
    }

    mutating func close(_ bracket: Unicode.Scalar) {
        depth -= 1
        newline()
        bytes.append(UInt8(ascii: bracket))
    }

    mutating func field(_ name: String, _ value: String, first: Bool = false) {
        key(name, first: first)
        string(value)
    }

    mutating func field(_ name: String, int value: Int, first: Bool = false) {
        key(name, first: first)
        int(value)
    }

    /// `"name" : ` on a line of its own, after a comma unless it is the object's first key.
    mutating func key(_ name: String, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        newline()
        string(name)
        bytes.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: " ")])
    }

    mutating func array<Element>(_ elements: [Element], _ write: (Element, inout JSONOutput) -> Void) {
        open("[")
        if elements.isEmpty { bytes.append(UInt8(ascii: "\n")) }
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            newline()
            write(element, &self)
        }
        close("]")
    }

    mutating func int(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { string($0) }
    }

    /// A string from its UTF-8: runs of bytes that need no escape are copied at once, found
    /// eight bytes at a time (an article's content is tens of kilobytes with a newline or a
    /// quote here and there; a table lookup per byte was most of `article.json`'s cost).
    mutating func string(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        let escaped = Self.escaped
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        /// The high bit of each byte of `word` that is below 0x20, a quote or a backslash. (Exact
        /// only for the lowest such byte, which is all the scan uses: a borrow can mark a byte above it.)
        func special(_ word: UInt64) -> UInt64 {
            func zero(_ w: UInt64) -> UInt64 { (w &- ones) & ~w & high }
            let control = (word &- ones &* 0x20) & ~word & high
            return control | zero(word ^ (ones &* 0x22)) | zero(word ^ (ones &* 0x5C))
        }
        var start = 0
        var index = 0
        let count = utf8.count
        if let base = utf8.baseAddress {
            while index < count {
                if index + 8 <= count {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    let found = special(word)
                    if found == 0 {
                        index += 8
                        continue
                    }
                    index += found.trailingZeroBitCount / 8
                } else if !escaped[Int(base[index])] {
                    index += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(start: base + start, count: index - start))
                escape(base[index])
                index += 1
                start = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(start: base + start, count: count - start))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The bytes a JSON string escapes: `"`, `\` and U+0000–U+001F.
    private static let escaped: [Bool] = (0..<256).map { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }

    private mutating func escape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        }
    }

    private mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }
}

/// The preview page's dark mode as a table instead of a second copy of the article: each
/// distinct `style` value of the article with its dark version (`DarkModeRendering`). The page's
/// switch swaps the attributes in place, and back (the copy doubled every page of `wxpub build`).
/// A value converts differently under different inherited colours (text on a coloured box), so
/// a value whose occurrences differ carries one dark version per occurrence, in document order.
struct DarkStyles: Equatable {
    struct Entry: Equatable {
        var light: String
        /// One version for every occurrence, or one per occurrence in document order.
        var dark: [String]
    }

    /// In order of first occurrence; values that stay as they are in dark mode are left out.
    var entries: [Entry]

    /// From each `style` value of the article in document order, paired with its dark version.
    init(occurrences: [(light: String, dark: String)]) {
        var all: [Entry] = []
        var index: [String: Int] = [:]
        for (light, dark) in occurrences {
            if let at = index[light] {
                all[at].dark.append(dark)
            } else {
                index[light] = all.count
                all.append(Entry(light: light, dark: [dark]))
            }
        }
        self.init(grouped: all)
    }

    /// From every distinct value with the dark versions of all its occurrences in document order.
    init(grouped: [Entry]) {
        entries = grouped.compactMap { entry in
            guard entry.dark.allSatisfy({ $0 == entry.dark[0] }) else { return entry }
            return entry.dark[0] == entry.light ? nil : Entry(light: entry.light, dark: [entry.dark[0]])
        }
    }

    /// The style an element with `light` gets in dark mode, at its `occurrence` (0-based) among
    /// the elements with that value — what the page's script does.
    func dark(_ light: String, occurrence: Int) -> String {
        guard let entry = entries.first(where: { $0.light == light }) else { return light }
        return entry.dark.count == 1 ? entry.dark[0] : entry.dark[occurrence]
    }

    /// The table as a JavaScript array of `[light, dark or [dark…]]` pairs (for a `Map`), safe
    /// inside a `<script>`: `<` is written `\u003c`, so no value can end the element.
    var script: [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (number, entry) in entries.enumerated() {
            if number > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            Self.appendString(entry.light, to: &out)
            out.append(UInt8(ascii: ","))
            if entry.dark.count == 1 {
                Self.appendString(entry.dark[0], to: &out)
            } else {
                out.append(UInt8(ascii: "["))
                for (at, dark) in entry.dark.enumerated() {
                    if at > 0 { out.append(UInt8(ascii: ",")) }
                    Self.appendString(dark, to: &out)
                }
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// A JSON string literal: quotes, backslashes, control characters, `<`, U+2028 and U+2029
    /// (bytes E2 80 A8/A9) escaped; everything else as its UTF-8.
    private static func appendString(_ text: String, to out: inout [UInt8]) {
        let hex = Self.hex
        var text = text
        out.append(UInt8(ascii: "\""))
        text.withUTF8 { bytes in
            // Runs that need no escape are copied at once (a style value rarely has any).
            var start = 0
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                var escaped: Int?
                var replaced = true
                if byte == 0x22 || byte == 0x5C {
                    escaped = nil
                } else if byte < 0x20 || byte == 0x3C {
                    escaped = Int(byte)
                } else if byte == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                    escaped = 0x2000 + Int(bytes[i + 2]) - 0x80
                } else {
                    replaced = false
                }
                guard replaced else {
                    i += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                if let v = escaped {
                    out += [UInt8(ascii: "\\"), UInt8(ascii: "u"), hex[v >> 12 & 0xF], hex[v >> 8 & 0xF], hex[v >> 4 & 0xF], hex[v & 0xF]]
                    i += v >= 0x2000 ? 3 : 1
                } else {
                    out += [UInt8(ascii: "\\"), byte]
                    i += 1
                }
                start = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// Writes an `HTMLNode` tree back as HTML, the way browsers serialize `innerHTML`: text escapes
/// `&`, `<`, `>`, attribute values escape `&` and `"`, U+00A0 becomes `&nbsp;` in both (so the
/// non-breaking spaces that keep code indentation survive WeChat's editor and stay visible in
/// review), void elements have no end tag, attributes keep their order, and the content of
/// `script`/`style` is written verbatim.
public enum HTMLSerializer {
    public static func serialize(_ nodes: [HTMLNode]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        for node in nodes { write(node, rawText: false, into: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    public static func serialize(_ node: HTMLNode) -> String {
        serialize([node])
    }

    private static func write(_ node: HTMLNode, rawText: Bool, into output: inout [UInt8]) {
        switch node {
        case .text(let text):
            if rawText { output.append(contentsOf: text.utf8) } else { escape(text, attribute: false, into: &output) }
        case .comment(let text):
            output.append(contentsOf: "<!--".utf8)
            output.append(contentsOf: text.utf8)
            output.append(contentsOf: "-->".utf8)
        case .element(let element):
            output.append(UInt8(ascii: "<"))
            output.append(contentsOf: element.tag.utf8)
            for attribute in element.attributes {
                output.append(UInt8(ascii: " "))
                output.append(contentsOf: attribute.name.utf8)
                output.append(contentsOf: "=\"".utf8)
                escape(attribute.value, attribute: true, into: &output)
                output.append(UInt8(ascii: "\""))
            }
            output.append(UInt8(ascii: ">"))
            if HTMLElement.voidTags.contains(element.tag) { return }
            let raw = HTMLCategories.rawText.contains(element.tag)
            for child in element.children { write(child, rawText: raw, into: &output) }
            output.append(contentsOf: "</".utf8)
            output.append(contentsOf: element.tag.utf8)
            output.append(UInt8(ascii: ">"))
        }
    }

    /// `text` escaped for an element's content (`attribute: false`) or a double-quoted attribute
    /// value, exactly as the serializer writes it.
    public static func escape(_ text: String, attribute: Bool) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 8)
        escape(text, attribute: attribute, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static func escape(_ text: String, attribute: Bool, into output: inout [UInt8]) {
        var iterator = text.utf8.makeIterator()
        var previous: UInt8 = 0
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<") where !attribute: output.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">") where !attribute: output.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\"") where attribute: output.append(contentsOf: "&quot;".utf8)
            case 0xA0 where previous == 0xC2:
                // U+00A0 is C2 A0 in UTF-8: replace the C2 already written.
                output.removeLast()
                output.append(contentsOf: "&nbsp;".utf8)
            default: output.append(byte)
            }
            previous = byte
        }
    }
}

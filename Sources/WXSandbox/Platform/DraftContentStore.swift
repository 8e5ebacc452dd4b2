import Foundation

/// The draft box as the real one stores content (`draft_store: real`, wechat-api.md §3.2):
/// scripts stripped, `<img>` tags whose source is not an uploadimg URL removed ("external image
/// URLs are filtered"), and content holding a tag the editor does not allow refused with
/// `45166 invalid content`. Which tags draw 45166 is not documented; the sandbox refuses the
/// interactive and embedding ones, which the editor never keeps.
enum DraftContentStore {
    static let refusedTags: Set<String> = [
        "iframe", "form", "input", "embed", "object", "frame", "frameset", "applet", "textarea", "button", "select",
    ]

    /// The content as stored, or 45166.
    static func store(_ content: String) throws -> String {
        let lower = content.lowercased()
        for tag in refusedTags where containsTag(lower, tag) { throw WeChatError(45166) }
        var out = removeElements(content, named: "script")
        out = removeExternalImages(out)
        return out
    }

    static func containsTag(_ lower: String, _ tag: String) -> Bool {
        var search = lower.startIndex
        while let r = lower.range(of: "<" + tag, range: search..<lower.endIndex) {
            if r.upperBound == lower.endIndex { return false }
            let next = lower[r.upperBound]
            if next == ">" || next == " " || next == "/" || next == "\n" || next == "\t" || next == "\r" { return true }
            search = r.upperBound
        }
        return false
    }

    /// Removes `<name …>…</name>` (case-insensitive); an unclosed one is removed to the end.
    static func removeElements(_ html: String, named name: String) -> String {
        var out = ""
        var rest = Substring(html)
        while let open = rest.range(of: "<" + name, options: .caseInsensitive) {
            out += rest[..<open.lowerBound]
            if let close = rest.range(of: "</" + name + ">", options: .caseInsensitive, range: open.upperBound..<rest.endIndex) {
                rest = rest[close.upperBound...]
            } else {
                rest = rest[rest.endIndex...]
            }
        }
        return out + rest
    }

    /// Drops `<img …>` tags whose `src` is not an image the platform serves (mmbiz.qpic.cn, or
    /// the sandbox's own `/mmbiz/` path on a loopback address).
    static func removeExternalImages(_ html: String) -> String {
        var out = ""
        var rest = Substring(html)
        while let open = rest.range(of: "<img", options: .caseInsensitive) {
            out += rest[..<open.lowerBound]
            guard let end = rest[open.upperBound...].firstIndex(of: ">") else {
                out += rest
                return out
            }
            let tag = rest[open.lowerBound...end]
            if isPlatformImage(source(of: tag)) { out += tag }
            rest = rest[rest.index(after: end)...]
        }
        return out + rest
    }

    static func source(of tag: Substring) -> String? {
        guard let r = tag.range(of: "src=", options: .caseInsensitive) else { return nil }
        var value = tag[r.upperBound...]
        guard let quote = value.first else { return nil }
        if quote == "\"" || quote == "'" {
            value = value.dropFirst()
            return value.firstIndex(of: quote).map { String(value[..<$0]) }
        }
        return String(value.prefix { $0 != " " && $0 != ">" && $0 != "/" })
    }

    static func isPlatformImage(_ src: String?) -> Bool {
        guard let src, let url = URL(string: src), let host = url.host?.lowercased() else { return false }
        if host == "mmbiz.qpic.cn" || host.hasSuffix(".qpic.cn") { return true }
        return (host == "127.0.0.1" || host == "localhost") && url.path.hasPrefix("/mmbiz/")
    }
}

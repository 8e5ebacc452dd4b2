import Foundation
import WXRender
import WXSupport

/// The pages of `wxpub serve` and `build/index.html`. Everything here frames the article; the
/// article's own HTML is exactly what would be published (the live-reload script lives in the
/// page, never in the article).
public enum PreviewPages {
    /// How the index links to a post: the server's `/<slug>/` or the build folder's `<slug>/index.html`.
    public enum Links: Sendable {
        case served
        case buildFolder

        func href(_ slug: String) -> String {
            // A slug of letters, digits, `-`, `.`, `_` and `~` (the usual one) needs no encoding:
            // Foundation's percent-encoding was a third of the build index's time.
            let plain = slug.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                     UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): return true
                default: return false
                }
            }
            let encoded = plain ? slug : slug.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? slug
            switch self {
            case .served: return "/\(encoded)/"
            case .buildFolder: return "\(encoded)/index.html"
            }
        }
    }

    static func escape(_ text: String) -> String { PreviewPage.escape(text) }

    static let style = """
        <style>
        body { margin: 0; background: #ededed; font-family: PingFang SC, system-ui, -apple-system, Helvetica Neue, Hiragino Sans GB, Microsoft YaHei, Noto Sans CJK SC, Arial, sans-serif; }
        .wxpub-index { max-width: 720px; margin: 0 auto; background: #ffffff; min-height: 100vh; padding: 20px 16px 40px; box-sizing: border-box; }
        .wxpub-index h1 { font-size: 20px; margin: 0 0 8px; }
        .wxpub-quota, .wxpub-note { font-size: 13px; color: #666666; margin: 0 0 16px; overflow-wrap: anywhere; }
        .wxpub-posts { list-style: none; margin: 0; padding: 0; }
        .wxpub-posts li { border-top: 1px solid #eeeeee; padding: 12px 0; overflow-wrap: anywhere; }
        .wxpub-posts a { font-size: 16px; color: #576b95; text-decoration: none; }
        .wxpub-line { font-size: 13px; color: #888888; margin-top: 4px; }
        .wxpub-state { display: inline-block; padding: 0 6px; border-radius: 3px; background: #f2f2f2; color: #333333; }
        .wxpub-state-errors, .wxpub-count-errors { color: #c0392b; }
        .wxpub-state-due { background: #e8f5e9; }
        .wxpub-state-sent { background: #e3f2fd; }
        .wxpub-state-deferred, .wxpub-state-blocked, .wxpub-count-warnings { color: #b26a00; }
        .wxpub-panel { font-size: 13px; line-height: 1.5; margin: 0 0 20px; padding: 8px 10px; background: #f7f7f7; border-radius: 4px; overflow-wrap: anywhere; }
        .wxpub-panel ol { margin: 6px 0; padding-left: 18px; }
        .wxpub-panel .error { color: #c0392b; }
        .wxpub-panel .warning { color: #b26a00; }
        .wxpub-panel .fix { color: #555555; }
        .wxpub-panel .wxpub-source { margin: 2px 0; padding: 2px 6px; background: #ffffff; color: #333333; overflow-x: auto; font-size: 12px; }
        .wxpub-panel .over { color: #c0392b; font-weight: bold; }
        .wxpub-panel a { color: #576b95; }
        .wxpub-unavailable { font-size: 15px; color: #c0392b; border: 1px dashed #c0392b; padding: 12px; }
        </style>
        """

    /// The reload script: asks the server for the site's version and reloads the page when it
    /// moves on (long polling; the server answers at once on a change, else after a while).
    static func liveScript(version: Int) -> String {
        """
        <script id="wxpub-live">(function(){var v=\(version);var k='wxpub-scroll:'+location.pathname;\
        var y=sessionStorage.getItem(k);if(y!==null){sessionStorage.removeItem(k);window.scrollTo(0,+y);}\
        function poll(){fetch('/__wxpub/changes?since='+v,{cache:'no-store'}).then(function(r){return r.json();}).then(function(j){\
        if(j.version!==v){sessionStorage.setItem(k,String(window.scrollY));location.reload();}else{poll();}},\
        function(){setTimeout(poll,1000);});}poll();})();</script>
        """
    }

    /// `/` and `build/index.html`. Written into one string sized up front: the list of a thousand
    /// posts was half a megabyte, built in a string of its own and then copied into the page.
    public static func index(_ overview: SiteOverview, links: Links, version: Int? = nil) -> String {
        var html = PreviewPage.documentHead(title: "\(overview.accountName) · wxpub", style: style)
        // An entry is ~460 bytes of markup around its texts (the slug twice); an eighth more for escapes.
        let entries = overview.entries.reduce(0) {
            $0 + 480 + 2 * $1.slug.utf8.count + $1.title.utf8.count + $1.date.utf8.count + $1.stateText.utf8.count + $1.path.utf8.count
        }
        html.reserveCapacity(html.utf8.count + 2048 + entries + entries / 8)
        html += """
            <body>
            <main class="wxpub-index">
            <h1>\(escape(overview.accountName))</h1>
            <p class="wxpub-quota">\(escape(overview.quotaLine))</p>
            \(overview.stateNote.map { "<p class=\"wxpub-note\">\(escape($0))</p>" } ?? "")<ul class="wxpub-posts">

            """
        for entry in overview.entries {
            let counts = "<span class=\"wxpub-count-errors\">\(entry.errors) error\(entry.errors == 1 ? "" : "s")</span>, "
                + "<span class=\"wxpub-count-warnings\">\(entry.warnings) warning\(entry.warnings == 1 ? "" : "s")</span>"
            let link = links == .buildFolder && entry.state == .hasErrors
                ? escape(entry.title)
                : "<a href=\"\(escape(links.href(entry.slug)))\">\(escape(entry.title))</a>"
            html += """
                <li data-slug="\(escape(entry.slug))" data-state="\(entry.state.key)" data-errors="\(entry.errors)" data-warnings="\(entry.warnings)">\
                \(link)<div class="wxpub-line">\(entry.date.isEmpty ? "" : escape(entry.date) + " · ")\
                <span class="wxpub-state wxpub-state-\(entry.state.key)">\(escape(entry.stateText))</span> · \(counts)</div>\
                <div class="wxpub-line">\(escape(entry.path))</div></li>

                """
        }
        html += """
            </ul>
            </main>
            \(version.map(liveScript) ?? "")</body>
            </html>

            """
        return html
    }

    /// `/<slug>/`: the article in the phone frame with its findings and sizes above it, or the
    /// findings in place of the article when it does not compile.
    /// `sourceLine` gives the text of a diagnostic's line, shown under its message.
    public static func post(
        _ item: PreviewedPost, accountName: String, date: String, imageSources: [String: String], version: Int?,
        sourceLine: (SourceLocation) -> String? = { _ in nil }
    ) -> String {
        let panel = self.panel(item, sourceLine: sourceLine)
        let script = version.map(liveScript) ?? ""
        if let article = item.article {
            let frame = PreviewPage.Frame(account: accountName, date: date, panel: panel, script: script, style: panelStyle)
            return PreviewPage.html(article, imageSources: imageSources, frame: frame)
        }
        let title = escape(item.displayTitle)
        let author = item.post?.author?.value
        let meta = [accountName, author ?? "", date].filter { !$0.isEmpty }.map(escape).joined(separator: "&nbsp;&nbsp;")
        return PreviewPage.documentHead(title: item.displayTitle, style: "<style>\n\(PreviewPage.phoneStyle)\(panelStyle)</style>") + """
            <body>
            <div class="phone">
            <h1 class="wx-title">\(title)</h1>
            <p class="wx-meta">\(meta)</p>
            \(panel)<div class="wxpub-unavailable" id="wxpub-unavailable">This post has \(item.errors) error\(item.errors == 1 ? "" : "s") (listed above); \
            the article appears here as soon as the file is fixed.</div>
            </div>
            \(script)</body>
            </html>

            """
    }

    static let panelStyle: String = {
        let lines = style.split(separator: "\n").filter { $0.hasPrefix(".wxpub-panel") || $0.hasPrefix(".wxpub-unavailable") }
        return lines.joined(separator: "\n") + "\n"
    }()

    /// Sizes against WeChat's limits, then every finding with its place and fix.
    static func panel(_ item: PreviewedPost, sourceLine: (SourceLocation) -> String? = { _ in nil }) -> String {
        var html = "<section class=\"wxpub-panel\" id=\"wxpub-panel\">"
        html += "<div><a href=\"/\">← all posts</a> · \(escape(item.path)) · "
            + "<span class=\"error\">\(item.errors) error\(item.errors == 1 ? "" : "s")</span>, "
            + "<span class=\"warning\">\(item.warnings) warning\(item.warnings == 1 ? "" : "s")</span></div>"
        if let content = item.content ?? item.article?.content {
            func measure(_ name: String, _ value: Int, _ limit: Int, unit: String = "characters") -> String {
                let text = "\(name) \(grouped(value)) / \(grouped(limit)) \(unit)"
                return value > limit ? "<span class=\"over\">\(text)</span>" : text
            }
            var sizes = [
                measure("HTML", content.count, ArticleLimits.contentCharacters),
                measure("HTML", content.utf8.count, ArticleLimits.contentBytes, unit: "bytes"),
            ]
            if let title = item.article?.title ?? item.post?.title?.value { sizes.append(measure("title", title.count, ArticleLimits.titleCharacters)) }
            if let digest = item.article?.digest ?? item.post?.digest?.value { sizes.append(measure("digest", digest.count, ArticleLimits.digestCharacters)) }
            html += "<div class=\"wxpub-sizes\" id=\"wxpub-sizes\">" + sizes.joined(separator: " · ") + "</div>"
        }
        if !item.diagnostics.isEmpty {
            html += "<ol class=\"wxpub-diagnostics\">"
            for d in item.diagnostics {
                let place = "\(d.location.file):\(d.location.line):\(d.location.column)"
                html += "<li class=\"\(d.severity.rawValue)\"><code>\(escape(place))</code> \(d.severity.rawValue): \(escape(d.message))"
                if let line = sourceLine(d.location) {
                    html += "<pre class=\"wxpub-source\">\(d.location.line) | \(escape(line))</pre>"
                }
                if let fix = d.fix { html += "<div class=\"fix\">fix: \(escape(fix))</div>" }
                html += "</li>"
            }
            html += "</ol>"
        }
        return html + "</section>"
    }

    /// `12345` → `12,345`, the same on every machine's locale.
    static func grouped(_ value: Int) -> String {
        var digits = String(value.magnitude)
        var out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits.removeLast(3)
        }
        return (value < 0 ? "-" : "") + digits + out
    }

    public static func notFound(_ path: String, version: Int?) -> String {
        PreviewPage.documentHead(title: "not found", style: style) + """
        <body><main class="wxpub-index"><h1>Not found</h1><p class="wxpub-note">\(escape(path)) is not a post of this site; \
        <a href="/">see every post</a>.</p></main>\(version.map(liveScript) ?? "")</body></html>

        """
    }
}

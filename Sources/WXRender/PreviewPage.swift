import Foundation
import WXHTML

/// `OUT/<slug>/index.html`: the article as a phone shows it inside WeChat — a 375 px column with
/// the title, author line and content, local images shown from the site's files. The page's own
/// `<style>` only frames the column; the article itself carries inline styles as it will on WeChat.
/// A switch shows the article as a phone in dark mode shows it: its script swaps each `style`
/// for its dark version from a table the page carries (`DarkStyles`, converted by
/// `DarkModeRendering`) and back; the switch and its script live in the preview page only,
/// never in the article.
/// `wxpub serve` adds a `Frame`: the header's account and date, a panel above the article
/// (diagnostics, sizes) and its live-reload script — never inside the article.
public enum PreviewPage {
    public struct Frame: Sendable {
        public var account: String?
        public var date: String?
        /// HTML placed between the header and the article.
        public var panel: String
        /// HTML placed at the end of the body (a `<script>` of the preview page only).
        public var script: String
        /// CSS rules added to the page's own `<style>` (the panel's).
        public var style: String

        public init(account: String? = nil, date: String? = nil, panel: String = "", script: String = "", style: String = "") {
            self.account = account
            self.date = date
            self.panel = panel
            self.script = script
            self.style = style
        }
    }

    /// The page around the article — grey background, the 375 px phone column, WeChat's title and
    /// meta line — shared by every preview page (`wxpub serve`'s error page too).
    public static let phoneStyle = """
        body { margin: 0; background: #ededed; }
        .phone { max-width: 375px; margin: 0 auto; min-height: 100vh; background: #ffffff; padding: 20px 16px 40px; box-sizing: border-box;
          font-family: "mp-quote", PingFang SC, system-ui, -apple-system, BlinkMacSystemFont, Helvetica Neue, Hiragino Sans GB, Microsoft YaHei UI, Microsoft YaHei, Arial, sans-serif; }
        .wx-title { font-size: 22px; line-height: 1.4; font-weight: bold; margin: 0 0 14px; color: #000000; }
        .wx-meta { font-size: 15px; line-height: 1.5; color: #576b95; margin: 0 0 22px; }

        """

    public static func html(_ article: Article, imageSources: [String: String], frame: Frame = Frame()) -> String {
        String(decoding: bytes(article, imageSources: imageSources, frame: frame), as: UTF8.self)
    }

    /// The page's UTF-8, made in one buffer: the article and its dark styles are written as bytes,
    /// never made into strings (`wxpub build` writes a page per post).
    public static func bytes(_ article: Article, imageSources: [String: String], frame: Frame = Frame()) -> [UInt8] {
        let title = escape(article.title)
        let meta = [frame.account, article.author, frame.date].compactMap { $0 }.filter { !$0.isEmpty }.map(escape)
            .joined(separator: "&nbsp;&nbsp;")
        // The compile's record of the styles it wrote, when it vouches for this content; else the scan
        // (of the content with its images' sources rewritten, as the page shows it).
        let written = article.writtenStyles?.vouched.flatMap { events in
            article.withContentUTF8 { DarkModeRendering.darkStyles(events: events, in: $0) }
        }
        let dark = (written ?? DarkModeRendering.darkStyles(bytes: article.withContentUTF8 { ImageSourceRewriter.rewrittenBytes($0, imageSources) })).script
        var page: [UInt8] = []
        page.reserveCapacity(article.storedContent.utf8Count + 256 * imageSources.count + dark.count + 4096 + frame.panel.utf8.count + frame.script.utf8.count)
        page += documentHead(title: article.title, style: "<style>\n\(phoneStyle)\(pageStyle)\(frame.style)</style>").utf8
        page += """
            <body>
            <button class="wx-mode" type="button" onclick="wxDark(this)">深色 Dark</button>
            <div class="phone">
            <h1 class="wx-title">\(title)</h1>
            <p class="wx-meta">\(meta)</p>
            <p class="wx-digest">摘要：\(escape(article.digest))</p>
            \(frame.panel)<div id="js_content">
            """.utf8
        article.withContentUTF8 { ImageSourceRewriter.rewrite($0, imageSources, into: &page) }
        page += "</div>\n</div>\n<script id=\"wx-dark\">var wxDarkStyles = new Map(".utf8
        page += dark
        page += ");\n\(switchScript)</script>\n\(frame.script)</body>\n</html>\n".utf8
        return page
    }

    /// The dark switch: each `style` in the article is swapped for its entry in `wxDarkStyles`
    /// (the n-th element with a value that converts differently by place takes the n-th version);
    /// switching back restores the values as written, kept on the elements the first time.
    static let switchScript = """
        function wxDark(button) {
          var on = document.body.classList.toggle('dark'), seen = new Map();
          button.textContent = on ? '浅色 Light' : '深色 Dark';
          document.querySelectorAll('#js_content [style]').forEach(function (element) {
            if (element.wxLight === undefined) element.wxLight = element.getAttribute('style');
            var light = element.wxLight, dark = wxDarkStyles.get(light);
            if (Array.isArray(dark)) { var n = seen.get(light) || 0; seen.set(light, n + 1); dark = dark[n]; }
            if (dark !== undefined) element.setAttribute('style', on ? dark : light);
          });
        }

        """

    /// The rules of the article page beyond the phone frame: the digest and the dark-mode switch.
    static let pageStyle = """
        .wx-digest { font-size: 13px; line-height: 1.5; color: #888888; border: 1px dashed #cccccc; padding: 8px; margin: 0 0 22px; }
        .wx-mode { position: fixed; top: 8px; right: 8px; font-size: 12px; padding: 4px 10px; border: 1px solid #cccccc; border-radius: 12px; background: #ffffff; color: #333333; cursor: pointer; }
        body.dark { background: #000000; }
        body.dark .phone { background: #191919; }
        body.dark .wx-title { color: #d9d9d9; }
        body.dark .wx-meta { color: #7d90a9; }
        body.dark .wx-digest { color: #8c8c8c; border-color: #3a3a3a; }
        body.dark .wx-mode { background: #2c2c2c; color: #d9d9d9; border-color: #3a3a3a; }

        """

    /// Text for the preview pages, safe both as text and inside a double-quoted attribute (the
    /// index puts slugs, which come from file names, in `href` and `data-` attributes).
    public static func escape(_ text: String) -> String {
        // Most texts (slugs, paths, titles) have nothing to escape: returned as they are, without
        // the copy through a byte buffer (the build's index escapes four texts a post).
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"") || $0 == 0xC2 }) {
            return text
        }
        let escaped = HTMLSerializer.escape(text, attribute: false)
        // Looked for by byte: `String.contains(_:)` of a string goes through Foundation's search.
        return escaped.utf8.contains(UInt8(ascii: "\"")) ? escaped.replacingOccurrences(of: "\"", with: "&quot;") : escaped
    }

    /// The start of every preview page (article, index, error and theme pages): UTF-8, the phone's
    /// viewport, the page's title (escaped here) and its `style` element, up to `<body>`.
    public static func documentHead(title: String, style: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        \(style)
        </head>

        """
    }
}

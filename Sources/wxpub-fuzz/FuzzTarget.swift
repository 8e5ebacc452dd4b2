import Foundation
import WXContent
import WXHTML
import WXRender
import WXSupport
import WXTemplate

/// One parser or pass that takes untrusted text, driven with arbitrary bytes. A target passes an
/// input when it returns: a crash, a sanitizer report or a hang is the finding. Targets also check
/// the few properties that must hold for every input (the sanitizer leaves no script behind).
enum FuzzTarget: String, CaseIterable {
    /// The YAML subset of front matter and wxpub.yml.
    case yaml
    /// The theme CSS parser, `style` attributes and the declaration filter.
    case css
    /// Mustache templates rendered with partials that include each other.
    case mustache
    /// The HTML parser and serializer.
    case html
    /// A post body: Markdown, raw HTML through the sanitizer, the theme, the checks.
    case markdown
    /// A whole post file: front matter, Markdown, compile.
    case post

    func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        switch self {
        case .yaml:
            _ = try? YAML.parse(text)
        case .css:
            if let sheet = try? Stylesheet.parse(text, file: "fuzz.css") {
                let inlined = sheet.inline(into: HTMLParser.parseFragment("<section class=\"a\"><p id=\"b\">x</p></section>", file: "f").nodes)
                _ = HTMLSerializer.serialize(inlined)
            }
            // What the filter keeps stays safe when written back and read again (as the inliner does).
            let kept = CSSDeclaration.parseStyleAttribute(text).filter { CSSSafety.reasonToDrop($0) == nil }
            for declaration in CSSDeclaration.parseStyleAttribute(CSSDeclaration.styleAttribute(kept)) {
                if let reason = CSSSafety.reasonToDrop(declaration) { fatalError("kept `\(declaration)` turns unsafe when rewritten: \(reason)") }
            }
        case .mustache:
            guard let template = try? Template.parse(text, name: "fuzz") else { return }
            let partials: [String: Template] = ["self": template, "fuzz": template]
            _ = try? template.render(Self.templateContext, partials: partials)
        case .html:
            let nodes = HTMLParser.parseFragment(text, file: "fuzz.html").nodes
            let html = HTMLSerializer.serialize(nodes)
            // What the serializer writes reads back as the same tree: nothing it escapes can turn
            // into markup on the way to the platform.
            let again = HTMLSerializer.serialize(HTMLParser.parseFragment(html, file: "again.html").nodes)
            if again != html { fatalError("serialize(parse(x)) is not a fixpoint:\n\(html.prefix(300))\n\(again.prefix(300))") }
        case .markdown:
            compile("---\ntitle: 模糊测试\n---\n" + text)
        case .post:
            compile(text)
        }
    }

    static let templateContext: TemplateValue = .dictionary([
        "title": .string("标题 <b>&"), "body": .string("<p>x</p>"), "has_references": .bool(true),
        "references": .list([.dictionary(["number": .number(1), "text": .string("t"), "url": .string("https://e.x")])]),
        "page": .dictionary(["tags": .list([.string("a"), .string("b")]), "n": .number(3)]),
    ])

    /// A site in a temp folder with one image, shared by every run of the process.
    static let site: SiteConfig = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("wxpub-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: root.appendingPathComponent("content/posts"), withIntermediateDirectories: true)
        let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC")!
        try? png.write(to: root.appendingPathComponent("content/cover.png"))
        return SiteConfig(root: root, accountName: "模糊", defaults: SiteConfig.PostDefaults(author: "模糊", cover: "content/cover.png"))
    }()

    static let compiler: ArticleCompiler = {
        guard let theme = try? Theme.builtIn() else { fatalError("the built-in theme does not load") }
        return ArticleCompiler(site: site, theme: theme)
    }()

    private func compile(_ text: String) {
        let loaded = PostLoader(site: Self.site).parse(
            text, path: "content/posts/fuzz.md", fileURL: Self.site.root.appendingPathComponent("content/posts/fuzz.md"))
        guard let post = loaded.post else { return }
        let result = Self.compiler.compile(post)
        // The sanitizer's promise, for every input: nothing that runs script reaches the article.
        if let content = result.article?.content {
            if let problem = Self.scriptProblem(in: HTMLParser.parseFragment(content, file: "article").nodes) {
                fatalError("\(problem) in the article: \(content.prefix(600))")
            }
        }
    }

    /// The first element, attribute or style in `nodes` that could run script or load from outside.
    static func scriptProblem(in nodes: [HTMLNode]) -> String? {
        for node in nodes {
            guard case .element(let element) = node else { continue }
            if ["script", "iframe", "svg", "math", "object", "embed", "form", "base", "meta", "style", "link"].contains(element.tag) {
                return "a <\(element.tag)> element"
            }
            for attribute in element.attributes {
                if attribute.name.hasPrefix("on") { return "an event handler \(attribute.name)" }
                let compact = String(String.UnicodeScalarView(attribute.value.unicodeScalars.filter { $0.value > 0x20 })).lowercased()
                if ["href", "src"].contains(attribute.name), ["javascript:", "vbscript:", "data:"].contains(where: { compact.hasPrefix($0) }) {
                    return "a script URL in \(attribute.name)"
                }
                if attribute.name == "style",
                    let bad = CSSDeclaration.parseStyleAttribute(attribute.value).first(where: { CSSSafety.reasonToDrop($0) != nil }) {
                    return "the style `\(bad)`"
                }
            }
            if let problem = scriptProblem(in: element.children) { return problem }
        }
        return nil
    }
}

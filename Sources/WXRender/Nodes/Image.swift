import WXHTML
import WXSupport

extension MarkdownRenderer {
    /// An image alone in its paragraph: `<figure>` with the image and, when the Markdown gives a
    /// title (or else alt text), a `<figcaption>`.
    mutating func figure(_ node: MarkdownNode, url: String, title: String) -> [HTMLNode] {
        let alt = node.plainText
        guard let img = imageElement(node, url: url, alt: alt, class: "image") else { return [] }
        var children = [img]
        let caption = title.isEmpty ? alt : title
        if !caption.isEmpty { children.append(element("figcaption", [.text(caption)], at: node)) }
        return [element("figure", children, at: node)]
    }

    /// An image inside running text.
    mutating func inlineImage(_ node: MarkdownNode, url: String, title: String) -> [HTMLNode] {
        imageElement(node, url: url, alt: node.plainText, class: "image-inline").map { [$0] } ?? []
    }

    /// `<img src>` holding the image's source key (see `ArticleImage.source`); a missing file is
    /// an error at the image's `line:col`.
    private mutating func imageElement(_ node: MarkdownNode, url: String, alt: String, class className: String) -> HTMLNode? {
        switch images.bodyImage(url, at: location(node)) {
        case .success(let image):
            return element("img", class: className, at: node, attributes: [HTMLAttribute("src", image.source), HTMLAttribute("alt", alt)])
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        }
    }
}

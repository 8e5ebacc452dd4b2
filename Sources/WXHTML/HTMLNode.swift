import WXSupport

/// A small HTML tree: what the Markdown renderer builds, what the theme is inlined into, what raw
/// HTML from posts is parsed into for sanitizing, and what the structure checks walk.
/// Text is stored unescaped; the serializer escapes it.
public enum HTMLNode: Sendable, Equatable {
    case element(HTMLElement)
    case text(String)
    case comment(String)
}

public struct HTMLAttribute: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

public struct HTMLElement: Sendable, Equatable {
    /// Lower-case tag name.
    public var tag: String
    /// In source order; names lower-case.
    public var attributes: [HTMLAttribute]
    public var children: [HTMLNode]
    /// Where the element was written in the post (raw HTML) or which Markdown construct made it,
    /// so structure findings can point at the editor's source.
    public var location: SourceLocation?

    public init(_ tag: String, attributes: [HTMLAttribute] = [], children: [HTMLNode] = [], location: SourceLocation? = nil) {
        self.tag = tag
        self.attributes = attributes
        self.children = children
        self.location = location
    }

    public subscript(attribute name: String) -> String? {
        get { attributes.first { $0.name == name }?.value }
        set {
            if let index = attributes.firstIndex(where: { $0.name == name }) {
                if let newValue { attributes[index].value = newValue } else { attributes.remove(at: index) }
            } else if let newValue {
                attributes.append(HTMLAttribute(name, newValue))
            }
        }
    }

    /// Elements with no end tag and no children.
    public static let voidTags: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]
}

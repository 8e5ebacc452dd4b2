/// An article's HTML as it was made: the UTF-8 bytes the compile wrote, or a string set later.
/// The compile's bytes are valid UTF-8 by construction (written from strings and the template's
/// text), yet turning them into a `String` checks every byte again (1 % of `wxpub build`), and a
/// build only writes them out: the string is made when someone asks for one.
struct ArticleContent: Sendable, Equatable {
    private enum Storage: Sendable {
        case text(String)
        case written([UInt8])
    }

    private var storage: Storage

    init(_ text: String) { storage = .text(text) }

    /// `bytes`: UTF-8 the caller wrote itself (it is checked only when made into a string).
    init(written bytes: [UInt8]) { storage = .written(bytes) }

    /// The HTML as a string (made from the written bytes on each call).
    var string: String {
        switch storage {
        case .text(let text): text
        case .written(let bytes): String(decoding: bytes, as: UTF8.self)
        }
    }

    var utf8Count: Int {
        switch storage {
        case .text(let text): text.utf8.count
        case .written(let bytes): bytes.count
        }
    }

    func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        switch storage {
        case .text(var text): try text.withUTF8(body)
        case .written(let bytes): try bytes.withUnsafeBufferPointer(body)
        }
    }

    /// Equal when the strings are: what comparing `Article.content` always meant.
    static func == (lhs: ArticleContent, rhs: ArticleContent) -> Bool {
        if case .written(let a) = lhs.storage, case .written(let b) = rhs.storage, a == b { return true }
        return lhs.string == rhs.string
    }
}

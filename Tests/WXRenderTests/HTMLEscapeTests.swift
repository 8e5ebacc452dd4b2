import XCTest
import WXHTML
@testable import WXRender

/// The writer escapes text and attribute values byte for byte as the simple rules say, wherever
/// the special character falls among the eight-byte words it skips through.
final class HTMLEscapeTests: XCTestCase {
    /// The rules, one character at a time.
    private func reference(_ text: String, attribute: Bool) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<" where !attribute: out += "&lt;"
            case ">" where !attribute: out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\u{A0}": out += "&nbsp;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private func escaped(_ text: String, attribute: Bool) throws -> String {
        var writer = HTMLWriter(table: StyleTable(stylesheet: try Stylesheet.parse("", file: "t.css")), prefix: [])
        writer.escape(text, attribute: attribute)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    func testEverySpecialCharacterAtEveryOffset() throws {
        for special in ["&", "<", ">", "\"", "\u{A0}", "é"] {
            for offset in 0..<20 {
                let text = String(repeating: "文", count: offset / 3) + String(repeating: "a", count: offset % 3) + special + "正文 text & more"
                for attribute in [false, true] {
                    XCTAssertEqual(try escaped(text, attribute: attribute), reference(text, attribute: attribute), "\(special) at \(offset)")
                }
            }
        }
    }
}

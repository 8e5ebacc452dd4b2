import Foundation
import WXHTML
import XCTest

@testable import WXRender

/// The default theme's output must raise none of the static findings of WeChat's
/// article-structure spec (`verify_article_structure.md`): 1.3 line-height below the font size,
/// 1.4 px widths beyond the 375 px column, 1.5 zero heights, 1.6 text-align start/end, 1.8 `<pre>`,
/// 3 font-family, 4 `!important` and text/background contrast below 3:1.
final class ThemeComplianceTests: XCTestCase {
    func testGoldenOutputsAndTheSeedRaiseNoStructureFinding() throws {
        let folder = TestSite.fixtures.appendingPathComponent("golden")
        var contents: [(String, String)] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".html") {
            contents.append((file, try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)))
        }
        let seed = TestSite.fixtures.appendingPathComponent("seed/2013-08-05-subscription-vs-service-accounts.html")
        contents.append(("seed", try String(contentsOf: seed, encoding: .utf8)))
        XCTAssertGreaterThan(contents.count, 10)
        for (name, html) in contents {
            let findings = StructureProbe.findings(in: HTMLParser.parseFragment(html, file: name).nodes)
            XCTAssertEqual(findings, [], name)
        }
    }

    func testTheProbeCatchesWhatItLooksFor() {
        let bad = """
            <section style="font-size: 16px; line-height: 10px; font-family: serif; text-align: start; width: 600px">两行<br>文字</section>\
            <pre style="color: #eeeeee !important">x</pre>
            """
        let findings = StructureProbe.findings(in: HTMLParser.parseFragment(bad, file: "bad").nodes)
        XCTAssertEqual(
            Set(findings.map { String($0.prefix(3)) }), ["1.3", "1.4", "1.6", "1.8", "3 :", "4 :"], findings.joined(separator: "\n"))
    }
}

/// A small static reading of the spec's rules over inline styles, with inheritance of font size,
/// line height and background.
enum StructureProbe {
    struct Inherited {
        var fontSize: Double = 16
        var lineHeight: (value: Double, unitless: Bool) = (1.6, true)
        var color = (r: 0.2, g: 0.2, b: 0.2)
        var background = (r: 1.0, g: 1.0, b: 1.0)
    }

    static func findings(in nodes: [HTMLNode]) -> [String] {
        var out: [String] = []
        walk(nodes, Inherited(), &out)
        return out
    }

    private static func walk(_ nodes: [HTMLNode], _ inherited: Inherited, _ out: inout [String]) {
        for case .element(let element) in nodes {
            var state = inherited
            let declarations = CSSDeclaration.parseStyleAttribute(element[attribute: "style"] ?? "")
            let tag = element.tag
            if tag == "pre" { out.append("1.8 <pre>") }
            for d in declarations {
                let value = d.value.lowercased()
                switch d.property {
                case "font-family": out.append("3 : font-family on <\(tag)>")
                case "text-align" where value == "start" || value == "end": out.append("1.6 text-align \(value)")
                case "width", "min-width":
                    if let px = pixels(value), px > 375 { out.append("1.4 \(d.property) \(value) on <\(tag)>") }
                case "height" where pixels(value) == 0: out.append("1.5 height 0 on <\(tag)>")
                case "font-size": if let px = pixels(value, em: state.fontSize) { state.fontSize = px }
                case "line-height":
                    if let number = Double(value) { state.lineHeight = (number, true) } else if let px = pixels(value, em: state.fontSize) { state.lineHeight = (px, false) }
                case "color": if let c = rgb(value) { state.color = c }
                case "background-color", "background": if let c = rgb(value) { state.background = c }
                default: break
                }
                if d.important || value.contains("!important") { out.append("4 : !important on <\(tag)>") }
            }
            let lineHeightPx = state.lineHeight.unitless ? state.lineHeight.value * state.fontSize : state.lineHeight.value
            if hasText(element), lineHeightPx < state.fontSize {
                out.append("1.3 line-height \(lineHeightPx)px below font-size \(state.fontSize)px on <\(tag)>")
            }
            if hasOwnText(element), contrast(state.color, state.background) < 3 {
                out.append("4 : contrast \(String(format: "%.2f", contrast(state.color, state.background))) on <\(tag)>")
            }
            walk(element.children, state, &out)
        }
    }

    static func hasText(_ element: HTMLElement) -> Bool {
        element.children.contains {
            switch $0 {
            case .text(let t): return !t.allSatisfy(\.isWhitespace)
            case .element(let e): return hasText(e)
            case .comment: return false
            }
        }
    }

    static func hasOwnText(_ element: HTMLElement) -> Bool {
        element.children.contains { if case .text(let t) = $0 { return !t.allSatisfy(\.isWhitespace) } else { return false } }
    }

    static func pixels(_ value: String, em: Double = 16) -> Double? {
        let v = value.trimmingCharacters(in: .whitespaces)
        if v == "0" { return 0 }
        if v.hasSuffix("px") { return Double(v.dropLast(2)) }
        if v.hasSuffix("pt") { return Double(v.dropLast(2)).map { $0 * 4 / 3 } }
        if v.hasSuffix("em") { return Double(v.dropLast(2)).map { $0 * em } }
        return nil
    }

    static func rgb(_ value: String) -> (r: Double, g: Double, b: Double)? {
        let v = value.trimmingCharacters(in: .whitespaces)
        guard v.hasPrefix("#") else { return v == "white" ? (1, 1, 1) : v == "black" ? (0, 0, 0) : nil }
        var hex = String(v.dropFirst())
        if hex.count == 3 { hex = hex.map { "\($0)\($0)" }.joined() }
        guard hex.count == 6, let n = Int(hex, radix: 16) else { return nil }
        return (Double(n >> 16 & 255) / 255, Double(n >> 8 & 255) / 255, Double(n & 255) / 255)
    }

    static func luminance(_ c: (r: Double, g: Double, b: Double)) -> Double {
        func lin(_ x: Double) -> Double { x <= 0.03928 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4) }
        return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b)
    }

    static func contrast(_ a: (r: Double, g: Double, b: Double), _ b: (r: Double, g: Double, b: Double)) -> Double {
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }
}

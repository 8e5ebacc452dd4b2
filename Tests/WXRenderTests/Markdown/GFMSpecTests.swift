import Foundation
import XCTest

@testable import WXRender

/// Every example of the GFM spec's "(extension)" sections and of cmark-gfm's `extensions.txt`
/// (`../shared/oracles/gfm-spec/`), parsed by the Markdown pass and rendered by the test's
/// CommonMark HTML renderer, matches the expected HTML after whitespace between tags is removed.
final class GFMSpecTests: XCTestCase {
    struct Example {
        var number: Int
        var section: String
        var markdown: String
        var html: String
    }

    static var oracleFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../../shared/oracles/gfm-spec").standardized
    }

    static func examples(in file: String, extensionSectionsOnly: Bool) throws -> [Example] {
        let url = oracleFolder.appendingPathComponent(file)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw XCTSkip("\(url.path) is absent (../shared is not beside the checkout); skipping the GFM spec examples")
        }
        let fence = String(repeating: "`", count: 32)
        var examples: [Example] = []
        var section = ""
        var inExample = false, inHTML = false
        var markdown = "", html = ""
        var number = 0
        for line in text.components(separatedBy: "\n") {
            if !inExample, line.hasPrefix("#") {
                section = line
            } else if line.hasPrefix(fence + " example") {
                inExample = true
                inHTML = false
                markdown = ""
                html = ""
            } else if inExample, line == fence {
                inExample = false
                number += 1
                if !extensionSectionsOnly || section.contains("(extension)") {
                    examples.append(Example(
                        number: number, section: section, markdown: markdown.replacingOccurrences(of: "→", with: "\t"),
                        html: html.replacingOccurrences(of: "→", with: "\t")))
                }
            } else if inExample, !inHTML, line == "." {
                inHTML = true
            } else if inExample {
                if inHTML { html += line + "\n" } else { markdown += line + "\n" }
            }
        }
        return examples
    }

    func check(_ examples: [Example], file: String) {
        XCTAssertFalse(examples.isEmpty)
        for example in examples where !example.html.contains("<IGNORE>") {
            let got = CommonMarkHTML.render(MarkdownParser.parse(example.markdown))
            XCTAssertEqual(
                CommonMarkHTML.normalize(got), CommonMarkHTML.normalize(example.html),
                "\(file) example \(example.number) (\(example.section)):\n\(example.markdown)")
        }
    }

    func testEveryExtensionExampleOfTheGFMSpecPasses() throws {
        let examples = try Self.examples(in: "spec.txt", extensionSectionsOnly: true)
        XCTAssertGreaterThanOrEqual(examples.count, 20)
        check(examples, file: "spec.txt")
    }

    func testEveryExampleOfCmarkGFMsExtensionSuitePasses() throws {
        check(try Self.examples(in: "extensions.txt", extensionSectionsOnly: false), file: "extensions.txt")
    }

    func testExamplesThatMustNotCrashDoNot() throws {
        for example in try Self.examples(in: "extensions.txt", extensionSectionsOnly: false) where example.html.contains("<IGNORE>") {
            _ = CommonMarkHTML.render(MarkdownParser.parse(example.markdown))
        }
    }
}

import Foundation
import XCTest

@testable import WXRender

/// The repo's `templates/` folder and the copy embedded in the binary must be the same theme.
final class DefaultThemeTests: XCTestCase {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func templateFiles() throws -> [String: String] {
        let folder = repoRoot.appendingPathComponent("templates")
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!
        for case let url as URL in enumerator where !url.hasDirectoryPath {
            let relative = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
            files[relative] = try String(contentsOf: url, encoding: .utf8)
        }
        return files
    }

    func testEmbeddedThemeIsIdenticalToTheTemplatesFolder() throws {
        let files = try Self.templateFiles()
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try Self.generate(files).write(
                to: Self.repoRoot.appendingPathComponent("Sources/WXRender/DefaultTheme.swift"), atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(Set(files.keys), Set(DefaultTheme.files.keys), "regenerate with RECORD_SNAPSHOTS=1")
        for (name, text) in files {
            XCTAssertEqual(DefaultTheme.files[name], text, "\(name) differs from the embedded copy; regenerate with RECORD_SNAPSHOTS=1")
        }
    }

    static func generate(_ files: [String: String]) -> String {
        var out = """
            // Generated from templates/ by `RECORD_SNAPSHOTS=1 swift test --filter DefaultThemeTests`; do not edit by hand.

            /// The default theme, embedded so a site without a `templates/` folder still builds. A test
            /// keeps it identical to the repo's `templates/`.
            public enum DefaultTheme {
                public static let files: [String: String] = [

            """
        for name in files.keys.sorted() {
            out += "        \"\(name)\": #\"\"\"\n\(files[name]!)\n\"\"\"#,\n"
        }
        out += "    ]\n}\n"
        return out
    }
}

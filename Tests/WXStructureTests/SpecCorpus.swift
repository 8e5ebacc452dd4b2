import Foundation
import WXHTML
import XCTest

/// The spec repository's fixtures and their rule mapping (`cases.config.js`), found beside the
/// package (`../shared/oracles/verify-article-structure/`, looking up from the package root
/// so a git worktree one level deeper finds it too).
struct SpecCorpus {
    struct Case {
        var id: String
        var expectedKeys: [String]
        var skip: Bool
    }

    let root: URL
    let badcases: [Case]
    let goodcases: [Case]

    static func load() throws -> SpecCorpus {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for _ in 0..<3 {
            directory = directory.deletingLastPathComponent()
            let candidate = directory.appendingPathComponent("shared/oracles/verify-article-structure")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("cases.config.js").path) {
                return try SpecCorpus(root: candidate)
            }
        }
        throw XCTSkip("spec corpus ../shared/oracles/verify-article-structure not found; skipping")
    }

    init(root: URL) throws {
        self.root = root
        let config = try String(contentsOf: root.appendingPathComponent("cases.config.js"), encoding: .utf8)
        // Only the live arrays: the commented-out copy below `badcases` starts with `//`.
        let live = config.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
        guard let goodStart = live.range(of: "const goodcases") else { throw XCTSkip("cases.config.js has no goodcases") }
        badcases = SpecCorpus.cases(in: String(live[..<goodStart.lowerBound]))
        goodcases = SpecCorpus.cases(in: String(live[goodStart.lowerBound...]))
    }

    /// Reads the `{ id: '…', expectInvalidKeys: ['…'], skip: true }` objects of one array.
    private static func cases(in text: String) -> [Case] {
        var result: [Case] = []
        for chunk in text.components(separatedBy: "id: '").dropFirst() {
            guard let end = chunk.firstIndex(of: "'") else { continue }
            let id = String(chunk[..<end])
            let body = chunk.components(separatedBy: "\n  }")[0]
            var keys: [String] = []
            if let range = body.range(of: "expectInvalidKeys: ["), let close = body[range.upperBound...].firstIndex(of: "]") {
                keys = body[range.upperBound..<close].split(separator: ",").map {
                    $0.trimmingCharacters(in: CharacterSet(charactersIn: " '\""))
                }.filter { !$0.isEmpty }
            }
            result.append(Case(id: id, expectedKeys: keys, skip: body.contains("skip: true")))
        }
        return result
    }

    func html(_ kind: String, _ id: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent("__tests__/fixtures/\(kind)/\(id).html"), encoding: .utf8)
    }

    func allGoodcaseIDs() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("__tests__/fixtures/goodcases").path)
            .filter { $0.hasSuffix(".html") }.map { String($0.dropLast(5)) }.sorted()
    }
}

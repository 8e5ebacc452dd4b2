import Foundation
import WXHighlight
import WXTestSupport
import XCTest

/// Our lexers against Pygments on the real files of Pygments' own test suite
/// (`tests/examplefiles/<lexer>/`, fetched by `scripts/fetch-pygments-examples.sh`): per
/// language, at least 95 % of the non-space characters must get the same token class
/// (`scripts/pygments-classes.py` maps Pygments' token types to ours). Failures name the worst
/// files and show where they disagree.
final class PygmentsDifferentialTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let examples = root.appendingPathComponent(".build/oracles/pygments/examplefiles")
    static let script = root.appendingPathComponent("scripts/pygments-classes.py")

    /// Pygments lexer name and example folder → our fence name.
    static let languages: [(pygments: String, folder: String, fence: String)] = [
        ("swift", "swift", "swift"), ("python", "python", "python"), ("javascript", "js", "js"), ("typescript", "ts", "ts"),
        ("java", "java", "java"), ("kotlin", "kotlin", "kotlin"), ("go", "go", "go"), ("rust", "rust", "rust"),
        ("c", "c", "c"), ("cpp", "cpp", "cpp"), ("csharp", "csharp", "cs"), ("objective-c", "objective-c", "objc"),
        ("php", "php", "php"), ("rb", "rb", "rb"), ("bash", "bash", "bash"), ("console", "console", "console"),
        ("json", "json", "json"), ("yaml", "yaml", "yaml"), ("toml", "toml", "toml"), ("html", "html", "html"),
        ("xml", "xml", "xml"), ("css", "css", "css"), ("docker", "docker", "dockerfile"), ("make", "make", "makefile"),
        ("postgresql", "postgresql", "sql"),
    ]

    static let letters: [TokenClass: Character] = [
        .keyword: "k", .type: "t", .string: "s", .number: "n", .comment: "c", .function: "f", .attribute: "a", .operator: "o", .plain: "p",
    ]

    struct FileScore {
        var file: String
        var agreed = 0
        var total = 0
        var sample = ""
        /// (ours, Pygments') → characters and the first word where they disagree that way.
        var confusions: [String: (count: Int, example: String)] = [:]
        var percent: Double { total == 0 ? 100 : Double(agreed) * 100 / Double(total) }
    }

    func testEachLanguageAgreesWithPygmentsOnAtLeast95PercentOfCharacters() throws {
        guard OracleProcess.pythonHas("pygments") else { throw XCTSkip("Pygments is not installed (pip install pygments); skipping the highlighting differential") }
        guard FileManager.default.fileExists(atPath: Self.examples.path) else {
            throw XCTSkip("Pygments' example files are missing (run scripts/fetch-pygments-examples.sh); skipping the highlighting differential")
        }
        var report: [String] = []
        var failures: [String] = []
        for language in Self.languages {
            let folder = Self.examples.appendingPathComponent(language.folder)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { !$0.hasSuffix(".output") }.sorted().map { folder.appendingPathComponent($0).path }
            guard !files.isEmpty else { continue }
            let result = try XCTUnwrap(OracleProcess.run(["python3", Self.script.path, language.pygments] + files))
            XCTAssertEqual(result.status, 0, result.errors)
            var scores: [FileScore] = []
            for line in result.output.split(separator: "\n") {
                let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
                scores.append(Self.compare(text: object["text"]!, expected: object["classes"]!, fence: language.fence,
                                           file: (object["file"]! as NSString).lastPathComponent))
            }
            var confusions: [String: (count: Int, example: String)] = [:]
            for score in scores {
                for (key, value) in score.confusions { confusions[key, default: (0, value.example)].count += value.count }
            }
            let top = confusions.sorted { $0.value.count > $1.value.count }.prefix(4)
                .map { "\($0.key) ×\($0.value.count) «\($0.value.example)»" }.joined(separator: ", ")
            let agreed = scores.map(\.agreed).reduce(0, +)
            let total = scores.map(\.total).reduce(0, +)
            let percent = total == 0 ? 100 : Double(agreed) * 100 / Double(total)
            let worst = scores.sorted { $0.percent < $1.percent }.prefix(2)
                .map { "\($0.file) \(String(format: "%.1f", $0.percent)) %\($0.sample.isEmpty ? "" : " (first difference: \($0.sample))")" }
            let line = "\(language.fence): \(String(format: "%.1f", percent)) % of \(total) characters; worst: \(worst.joined(separator: "; "))"
                + (top.isEmpty ? "" : "; ours→Pygments: \(top)")
            report.append(line)
            if percent < 95 { failures.append(line) }
        }
        FileHandle.standardError.write(Data((report.joined(separator: "\n") + "\n").utf8))
        XCTAssert(failures.isEmpty, "below 95 % agreement with Pygments:\n" + failures.joined(separator: "\n"))
    }

    /// Class letters per Unicode scalar of `text`, ours against Pygments', over non-space characters.
    static func compare(text: String, expected: String, fence: String, file: String) -> FileScore {
        var ours: [Character] = []
        ours.reserveCapacity(expected.count)
        for run in Highlighter.highlight(text, language: fence) {
            let letter = letters[run.tokenClass]!
            for _ in run.text.unicodeScalars { ours.append(letter) }
        }
        let theirs = Array(expected.unicodeScalars)
        let scalars = Array(text.unicodeScalars)
        var score = FileScore(file: file)
        guard ours.count == theirs.count, ours.count == scalars.count else {
            score.total = max(1, theirs.count)
            score.sample = "length \(ours.count) vs \(theirs.count)"
            return score
        }
        for i in 0..<scalars.count where !scalars[i].properties.isWhitespace {
            score.total += 1
            if ours[i] == Character(theirs[i]) {
                score.agreed += 1
            } else {
                let key = "\(ours[i])→\(theirs[i])"
                if score.confusions[key] == nil {
                    var from = i, to = i
                    while from > 0 && !scalars[from - 1].properties.isWhitespace && i - from < 12 { from -= 1 }
                    while to < scalars.count && !scalars[to].properties.isWhitespace && to - i < 12 { to += 1 }
                    score.confusions[key] = (0, String(String.UnicodeScalarView(scalars[from..<to])))
                }
                score.confusions[key]!.count += 1
            }
            if ours[i] != Character(theirs[i]) && score.sample.isEmpty {
                let from = max(0, i - 10), to = min(scalars.count, i + 20)
                let context = String(String.UnicodeScalarView(scalars[from..<to])).replacingOccurrences(of: "\n", with: "⏎")
                score.sample = "at \(i) ours \(ours[i]) Pygments \(theirs[i]) in «\(context)»"
            }
        }
        return score
    }
}

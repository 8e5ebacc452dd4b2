import Foundation
import WXContent
import WXTestSupport
import XCTest

/// Generated front matter in TOML, and each one mutated by a stray character, read by us and by
/// Python's `tomllib` in one run: where tomllib accepts, we produce the same values; where it
/// rejects, so do we; where only we reject, it is one of the documented deviations.
final class TOMLGeneratedDifferentialTests: XCTestCase {
    static func key(_ g: inout SplitMix64) -> String {
        switch g.next(8) {
        case 0: return "\"带 空格 的键\""
        case 1: return "'lit-\(g.next(9))'"
        case 2: return "site.\(g.pick(["name", "owner", "year"]))"
        default: return g.pick(["title", "author", "digest", "cover", "tags", "draft", "publish_at", "weight", "slug", "x_1", "a-b", "2026"])
        }
    }

    static func scalar(_ g: inout SplitMix64) -> String {
        switch g.next(16) {
        case 0: return "\"科技爱好者周刊（第 \(g.next(400)) 期）\""
        case 1: return "\"引号 \\\" 反斜杠 \\\\ 换行 \\n 制表 \\t \\u00E9 \\U0001F600\""
        case 2: return "'C:\\path\\to\\文件'"
        case 3: return "\"\"\"\n第一行\n第二行 \\\n    续行\"\"\""
        case 4: return "'''\n原样 \\n 文本\n'''"
        case 5: return g.pick(["0", "42", "-17", "+99", "1_000", "0xDEAD_beef", "0o755", "0b1101", "9223372036854775807"])
        case 6: return g.pick(["3.14", "-0.5e3", "1e10", "6.02_2e23", "+1.5E-2", "inf", "-inf", "nan", "0.0", "-0.0"])
        case 7: return g.pick(["true", "false"])
        case 8: return g.pick(["2026-11-25", "2024-02-29", "1979-05-27"])
        case 9: return g.pick(["2026-11-25T08:30:00+08:00", "1979-05-27T07:32:00Z", "2026-11-25 08:30:00", "2026-11-25T08:30:00.123456789-05:30", "2026-01-01t00:00:00z"])
        case 10: return "\"\""
        case 11: return "''"
        default: return "\"文本 \(g.next(1000))\""
        }
    }

    static func value(_ g: inout SplitMix64, depth: Int = 0) -> String {
        guard depth < 2 else { return scalar(&g) }
        switch g.next(10) {
        case 0: return "[" + (0..<g.next(4)).map { _ in value(&g, depth: depth + 1) }.joined(separator: ", ") + "]"
        case 1: return "[\n  " + (0..<(1 + g.next(3))).map { _ in value(&g, depth: depth + 1) + " # 注释" }.joined(separator: ",\n  ") + ",\n]"
        case 2: return "{ " + (0..<g.next(3)).map { i in "k\(i) = \(value(&g, depth: depth + 1))" }.joined(separator: ", ") + " }"
        case 3: return "{ a.b = \(scalar(&g)), a.c = \(scalar(&g)) }"
        default: return scalar(&g)
        }
    }

    static func document(_ g: inout SplitMix64) -> String {
        var lines: [String] = []
        for _ in 0..<(2 + g.next(6)) {
            switch g.next(12) {
            case 0: lines.append("# 注释 \(g.next(9))")
            case 1: lines.append("")
            case 2: lines.append("[\(g.pick(["params", "author", "params.seo", "\"带 空格\"", "a . b"]))]")
            default: lines.append("\(key(&g)) = \(value(&g))" + (g.next(4) == 0 ? "  # 行尾" : ""))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One stray character inserted, or one character deleted, at a character boundary.
    static func mutate(_ text: String, _ g: inout SplitMix64) -> String {
        var chars = Array(text)
        let at = g.next(chars.count + 1)
        if g.next(2) == 0, at < chars.count {
            chars.remove(at: at)
        } else {
            chars.insert(g.pick(["\"", "'", "=", "[", "]", "{", "}", ",", ".", "#", "\n", " ", "_", "0", ":", "-", "+", "x", "\\", "T"]), at: at)
        }
        return String(chars)
    }

    func testGeneratedAndMutatedDocumentsAgreeWithTomllib() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/record-toml-oracle.py")
        guard let probe = OracleProcess.run(["python3", "-c", "import tomllib"]), probe.status == 0 else {
            throw XCTSkip("python3 3.11+ with tomllib not found; generated TOML differential skipped")
        }
        var g = SplitMix64(seed: 2026)
        var documents: [String] = []
        for _ in 0..<1000 {
            let document = Self.document(&g)
            documents.append(document)
            documents.append(Self.mutate(document, &g))
        }
        guard let result = OracleProcess.run(["python3", script.path, "--stdin"], input: try JSONEncoder().encode(documents)),
              result.status == 0 else {
            return XCTFail("record-toml-oracle.py --stdin failed")
        }
        let oracle = try JSONDecoder().decode([YAMLCanonical].self, from: result.stdout)
        XCTAssertEqual(oracle.count, documents.count)
        var accepted = 0
        var rejected = 0
        for (text, expected) in zip(documents, oracle) {
            let ours: Result<YAMLNode, TOMLError> = Result { () throws(TOMLError) in try TOML.parse(text) }
            switch (ours, expected) {
            case (.success(let node), .pyError(let message)):
                XCTFail("we accept what tomllib rejects (\(message)):\n\(text)\nours: \(YAMLCanonical(node))")
            case (.success(let node), _):
                accepted += 1
                XCTAssertEqual(YAMLCanonical(node), expected, "\n\(text)")
            case (.failure, .pyError):
                rejected += 1
            case (.failure(let error), _):
                let documented = ["arrays of tables", "a time without a date", "does not fit in 64 bits"].contains { error.message.contains($0) }
                XCTAssertTrue(documented, "we reject what tomllib loads as \(expected): \(error)\n\(text)")
            }
        }
        // Both halves must be exercised for the comparison to mean anything.
        XCTAssertGreaterThan(accepted, 200)
        XCTAssertGreaterThan(rejected, 100)
    }
}

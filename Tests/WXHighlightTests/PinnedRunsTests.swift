import Foundation
import WXHighlight
import XCTest

/// The runs every lexer gives today, pinned so that speed work cannot change a single token. The
/// sample is varied on purpose: each language lexes all of Pygments' example files for the
/// highlighted languages (its own and every other language's: odd input takes rare paths) and a
/// set of short snippets. Each language's runs, as `class` + text, are folded into one FNV-1a
/// digest. To re-record after a deliberate change, run with `RECORD_RUN_DIGESTS=1` and paste
/// the printed table.
final class PinnedRunsTests: XCTestCase {
    static let recorded: [String: UInt64] = [
        "swift": 0x32d11a4be21b2123, "python": 0xd2fb2fb63543a78b, "javascript": 0xbe2f059806eb4971,
        "typescript": 0x9f73b6d17bb953b5, "java": 0xc51906feb14a547e, "kotlin": 0x49c628b4923dfd57,
        "go": 0x8932009c00f68b17, "rust": 0xe77dbc1bc82dd857, "c": 0xfa977ecff9e058f8, "cpp": 0xd6b418eded06a595,
        "csharp": 0x34884372776066f2, "objectivec": 0x999b5e437d82bd8, "php": 0xb64ac54467e0403b,
        "ruby": 0xd48b93e5f9197afc, "shell": 0x92e403534ef5fed, "console": 0xf76aa2721e746e55, "sql": 0x62657cd8e1057449,
        "json": 0x5b8a635dbdbfd788, "yaml": 0xedd5791ba62639b6, "toml": 0x34832ada53d99149, "html": 0x244d68757ba15f57,
        "xml": 0xe36c17ce974bb064, "css": 0x3b418387616303ea, "diff": 0xc04763b785c32567,
        "dockerfile": 0xdb774a00e185f2c2, "makefile": 0xd8cd064f90b8670,
    ]

    static let snippets = [
        "func send(_ a: Article) async throws -> String { \"\\(a.id) \\u{1F}\" } // x\n/* a /* b */ */ @main\n",
        "def f(x=0o17, *a, **k):\n    return f\"{x!r}\" + r'\\d' # c\n@dec\nclass A: pass\n",
        "const r = /^a[/]b$/gi.test(`${x}`) ? 0xFF : 1e-3; $el = <div class=\"a\">&amp;</div>\n",
        "#include <x.h>\n#define A(x) \\\n  (x)\nint main(void) { char *s = L\"é\"; return 'a' + 1'000; }\n",
        "puts :sym, %w(a b), ?c, $&, <<~EOS\n  body #{x}\nEOS\n__END__\ndata\n",
        "<?php $a = <<<EOT\nhi $b\nEOT;\necho \"$a\"; ?>\n- (void)send:(int)a to:(id)b {}\n",
        "SELECT 'it''s', \"q\" FROM t -- c\nWHERE x > 1.5e3;\n{\"a\": [1, null, true]}\nkey: value # c\n[t]\nk = 1\n",
        "$ echo \"$HOME\" | grep -v x > /dev/null 2>&1 && ls\noutput\nFROM alpine\nRUN make all\nall: a.o\n\t$(CC) -o $@ $^\n",
        "+added\n-removed\n@@ -1,2 +1,2 @@\n<p style=\"color: red\"><!-- c --></p>\n.a > b:hover { color: #fff; margin: 0 1px; }\n",
        "let 乐思享 = \"标题\"; fn main<'a>(x: &'a str) { println!(\"{}\", x); }\n\r\n\t\u{0}\u{7F}",
        "", "\n", "   ", "\"unterminated", "/* unterminated", "'", "0x", "@", "#", "<<", "%", "$", "`", "\\",
    ]

    static let sample: [String] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let examples = root.appendingPathComponent(".build/oracles/pygments/examplefiles")
        var files: [String] = []
        for language in PygmentsDifferentialTests.languages {
            let folder = examples.appendingPathComponent(language.folder)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
            for name in names.sorted() where !name.hasSuffix(".output") {
                guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
                files.append(String(decoding: data, as: UTF8.self))
            }
        }
        return files.isEmpty ? [] : snippets + files
    }()

    static func digest(_ language: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        for code in sample {
            for run in Highlighter.highlight(code, language: language) {
                for byte in run.tokenClass.rawValue.utf8 { mix(byte) }
                mix(0x01)
                for byte in run.text.utf8 { mix(byte) }
                mix(0x02)
            }
            mix(0x03)
        }
        return hash
    }

    func testEveryLanguageGivesTheRecordedRunsOnTheSample() throws {
        guard !Self.sample.isEmpty else {
            throw XCTSkip("Pygments' example files are missing (run scripts/fetch-pygments-examples.sh); skipping the pinned runs")
        }
        var table: [String] = []
        for language in Highlighter.languageNames {
            let digest = Self.digest(language)
            table.append("        \"\(language)\": 0x\(String(digest, radix: 16)),")
            if ProcessInfo.processInfo.environment["RECORD_RUN_DIGESTS"] == nil {
                XCTAssertEqual(digest, Self.recorded[language], "\(language): its runs over the sample changed")
            }
        }
        if ProcessInfo.processInfo.environment["RECORD_RUN_DIGESTS"] != nil {
            FileHandle.standardError.write(Data((table.joined(separator: "\n") + "\n").utf8))
        }
    }
}

import Foundation
import WXTestSupport
import XCTest

@testable import WXRender

/// Differential test of the CJK-friendly emphasis against the PyPI package
/// `mdit-py-cjk-friendly` (markdown-it-py with the plugin, strikethrough on): every paragraph of
/// `../shared/oracles/cjk-friendly/testcases/*.md`, every example of its `commonmark.json`, and
/// 400 generated sentences mixing Chinese/Japanese punctuation, Latin words, digits, markers,
/// links and code spans end up with the same text strong, emphasised and struck through, and
/// the same line breaks kept or dropped. Where that plugin (a simplified implementation) departs
/// from the specification, `Self.oracleDeviations` lists the case, the reason and the spec's answer.
final class CJKFriendlyDifferentialTests: XCTestCase {
    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../../shared/oracles/cjk-friendly/testcases").standardized
    }

    static let script = """
        import json, sys
        from markdown_it import MarkdownIt
        from mdit_py_cjk_friendly import cjk_friendly
        gfm = MarkdownIt("commonmark").use(cjk_friendly).enable("strikethrough")
        plain = MarkdownIt("commonmark").use(cjk_friendly)
        cases = json.load(sys.stdin)
        print(json.dumps([(gfm if c["gfm"] else plain).render(c["markdown"]) for c in cases]))
        """

    /// Inputs on which the oracle departs from `specification.md`, with the outline the
    /// specification gives (see `outline`).
    static let oracleDeviations: [String: (reason: String, expected: String)] = [
        "**이 [링크](https://example.kr/)**만을 강조하고 싶다.": ("Hangul is CJK in the specification; the plugin's CJK class has no Hangul", "⟨strong⟩이링크⟨/strong⟩만을강조하고싶다."),
        "**스크립트(script)**라고": ("Hangul", "⟨strong⟩스크립트(script)⟨/strong⟩라고"),
        "패키지를 발행하려면 **`npm publish`**를 실행하십시오.": ("Hangul", "패키지를발행하려면⟨strong⟩npmpublish⟨/strong⟩를실행하십시오."),
        "[^~~is~~1]": ("cmark-gfm 0.29 (the oracle for text without CJK) keeps markers inside an undefined `[^…]` literal", "[^⟨del⟩is⟨/del⟩1]"),
        "葛󠄀~~()a~~a": ("the specification looks through variation selectors (§2.1); the plugin does not", "葛󠄀⟨del⟩()a⟨/del⟩a"),
        "羽︀~~()a~~a": ("the specification looks through variation selectors (§2.1); the plugin does not", "羽︀⟨del⟩()a⟨/del⟩a"),
        "**안녕(hello)**하세요.": ("Hangul is CJK in the specification; the plugin's CJK class has no Hangul", "⟨strong⟩안녕(hello)⟨/strong⟩하세요."),
        "ᅡ**(a)**": ("Hangul is CJK in the specification; the plugin's CJK class has no Hangul", "ᅡ⟨strong⟩(a)⟨/strong⟩"),
        "**(k)**ᄏ": ("Hangul is CJK in the specification; the plugin's CJK class has no Hangul", "⟨strong⟩(k)⟨/strong⟩ᄏ"),
        "𰻞𰻞**(ビャンビャン)**麺": ("outside the plugin's CJK ranges (only Ext. B ideographs, kana up to U+30FF); CJK in ranges.md", "𰻞𰻞⟨strong⟩(ビャンビャン)⟨/strong⟩麺"),
        "𪜈**(トモの合略仮名)**": ("outside the plugin's CJK ranges (only Ext. B ideographs, kana up to U+30FF); CJK in ranges.md", "𪜈⟨strong⟩(トモの合略仮名)⟨/strong⟩"),
        "𫠉**(馬の俗字)**": ("outside the plugin's CJK ranges (only Ext. B ideographs, kana up to U+30FF); CJK in ranges.md", "𫠉⟨strong⟩(馬の俗字)⟨/strong⟩"),
        "谺𬤲**(こだま)**石神社": ("outside the plugin's CJK ranges (only Ext. B ideographs, kana up to U+30FF); CJK in ranges.md", "谺𬤲⟨strong⟩(こだま)⟨/strong⟩石神社"),
        "石𮧟**(いしただら)**": ("outside the plugin's CJK ranges (only Ext. B ideographs, kana up to U+30FF); CJK in ranges.md", "石𮧟⟨strong⟩(いしただら)⟨/strong⟩"),
        "葛󠄀**(こちらが正式表記)**城市": ("the specification looks through variation selectors (§2.1); the plugin does not", "葛󠄀⟨strong⟩(こちらが正式表記)⟨/strong⟩城市"),
        "禰󠄀**(こちらが正式表記)**豆子": ("the specification looks through variation selectors (§2.1); the plugin does not", "禰󠄀⟨strong⟩(こちらが正式表記)⟨/strong⟩豆子"),
        "𱟛**(U+317DB)**": ("outside the plugin's CJK ranges (only Ext. B ideographs, kana up to U+30FF); CJK in ranges.md", "𱟛⟨strong⟩(U+317DB)⟨/strong⟩"),
        "阿寒湖アイヌシアターイコㇿ**(Akanko Ainu Theater Ikor)**": ("outside the plugin's CJK ranges (only Ext. B ideographs, kana up to U+30FF); CJK in ranges.md", "阿寒湖アイヌシアターイコㇿ⟨strong⟩(AkankoAinuTheaterIkor)⟨/strong⟩"),
        "あ𛀙**(か)**よろし": ("outside the plugin's CJK ranges (only Ext. B ideographs, kana up to U+30FF); CJK in ranges.md", "あ𛀙⟨strong⟩(か)⟨/strong⟩よろし"),
        "𮹝**(simplified form of 龘 in China)**": ("outside the plugin's CJK ranges (only Ext. B ideographs, kana up to U+30FF); CJK in ranges.md", "𮹝⟨strong⟩(simplifiedformof龘inChina)⟨/strong⟩"),
        "大塚︀**(U+585A U+FE00)** 大塚**(U+FA10)**": ("the specification looks through variation selectors (§2.1); the plugin does not", "大塚︀⟨strong⟩(U+585AU+FE00)⟨/strong⟩大塚⟨strong⟩(U+FA10)⟨/strong⟩"),
        "〽︎**(庵点)**は、": ("the specification looks through variation selectors (§2.1); the plugin does not", "〽︎⟨strong⟩(庵点)⟨/strong⟩は、"),
        "正體字。︁_Traditional._": ("the specification looks through variation selectors (§2.1); the plugin does not", "正體字。︁⟨em⟩Traditional.⟨/em⟩"),
        "正體字。︁__Hong Kong and Taiwan.__": ("the specification looks through variation selectors (§2.1); the plugin does not", "正體字。︁⟨strong⟩HongKongandTaiwan.⟨/strong⟩"),
        "简体字 / 新字体。︀_Simplified._": ("the specification looks through variation selectors (§2.1); the plugin does not", "简体字/新字体。︀⟨em⟩Simplified.⟨/em⟩"),
        "简体字 / 新字体。︀__Mainland China or Japan.__": ("the specification looks through variation selectors (§2.1); the plugin does not", "简体字/新字体。︀⟨strong⟩MainlandChinaorJapan.⟨/strong⟩"),
        "“︁Git”︁__Hub__": ("the specification looks through variation selectors (§2.1); the plugin does not", "“︁Git”︁⟨strong⟩Hub⟨/strong⟩"),
        // Rules 2 and 6 let `_`/`__` open between letters only after punctuation, and rule 4
        // close only before it; the plugin treats every CJK letter as punctuation there.
        "です_」测试_": ("`_` after a CJK letter opens in the plugin, not in the specification", "です_」测试_"),
        "重要__[正因为](https://example.com/8)__标点": ("`__` between CJK letters and a link", "重要__正因为__标点"),
        "中文__测试__文字": ("`__` between CJK letters", "中文__测试__文字"),
    ]

    /// Cases written for the deviations above that the corpora do not hold.
    static let underscoreCases = ["です_」测试_", "重要__[正因为](https://example.com/8)__标点", "中文__测试__文字"]

    struct Case {
        var name: String
        var markdown: String
        var gfm: Bool
    }

    func testEmphasisAgreesWithTheCJKFriendlyOracle() throws {
        guard OracleProcess.pythonHas("mdit_py_cjk_friendly") else {
            throw XCTSkip("python3 with mdit-py-cjk-friendly not installed (pip install -r scripts/oracle-requirements.txt); skipping")
        }
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted() else {
            throw XCTSkip("\(Self.folder.path) is absent (../shared is not beside the checkout); skipping the CJK-friendly differential")
        }
        var cases: [Case] = []
        for file in files where file.hasSuffix(".md") {
            let text = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
            for (index, paragraph) in text.components(separatedBy: "\n\n").enumerated() where !paragraph.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                cases.append(Case(name: "\(file) #\(index + 1)", markdown: paragraph + "\n", gfm: true))
            }
        }
        let json = try Data(contentsOf: Self.folder.appendingPathComponent("commonmark.json"))
        let examples = try XCTUnwrap(JSONSerialization.jsonObject(with: json) as? [[String: Any]])
        for example in examples {
            cases.append(Case(name: "commonmark.json example \(example["example"] ?? "?")", markdown: example["markdown"] as? String ?? "", gfm: false))
        }
        for seed in 1...400 {
            var corpus = MarkdownCorpus(seed: UInt64(seed))
            cases.append(Case(name: "sentence \(seed)", markdown: corpus.cjkSentence() + "\n", gfm: true))
        }
        for markdown in Self.underscoreCases { cases.append(Case(name: "underscore", markdown: markdown + "\n", gfm: true)) }
        XCTAssertGreaterThan(cases.count, 1000)

        let input = try JSONSerialization.data(withJSONObject: cases.map { ["markdown": $0.markdown, "gfm": $0.gfm] })
        let result = try XCTUnwrap(OracleProcess.run(["python3", "-c", Self.script], input: input))
        XCTAssertEqual(result.status, 0, result.errors)
        var oracle = try XCTUnwrap(JSONSerialization.jsonObject(with: result.stdout) as? [String])
        XCTAssertEqual(oracle.count, cases.count)
        // Without a CJK character the amendments change nothing, and GFM's strikethrough (one or
        // two tildes; markdown-it knows only two) and tables are cmark-gfm's to say.
        let plainGFM = cases.indices.filter { cases[$0].gfm && !cases[$0].markdown.unicodeScalars.contains(where: CJKCharacters.isCJK) }
        if FileManager.default.isExecutableFile(atPath: GFMDifferentialTests.cmarkGFM), !plainGFM.isEmpty {
            let outputs = try GFMDifferentialTests.cmarkGFMHTML(plainGFM.map { cases[$0].markdown })
            for (position, index) in plainGFM.enumerated() { oracle[index] = outputs[position] }
        }

        var mismatches = 0
        for (index, testCase) in cases.enumerated() {
            var options = MarkdownOptions(cjkFriendly: true)
            options.extensions = testCase.gfm
            let mine = Self.outline(CommonMarkHTML.render(MarkdownParser.parse(testCase.markdown, options: options), tagFilter: testCase.gfm))
            let theirs = Self.outline(oracle[index])
            let key = testCase.markdown.trimmingCharacters(in: .newlines)
            if let deviation = Self.oracleDeviations[key] {
                XCTAssertEqual(mine, deviation.expected, "\(testCase.name) (\(deviation.reason)): \(key)")
                XCTAssertNotEqual(theirs, deviation.expected, "\(testCase.name): the oracle now agrees; drop it from the deviations")
                continue
            }
            if mine != theirs {
                mismatches += 1
                XCTFail("\(testCase.name): \(key.debugDescription)\n  oracle: \(theirs)\n  wxpub:  \(mine)")
                if ProcessInfo.processInfo.environment["CJK_DUMP"] != nil { print("DEVIATION \(key.debugDescription): (\"\", \(mine.debugDescription)),") }
                if mismatches > 60 { return }
            }
        }
    }

    /// The text with only `em`/`strong`/`del` kept as ⟨tag⟩ markers, white space dropped except
    /// line breaks inside text (⏎): which text ends up emphasised, and which breaks stay.
    static func outline(_ html: String) -> String {
        var out = ""
        let chars = Array(html)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "<" {
                var j = i + 1
                while j < chars.count, chars[j] != ">" { j += 1 }
                let tag = String(chars[(i + 1)..<min(j, chars.count)])
                let name = tag.split(separator: " ").first.map(String.init) ?? ""
                let kept = ["em": "em", "/em": "/em", "strong": "strong", "/strong": "/strong", "del": "del", "/del": "/del", "s": "del", "/s": "/del"]
                if let marker = kept[name] { out += "⟨" + marker + "⟩" }
                i = j + 1
                continue
            }
            if c == "\n" {
                let before = i > 0 ? chars[i - 1] : ">"
                let after = i + 1 < chars.count ? chars[i + 1] : "<"
                if before != ">" && after != "<" { out += "⏎" }
                i += 1
                continue
            }
            if c.isWhitespace {
                i += 1
                continue
            }
            if c == "&" {
                var j = i + 1
                while j < chars.count, j - i < 10, chars[j] != ";" { j += 1 }
                let entity = String(chars[i...min(j, chars.count - 1)])
                let decoded = ["&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&#x27;": "'"][entity]
                if let decoded {
                    out += decoded
                    i = j + 1
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return out
    }
}

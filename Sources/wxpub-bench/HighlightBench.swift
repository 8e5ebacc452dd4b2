import CCmark
import Foundation
import WXHighlight

/// `WXHighlight.Highlighter.highlight` over a code-heavy corpus (fenced blocks in twelve
/// languages, deterministic), against libcmark rendering the same blocks as a Markdown document
/// (which copies and escapes code: the floor for handling those bytes at all).
enum HighlightBench {
    struct Figures {
        var blocks: Int
        var bytes: Int
        var runs: Int
        var highlight: Samples
        var cmark: Samples
        var ratio: Double { highlight.best / cmark.best }
    }

    /// Real-looking snippets; each block is one snippet with its names varied by block number.
    static let snippets: [(String, String)] = [
        ("swift", "/// Sends one article.\n@discardableResult\nfunc send(_ article: Article, to group: Int = 0) async throws -> String {\n    let body = \"{\\\"id\\\": \\(group), \\\"n\\\": 0x1F}\" // JSON\n    /* nested /* comment */ */\n    return try await client.massSendAll(body, retries: 3_000)\n}\n"),
        ("python", "@app.route(\"/send\")\ndef send(article, group=0):\n    \"\"\"Send one article.\"\"\"\n    body = f\"{group}: {article.title!r}\"  # comment\n    return client.mass_send_all(body, retries=0o17 + 0b1010)\n"),
        ("javascript", "export async function send(article, group = 0) {\n  const body = `${group}: ${article.title}`; // comment\n  if (/^wx[0-9a-f]+$/i.test(article.id)) return null;\n  return await client.massSendAll(body, { retries: 0xFF });\n}\n"),
        ("typescript", "interface Article { title: string; id: number }\nexport const send = async (a: Article, group: number = 0): Promise<string> => {\n  return client.send(`${a.title}`, 1e3);\n};\n"),
        ("go", "package main\n\nimport \"fmt\"\n\n// Send sends one article.\nfunc Send(a Article, group int) (string, error) {\n\tbody := fmt.Sprintf(\"%d: %s\\n\", group, a.Title)\n\treturn client.MassSendAll(body, 0o755)\n}\n"),
        ("rust", "#[derive(Debug)]\npub fn send<'a>(article: &'a Article, group: u32) -> Result<String, Error> {\n    let body = format!(\"{}: {}\", group, article.title); // comment\n    Ok(client.mass_send_all(&body, 0b1010_u8)?)\n}\n"),
        ("java", "@Override\npublic String send(Article article, int group) throws IOException {\n    String body = String.format(\"%d: %s\\n\", group, article.getTitle());\n    return client.massSendAll(body, 0x1F);\n}\n"),
        ("c", "#include <stdio.h>\n\nstatic int send(const char *title, int group) {\n    char body[256]; /* buffer */\n    snprintf(body, sizeof body, \"%d: %s\\n\", group, title);\n    return mass_send_all(body, 0x1Fu);\n}\n"),
        ("bash", "#!/bin/sh\nset -eu\nfor post in content/posts/*.md; do\n  if [ -n \"$post\" ]; then\n    echo \"checking ${post}\" && wxpub check \"$post\" || exit 1\n  fi\ndone\n"),
        ("json", "{\n  \"articles\": [{\"title\": \"标题\", \"thumb_media_id\": \"abc\", \"need_open_comment\": 1, \"digest\": null}],\n  \"send_ignore_reprint\": 0\n}\n"),
        ("yaml", "account:\n  name: 乐思享   # the account\n  type: subscription\ngroups: [all, starred]\ndefaults:\n  comments: open\n  cover: content/images/cover.png\n"),
        ("sql", "SELECT a.title, COUNT(*) AS n\nFROM articles a JOIN sends s ON s.article_id = a.id\nWHERE s.sent_at > '2026-01-01' -- this year\nGROUP BY a.title ORDER BY n DESC LIMIT 10;\n"),
    ]

    static func corpus(blocks: Int) -> [(language: String, code: String)] {
        (0..<blocks).map { i in
            let (language, code) = snippets[i % snippets.count]
            return (language, code.replacingOccurrences(of: "send", with: "send\(i)").replacingOccurrences(of: "group", with: "group\(i % 97)"))
        }
    }

    static func run(blocks: Int, rounds: Int) -> Figures {
        let corpus = corpus(blocks: blocks)
        var markdown = ""
        for block in corpus { markdown += "```\(block.language)\n\(block.code)```\n\n" }
        let bytes = corpus.reduce(0) { $0 + $1.code.utf8.count }
        var runs = 0
        func highlightPass() -> Int {
            var count = 0
            for block in corpus { count += Highlighter.highlight(block.code, language: block.language).count }
            return count
        }
        func cmarkPass() -> Int {
            markdown.utf8CString.withUnsafeBufferPointer { chars -> Int in
                guard let html = cmark_markdown_to_html(chars.baseAddress, chars.count - 1, CMARK_OPT_VALIDATE_UTF8) else { return 0 }
                defer { free(html) }
                return strlen(html)
            }
        }
        var figures = Figures(blocks: blocks, bytes: bytes, runs: 0, highlight: Samples(), cmark: Samples())
        runs = highlightPass()
        _ = cmarkPass()
        for round in 0..<rounds {
            if round % 2 == 0 {
                figures.highlight.add(Measure.seconds { runs = highlightPass() })
                figures.cmark.add(Measure.seconds { _ = cmarkPass() })
            } else {
                figures.cmark.add(Measure.seconds { _ = cmarkPass() })
                figures.highlight.add(Measure.seconds { runs = highlightPass() })
            }
        }
        figures.runs = runs
        return figures
    }
}

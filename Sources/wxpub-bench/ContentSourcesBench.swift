import CCmark
import Foundation
import WXContent

/// Costs of reading posts from other tools, as ratios against a baseline in the same run:
/// `TOML.parse` of each post's front matter written as TOML against `JSONSerialization` of the
/// same fields as JSON (as the YAML row), and the template-syntax scan of each body against
/// cmark parsing that body (the floor of compiling it) — once on the corpus as is (no `{{`/`{%`:
/// the scan stops at its first search) and once with a Liquid tag in every paragraph.
enum ContentSourcesBench {
    struct Figures {
        var documents: Int
        var tomlBytes: Int
        var toml: Samples
        var json: Samples
        var bodyBytes: Int
        var cmark: Samples
        var scanPlain: Samples
        var scanTemplated: Samples
    }

    static func run(corpus: Corpus, rounds: Int) throws -> Figures {
        var tomlTexts: [String] = []
        var bodies: [String] = []
        for (path, json) in zip(corpus.postPaths, corpus.frontMatterJSON) {
            let text = try String(contentsOf: corpus.root.appendingPathComponent(path), encoding: .utf8)
            bodies.append(try FrontMatter.split(text).body)
            let object = try JSONSerialization.jsonObject(with: json) as? [String: Any] ?? [:]
            tomlTexts.append(toml(object))
        }
        let templated = bodies.map { $0.replacingOccurrences(of: "。\n", with: "。{{ page.title }}\n") }
        let json = corpus.frontMatterJSON
        var figures = Figures(
            documents: tomlTexts.count, tomlBytes: tomlTexts.reduce(0) { $0 + $1.utf8.count }, toml: Samples(), json: Samples(),
            bodyBytes: bodies.reduce(0) { $0 + $1.utf8.count }, cmark: Samples(), scanPlain: Samples(), scanTemplated: Samples())
        var sink = 0
        func tomlPass() throws {
            for text in tomlTexts {
                if case .mapping(let entries) = try TOML.parse(text).value { sink &+= entries.count }
            }
        }
        func jsonPass() throws {
            for data in json {
                if let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] { sink &+= object.count }
            }
        }
        func cmarkPass() {
            for body in bodies {
                body.withCString { pointer in
                    let document = cmark_parse_document(pointer, strlen(pointer), CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8)
                    sink &+= document == nil ? 0 : 1
                    cmark_node_free(document)
                }
            }
        }
        func scanPass(_ texts: [String]) {
            for body in texts { sink &+= TemplateSyntax.scan(body).findings.count + 1 }
        }
        try tomlPass()
        try jsonPass()
        for round in 0..<rounds {
            // Alternate the order so neither side always runs on a warmer cache.
            if round % 2 == 0 {
                figures.toml.add(try Measure.seconds(tomlPass))
                figures.json.add(try Measure.seconds(jsonPass))
                figures.cmark.add(Measure.seconds(cmarkPass))
                figures.scanPlain.add(Measure.seconds { scanPass(bodies) })
                figures.scanTemplated.add(Measure.seconds { scanPass(templated) })
            } else {
                figures.scanTemplated.add(Measure.seconds { scanPass(templated) })
                figures.scanPlain.add(Measure.seconds { scanPass(bodies) })
                figures.cmark.add(Measure.seconds(cmarkPass))
                figures.json.add(try Measure.seconds(jsonPass))
                figures.toml.add(try Measure.seconds(tomlPass))
            }
        }
        precondition(sink > 0, "nothing was parsed")
        return figures
    }

    /// The JSON object's fields as TOML (`null` as an empty array, which TOML has instead).
    static func toml(_ object: [String: Any]) -> String {
        func quoted(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        func value(_ v: Any) -> String {
            if let s = v as? String { return quoted(s) }
            if let list = v as? [Any] { return "[" + list.map(value).joined(separator: ", ") + "]" }
            if let n = v as? NSNumber { return n.stringValue }
            return "[]"
        }
        return object.keys.sorted().map { "\($0) = \(value(object[$0]!))\n" }.joined()
    }
}

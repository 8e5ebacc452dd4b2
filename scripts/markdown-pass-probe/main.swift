// Times the Markdown pass (MarkdownParser.parse) against libcmark's parse + copy alone, on the
// bodies of a folder of posts. Not part of the package: see docs/markdown.md for how to run it.
import Foundation
@testable import WXRender

let folder = CommandLine.arguments[1]
let files = try FileManager.default.subpathsOfDirectory(atPath: folder).filter { $0.hasSuffix(".md") }.sorted()
var bodies: [String] = []
for file in files {
    let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
    if text.hasPrefix("---\n"), let end = text.range(of: "\n---\n", range: text.index(text.startIndex, offsetBy: 4)..<text.endIndex) {
        bodies.append(String(text[end.upperBound...]))
    } else {
        bodies.append(text)
    }
}
let megabytes = Double(bodies.reduce(0) { $0 + $1.utf8.count }) / 1e6
func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}
var sink = 0
_ = seconds { for b in bodies { sink &+= MarkdownParser.parse(b).root.children.count } }  // warm-up
var best = (cmark: Double.infinity, pass: Double.infinity, plain: Double.infinity)
for _ in 0..<5 {
    best.cmark = min(best.cmark, seconds { for b in bodies { sink &+= CmarkParser.parse(b).children.count } })
    best.pass = min(best.pass, seconds { for b in bodies { sink &+= MarkdownParser.parse(b).root.children.count } })
    best.plain = min(best.plain, seconds {
        for b in bodies { sink &+= MarkdownParser.parse(b, options: MarkdownOptions(cjkFriendly: false)).root.children.count }
    })
}
print(String(
    format: "%d posts, %.1f MB: cmark parse+copy %.3f s (%.0f MB/s); Markdown pass %.3f s (%.0f MB/s) = %.2f×; cjk_friendly off %.2f× [%d]",
    bodies.count, megabytes, best.cmark, megabytes / best.cmark, best.pass, megabytes / best.pass, best.pass / best.cmark,
    best.plain / best.cmark, sink & 1))

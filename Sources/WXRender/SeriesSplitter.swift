import Foundation
import WXContent
import WXSupport

/// `split: h2` (or h3): a post over WeChat's content limit is cut at those headings into as few
/// parts as fit (at most 8, one broadcast's worth), each compiled and checked as an article of
/// its own, titled from `parts:` or as `标题（一）`, `标题（二）`…. The parts go out together as one
/// broadcast, in order, in one quota slot. Cuts are made only at ATX headings (`## `) outside
/// fenced code; a section too long on its own is an error that says where it starts.
public enum SeriesSplitter {
    public enum Outcome {
        /// The post fits as one article: no series.
        case whole(CompileResult)
        /// The parts, in order: each a derived post (slug `<slug>-<n>`) and its compile result.
        case parts([(post: Post, result: CompileResult)])
        /// The whole post's result with the reason the split failed in place of the limit error.
        case failed(CompileResult)
    }

    /// Front matter keys a part carries (also visible to templates).
    public static let seriesOfKey = "series_of"
    public static let seriesPartKey = "series_part"
    public static let seriesPartsKey = "series_parts"

    static let numerals = ["一", "二", "三", "四", "五", "六", "七", "八"]

    public static func compile(_ post: Post, level: PostSchedule.SplitLevel, parts titles: [String], compiler: ArticleCompiler) -> Outcome {
        let whole = compiler.compile(post)
        guard whole.diagnostics.contains(where: { $0.rule == "limit/content" }) else { return .whole(whole) }
        func failed(_ diagnostic: Diagnostic) -> Outcome {
            var result = whole
            result.article = nil
            result.diagnostics = whole.diagnostics.filter { $0.rule != "limit/content" } + [diagnostic]
            return .failed(result)
        }
        let lines = post.body.components(separatedBy: "\n")
        let cuts = cutPoints(lines, level: level.headingLevel)
        guard cuts.count > 1 else {
            return failed(.error(
                at: post.headerLocation, "`split: \(level.rawValue)` found no heading of level \(level.headingLevel) or above to cut this post at",
                fix: "add `\(String(repeating: "#", count: level.headingLevel)) ` headings where the parts should begin, or use split: h3"))
        }
        // Greedy packing of consecutive sections is optimal: each part takes as many as still fit.
        var parts: [(range: Range<Int>, result: CompileResult)] = []
        var start = 0
        while start < cuts.count {
            var end = start + 1
            var best = compilePart(post, lines: lines, cuts: cuts, start..<end, index: parts.count, titles: titles, compiler: compiler)
            if best.1.diagnostics.contains(where: { $0.rule == "limit/content" }) {
                let line = post.bodyStartLine + cuts[start]
                return failed(.error(
                    at: SourceLocation(file: post.path, line: line, column: 1),
                    "the section starting here is over WeChat's content limit on its own, so `split: \(level.rawValue)` cannot make it fit",
                    fix: level == .h2 ? "cut it with more `## ` headings, or use split: h3" : "cut it with more `### ` headings", rule: "limit/content"))
            }
            while end < cuts.count {
                let next = compilePart(post, lines: lines, cuts: cuts, start..<(end + 1), index: parts.count, titles: titles, compiler: compiler)
                if next.1.diagnostics.contains(where: { $0.rule == "limit/content" }) { break }
                best = next
                end += 1
            }
            parts.append((start..<end, best.1))
            start = end
        }
        guard parts.count <= 8 else {
            return failed(.error(
                at: post.headerLocation, "cut at its headings, the post needs \(parts.count) parts; a broadcast holds at most 8 articles",
                fix: "shorten it, or publish it as two posts"))
        }
        if !titles.isEmpty, titles.count != parts.count {
            return failed(.error(
                at: post.headerLocation, "`parts` names \(titles.count) title\(titles.count == 1 ? "" : "s") but the post is cut into \(parts.count) parts",
                fix: "give exactly \(parts.count) titles under `parts:`, or remove `parts:` to number them （一）…"))
        }
        return .parts(parts.enumerated().map { i, part in
            let derived = self.part(post, lines: lines, cuts: cuts, part.range, index: i, count: parts.count, titles: titles)
            return (derived, compiler.compile(derived))
        })
    }

    /// Line indexes (into the body) where sections begin: 0, then every heading of level 2…`level`.
    static func cutPoints(_ lines: [String], level: Int) -> [Int] {
        var cuts = [0]
        var fence: (marker: Character, count: Int)?
        for (i, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " }
            guard line.count - trimmed.count <= 3 else { continue }
            if let f = trimmed.first, f == "`" || f == "~" {
                let run = trimmed.prefix { $0 == f }.count
                if run >= 3 {
                    if let open = fence {
                        if open.marker == f, run >= open.count, trimmed.dropFirst(run).allSatisfy({ $0 == " " || $0 == "\t" }) { fence = nil }
                    } else {
                        fence = (f, run)
                    }
                    continue
                }
            }
            guard fence == nil else { continue }
            let hashes = trimmed.prefix { $0 == "#" }.count
            guard (2...level).contains(hashes) else { continue }
            let rest = trimmed.dropFirst(hashes)
            if (rest.isEmpty || rest.first == " " || rest.first == "\t"), i > 0 { cuts.append(i) }
        }
        return cuts
    }

    static func title(of post: Post, index: Int, titles: [String]) -> String {
        if index < titles.count { return titles[index] }
        return (post.title?.value ?? post.slug) + "（\(numerals[min(index, numerals.count - 1)])）"
    }

    static func part(_ post: Post, lines: [String], cuts: [Int], _ sections: Range<Int>, index: Int, count: Int, titles: [String]) -> Post {
        let from = cuts[sections.lowerBound]
        let to = sections.upperBound < cuts.count ? cuts[sections.upperBound] : lines.count
        var derived = post
        derived.slug = "\(post.slug)-\(index + 1)"
        derived.title = Located(title(of: post, index: index, titles: titles), at: post.title?.location ?? post.headerLocation)
        derived.body = lines[from..<to].joined(separator: "\n")
        derived.bodyStartLine = post.bodyStartLine + from
        let at = post.headerLocation
        derived.frontMatter[seriesOfKey] = YAMLNode(.string(post.slug), line: at.line, column: 1)
        derived.frontMatter[seriesPartKey] = YAMLNode(.int(index + 1), line: at.line, column: 1)
        derived.frontMatter[seriesPartsKey] = YAMLNode(.int(count), line: at.line, column: 1)
        return derived
    }

    /// A trial part for packing (its index only names it; the count is not known yet).
    static func compilePart(_ post: Post, lines: [String], cuts: [Int], _ sections: Range<Int>, index: Int, titles: [String],
                            compiler: ArticleCompiler) -> (Post, CompileResult) {
        let derived = part(post, lines: lines, cuts: cuts, sections, index: index, count: 0, titles: titles)
        return (derived, compiler.compile(derived))
    }
}

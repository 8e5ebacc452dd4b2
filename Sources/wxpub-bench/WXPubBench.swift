import Foundation

/// `wxpub-bench`: speed and memory of wxpub as ratios against baselines measured in the same run
/// on the same bytes (see docs/benchmarks.md). Run it release-built: `make bench`.
///
///     wxpub-bench [--quick] [--posts 200,1000] [--rounds N] [--publish-posts N] [--markdown FILE] [--keep]
///     wxpub-bench --child compile|retain|cmark SITE_DIR   (internal: one memory measurement)
///     wxpub-bench --child publish SITE_DIR                (one publish round, for strace or callgrind)
///     wxpub-bench --child load SITE_DIR                   (PostLoader over a site's posts, CPU time)
///     wxpub-bench --child corpus SITE_DIR N               (write the bench corpus of N posts, for profiling)
@main
struct WXPubBench {
    struct Options {
        var sizes = [200, 1000]
        var rounds = 5
        var publishPosts = 50
        var publishRounds = 5
        var markdownFile: String?
        var keep = false
    }

    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            if arguments.first == "--child", arguments.count == 3, arguments[1] == "publish" {
                // One publisher run and its baseline against an in-memory sandbox: for strace/callgrind.
                let f = try await PublishBench.run(root: URL(fileURLWithPath: arguments[2]), rounds: 1, persistent: false)
                print("publisher \(Format.millis(f.publisher.best)) for \(f.posts) posts, \(f.publisherCallTotal) calls; state in memory \(Format.millis(f.publisherMemoryState.best)); baseline \(Format.millis(f.baseline.best))")
                return
            }
            if arguments.first == "--child", arguments.count == 4, arguments[1] == "corpus", let posts = Int(arguments[3]) {
                let corpus = try Corpus.write(posts: posts, to: URL(fileURLWithPath: arguments[2]))
                print("\(corpus.postPaths.count) posts in \(corpus.root.path)")
                return
            }
            if arguments.first == "--child", arguments.count == 3, arguments[1] == "load" {
                print(try FrontMatterBench.loadChild(root: URL(fileURLWithPath: arguments[2])))
                return
            }
            if arguments.first == "--child" {
                guard arguments.count == 3 else { throw BenchError("usage: wxpub-bench --child compile|retain|cmark|publish SITE_DIR") }
                let reading = try MemoryBench.child(kind: arguments[1], root: URL(fileURLWithPath: arguments[2]))
                print(String(decoding: try JSONEncoder().encode(reading), as: UTF8.self))
                return
            }
            try await run(try parse(arguments))
        } catch {
            FileHandle.standardError.write(Data("wxpub-bench: \(error)\n".utf8))
            exit(1)
        }
    }

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var rest = arguments[...]
        func value(_ name: String) throws -> String {
            guard let v = rest.popFirst() else { throw BenchError("\(name) needs a value") }
            return v
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--quick":
                options.sizes = [50, 200]
                options.rounds = 2
                options.publishPosts = 10
                options.publishRounds = 1
            case "--posts":
                options.sizes = try value(argument).split(separator: ",").map {
                    guard let n = Int($0), n > 0 else { throw BenchError("--posts takes counts such as 200,1000") }
                    return n
                }
            case "--rounds":
                guard let n = Int(try value(argument)), n > 0 else { throw BenchError("--rounds takes a positive count") }
                options.rounds = n
            case "--publish-posts":
                guard let n = Int(try value(argument)), n >= 0 else { throw BenchError("--publish-posts takes a count (0 skips publishing)") }
                options.publishPosts = n
            case "--markdown": options.markdownFile = try value(argument)
            case "--keep": options.keep = true
            case "-h", "--help":
                print("usage: wxpub-bench [--quick] [--posts 200,1000] [--rounds N] [--publish-posts N] [--markdown FILE] [--keep]")
                exit(0)
            default: throw BenchError("unknown argument \(argument); see --help")
            }
        }
        return options
    }

    static func note(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

    static func run(_ options: Options) async throws {
        #if DEBUG
            note("warning: this is a debug build; figures are only meaningful from `swift build -c release` (make bench)")
        #endif
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("wxpub-bench-\(ProcessInfo.processInfo.processIdentifier)")
        defer { if !options.keep { try? FileManager.default.removeItem(at: work) } }
        if options.keep { note("corpora are kept in \(work.path)") }
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
        var report = "Machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, load average at start \(load). "
        report += "Times are the best of \(options.rounds) alternating rounds (median in brackets).\n\n"

        var corpora: [Int: Corpus] = [:]
        for n in options.sizes {
            note("writing a \(n)-post corpus…")
            corpora[n] = try Corpus.write(posts: n, to: work.appendingPathComponent("site-\(n)"))
        }

        var compile = Table(
            "Compile: PostLoader.load + ArticleCompiler.compile vs libcmark parse+render (same files)",
            ["posts", "Markdown", "cmark", "cmark MB/s", "wxpub", "wxpub MB/s", "wxpub / cmark", "load / compile share", "posts with errors"])
        var ratios: [(String, Double)] = []
        // The same posts again with photo-sized images: compiling reads and hashes every image.
        let photoPosts = options.sizes.min()!
        note("writing a \(photoPosts)-post corpus with photo-sized images…")
        let photos = try Corpus.write(posts: photoPosts, to: work.appendingPathComponent("site-photos"), imageScale: 8)
        for (label, corpus) in options.sizes.map({ ("\($0)", corpora[$0]!) }) + [("\(photoPosts), photo-sized images¹", photos)] {
            note("compile: \(label) posts…")
            let f = try CompileBench.run(corpus: corpus, rounds: options.rounds)
            if let error = f.firstError { note("  note: \(f.postsWithErrors) posts have errors (they still render), e.g. \(error)") }
            let loadShare = f.load.best / (f.load.best + f.compile.best)
            compile.rows.append([
                label, Format.mb(f.bytes),
                "\(Format.millis(f.cmark.best)) (\(Format.millis(f.cmark.median)))", Format.mbps(bytes: f.bytes, seconds: f.cmark.best),
                "\(Format.millis(f.wxpub.best)) (\(Format.millis(f.wxpub.median)))", Format.mbps(bytes: f.bytes, seconds: f.wxpub.best),
                "**\(Format.ratio(f.ratio))**", "\(Int((loadShare * 100).rounded())) % / \(Int(((1 - loadShare) * 100).rounded())) %",
                "\(f.postsWithErrors)",
            ])
            ratios.append((label, f.ratio))
        }
        compile.footnote = "¹ the same posts; images 74–676 KB (body) and 864 KB (cover) instead of 1–11 KB. MB/s counts Markdown bytes only."
        print(compile.markdown)
        report += compile.markdown + "\n"

        var builds = Table(
            "Build: the whole `wxpub build` process vs the `cmark` CLI on the same bodies, and md2wechat in one Python process",
            ["posts", "bodies", "cmark CLI", "wxpub build", "wxpub / cmark", "md2wechat (in-process)", "wxpub / md2wechat", "HTML per visible character (median)", "peak RSS"])
        var buildPeaks: [(Int, Int)] = []
        var buildNotes: [String] = []
        for n in options.sizes {
            note("build: \(n) posts (wxpub build, cmark, md2wechat processes)…")
            guard let b = try BuildBench.run(corpus: corpora[n]!, rounds: options.rounds, work: work) else { break }
            if let reason = b.md2wechatNote, !buildNotes.contains(reason) { buildNotes.append(reason) }
            builds.rows.append([
                "\(b.posts)", Format.mb(b.bodyBytes),
                "\(Format.millis(b.cmark.best)) (\(Format.millis(b.cmark.median)))",
                "\(Format.millis(b.wxpub.best)) (\(Format.millis(b.wxpub.median)))", "**\(Format.ratio(b.ratio))**",
                b.md2wechat.map(Format.millis) ?? "–", b.md2wechat.map { "**\(Format.ratio(b.wxpub.best / $0))**" } ?? "–",
                "**\(Format.fixed(b.htmlPerText))** (\(b.articles) articles)", b.peakKiB.map(Format.mib) ?? "–",
            ])
            if let peak = b.peakKiB { buildPeaks.append((n, peak)) }
        }
        if let first = buildPeaks.first, let last = buildPeaks.last, buildPeaks.count > 1 {
            builds.rows.append(["ratio \(last.0) / \(first.0)", "", "", "", "", "", "", "", "**\(Format.ratio(Double(last.1) / Double(first.1)))**"])
        }
        if let (example, articles) = BuildBench.exampleSiteRatio(work: work) {
            buildNotes.append("example site (content/): median \(Format.fixed(example)) characters of HTML per visible character over \(articles) articles")
        }
        builds.footnote = buildNotes.map { "note: " + $0 }.joined(separator: "\n")
        print(builds.markdown)
        report += builds.markdown + "\n"

        let largest = corpora[options.sizes.max()!]!
        note("front matter: \(largest.postPaths.count) documents…")
        let fm = try FrontMatterBench.run(corpus: largest, rounds: options.rounds + 2)
        var frontMatter = Table(
            "Front matter: YAML.parse vs JSONSerialization of the same fields as JSON",
            ["documents", "YAML bytes", "YAML.parse", "µs / doc", "JSON bytes", "JSONSerialization", "µs / doc", "YAML / JSON"])
        frontMatter.rows.append([
            "\(fm.documents)", Format.mb(fm.yamlBytes), Format.millis(fm.yaml.best), Format.fixed(fm.yaml.best / Double(fm.documents) * 1e6, 1),
            Format.mb(fm.jsonBytes), Format.millis(fm.json.best), Format.fixed(fm.json.best / Double(fm.documents) * 1e6, 1),
            "**\(Format.ratio(fm.ratio))**",
        ])
        print(frontMatter.markdown)
        report += frontMatter.markdown + "\n"

        note("content sources: TOML front matter and the template-syntax scan…")
        let cs = try ContentSourcesBench.run(corpus: largest, rounds: options.rounds + 2)
        var sources = Table(
            "Content from other tools: TOML.parse vs JSONSerialization; template-syntax scan vs cmark parse of the same bodies",
            ["documents", "TOML bytes", "TOML.parse", "µs / doc", "TOML / JSON", "body bytes", "cmark parse", "scan, as is", "scan / cmark", "scan, a tag per paragraph", "scan / cmark"])
        sources.rows.append([
            "\(cs.documents)", Format.mb(cs.tomlBytes), Format.millis(cs.toml.best), Format.fixed(cs.toml.best / Double(cs.documents) * 1e6, 1),
            "**\(Format.ratio(cs.toml.best / cs.json.best))**", Format.mb(cs.bodyBytes), Format.millis(cs.cmark.best),
            Format.millis(cs.scanPlain.best), "**\(Format.ratio(cs.scanPlain.best / cs.cmark.best))**",
            Format.millis(cs.scanTemplated.best), "**\(Format.ratio(cs.scanTemplated.best / cs.cmark.best))**",
        ])
        print(sources.markdown)
        report += sources.markdown + "\n"

        note("highlighting: a code-heavy corpus…")
        let hl = HighlightBench.run(blocks: 20_000, rounds: options.rounds)
        var highlighting = Table(
            "Highlighting: WXHighlight over fenced code in 12 languages vs libcmark rendering the same blocks",
            ["blocks", "code bytes", "Highlighter", "MB/s", "runs", "cmark", "MB/s", "Highlighter / cmark"])
        highlighting.rows.append([
            "\(hl.blocks)", Format.mb(hl.bytes), "\(Format.millis(hl.highlight.best)) (\(Format.millis(hl.highlight.median)))",
            Format.mbps(bytes: hl.bytes, seconds: hl.highlight.best), "\(hl.runs)", Format.millis(hl.cmark.best),
            Format.mbps(bytes: hl.bytes, seconds: hl.cmark.best), "**\(Format.ratio(hl.ratio))**",
        ])
        print(highlighting.markdown)
        report += highlighting.markdown + "\n"

        note("hashing: SHA256.hex vs sha256sum…")
        if let h = try HashBench.run(work: work, rounds: 3) {
            var hashing = Table(
                "Image hashing: WXSupport.SHA256.hex vs coreutils sha256sum, same file",
                ["bytes", "SHA256.hex", "MB/s", "sha256sum", "MB/s", "SHA256 / sha256sum"])
            hashing.rows.append([
                Format.mb(h.bytes), Format.millis(h.swift.best), Format.mbps(bytes: h.bytes, seconds: h.swift.best),
                Format.millis(h.sha256sum.best), Format.mbps(bytes: h.bytes, seconds: h.sha256sum.best), "**\(Format.ratio(h.ratio))**",
            ])
            print(hashing.markdown)
            report += hashing.markdown + "\n"
        } else {
            note("  skipped: no sha256sum")
        }

        var memory = Table(
            "Memory: peak RSS (ru_maxrss) of a fresh process streaming the corpus",
            ["posts", "before the first post", "wxpub peak", "wxpub growth", "control: results kept, growth", "cmark-only peak"])
        var peaks: [(Int, MemoryBench.Reading)] = []
        for n in options.sizes {
            note("memory: \(n) posts (child processes)…")
            let wx = try MemoryBench.measure(kind: "compile", root: corpora[n]!.root)
            let cm = try MemoryBench.measure(kind: "cmark", root: corpora[n]!.root)
            let kept = try MemoryBench.measure(kind: "retain", root: corpora[n]!.root)
            memory.rows.append([
                "\(wx.posts)", Format.mib(wx.startKiB), Format.mib(wx.peakKiB), Format.mib(wx.growthKiB), Format.mib(kept.growthKiB),
                Format.mib(cm.peakKiB),
            ])
            peaks.append((n, wx))
        }
        if let first = peaks.first, let last = peaks.last, peaks.count > 1 {
            memory.rows.append([
                "ratio \(last.0) / \(first.0)", "", "**\(Format.ratio(Double(last.1.peakKiB) / Double(first.1.peakKiB)))**",
                Format.ratio(Double(max(last.1.growthKiB, 1)) / Double(max(first.1.growthKiB, 1))), "", "",
            ])
        }
        print(memory.markdown)
        report += memory.markdown + "\n"

        if options.publishPosts > 0 {
            note("publish: \(options.publishPosts) posts against the in-process sandbox…")
            let corpus = try Corpus.write(posts: options.publishPosts, to: work.appendingPathComponent("site-publish"), mode: "draft")
            var publish = Table(
                "Publish (\(options.publishPosts) posts with media, draft mode) vs bare draft/add through WeChatClient, same sandbox",
                ["sandbox state", "", "total", "per post", "API calls", "wxpub / baseline"])
            for persistent in [false, true] {
                let p = try await PublishBench.run(
                    root: corpus.root, rounds: persistent ? max(1, options.publishRounds - 2) : options.publishRounds, persistent: persistent)
                let calls = p.publisherCalls.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.replacingOccurrences(of: "/cgi-bin/", with: ""))" }
                let state = persistent ? "saved after every call³" : "in memory"
                publish.rows.append([
                    state, "Publisher.run", "\(Format.millis(p.publisher.best)) (\(Format.millis(p.publisher.median)))",
                    Format.millis(p.publisher.best / Double(p.posts)), "\(p.publisherCallTotal): " + calls.joined(separator: ", "),
                    "**\(Format.ratio(p.ratio))**",
                ])
                if !persistent {
                    publish.rows.append([
                        state, "Publisher.run, state folder in memory⁴", "\(Format.millis(p.publisherMemoryState.best)) (\(Format.millis(p.publisherMemoryState.median)))",
                        Format.millis(p.publisherMemoryState.best / Double(p.posts)),
                        "same; \(p.stateWrites) state writes, \(Format.mb(p.stateBytes)) of JSON",
                        "**\(Format.ratio(p.publisherMemoryState.best / p.baseline.best))**",
                    ])
                }
                publish.rows.append([
                    state, "\(p.posts) × addDraft", "\(Format.millis(p.baseline.best)) (\(Format.millis(p.baseline.median)))",
                    Format.millis(p.baseline.best / Double(p.posts)), "\(p.baselineCalls) draft/add", "1",
                ])
            }
            publish.footnote = """
                ³ as `wxpub publish --sandbox` runs it: the sandbox re-encodes and rewrites its whole state.json after each call.
                ⁴ the journal and media cache in a dictionary instead of `.wxpub/` (each write there: temp file, fsync, rename, fsync of the folder).
                """
            print(publish.markdown)
            report += publish.markdown + "\n"
        }

        if let file = options.markdownFile {
            try Data(report.utf8).write(to: URL(fileURLWithPath: file))
            note("wrote \(file)")
        }
        for (label, ratio) in ratios where ratio > 20 {
            note("note: the compile row `\(label)` is \(Format.ratio(ratio)) cmark's time — above the 20× line (see docs/benchmarks.md)")
        }
    }
}

import Foundation

/// The whole `wxpub build` process (config, theme, every post, output files written) against the
/// `cmark` command-line tool on the same bodies, and md2wechat (PyPI) converting the same posts in
/// one Python process; plus how many characters of HTML each visible character costs (issue 10).
enum BuildBench {
    struct Figures {
        var posts: Int
        var bodyBytes: Int
        var wxpub = Samples()
        var cmark = Samples()
        /// md2wechat's own in-process time (best of the rounds), or why it did not run.
        var md2wechat: Double?
        var md2wechatNote: String?
        var htmlPerText: Double
        var articles: Int
        var peakKiB: Int?
        var ratio: Double { wxpub.best / cmark.best }
    }

    /// `wxpub`, built beside this executable by `make bench`.
    static var wxpubExecutable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("wxpub")
    }

    static func run(corpus: Corpus, rounds: Int, work: URL) throws -> Figures? {
        let wxpub = wxpubExecutable
        guard FileManager.default.isExecutableFile(atPath: wxpub.path) else {
            WXPubBench.note("note: no wxpub executable at \(wxpub.path) (make bench builds it); skipping the build figures")
            return nil
        }
        guard let cmark = which("cmark") else {
            WXPubBench.note("note: no `cmark` command (apt-get install cmark); skipping the build figures")
            return nil
        }
        // The bodies, front matter removed, in one file, as the acceptance check gives cmark.
        var bodies = Data()
        for path in corpus.postPaths {
            let text = try String(contentsOf: corpus.root.appendingPathComponent(path), encoding: .utf8)
            var body = Substring(text)
            if body.hasPrefix("---\n"), let end = body.dropFirst(4).range(of: "\n---\n") { body = body[end.upperBound...] }
            bodies.append(contentsOf: body.utf8)
            bodies.append(contentsOf: "\n\n".utf8)
        }
        let bodiesFile = work.appendingPathComponent("bodies-\(corpus.postPaths.count).md")
        try bodies.write(to: bodiesFile)
        let out = work.appendingPathComponent("build-\(corpus.postPaths.count)")
        var figures = Figures(posts: corpus.postPaths.count, bodyBytes: bodies.count, htmlPerText: 0, articles: 0)
        let build = { try run(wxpub, ["build", "--out", out.path], in: corpus.root) }
        let baseline = { try run(cmark, [bodiesFile.path], in: corpus.root) }
        try? FileManager.default.removeItem(at: out)
        _ = try build()
        _ = try baseline()
        for round in 0..<rounds {
            try? FileManager.default.removeItem(at: out)
            let wx = { figures.wxpub.add(try Measure.seconds { _ = try build() }) }
            let cm = { figures.cmark.add(try Measure.seconds { _ = try baseline() }) }
            if round % 2 == 0 { try wx(); try cm() } else { try cm(); try wx() }
        }
        (figures.htmlPerText, figures.articles) = try htmlPerText(out)
        figures.peakKiB = peakKiB(wxpub, ["build", "--out", work.appendingPathComponent("rss-\(figures.posts)").path], in: corpus.root)
        (figures.md2wechat, figures.md2wechatNote) = md2wechat(corpus: corpus, rounds: rounds, work: work)
        return figures
    }

    /// The median over built articles of content characters per visible (non-space) text character.
    static func htmlPerText(_ out: URL) throws -> (Double, Int) {
        var ratios: [Double] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: out.path) {
            let file = out.appendingPathComponent(name).appendingPathComponent("article.json")
            guard let data = FileManager.default.contents(atPath: file.path),
                let object = try JSONSerialization.jsonObject(with: data) as? [String: Any], let content = object["content"] as? String
            else { continue }
            let text = visibleCharacters(content)
            if text > 0 { ratios.append(Double(content.count) / Double(text)) }
        }
        ratios.sort()
        guard !ratios.isEmpty else { return (.nan, 0) }
        let mid = ratios.count / 2
        return (ratios.count % 2 == 1 ? ratios[mid] : (ratios[mid - 1] + ratios[mid]) / 2, ratios.count)
    }

    /// Characters outside tags, entities counted as one, white space not counted.
    static func visibleCharacters(_ html: String) -> Int {
        var count = 0
        var inTag = false
        var entity: String?
        for scalar in html.unicodeScalars {
            if inTag {
                if scalar == ">" { inTag = false }
            } else if entity != nil {
                if scalar == ";" {
                    // Unescaped, `&nbsp;` is white space; every other entity is one character.
                    if entity != "nbsp" { count += 1 }
                    entity = nil
                } else {
                    entity!.unicodeScalars.append(scalar)
                }
            } else if scalar == "<" {
                inTag = true
            } else if scalar == "&" {
                entity = ""
            } else if !scalar.properties.isWhitespace {
                count += 1
            }
        }
        return count
    }

    /// The example site's ratio (the repo's `content/`, when the bench runs from the repo root).
    static func exampleSiteRatio(work: URL) -> (Double, Int)? {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        guard FileManager.default.fileExists(atPath: cwd.appendingPathComponent("wxpub.yml").path),
            FileManager.default.isExecutableFile(atPath: wxpubExecutable.path)
        else { return nil }
        let out = work.appendingPathComponent("example-build")
        guard (try? run(wxpubExecutable, ["build", "--out", out.path], in: cwd)) != nil else { return nil }
        return try? htmlPerText(out)
    }

    /// md2wechat 2.0.1 converting every post of the corpus in one Python process (its own timer).
    static func md2wechat(corpus: Corpus, rounds: Int, work: URL) -> (Double?, String?) {
        let script = work.appendingPathComponent("md2wechat_time.py")
        let source = """
            import glob, os, sys, time
            for site in [p for p in sys.path if p.endswith(("site-packages", "dist-packages"))]:
                sys.path.insert(0, os.path.join(site, "skills", "md2wechat"))
            from libs.converter import MarkdownToWeChatConverter
            texts = [open(f, encoding="utf-8").read() for f in sorted(glob.glob(sys.argv[1] + "/*.md"))]
            best = None
            for _ in range(int(sys.argv[2])):
                t0 = time.perf_counter()
                c = MarkdownToWeChatConverter()
                for t in texts: c.convert(t)
                dt = time.perf_counter() - t0
                best = dt if best is None else min(best, dt)
            print(f"{best:.4f}")
            """
        guard (try? Data(source.utf8).write(to: script)) != nil, let python = which("python3") else {
            return (nil, "no python3")
        }
        let posts = corpus.root.appendingPathComponent("content/posts").path
        guard let output = try? run(python, [script.path, posts, String(max(1, min(rounds, 3)))], in: work), let seconds = Double(output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            return (nil, "md2wechat is not importable (`pip install md2wechat`; 2.0.1 keeps its converter in site-packages/skills/md2wechat/libs/converter.py)")
        }
        return (seconds, nil)
    }

    /// Peak RSS of a fresh `wxpub build`, read by GNU time (see docs/benchmarks.md on why not ru_maxrss here).
    static func peakKiB(_ executable: URL, _ arguments: [String], in folder: URL) -> Int? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { return nil }
        let report = folder.appendingPathComponent(".bench-rss-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: report) }
        _ = try? run(URL(fileURLWithPath: "/usr/bin/time"), ["-f", "%M", "-o", report.path, executable.path] + arguments, in: folder)
        return (try? String(contentsOf: report, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs a program to the end; its standard output (standard error discarded). Exit 0 or 1
    /// (content errors: long generated posts can exceed WeChat's 20,000 characters) counts as run.
    @discardableResult
    static func run(_ executable: URL, _ arguments: [String], in folder: URL) throws -> String {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        // md2wechat's import waits on an inherited terminal or pipe; give every child nothing to read.
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus <= 1 else {
            throw Failed(description: "\(executable.lastPathComponent) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func which(_ name: String) -> URL? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }
}

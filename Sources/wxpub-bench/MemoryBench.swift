import Foundation
import WXContent
import WXRender

/// Peak RSS while compiling a corpus, each measurement in a fresh child process
/// (`wxpub-bench --child compile|cmark DIR`), so one measurement's heap never shows in another.
enum MemoryBench {
    /// What a child prints on its one line of stdout.
    struct Reading: Codable {
        var posts: Int
        /// `ru_maxrss` after loading the config and theme, before the first post.
        var startKiB: Int
        /// `ru_maxrss` after the last post.
        var peakKiB: Int
        var growthKiB: Int { peakKiB - startKiB }
    }

    /// Runs in the child: stream every post of the site at `root` through the compiler (or through
    /// libcmark alone for `cmark`) and print a `Reading` as JSON. `retain` is the control: the same
    /// stream, but every result is kept, as a compiler that collected its output would — it shows
    /// the measurement does see memory that grows with the number of posts.
    static func child(kind: String, root: URL) throws -> Reading {
        guard ["compile", "retain", "cmark"].contains(kind) else { throw BenchError("--child takes compile, retain, cmark or publish, not \(kind)") }
        if kind == "cmark" {
            let paths = Site(config: try SiteConfig.load(root: root, environment: [:])).postPaths()
            let start = Measure.peakRSSKiB()
            let pass = CompileBench.cmarkPass(root: root, paths: paths)
            return Reading(posts: pass.posts, startKiB: start, peakKiB: Measure.peakRSSKiB())
        }
        let config = try SiteConfig.load(root: root, environment: [:])
        let compiler = try ArticleCompiler(site: config)
        let start = Measure.peakRSSKiB()
        var posts = 0
        var bytes = 0
        var kept: [CompileResult] = []
        Site(config: config).forEachPost { loaded in
            posts += 1
            guard let post = loaded.post else { return }
            let result = compiler.compile(post)
            bytes += result.contentUTF8Count ?? 0
            if kind == "retain" { kept.append(result) }
        }
        precondition(bytes > 0 && (kind != "retain" || kept.count == posts), "nothing was compiled")
        return Reading(posts: posts, startKiB: start, peakKiB: Measure.peakRSSKiB())
    }

    /// Runs in the parent: re-executes this binary as a child and reads its line. The child is
    /// forked by `/bin/sh` rather than spawned directly, so it does not inherit this process's
    /// peak RSS (see `Measure.peakRSSKiB`); `; exit $?` keeps the shell from exec'ing it.
    static func measure(kind: String, root: URL) throws -> Reading {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        process.arguments = ["-c", "\"$0\" --child \"$1\" \"$2\"; exit $?", me, kind, root.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError("the memory child `\(kind) \(root.path)` exited with status \(process.terminationStatus)")
        }
        return try JSONDecoder().decode(Reading.self, from: data)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

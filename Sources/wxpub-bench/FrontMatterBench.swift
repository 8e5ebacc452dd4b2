import Foundation
import WXContent
import WXSupport

/// `YAML.parse` of every post's front matter, against `JSONSerialization` of the same fields
/// written as JSON. Both parse from bytes already in memory; neither touches the disk.
enum FrontMatterBench {
    struct Figures {
        var documents: Int
        var yamlBytes: Int
        var jsonBytes: Int
        var yaml: Samples
        var json: Samples
        var ratio: Double { yaml.best / json.best }
    }

    static func run(corpus: Corpus, rounds: Int) throws -> Figures {
        var yamlTexts: [String] = []
        for path in corpus.postPaths {
            let text = try String(contentsOf: corpus.root.appendingPathComponent(path), encoding: .utf8)
            yamlTexts.append(try FrontMatter.split(text).yaml)
        }
        let json = corpus.frontMatterJSON
        var figures = Figures(
            documents: yamlTexts.count, yamlBytes: yamlTexts.reduce(0) { $0 + $1.utf8.count }, jsonBytes: json.reduce(0) { $0 + $1.count },
            yaml: Samples(), json: Samples())
        var sink = 0
        func yamlPass() throws {
            for text in yamlTexts {
                if case .mapping(let entries) = try YAML.parse(text).value { sink &+= entries.count }
            }
        }
        func jsonPass() throws {
            for data in json {
                if let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] { sink &+= object.count }
            }
        }
        try yamlPass()
        try jsonPass()
        for round in 0..<rounds {
            if round % 2 == 0 {
                figures.yaml.add(try Measure.seconds(yamlPass))
                figures.json.add(try Measure.seconds(jsonPass))
            } else {
                figures.json.add(try Measure.seconds(jsonPass))
                figures.yaml.add(try Measure.seconds(yamlPass))
            }
        }
        precondition(sink > 0, "no front matter was parsed")
        return figures
    }
}

extension FrontMatterBench {
    /// `--child load SITE_DIR`: `PostLoader.load` of every post of a site, against reading the
    /// same files' bytes (the floor), best CPU time of `rounds` each, for profiling the loader alone.
    static func loadChild(root: URL, rounds: Int = 7) throws -> String {
        let config = try SiteConfig.load(root: root, environment: [:])
        let paths = Site(config: config).postPaths()
        let loader = PostLoader(site: config)
        var sink = 0
        func cpuSeconds(_ body: () -> Void) -> Double {
            func now() -> Double {
                var usage = rusage()
                getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
                return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
            }
            let start = now()
            body()
            return now() - start
        }
        var load = Samples()
        var read = Samples()
        for _ in 0..<rounds {
            load.add(cpuSeconds { for path in paths { sink &+= loader.load(path: path).diagnostics.count + 1 } })
            read.add(cpuSeconds { for path in paths { sink &+= (try? FileBytes.read(root.appendingPathComponent(path).path).count) ?? 0 } })
        }
        precondition(sink > 0)
        return "PostLoader.load of \(paths.count) posts: \(Format.millis(load.best)) CPU; reading their bytes: \(Format.millis(read.best)) CPU"
    }
}

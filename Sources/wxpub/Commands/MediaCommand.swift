import Foundation
import WXAPI
import WXPublish
import WXSupport

/// `wxpub media get MEDIA_ID -o FILE`: download a permanent material or a temporary media.
enum MediaCommand {
    static let command = Command(
        name: "media",
        abstract: "Download a material or temporary media by its media_id: wxpub media get MEDIA_ID -o FILE.",
        discussion: """
            Tries the permanent materials first (covers uploaded by `wxpub publish`), then temporary media.
            Videos have no bytes to download: their link is printed instead. `-o -` writes to stdout.
            """,
        arguments: [
            ArgumentSpec(name: "action", help: "get."),
            ArgumentSpec(name: "media_id", help: "The media_id to download."),
        ],
        options: AccountOptions.all + [OptionSpec(name: "output", short: "o", valueName: "FILE", help: "Where to write the file.")],
        run: { parsed, console in
            guard parsed.positional[0] == "get" else {
                throw UsageError(message: "unknown action `\(parsed.positional[0])`; the only action is `get`")
            }
            guard let output = parsed.value("output") else { throw UsageError(message: "missing -o FILE (where to write the download; `-` for stdout)") }
            let mediaID = parsed.positional[1]
            let config = try SiteOptions.load(parsed, console: console)
            let connection = try AccountOptions.connect(parsed, config: config, console: console)
            defer { connection.close() }
            let data: Data
            var what: String
            switch try await MediaDownload.fetch(mediaID: mediaID, client: connection.client) {
            case .file(let bytes, let type, let name):
                data = bytes
                what = [type, name].compactMap { $0 }.joined(separator: ", ")
            case .link(let url):
                console.out(url)
                console.err("\(mediaID) is a video: WeChat gives a link instead of the file; nothing written")
                return ExitCode.ok
            case .news(let articles):
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                data = try encoder.encode(articles)
                what = "news material, \(articles.count) article\(articles.count == 1 ? "" : "s") as JSON"
            }
            if output == "-" {
                FileHandle.standardOutput.write(data)
                return ExitCode.ok
            }
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let url = URL(fileURLWithPath: output, relativeTo: cwd).standardizedFileURL
            try AtomicFile.write(data, to: url)
            if !what.isEmpty { what = " (\(what))" }
            console.out("wrote \(data.count) bytes to \(output)\(what)")
            return ExitCode.ok
        })
}

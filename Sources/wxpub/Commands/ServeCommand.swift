import Foundation
import WXHTTP
import WXServe

/// `wxpub serve`: the site's index and a live phone preview of each post, on 127.0.0.1.
enum ServeCommand {
    static let command = Command(
        name: "serve",
        abstract: "Serve a live phone preview of every post; pages reload themselves when files change.",
        discussion: """
            `/` lists every post with its state (draft, waiting, due, sent, deferred, has errors) and the
            quota; `/<slug>/` shows the post as a phone shows it, its findings and sizes above it. Edits to
            posts, images, wxpub.yml and templates are recompiled and open pages reload. Needs no
            credentials and no network; serves only the site's public files. Stop with Ctrl-C.
            """,
        options: [
            SiteOptions.site,
            OptionSpec(name: "port", valueName: "N", help: "Port to listen on; 0 picks a free one.", defaultDescription: "8000"),
            OptionSpec(name: "host", valueName: "ADDR", help: "Address to bind; 0.0.0.0 shows the preview to other machines.", defaultDescription: "127.0.0.1"),
            OptionSpec(name: "open", help: "Open the index in the default browser (xdg-open)."),
        ],
        run: { parsed, console in
            var options = PreviewServer.Options()
            if let port = try ArgumentParser.int(parsed, "port") {
                guard (0...65535).contains(port) else { throw UsageError(message: "--port must be between 0 and 65535, got \(port)") }
                options.port = port
            }
            if let host = parsed.value("host") { options.host = host }
            // Fail early on a broken wxpub.yml; once serving, config errors show in the pages instead.
            let config = try SiteOptions.load(parsed, console: console)
            let termination = TerminationSignal()
            let server = PreviewServer(root: config.root, options: options)
            let url: URL
            do {
                url = try server.start()
            } catch let error as HTTPServer.StartError {
                throw UsageError(message: error.description)
            }
            console.out("serving \(url.absoluteString)")
            console.err("watching \(config.root.path) for changes; stop with Ctrl-C")
            if parsed.flag("open") { openInBrowser(url, console: console) }
            await termination.wait()
            server.stop()
            console.err("stopped")
            return ExitCode.ok
        })

    static func openInBrowser(_ url: URL, console: Console) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", url.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            console.err("note: could not open a browser (\(error.localizedDescription)); open \(url.absoluteString) yourself")
        }
    }
}

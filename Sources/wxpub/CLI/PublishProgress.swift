import Foundation
import WXPublish

/// How a publish run shows what it is doing. On a terminal one line rewrites itself with the
/// broadcast, the step and the upload percentage (`[1/3] 标题: uploading media 40 %`); piped or in
/// CI, one stderr line per finished step; with --json nothing but the JSON on stdout.
final class PublishProgress: @unchecked Sendable {
    enum Style { case terminal, lines, silent }

    let style: Style
    let console: Console
    private let lock = NSLock()
    private var current = ""

    init(console: Console, json: Bool) {
        self.console = console
        style = json ? .silent : console.isTerminal ? .terminal : .lines
    }

    /// Text of a step event (also used by tests of the format).
    static func text(_ event: Publisher.Event) -> String {
        let head = "[\(event.index)/\(event.total)] \(event.title): \(event.step)"
        return event.phase == .finished ? head + " — done" : head
    }

    func step(_ event: Publisher.Event) {
        switch style {
        case .silent: return
        case .lines:
            if event.phase == .finished { console.err(Self.text(event)) }
        case .terminal:
            lock.lock()
            current = "[\(event.index)/\(event.total)] \(event.title): \(event.step)"
            lock.unlock()
            console.progress(current)
        }
    }

    func uploads(done: Int, total: Int) {
        guard style == .terminal, total > 0 else { return }
        lock.lock()
        let line = current + " \(done * 100 / total) %"
        lock.unlock()
        console.progress(line)
    }

    func end() {
        if style == .terminal { console.endProgress() }
    }
}

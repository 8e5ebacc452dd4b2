/// Shell scripts (sh, bash, zsh), console sessions with `$` prompts, Dockerfiles and Makefiles:
/// languages whose words are mostly plain text, where only keywords, builtins, quotes,
/// `$` expansions, comments and heredocs stand out.
struct ShellLexer {
    let bytes: [UInt8]
    var builder: RunBuilder
    var pos = 0
    /// In a Makefile recipe `$(…)` and `${…}` are make's references (delimiters keywords, names
    /// plain) and `$$` is the shell's `$`.
    var makeRecipe = false

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.builder = RunBuilder(bytes)
    }

    static let keywords: Set<String> = [
        "if", "then", "else", "elif", "fi", "case", "esac", "for", "while", "until", "do", "done", "in", "function",
        "select", "time", "return", "break", "continue",
    ]
    static let builtins: Set<String> = [
        "echo", "cd", "export", "local", "read", "printf", "set", "unset", "source", "test", "eval", "exec", "exit",
        "shift", "trap", "alias", "unalias", "type", "ulimit", "umask", "wait", "declare", "typeset", "readonly",
        "let", "pwd", "pushd", "popd", "getopts", "hash", "command", "builtin", "bind", "enable", "kill", "true",
        "false", "shopt", "jobs", "bg", "fg", "disown", "logout", "help", "caller", "compgen", "complete", "mapfile",
    ]

    // MARK: shell

    static func shell(_ bytes: [UInt8]) -> RunBuilder {
        var lexer = ShellLexer(bytes)
        lexer.scan(until: bytes.count, closer: nil)
        return lexer.builder
    }

    private func wordStart(_ index: Int) -> Bool {
        guard index > 0 else { return true }
        let b = bytes[index - 1]
        return Byte.isSpace(b) || b == UInt8(ascii: ";") || b == UInt8(ascii: "(") || b == UInt8(ascii: "|") || b == UInt8(ascii: "&")
    }

    /// Scans shell code up to `limit`, or to an unmatched `closer` (left unconsumed).
    mutating func scan(until limit: Int, closer: UInt8?) {
        var depth = 0
        var commandPosition = true
        var pendingHeredocs: [(delimiter: [UInt8], stripTabs: Bool)] = []
        while pos < limit {
            let b = bytes[pos]
            if let closer {
                if b == UInt8(ascii: "(") && closer == UInt8(ascii: ")") { depth += 1 }
                if b == closer {
                    if depth == 0 { return }
                    depth -= 1
                }
            }
            switch b {
            case 0x0A:
                pos += 1
                commandPosition = true
                for heredoc in pendingHeredocs { scanHeredocBody(heredoc.delimiter, stripTabs: heredoc.stripTabs) }
                pendingHeredocs = []
            case 0x20, 0x09, 0x0D:
                pos += 1
            case UInt8(ascii: "#") where wordStart(pos):
                let end = bytes.lineEnd(from: pos)
                builder.add(.comment, pos, min(end, limit))
                pos = min(end, limit)
            case UInt8(ascii: "\\"):
                builder.add(.string, pos, min(limit, pos + 2))  // an escaped character (or line break)
                pos = min(limit, pos + 2)
            case UInt8(ascii: "'"):
                let start = pos
                pos += 1
                while pos < limit && bytes[pos] != UInt8(ascii: "'") { pos += 1 }
                pos = min(limit, pos + 1)
                builder.add(.string, start, pos)
                commandPosition = false
            case UInt8(ascii: "\""):
                scanDoubleQuoted(limit: limit)
                commandPosition = false
            case UInt8(ascii: "`"):
                let start = pos
                pos += 1
                while pos < limit && bytes[pos] != UInt8(ascii: "`") {
                    pos += bytes[pos] == UInt8(ascii: "\\") ? 2 : 1
                }
                pos = min(limit, pos + 1)
                builder.add(.string, start, pos)
                commandPosition = false
            case UInt8(ascii: "$"):
                if bytes.has(Array("$'".utf8), at: pos) {
                    let start = pos
                    pos += 2
                    while pos < limit && bytes[pos] != UInt8(ascii: "'") { pos += bytes[pos] == UInt8(ascii: "\\") ? 2 : 1 }
                    pos = min(limit, pos + 1)
                    builder.add(.string, start, pos)
                } else {
                    scanExpansion(limit: limit)
                }
                commandPosition = false
            case UInt8(ascii: "<") where bytes.has(Array("<<".utf8), at: pos) && !bytes.has(Array("<<<".utf8), at: pos):
                builder.add(.operator, pos, pos + 2)
                pos += 2
                var stripTabs = false
                if pos < limit && bytes[pos] == UInt8(ascii: "-") { stripTabs = true; pos += 1 }
                while pos < limit && (bytes[pos] == 0x20 || bytes[pos] == 0x09) { pos += 1 }
                let start = pos
                while pos < limit && !Byte.isSpace(bytes[pos]) && bytes[pos] != UInt8(ascii: ";") && bytes[pos] != UInt8(ascii: ")") { pos += 1 }
                let word = bytes[start..<pos].filter { $0 != UInt8(ascii: "'") && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
                if !word.isEmpty {
                    builder.add(.string, start, pos)
                    pendingHeredocs.append((Array(word), stripTabs))
                }
            case UInt8(ascii: "|"), UInt8(ascii: "&"), UInt8(ascii: ";"), UInt8(ascii: "("), UInt8(ascii: ")"),
                 UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["),
                 UInt8(ascii: "]"), UInt8(ascii: "="):
                builder.add(.operator, pos, pos + 1)
                if b != UInt8(ascii: "=") && b != UInt8(ascii: ">") && b != UInt8(ascii: "<") { commandPosition = true }
                pos += 1
            default:
                let start = pos
                while pos < limit {
                    let c = bytes[pos]
                    if Byte.isSpace(c) || c == UInt8(ascii: ";") || c == UInt8(ascii: "|") || c == UInt8(ascii: "&")
                        || c == UInt8(ascii: "(") || c == UInt8(ascii: ")") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'")
                        || c == UInt8(ascii: "$") || c == UInt8(ascii: "`") || c == UInt8(ascii: "=") || c == UInt8(ascii: "<")
                        || c == UInt8(ascii: ">") || c == UInt8(ascii: "{") || c == UInt8(ascii: "}") || c == UInt8(ascii: "[")
                        || c == UInt8(ascii: "]") || c == UInt8(ascii: "\\") { break }
                    pos += 1
                }
                if pos == start { pos += 1; continue }
                let word = bytes.text(start, pos)
                if Self.keywords.contains(word) && (commandPosition || word == "in" || word == "do") {
                    builder.add(.keyword, start, pos)
                    commandPosition = word != "in" && word != "for" && word != "case" && word != "function" && word != "select"
                } else if commandPosition && Self.builtins.contains(word) {
                    builder.add(.type, start, pos)
                    commandPosition = false
                } else if Byte.isDigit(bytes[start]) {
                    // numbers: runs of digits that stand alone or between dots and dashes (`2.5.1`, `10-12`)
                    var k = start
                    while k < pos {
                        let s = k
                        while k < pos && Byte.isDigit(bytes[k]) { k += 1 }
                        if k > s && (k == pos || !Byte.isLetter(bytes[k]) && bytes[k] != UInt8(ascii: "_")) { builder.add(.number, s, k) }
                        while k < pos && !Byte.isDigit(bytes[k]) { k += 1 }
                    }
                    commandPosition = false
                } else {
                    commandPosition = pos < limit && bytes[pos] == UInt8(ascii: "=") && commandPosition
                }
            }
        }
    }

    /// `"…"`: text is string; `$var`, `${…}` and `$(…)` inside are expansions.
    private mutating func scanDoubleQuoted(limit: Int) {
        var start = pos
        pos += 1
        while pos < limit {
            let b = bytes[pos]
            if b == UInt8(ascii: "\\") {
                pos = min(limit, pos + 2)
            } else if b == UInt8(ascii: "\"") {
                pos += 1
                break
            } else if b == UInt8(ascii: "$") && pos + 1 < limit && (Byte.isIdentifierStart(bytes[pos + 1]) || bytes[pos + 1] == UInt8(ascii: "{")
                || bytes[pos + 1] == UInt8(ascii: "(") || Byte.isDigit(bytes[pos + 1]) || "@*#?$!-".utf8.contains(bytes[pos + 1])) {
                builder.add(.string, start, pos)
                scanExpansion(limit: limit)
                start = pos
            } else {
                pos += 1
            }
        }
        builder.add(.string, start, pos)
    }

    /// `$name`, `$1`, `$@`, `${…}` (plain, like a variable) and `$(…)`/`$((…))` (code inside).
    private mutating func scanExpansion(limit: Int) {
        pos += 1
        guard pos < limit else { return }
        var b = bytes[pos]
        if makeRecipe {
            if b == UInt8(ascii: "(") || b == UInt8(ascii: "{") {
                let close = b == UInt8(ascii: "(") ? UInt8(ascii: ")") : UInt8(ascii: "}")
                builder.add(.keyword, pos - 1, pos + 1)
                pos += 1
                var depth = 0
                while pos < limit {
                    if bytes[pos] == b { depth += 1 } else if bytes[pos] == close {
                        if depth == 0 { break }
                        depth -= 1
                    }
                    pos += 1
                }
                if pos < limit {
                    builder.add(.keyword, pos, pos + 1)
                    pos += 1
                }
                return
            }
            if b == UInt8(ascii: "$") {
                pos += 1
                guard pos < limit else { return }
                b = bytes[pos]
            } else {
                pos += 1  // $@, $<, $X: an automatic or one-letter make variable
                return
            }
        }
        if b == UInt8(ascii: "(") {
            builder.add(.operator, pos - 1, pos + 1)
            pos += 1
            scan(until: limit, closer: UInt8(ascii: ")"))
            if pos < limit {
                builder.add(.operator, pos, pos + 1)
                pos += 1
            }
        } else if b == UInt8(ascii: "{") {
            var depth = 0
            while pos < limit {
                if bytes[pos] == UInt8(ascii: "{") { depth += 1 } else if bytes[pos] == UInt8(ascii: "}") {
                    depth -= 1
                    if depth == 0 { pos += 1; break }
                } else if bytes[pos] == 0x0A { break }
                pos += 1
            }
        } else if Byte.isIdentifierStart(b) && b < 0x80 {
            while pos < limit && Byte.isIdentifier(bytes[pos]) && bytes[pos] < 0x80 { pos += 1 }
        } else if Byte.isDigit(b) || "@*#?$!-".utf8.contains(b) {
            pos += 1
        }
    }

    private mutating func scanHeredocBody(_ delimiter: [UInt8], stripTabs: Bool) {
        let start = pos
        while pos < bytes.count {
            var lineStart = pos
            if stripTabs { while lineStart < bytes.count && bytes[lineStart] == 0x09 { lineStart += 1 } }
            let end = bytes.lineEnd(from: pos)
            if end - lineStart == delimiter.count && bytes.has(delimiter, at: lineStart) {
                builder.add(.string, start, end)
                pos = end
                return
            }
            pos = min(bytes.count, end + 1)
        }
        builder.add(.string, start, pos)
    }

    // MARK: console sessions

    /// Lines that start with a prompt (`$ `, `# `, `% `, `> `, `user@host:~$ `, `(venv) $ `) hold a
    /// command, lexed as shell; other lines are the command's output, plain. A command ending in
    /// `\` continues on the next line.
    static func console(_ bytes: [UInt8]) -> RunBuilder {
        var lexer = ShellLexer(bytes)
        var continued = false
        while lexer.pos < bytes.count {
            let lineStart = lexer.pos
            let end = bytes.lineEnd(from: lineStart)
            var commandStart: Int?
            if continued {
                commandStart = lineStart
                if bytes.has(Array("> ".utf8), at: lineStart) {
                    lexer.builder.add(.operator, lineStart, lineStart + 2)
                    commandStart = lineStart + 2
                }
            } else if let promptEnd = promptEnd(bytes, lineStart, end) {
                lexer.builder.add(.operator, lineStart, promptEnd)
                commandStart = promptEnd
            }
            if let commandStart {
                lexer.pos = commandStart
                lexer.scan(until: end, closer: nil)
                continued = end > commandStart && bytes[end - 1] == UInt8(ascii: "\\")
            } else {
                continued = false
            }
            lexer.pos = min(bytes.count, end + 1)
        }
        return lexer.builder
    }

    /// The end of a prompt at the start of a line: `$ `, `# `, `sh-3.1$ `, `user@host:~/dir$ `,
    /// `pi@host ~ $ `, `[user@host dir]$ `, `(venv) $ `, or a `#` written without its space.
    private static func promptEnd(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int? {
        var i = start
        if i < end && bytes[i] == UInt8(ascii: "(") {
            while i < end && bytes[i] != UInt8(ascii: ")") { i += 1 }
            i += 1
            while i < end && bytes[i] == 0x20 { i += 1 }
        }
        func promptChar(_ b: UInt8) -> Bool { b == UInt8(ascii: "$") || b == UInt8(ascii: "#") || b == UInt8(ascii: "%") }
        func after(_ j: Int) -> Int? {
            // a prompt character at j-1, then a space or the line's end
            guard j > start, j <= end, promptChar(bytes[j - 1]), j == end || bytes[j] == 0x20 else { return nil }
            return j < end ? j + 1 : j
        }
        var firstWordEnd = i
        while firstWordEnd < end && bytes[firstWordEnd] != 0x20 { firstWordEnd += 1 }
        if i < end && bytes[i] == UInt8(ascii: "[") {
            var j = i
            while j < end && bytes[j] != UInt8(ascii: "]") { j += 1 }
            return after(min(end, j + 2))
        }
        if bytes[i..<firstWordEnd].contains(UInt8(ascii: "@")) {
            var j = i
            while j < end && j - i < 80 {
                if promptChar(bytes[j]), let prompt = after(j + 1) { return prompt }
                j += 1
            }
            return nil
        }
        if let prompt = after(firstWordEnd), firstWordEnd - i <= 20 { return prompt }
        if i + 1 < end && (bytes[i] == UInt8(ascii: "#") || bytes[i] == UInt8(ascii: "$")) && !Byte.isSpace(bytes[i + 1]) {
            return i + 1  // `#make`: a root prompt written without its space
        }
        return nil
    }

    // MARK: Dockerfile

    static let dockerInstructions: Set<String> = [
        "from", "run", "cmd", "label", "expose", "env", "add", "copy", "entrypoint", "volume", "user", "workdir", "arg",
        "onbuild", "stopsignal", "healthcheck", "shell", "maintainer", "as",
    ]

    /// An instruction at the start of a line is a keyword; its arguments are shell, up to the
    /// end of the line and its `\` continuations; `#` lines are comments.
    static func dockerfile(_ bytes: [UInt8]) -> RunBuilder {
        var lexer = ShellLexer(bytes)
        while lexer.pos < bytes.count {
            var i = lexer.pos
            while i < bytes.count && (bytes[i] == 0x20 || bytes[i] == 0x09) { i += 1 }
            var end = bytes.lineEnd(from: i)
            if i < bytes.count && bytes[i] == UInt8(ascii: "#") {
                lexer.builder.add(.comment, i, end)
                lexer.pos = min(bytes.count, end + 1)
                continue
            }
            var j = i
            while j < end && Byte.isLetter(bytes[j]) { j += 1 }
            let instruction = bytes.text(i, j).lowercased()
            if Self.dockerInstructions.contains(instruction) {
                lexer.builder.add(.keyword, i, j)
                i = j
            }
            while end < bytes.count && end > i && continues(bytes, end) { end = bytes.lineEnd(from: end + 1) }
            if instruction == "from" || instruction == "maintainer" {
                var s = i
                while s < end && Byte.isSpace(bytes[s]) { s += 1 }
                lexer.builder.add(.string, s, end)  // the image (or the maintainer), one value
                lexer.pos = min(bytes.count, end + 1)
                continue
            }
            // `ONBUILD RUN …`, `HEALTHCHECK … CMD …`: the inner instruction is a keyword too
            var w = i
            while w < end {
                while w < end && (Byte.isSpace(bytes[w]) || bytes[w] == UInt8(ascii: "\\")) { w += 1 }
                let s = w
                while w < end && !Byte.isSpace(bytes[w]) { w += 1 }
                let word = bytes.text(s, w)
                if word.uppercased() == word && Self.dockerInstructions.contains(word.lowercased()) {
                    lexer.builder.add(.keyword, s, w)
                    i = w
                    break
                }
                if !word.hasPrefix("--") { break }
            }
            lexer.pos = i
            lexer.scan(until: end, closer: nil)
            lexer.pos = min(bytes.count, end + 1)
        }
        return lexer.builder
    }

    /// The line ending at `end` continues with a `\`.
    private static func continues(_ bytes: [UInt8], _ end: Int) -> Bool {
        var k = end - 1
        if k >= 0 && bytes[k] == 0x0D { k -= 1 }
        return k >= 0 && bytes[k] == UInt8(ascii: "\\")
    }

    // MARK: Makefile

    static let makeDirectives: Set<String> = [
        "include", "-include", "sinclude", "ifeq", "ifneq", "ifdef", "ifndef", "else", "endif", "define", "endef",
        "vpath", "if", ".if", ".elif", ".else", ".endif", ".for", ".endfor", ".include", ".undef", ".error", ".warning",
    ]
    static let makeKeywords: Set<String> = ["export", "unexport", "override", "private"]

    /// Recipe lines (starting with a tab) are shell; `target:` names are function names;
    /// directives (`ifeq`, `include`…) are keywords; `$(…)` and `${…}` references are plain.
    static func makefile(_ bytes: [UInt8]) -> RunBuilder {
        var lexer = ShellLexer(bytes)
        lexer.makeRecipe = true
        var inRecipe = false
        while lexer.pos < bytes.count {
            let lineStart = lexer.pos
            var end = bytes.lineEnd(from: lineStart)
            while end < bytes.count && continues(bytes, end) { end = bytes.lineEnd(from: end + 1) }
            defer { lexer.pos = min(bytes.count, end + 1) }
            var i = lineStart
            while i < end && (bytes[i] == 0x20 || bytes[i] == 0x09) { i += 1 }
            var w = i
            while w < end && !Byte.isSpace(bytes[w]) { w += 1 }
            // Conditionals and includes are directives, coloured like C's preprocessor lines; as in
            // Pygments (and automake), a line whose first word is `if`/`else`/`endif` is one too.
            if Self.makeDirectives.contains(bytes.text(i, w)) && w < end {
                lexer.builder.add(.attribute, i, end)
                continue
            }
            if ["else", "endif", "else\\", ".else", ".endif", ".endfor"].contains(bytes.text(i, w)) {
                lexer.builder.add(.attribute, i, end)
                continue
            }
            if lineStart < bytes.count && bytes[lineStart] == 0x09 && inRecipe {
                // a continued recipe line whose own first word is `if`/`else` becomes a directive
                // line from there on, as Pygments reads it
                var directive = end
                var line = bytes.lineEnd(from: lineStart) + 1
                while line < end {
                    var f = line
                    while f < end && (bytes[f] == 0x20 || bytes[f] == 0x09) { f += 1 }
                    var g = f
                    while g < end && !Byte.isSpace(bytes[g]) && bytes[g] != UInt8(ascii: "\\") { g += 1 }
                    if ["if", "else"].contains(bytes.text(f, g)) { directive = f; break }
                    line = bytes.lineEnd(from: line) + 1
                }
                lexer.pos = lineStart
                lexer.scan(until: directive, closer: nil)
                lexer.builder.add(.attribute, directive, end)
                continue
            }
            if i < end && bytes[i] == UInt8(ascii: "#") {
                lexer.builder.add(.comment, i, end)
                continue
            }
            var j = i
            while j < end && !Byte.isSpace(bytes[j]) && bytes[j] != UInt8(ascii: ":") && bytes[j] != UInt8(ascii: "=") { j += 1 }
            if Self.makeKeywords.contains(bytes.text(i, j)) && j < end && bytes[j] == 0x20 {
                lexer.builder.add(.keyword, i, j)
                i = j + 1
            }
            // Assignment or rule: find the first `=` or `:` outside `$(…)`.
            var k = i
            var depth = 0
            var separator: Int?
            while k < end {
                let b = bytes[k]
                if b == UInt8(ascii: "(") || b == UInt8(ascii: "{") { depth += 1 } else if b == UInt8(ascii: ")") || b == UInt8(ascii: "}") { depth -= 1 } else if depth == 0 && (b == UInt8(ascii: "=") || b == UInt8(ascii: ":")) {
                    separator = k
                    break
                } else if depth == 0 && b == UInt8(ascii: "#") { break }
                k += 1
            }
            guard let separator else {
                lexer.scanMakeText(from: i, to: end)
                continue
            }
            let isAssignment = bytes[separator] == UInt8(ascii: "=") || bytes.has(Array(":=".utf8), at: separator)
                || bytes.has(Array("::=".utf8), at: separator)
                || (separator > i && "?+!".utf8.contains(bytes[separator - 1]) && bytes[separator] == UInt8(ascii: "="))
            if isAssignment {
                var opStart = separator
                if opStart > i && "?+!:".utf8.contains(bytes[opStart - 1]) { opStart -= 1 }
                var opEnd = separator + 1
                while opEnd < end && (bytes[opEnd] == UInt8(ascii: "=") || bytes[opEnd] == UInt8(ascii: ":")) { opEnd += 1 }
                lexer.scanMakeText(from: i, to: opStart)
                lexer.builder.add(.operator, opStart, opEnd)
                lexer.pos = opEnd
                lexer.scan(until: end, closer: nil)  // the value, as the shell would read it
                inRecipe = false
            } else {
                var nameEnd = separator
                while nameEnd > i && Byte.isSpace(bytes[nameEnd - 1]) { nameEnd -= 1 }
                lexer.builder.add(.function, i, nameEnd)
                var opEnd = separator + 1
                if opEnd < end && bytes[opEnd] == UInt8(ascii: ":") { opEnd += 1 }
                lexer.builder.add(.operator, separator, opEnd)
                lexer.scanMakeText(from: opEnd, to: end)
                inRecipe = true
            }
        }
        return lexer.builder
    }

    /// Make text: plain, with comments, quoted strings and `$(…)`/`${…}` references (whose
    /// delimiters are keywords).
    private mutating func scanMakeText(from start: Int, to end: Int) {
        var i = start
        var open: [UInt8] = []
        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: "$") && i + 1 < end && (bytes[i + 1] == UInt8(ascii: "(") || bytes[i + 1] == UInt8(ascii: "{")) {
                builder.add(.keyword, i, i + 2)
                open.append(bytes[i + 1] == UInt8(ascii: "(") ? UInt8(ascii: ")") : UInt8(ascii: "}"))
                i += 2
                continue
            }
            if let last = open.last, b == last {
                builder.add(.keyword, i, i + 1)
                open.removeLast()
                i += 1
                continue
            }
            if b == UInt8(ascii: "#") && (i == 0 || bytes[i - 1] != UInt8(ascii: "\\")) {
                builder.add(.comment, i, end)
                return
            }
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                let s = i
                i += 1
                while i < end && bytes[i] != b { i += 1 }
                i = min(end, i + 1)
                builder.add(.string, s, i)
                continue
            }
            i += 1
        }
    }
}

/// The token classes a theme colours, one CSS rule each (`.hl-keyword { color: … }`).
public enum TokenClass: String, Sendable, CaseIterable {
    case keyword, type, string, number, comment, function, attribute, `operator`, plain

    /// The theme class that styles this token (`hl-keyword`…); `plain` has none and gets no span.
    public var themeClass: String? { self == .plain ? nil : "hl-" + rawValue }
}

/// A run of code text of one token class. Runs are in order, cover the whole input exactly, and
/// adjacent runs never share a class (so the renderer emits one `span` per run). No plain run is
/// white space only between coloured ones: spaces and indentation belong to the coloured run
/// after them, line breaks to the one before, because WeChat's editor deletes white space standing
/// alone between two spans.
public struct HighlightRun: Sendable, Equatable {
    public var tokenClass: TokenClass
    public var text: Substring

    public init(_ tokenClass: TokenClass, _ text: Substring) {
        self.tokenClass = tokenClass
        self.text = text
    }
}

/// Splits code into classed runs by the fence's language (`swift`, `py`, `console`…).
/// An unknown, missing or `nohighlight` language gives one plain run, without a warning.
public enum Highlighter {
    public static func highlight(_ code: String, language: String?) -> [HighlightRun] {
        guard !code.isEmpty else { return [] }
        guard let language = language.flatMap(Language.init(fenceName:)) else { return [HighlightRun(.plain, code[...])] }
        let bytes = Array(code.utf8)
        return language.lex(bytes).runs(over: code)
    }

    /// Whether `name` (a fence's language) is highlighted; `nohighlight` and unknown names are not.
    public static func supports(_ name: String) -> Bool { Language(fenceName: name) != nil }

    /// The languages highlighted, by their canonical names (aliases not listed).
    public static var languageNames: [String] { Language.allCases.map(\.rawValue) }
}

/// The languages with a lexer, and the names fences use for them.
enum Language: String, CaseIterable {
    case swift, python, javascript, typescript, java, kotlin, go, rust, c, cpp, csharp, objectivec, php, ruby
    case shell, console, sql, json, yaml, toml, html, xml, css, diff, dockerfile, makefile

    static let aliases: [String: Language] = {
        var table: [String: Language] = [:]
        for language in Language.allCases { table[language.rawValue] = language }
        let extra: [(String, Language)] = [
            ("py", .python), ("python3", .python), ("py3", .python), ("gyp", .python),
            ("js", .javascript), ("jsx", .javascript), ("mjs", .javascript), ("cjs", .javascript), ("node", .javascript),
            ("ts", .typescript), ("tsx", .typescript), ("mts", .typescript),
            ("kt", .kotlin), ("kts", .kotlin), ("golang", .go), ("rs", .rust),
            ("h", .c), ("c++", .cpp), ("cc", .cpp), ("cxx", .cpp), ("hpp", .cpp), ("hh", .cpp),
            ("cs", .csharp), ("c#", .csharp), ("objc", .objectivec), ("objective-c", .objectivec), ("m", .objectivec), ("mm", .objectivec),
            ("php3", .php), ("php4", .php), ("php5", .php), ("rb", .ruby), ("duby", .ruby),
            ("sh", .shell), ("bash", .shell), ("zsh", .shell), ("ksh", .shell), ("shell-script", .shell), ("ash", .shell),
            ("shell-session", .console), ("shellsession", .console), ("sh-session", .console), ("terminal", .console),
            ("postgresql", .sql), ("postgres", .sql), ("mysql", .sql), ("sqlite", .sql), ("sqlite3", .sql), ("plsql", .sql),
            ("jsonc", .json), ("json5", .json), ("geojson", .json), ("yml", .yaml), ("htm", .html), ("xhtml", .html),
            ("vue", .html), ("svg", .xml), ("xsl", .xml), ("plist", .xml), ("patch", .diff), ("udiff", .diff),
            ("docker", .dockerfile), ("make", .makefile), ("mf", .makefile), ("mk", .makefile), ("gnumake", .makefile),
        ]
        for (name, language) in extra { table[name] = language }
        return table
    }()

    /// The language a fence names, by canonical name or alias, case-insensitively; nil for
    /// `nohighlight`, `text`, `plain` and names without a lexer.
    init?(fenceName: String) {
        guard let language = Language.aliases[fenceName.lowercased()] else { return nil }
        self = language
    }

    func lex(_ bytes: [UInt8]) -> RunBuilder {
        switch self {
        case .swift: CodeScanner.ranges(bytes, syntax: CompiledLanguages.swift)
        case .python: CodeScanner.ranges(bytes, syntax: CompiledLanguages.python)
        case .javascript: CodeScanner.ranges(bytes, syntax: CompiledLanguages.javascript)
        case .typescript: CodeScanner.ranges(bytes, syntax: CompiledLanguages.typescript)
        case .java: CodeScanner.ranges(bytes, syntax: CompiledLanguages.java)
        case .kotlin: CodeScanner.ranges(bytes, syntax: CompiledLanguages.kotlin)
        case .go: CodeScanner.ranges(bytes, syntax: CompiledLanguages.go)
        case .rust: CodeScanner.ranges(bytes, syntax: CompiledLanguages.rust)
        case .c: CodeScanner.ranges(bytes, syntax: CompiledLanguages.c)
        case .cpp: CodeScanner.ranges(bytes, syntax: CompiledLanguages.cpp)
        case .csharp: CodeScanner.ranges(bytes, syntax: CompiledLanguages.csharp)
        case .objectivec: CodeScanner.ranges(bytes, syntax: CompiledLanguages.objectiveC)
        case .php: CodeScanner.ranges(bytes, syntax: CompiledLanguages.php)
        case .ruby: CodeScanner.ranges(bytes, syntax: CompiledLanguages.ruby)
        case .sql: CodeScanner.ranges(bytes, syntax: CompiledLanguages.sql)
        case .shell: ShellLexer.shell(bytes)
        case .console: ShellLexer.console(bytes)
        case .dockerfile: ShellLexer.dockerfile(bytes)
        case .makefile: ShellLexer.makefile(bytes)
        case .json: DataLexers.json(bytes)
        case .yaml: DataLexers.yaml(bytes)
        case .toml: DataLexers.toml(bytes)
        case .diff: DataLexers.diff(bytes)
        case .html: MarkupLexers.markup(bytes)
        case .xml: MarkupLexers.markup(bytes, xml: true)
        case .css: MarkupLexers.css(bytes)
        }
    }
}

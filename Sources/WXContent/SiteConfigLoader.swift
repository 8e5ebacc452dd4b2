import Foundation
import WXSupport

extension SiteConfig {
    /// The config file's name at the site root.
    public static let fileName = "wxpub.yml"

    /// Reads `wxpub.yml` under `root`. Every problem is reported at once, as located diagnostics;
    /// unknown keys are errors, because a typo that silently does nothing is worse than a refusal.
    public static func load(root: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws(DiagnosticError) -> SiteConfig {
        let url = root.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DiagnosticError(.error(
                at: SourceLocation(file: fileName, line: 1, column: 1),
                "no \(fileName) in \(root.path)",
                fix: "run `wxpub init` to create a site, or pass --site DIR pointing at a folder with \(fileName)"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DiagnosticError(.error(at: SourceLocation(file: fileName, line: 1, column: 1), "\(fileName) is not UTF-8 text", fix: "save it as UTF-8"))
        }
        return try parse(text, root: root, environment: environment)
    }

    public static func parse(_ text: String, root: URL, file: String = fileName, environment: [String: String] = [:]) throws(DiagnosticError) -> SiteConfig {
        var source = text
        if source.unicodeScalars.first == "\u{FEFF}" { source.unicodeScalars.removeFirst() }
        let document: YAMLNode
        do {
            document = try YAML.parse(source)
        } catch {
            throw DiagnosticError(.error(at: SourceLocation(file: file, line: error.line, column: error.column), error.message))
        }
        var fields = YAMLFields(file: file, lineOffset: 0)
        var config = SiteConfig(root: root, configPath: file)
        var sawAccount = false
        var secretEnv: String?
        var secretFile: String?
        let topKeys = ["account", "timezone", "content", "templates", "state", "groups", "defaults", "aliases", "references_title", "footnotes_title", "typography", "code", "send_time", "bundle", "theme", "markdown"]

        for (key, keyNode, value) in fields.entries(document, what: "\(file)") ?? [] {
            switch key {
            case "account":
                sawAccount = true
                let accountKeys = ["name", "type", "appid", "secret_env", "secret_file", "api_base", "broadcasts_per_window"]
                for (k, kNode, v) in fields.entries(value, what: "`account`") ?? [] {
                    switch k {
                    case "name": if let s = fields.string(v, field: "account.name") { config.accountName = s.value }
                    case "type":
                        if let t = fields.choice(v, field: "account.type", as: AccountType.self) { config.accountType = t }
                    case "appid": config.appID = fields.string(v, field: "account.appid")?.value
                    case "secret_env": secretEnv = fields.string(v, field: "account.secret_env")?.value
                    case "secret_file": secretFile = fields.string(v, field: "account.secret_file")?.value
                    case "api_base": if let s = fields.string(v, field: "account.api_base") { config.apiBase = s.value }
                    case "broadcasts_per_window":
                        config.broadcastsPerWindow = fields.int(v, field: "account.broadcasts_per_window", range: 1...100)
                    case "secret", "appsecret":
                        fields.error(kNode, "the AppSecret must not be written in \(file) (it would end up in git)",
                                     fix: "remove it and set the environment variable WXPUB_APPSECRET, or name a file with `secret_file:`")
                    default: fields.rejectUnknown(k, kNode, in: "`account`", known: accountKeys)
                    }
                }
            case "timezone":
                if let s = fields.string(value, field: "timezone") {
                    if let zone = TimeZone(identifier: s.value) { config.timeZone = zone } else {
                        fields.error(value, "unknown time zone `\(s.value)`", fix: "use an IANA name such as Asia/Shanghai")
                    }
                }
            case "send_time":
                if let s = fields.string(value, field: "send_time") {
                    if let t = SendTime(parsing: s.value) { config.sendTime = t } else {
                        fields.error(value, "`send_time` must be a time of day such as \"20:00\", found `\(s.value)`", fix: "write it quoted, as HH:MM in the site's time zone")
                    }
                }
            case "bundle": config.bundle = fields.choice(value, field: "bundle", as: BundlePolicy.self)
            case "content": if let s = fields.string(value, field: "content") { config.contentDirectory = s.value }
            case "templates": if let s = fields.string(value, field: "templates") { config.templatesDirectory = s.value }
            case "state": if let s = fields.string(value, field: "state") { config.stateDirectory = s.value }
            case "references_title": if let s = fields.string(value, field: "references_title") { config.referencesTitle = s.value }
            case "theme": config.theme = fields.string(value, field: "theme")
            case "footnotes_title": if let s = fields.string(value, field: "footnotes_title") { config.footnotesTitle = s.value }
            case "groups":
                var groups: [String: GroupTarget] = ["all": .all]
                for (name, nameNode, target) in fields.entries(value, what: "`groups`") ?? [] {
                    if name.isEmpty { fields.error(nameNode, "a group needs a name"); continue }
                    switch target.value {
                    case .int(let id):
                        guard id >= 0 else { fields.error(target, "tag ids are not negative"); continue }
                        groups[name] = .tagID(id)
                    case .string(let s) where s == "all": groups[name] = .all
                    case .string(let s) where !s.isEmpty:
                        if s.utf8.count > 30 {
                            fields.error(target, "WeChat tag names are at most 30 bytes of UTF-8; `\(s)` has \(s.utf8.count)", fix: "shorten the tag name (a Chinese character takes 3 bytes)")
                        }
                        groups[name] = .tagName(s)
                    default:
                        fields.error(target, "group `\(name)` must name a WeChat tag (its name or numeric id) or `all`, found \(YAMLFields.describe(target))")
                    }
                }
                config.groups = groups
            case "defaults":
                let known = ["author", "groups", "comments", "cover", "mode"]
                for (k, kNode, v) in fields.entries(value, what: "`defaults`") ?? [] {
                    config.defaults.locations[k] = fields.location(v)
                    switch k {
                    case "author": config.defaults.author = fields.string(v, field: "defaults.author")?.value
                    case "groups": if let g = fields.stringList(v, field: "defaults.groups") { config.defaults.groups = g.map(\.value) }
                    case "comments": if let c = fields.choice(v, field: "defaults.comments", as: Post.Comments.self) { config.defaults.comments = c }
                    case "cover": config.defaults.cover = fields.string(v, field: "defaults.cover")?.value
                    case "mode": if let m = fields.choice(v, field: "defaults.mode", as: Post.PublishMode.self) { config.defaults.mode = m }
                    default: fields.rejectUnknown(k, kNode, in: "`defaults`", known: known)
                    }
                }
            case "aliases":
                for (field, fieldNode, names) in fields.entries(value, what: "`aliases`") ?? [] {
                    guard PostLoader.aliasableFields.contains(field) else {
                        fields.rejectUnknown(field, fieldNode, in: "`aliases` (a post field)", known: PostLoader.aliasableFields)
                        continue
                    }
                    if let list = fields.stringList(names, field: "aliases.\(field)") { config.aliases[field] = list.map(\.value) }
                }
            case "typography":
                for (k, kNode, v) in fields.entries(value, what: "`typography`") ?? [] {
                    if k == "cjk_spacing" { config.cjkSpacing = fields.bool(v, field: "typography.cjk_spacing") ?? false } else {
                        fields.rejectUnknown(k, kNode, in: "`typography`", known: ["cjk_spacing"])
                    }
                }
            case "markdown":
                for (k, kNode, v) in fields.entries(value, what: "`markdown`") ?? [] {
                    if k == "cjk_friendly" { config.cjkFriendly = fields.bool(v, field: "markdown.cjk_friendly") ?? true } else {
                        fields.rejectUnknown(k, kNode, in: "`markdown`", known: ["cjk_friendly"])
                    }
                }
            case "code":
                for (k, kNode, v) in fields.entries(value, what: "`code`") ?? [] {
                    if k == "line_numbers" { config.codeLineNumbers = fields.bool(v, field: "code.line_numbers") ?? false } else {
                        fields.rejectUnknown(k, kNode, in: "`code`", known: ["line_numbers"])
                    }
                }
            default:
                fields.rejectUnknown(key, keyNode, in: file, known: topKeys)
            }
        }
        if !sawAccount, fields.diagnostics.isEmpty {
            fields.diagnostics.append(.error(
                at: SourceLocation(file: file, line: 1, column: 1), "\(file) has no `account:` section",
                fix: "add `account:` with at least `type: subscription` or `type: service`"))
        }
        if secretEnv != nil && secretFile != nil {
            fields.diagnostics.append(.error(at: SourceLocation(file: file, line: 1, column: 1), "`account` names both `secret_env` and `secret_file`", fix: "keep one of them"))
        }
        if let secretFile { config.secret = .file(secretFile) } else if let secretEnv { config.secret = .environment(secretEnv) }
        if let appID = environment["WXPUB_APPID"], !appID.isEmpty { config.appID = appID }
        if let base = environment["WXPUB_API_BASE"], !base.isEmpty { config.apiBase = base }
        for name in config.defaults.groups where config.groups[name] == nil {
            let at = config.defaults.locations["groups"] ?? SourceLocation(file: file, line: 1, column: 1)
            fields.diagnostics.append(.error(at: at, "`defaults.groups` names `\(name)`, which is not under `groups:`", fix: "add it under `groups:` or use `all`"))
        }
        if fields.diagnostics.contains(where: { $0.severity == .error }) { throw DiagnosticError(fields.diagnostics) }
        return config
    }

    /// Reads the AppSecret from the environment variable or file the config names; nil when unset.
    /// Never logged and never written anywhere by wxpub.
    public func resolveSecret(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String? {
        if let override = environment["WXPUB_APPSECRET"], !override.isEmpty { return override }
        switch secret {
        case .environment(let name):
            return environment[name].flatMap { $0.isEmpty ? nil : $0 }
        case .file(let path):
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
            if let problem = SecretFileMode.problem(atPath: url.path, shownAs: path) {
                throw DiagnosticError(.error(at: SourceLocation(file: configPath, line: 1, column: 1), problem, fix: SecretFileMode.fix(forPath: path)))
            }
            guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
                throw DiagnosticError(.error(at: SourceLocation(file: configPath, line: 1, column: 1), "cannot read the AppSecret file \(path)", fix: "create it (mode 0600) holding only the AppSecret, or use WXPUB_APPSECRET"))
            }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
    }
}

import Foundation
import WXSupport

/// `wxpub.yml`: the account and the defaults every post starts from.
public struct SiteConfig: Sendable {
    public enum AccountType: String, Sendable, Codable, CaseIterable {
        /// 订阅号: one broadcast per calendar day.
        case subscription
        /// 服务号: four broadcasts per calendar month.
        case service
    }

    /// Where the AppSecret comes from; never from the config file itself.
    public enum SecretSource: Sendable, Equatable {
        case environment(String)
        case file(String)
    }

    /// A group as the editor names it, and the WeChat tag it stands for.
    public enum GroupTarget: Sendable, Equatable {
        /// Every follower (`is_to_all`).
        case all
        case tagID(Int)
        case tagName(String)
    }

    public var root: URL
    public var configPath: String
    public var accountName: String
    public var accountType: AccountType
    public var appID: String?
    public var secret: SecretSource
    public var apiBase: String
    public var timeZone: TimeZone
    public var contentDirectory: String
    public var templatesDirectory: String
    public var stateDirectory: String
    public var groups: [String: GroupTarget]
    /// Broadcasts allowed per window: defaults 1/day (subscription) and 4/month (service).
    public var broadcastsPerWindow: Int?
    /// `send_time:` — the preferred time of day for broadcasts; nil means "as soon as due".
    public var sendTime: SendTime?
    /// `bundle:` as written; `effectiveBundle` applies the account type's default.
    public var bundle: BundlePolicy?
    public var defaults: PostDefaults
    /// Canonical field → front matter keys tried in order, e.g. `title: [title, title1]`.
    public var aliases: [String: [String]]
    public var referencesTitle: String
    /// The title of the notes section that footnotes are listed in (`footnotes_title`).
    public var footnotesTitle = "注释"
    /// `code: { line_numbers: true }`: code blocks show line numbers in a column of their own.
    public var codeLineNumbers = false
    public var cjkSpacing: Bool
    /// The built-in theme the site starts from (`theme:`; `default` when absent), and where it
    /// was named, so an unknown name is reported at its line.
    public var theme: Located<String>?
    /// `markdown: cjk_friendly:` (default true): emphasis by the CommonMark CJK-friendly
    /// amendments and no space for a line break between CJK characters; false is plain CommonMark.
    public var cjkFriendly = true
    /// Real paths of the site's folders, looked up once per run and shared by every copy of this
    /// configuration (posts and images are checked against the site root with them).
    public let paths = RealPaths()

    public struct PostDefaults: Sendable {
        public var author: String?
        public var groups: [String]
        public var comments: Post.Comments
        public var cover: String?
        public var mode: Post.PublishMode
        /// Where each default was written in the config, so a problem with it points there.
        public var locations: [String: SourceLocation] = [:]

        public init(author: String? = nil, groups: [String] = ["all"], comments: Post.Comments = .closed, cover: String? = nil, mode: Post.PublishMode = .broadcast) {
            self.author = author
            self.groups = groups
            self.comments = comments
            self.cover = cover
            self.mode = mode
        }
    }

    public init(
        root: URL, configPath: String = "wxpub.yml", accountName: String = "wxpub", accountType: AccountType = .subscription,
        appID: String? = nil, secret: SecretSource = .environment("WXPUB_APPSECRET"), apiBase: String = "https://api.weixin.qq.com",
        timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!, contentDirectory: String = "content",
        templatesDirectory: String = "templates", stateDirectory: String = ".wxpub", groups: [String: GroupTarget] = ["all": .all],
        broadcastsPerWindow: Int? = nil, defaults: PostDefaults = PostDefaults(), aliases: [String: [String]] = [:],
        referencesTitle: String = "参考资料", cjkSpacing: Bool = false
    ) {
        self.root = root
        self.configPath = configPath
        self.accountName = accountName
        self.accountType = accountType
        self.appID = appID
        self.secret = secret
        self.apiBase = apiBase
        self.timeZone = timeZone
        self.contentDirectory = contentDirectory
        self.templatesDirectory = templatesDirectory
        self.stateDirectory = stateDirectory
        self.groups = groups
        self.broadcastsPerWindow = broadcastsPerWindow
        self.defaults = defaults
        self.aliases = aliases
        self.referencesTitle = referencesTitle
        self.cjkSpacing = cjkSpacing
    }
}

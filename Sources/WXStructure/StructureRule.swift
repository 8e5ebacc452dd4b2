import WXSupport

/// The rules of WeChat's article-structure spec (wechatjs/verify-article-structure-spec) that
/// wxpub checks, plus the Markdown leftover-emphasis check. The raw value is the diagnostic's
/// `rule` id; `severity` follows the platform: what its online check reports as 结构异常 is an
/// error, Dark Mode advice and the font rule are warnings.
public enum StructureRule: String, Sendable, CaseIterable, Codable {
    case imageOpacity = "wechat/1.1"
    case caretColor = "wechat/1.2"
    case lineHeight = "wechat/1.3"
    case width = "wechat/1.4"
    case zeroHeight = "wechat/1.5.1"
    case clippedHeight = "wechat/1.5.2"
    case textAlign = "wechat/1.6"
    case animateBegin = "wechat/1.7"
    case preText = "wechat/1.8"
    case nesting = "wechat/2.1"
    case leafSpan = "wechat/2.2"
    case nodeLeafSection = "wechat/2.3"
    case fontFamily = "wechat/3"
    case lowContrast = "wechat/4.1.1"
    case gradientBehindText = "wechat/4.1.2"
    case important = "wechat/4.5.2"
    case emphasisMarker = "markdown/emphasis"

    public var severity: Diagnostic.Severity {
        switch self {
        case .fontFamily, .lowContrast, .gradientBehindText, .important, .emphasisMarker: return .warning
        default: return .error
        }
    }

    /// The key this rule's findings use in the online check's `inValidInfo` (the official keys
    /// where the spec's `cases.config.js` names them); `nil` for rules the online check does not report.
    public var reportKey: String? {
        switch self {
        case .imageOpacity: return "opacity"
        case .caretColor: return "caret-color"
        case .lineHeight: return "line-height"
        case .width: return "width"
        case .zeroHeight: return "height"
        case .clippedHeight: return "height-nodisplay"
        case .textAlign: return "text-align"
        case .animateBegin: return "animate-begin"
        case .preText: return "pre"
        case .nesting: return "nestNodes"
        case .leafSpan: return "span-leaf"
        case .nodeLeafSection: return "section-nodeleaf"
        case .lowContrast: return "darkmode-low-contrast"
        case .gradientBehindText: return "darkmode-no-gradient"
        case .fontFamily, .important, .emphasisMarker: return nil
        }
    }

    /// The `violateRules` sentence for `inValidInfo`, in the platform's language.
    public var violateRules: String {
        switch self {
        case .imageOpacity: return "图片opacity设置为0，发布后无法在后台修改图片"
        case .caretColor: return "caret-color设置为透明，编辑器中光标不可见"
        case .lineHeight: return "line-height小于字体大小，多行文字重叠"
        case .width: return "页面width设置错误，内容未随屏幕宽度自适应或水平溢出"
        case .zeroHeight: return "页面height设置错误，导致有元素不可见"
        case .clippedHeight: return "容器固定高度小于内容高度，超出部分不可见"
        case .textAlign: return "text-align设置为start或end，不同终端对齐方式不一致"
        case .animateBegin: return "SVG动画begin仅设置touchstart，PC端无法触发"
        case .preText: return "使用pre标签包裹正文，移动端文字不换行"
        case .nesting: return "同标签同样式的单子节点嵌套超过10层"
        case .leafSpan: return "span[leaf]节点内包含块级元素"
        case .nodeLeafSection: return "section[nodeleaf]节点内包含非指定组件"
        case .fontFamily: return "设置了font-family"
        case .lowContrast: return "文字与背景色对比度太低"
        case .gradientBehindText: return "文字背景尽量不要使用渐变"
        case .important: return "使用了!important"
        case .emphasisMarker: return "Markdown强调标记未生效"
        }
    }
}

import WXHTML
import WXSupport

/// What an element inherits from its ancestors (the part of the cascade inline styles decide).
struct InheritedStyle {
    enum LineHeight {
        case multiplier(Double)
        case pixels(Double)
    }

    /// Computed font size in px; `nil` when no ancestor set one we could resolve.
    var fontSize: Double?
    var lineHeight: LineHeight?
    /// The `line-height` declaration in effect: where, and what was written.
    var lineHeightOrigin: Int?
    var color: CSSColor
    var colorOrigin: Int?
    /// The colours behind this element's text (several for a gradient); `nil` behind an image.
    var backdrop: [CSSColor]?
    var backdropOrigin: Int?
    var insideSVG = false
    var svgInteractive = false
    var ignoreWidth = false
    var leftOffset = 0.0
    var availableWidth: Double
    var location: SourceLocation
    var chain: NestingChain?
}

struct NestingChain {
    var tag: String
    var style: [StyleDeclaration]
    var start: Int
    var length: Int
}

/// What a subtree tells its parent after it has been walked.
struct SubtreeSummary {
    enum Token {
        case text(Double)  // width in px
        case lineBreak
    }

    /// Visible text outside SVG somewhere inside.
    var hasText = false
    /// Inline content as the parent's line boxes see it; empty for block-level elements.
    var inlineTokens: [Token] = []
    var isBlock = false
    /// Laid out side by side with block siblings (inline-block, floats, flex items in a row).
    var sideBySide = false
    /// Estimated outer height in px (margins included) of a block-level element.
    var height = 0.0
    /// Lines of text laid out under the `line-height` origin in effect at the parent that
    /// overlap because that line-height is below the font size.
    var overlappingLines = 0
    var overlapFontSize: Double?
}

let blockTags: Set<String> = [
    "address", "article", "aside", "blockquote", "center", "dd", "div", "dl", "dt", "fieldset", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "caption", "colgroup",
]
let mediaTags: Set<String> = ["img", "video", "audio", "iframe", "svg", "embed", "object", "canvas", "mpvoice", "qqmusic"]

final class StructureWalker {
    let options: StructureOptions
    let file: String
    private var findings: [(order: Int, finding: StructureFinding)] = []
    private var order = 0
    /// Declarations that set `line-height`, by preorder index: element, value text, location.
    private var lineHeightOrigins: [Int: (element: HTMLElement, text: String, location: SourceLocation)] = [:]
    private var reportedOrigins: Set<Int> = []
    private var reportedContrast: Set<[Int]> = []
    private var nestingChains: [Int: (element: HTMLElement, tag: String, length: Int, sameStyle: Bool, location: SourceLocation)] = [:]
    /// Advisory rules reported once per distinct value, with how many elements repeat it.
    private var aggregated: [String: (order: Int, finding: StructureFinding, count: Int)] = [:]
    /// Inlined themes repeat the same `style` text on many elements: each is parsed once.
    private var styleCache: [String: [StyleDeclaration]] = [:]

    private func parsedStyle(_ text: String) -> [StyleDeclaration] {
        if let known = styleCache[text] { return known }
        let parsed = InlineStyle.parse(text)
        styleCache[text] = parsed
        return parsed
    }

    init(options: StructureOptions, file: String) {
        self.options = options
        self.file = file
    }

    func run(_ nodes: [HTMLNode]) -> [StructureFinding] {
        let root = InheritedStyle(
            fontSize: nil, lineHeight: nil, lineHeightOrigin: nil,
            color: options.defaultTextColor, colorOrigin: nil,
            backdrop: [options.pageBackground], backdropOrigin: nil,
            availableWidth: options.columnWidth, location: SourceLocation(file: file, line: 1, column: 1))
        _ = walkChildren(nodes, parent: root, parentElement: nil)
        for (start, chain) in nestingChains.sorted(by: { $0.key < $1.key }) where chain.length > options.maximumNesting {
            add(.nesting, order: start, at: chain.location, element: chain.element,
                "\(chain.length) nested <\(chain.tag)> elements\(chain.sameStyle ? " with the same inline style" : "") each wrap a single child (the limit is \(options.maximumNesting)); the editor collapses the redundant levels",
                fix: "Remove the redundant wrappers: keep one <\(chain.tag)> and merge the styles it needs.")
        }
        for (_, entry) in aggregated {
            var finding = entry.finding
            if entry.count > 1 {
                let others = entry.count - 1
                finding.diagnostic.message += finding.rule == .important
                    ? " (and \(others) more !important declaration\(others == 1 ? "" : "s") of this property)"
                    : " (and \(others) more element\(others == 1 ? "" : "s") with the same declaration)"
            }
            findings.append((entry.order, finding))
        }
        return findings.enumerated().sorted { ($0.element.order, $0.offset) < ($1.element.order, $1.offset) }.map(\.element.finding)
    }

    // MARK: - Reporting

    private func add(_ rule: StructureRule, order: Int, at location: SourceLocation, element: HTMLElement?, _ message: String, fix: String) {
        guard !options.disabledRules.contains(rule) else { return }
        let diagnostic = Diagnostic(rule.severity, at: location, message, fix: fix, rule: rule.rawValue)
        findings.append((order, StructureFinding(rule: rule, diagnostic: diagnostic, element: element)))
    }

    private func addOnce(_ rule: StructureRule, key: String, order: Int, at location: SourceLocation, element: HTMLElement, _ message: String, fix: String) {
        guard !options.disabledRules.contains(rule) else { return }
        if aggregated[key] != nil {
            aggregated[key]!.count += 1
            return
        }
        let diagnostic = Diagnostic(rule.severity, at: location, message, fix: fix, rule: rule.rawValue)
        aggregated[key] = (order, StructureFinding(rule: rule, diagnostic: diagnostic, element: element), 1)
    }

    // MARK: - Walking

    private func walkChildren(_ nodes: [HTMLNode], parent: InheritedStyle, parentElement: HTMLElement?) -> [SubtreeSummary] {
        var summaries: [SubtreeSummary] = []
        summaries.reserveCapacity(nodes.count)
        let singleChild = parentElement.map { significantChildren($0).count == 1 } ?? false
        for node in nodes {
            switch node {
            case .text(let text):
                var summary = SubtreeSummary()
                if !parent.insideSVG, TextMetrics.hasVisibleText(text) {
                    summary.hasText = true
                    let fontSize = parent.fontSize ?? options.assumedFontSize
                    summary.inlineTokens = [.text(TextMetrics.widthInEm(text) * fontSize)]
                } else if !text.isEmpty, !parent.insideSVG {
                    summary.inlineTokens = [.text(0)]
                }
                summaries.append(summary)
            case .comment:
                continue
            case .element(let element):
                var inherited = parent
                if !singleChild { inherited.chain = nil }
                summaries.append(visit(element, inherited: inherited))
            }
        }
        return summaries
    }

    private func significantChildren(_ element: HTMLElement) -> [HTMLNode] {
        element.children.filter {
            switch $0 {
            case .comment: return false
            case .text(let text): return TextMetrics.hasVisibleText(text)
            case .element: return true
            }
        }
    }

    // swiftlint:disable:next function_body_length cyclomatic_complexity
    private func visit(_ element: HTMLElement, inherited parent: InheritedStyle) -> SubtreeSummary {
        order += 1
        let index = order
        let tag = element.tag
        let declarations = element[attribute: "style"].map(parsedStyle) ?? []
        let location = element.location ?? parent.location
        var style = parent
        style.location = location
        let insideSVG = parent.insideSVG
        if tag == "svg" { style.insideSVG = true }
        if element[attribute: "data-ignore-width"] != nil { style.ignoreWidth = true }
        if element[attribute: "data-role"] == "absolute-layout" || element[attribute: "data-mode"] == "svg" { style.svgInteractive = true }
        let ignoredDarkMode = Set((element[attribute: "data-ignore-dm"] ?? "").split(separator: " ").map(String.init))

        // Declaration-level rules.
        checkDeclarations(declarations, element: element, index: index, location: location, insideSVG: insideSVG, ignoreWidth: style.ignoreWidth)
        checkAnimate(element, index: index, location: location)

        // Nothing inside a hidden element is seen: no text, no geometry, no colours.
        if declarations.value(of: "display")?.lowercased() == "none" {
            return SubtreeSummary()
        }

        // Inherited values.
        if let value = declarations.value(of: "font-size"), let length = CSSLength(value) {
            // A bare number is invalid for font-size except 0 (the image-stitching idiom).
            if case .number(let n) = length {
                if n == 0 { style.fontSize = 0 }
            } else if let px = length.pixels(fontSize: parent.fontSize, percentBase: parent.fontSize) {
                style.fontSize = px
            } else {
                style.fontSize = nil
            }
        }
        var declaresLineHeight = false
        if let value = declarations.value(of: "line-height") {
            declaresLineHeight = true
            style.lineHeightOrigin = index
            lineHeightOrigins[index] = (element, value, location)
            switch CSSLength(value) {
            case .number(let n)?: style.lineHeight = .multiplier(n)
            case .em(let n)?: style.lineHeight = style.fontSize.map { .pixels($0 * n) } ?? .multiplier(n)
            case .percent(let n)?: style.lineHeight = style.fontSize.map { .pixels($0 * n / 100) } ?? .multiplier(n / 100)
            case let length?: style.lineHeight = length.pixels(fontSize: style.fontSize, percentBase: nil).map { .pixels($0) }
            case nil: style.lineHeight = nil  // normal, inherit, var(): not decidable
            }
        }
        if let value = declarations.value(of: "color"), let color = CSSColor(value) {
            style.color = color
            style.colorOrigin = index
        }
        let background = backgroundLayer(declarations)
        if let background {
            style.backdropOrigin = index
            switch background {
            case .image: style.backdrop = nil
            case .colors(let colors):
                if let below = parent.backdrop {
                    style.backdrop = colors.flatMap { top in below.map { top.over($0) } }
                } else {
                    style.backdrop = colors.allSatisfy({ $0.alpha >= 1 }) ? colors : nil
                }
            }
        }

        // Horizontal geometry.
        let fontForLengths = style.fontSize ?? options.assumedFontSize
        func px(_ property: String, base: Double? = parent.availableWidth) -> Double? {
            declarations.value(of: property).flatMap(CSSLength.init)?.pixels(fontSize: fontForLengths, percentBase: base)
        }
        let margins = boxSides(declarations, "margin", fontSize: fontForLengths, base: parent.availableWidth)
        let paddings = boxSides(declarations, "padding", fontSize: fontForLengths, base: parent.availableWidth)
        let position = declarations.value(of: "position")?.lowercased()
        let leftShift = (position == "relative" || position == "absolute") ? (px("left") ?? 0) : 0
        let ownOffset = max(0, margins.left) + max(0, paddings.left) + max(0, leftShift)
        style.leftOffset = parent.leftOffset + ownOffset
        var width = parent.availableWidth - max(0, margins.left) - max(0, margins.right)
        if let explicit = px("width"), explicit > 0 { width = explicit }
        style.availableWidth = max(fontForLengths, width - max(0, paddings.left) - max(0, paddings.right))

        // Nesting chains (2.1): same tag, each wrapping a single child (see docs on style).
        if !mediaTags.contains(tag), !insideSVG {
            let normalized = declarations
            if let chain = parent.chain, chain.tag == tag {
                let grown = NestingChain(tag: tag, style: normalized, start: chain.start, length: chain.length + 1)
                style.chain = grown
                nestingChains[chain.start]?.length = grown.length
                if chain.style != normalized { nestingChains[chain.start]?.sameStyle = false }
            } else {
                style.chain = NestingChain(tag: tag, style: normalized, start: index, length: 1)
                if significantChildren(element).count == 1 {
                    nestingChains[index] = (element, tag, 1, true, location)
                }
            }
        } else {
            style.chain = nil
        }

        // Children.
        let children = walkChildren(element.children, parent: style, parentElement: element)
        let hasText = children.contains { $0.hasText }
        let display = declarations.value(of: "display")?.lowercased()
        let isBlock: Bool = {
            if let display {
                if display.hasPrefix("inline") { return display != "inline" }
                return display != "contents"
            }
            return blockTags.contains(tag) || children.contains { $0.isBlock } || (mediaTags.contains(tag) && tag != "img")
        }()
        let flexRow: Bool = {
            guard let display, display.contains("flex") else { return false }
            let direction = (declarations.value(of: "flex-direction") ?? declarations.value(of: "flex-flow") ?? "row").lowercased()
            return !direction.hasPrefix("column")
        }()

        // Lay out children: inline runs become lines, block children stack (or sit side by side).
        let lineHeightPx = resolvedLineHeight(style)
        let violating = lineHeightViolates(style)
        var contentHeight = 0.0
        var sideGroupHeight = 0.0
        var overlapping = 0
        var overlapFont = violating ? style.fontSize : nil
        var run: [SubtreeSummary.Token] = []
        var inlineTokens: [SubtreeSummary.Token] = []
        // Lines overlap inside one text block; separate blocks overlap only when their line boxes
        // have no height at all (line-height 0), since each block still gets its own line boxes.
        let collapsed = lineHeightPx <= 0
        func merge(_ lines: Int) {
            overlapping = collapsed ? overlapping + lines : max(overlapping, lines)
        }
        func closeRun() {
            let lines = lineCount(run, width: style.availableWidth)
            contentHeight += Double(lines) * lineHeightPx
            if violating { merge(lines) }
            run.removeAll()
        }
        for child in children {
            if child.isBlock {
                closeRun()
                if child.sideBySide || flexRow {
                    sideGroupHeight = max(sideGroupHeight, child.height)
                } else {
                    contentHeight += sideGroupHeight + child.height
                    sideGroupHeight = 0
                }
                merge(child.overlappingLines)
                if overlapFont == nil { overlapFont = child.overlapFontSize }
            } else {
                run.append(contentsOf: child.inlineTokens)
                if !violating {
                    merge(child.overlappingLines)
                    if overlapFont == nil { overlapFont = child.overlapFontSize }
                }
            }
        }
        contentHeight += sideGroupHeight
        if isBlock {
            closeRun()
        } else {
            inlineTokens = run
        }
        if tag == "br" { inlineTokens = [.lineBreak] }
        if tag == "img" { contentHeight = imageHeight(element, declarations: declarations, available: parent.availableWidth) }
        let explicitHeight = px("height", base: nil)
        let innerHeight = contentHeight + max(0, paddings.top) + max(0, paddings.bottom)
        var summary = SubtreeSummary()
        summary.hasText = hasText && tag != "svg"
        summary.isBlock = isBlock || tag == "img"
        summary.inlineTokens = summary.isBlock ? [] : inlineTokens
        let float = declarations.value(of: "float")?.lowercased()
        summary.sideBySide = display?.hasPrefix("inline") == true || (float != nil && float != "none")
        summary.height = (explicitHeight ?? innerHeight) + max(0, margins.top) + max(0, margins.bottom)

        // Rules that need the subtree.
        if declaresLineHeight {
            checkLineHeight(origin: index, style: style, lines: overlapping, fontSize: overlapFont ?? style.fontSize)
            overlapping = 0
            overlapFont = nil
        }
        summary.overlappingLines = overlapping
        summary.overlapFontSize = overlapFont

        if hasText, !insideSVG {
            checkHeight(element, declarations: declarations, index: index, location: location, style: style,
                        explicitHeight: explicitHeight, contentHeight: innerHeight, parentInteractive: parent.svgInteractive)
            if !style.ignoreWidth, parent.leftOffset <= options.maximumLeftOffset, style.leftOffset > options.maximumLeftOffset, ownOffset > 0 {
                add(.width, order: index, at: location, element: element,
                    "<\(tag)> holding text is pushed \(formatNumber(style.leftOffset))px from the left edge (\(formatNumber(ownOffset))px of it set here); on a \(formatNumber(options.columnWidth))px phone the text runs off the right side",
                    fix: "Use a small margin/padding (a few px or %) instead of a large left offset, or mark an intended layout with data-ignore-width.")
            }
            if case .colors(let colors)? = background, colors.count > 1, !ignoredDarkMode.contains("text-bg-gradient") {
                add(.gradientBehindText, order: index, at: location, element: element,
                    "text sits on a gradient background (\(gradientText(declarations))); Dark Mode flattens it to one colour and the text may become unreadable",
                    fix: "Use a solid background-color behind text, or add data-ignore-dm=\"text-bg-gradient\" after checking Dark Mode.")
            }
        }
        if tag == "table", !style.ignoreWidth { checkTableColumns(element, index: index, location: location) }
        if tag == "pre" { checkPre(element, index: index, location: location) }
        if tag == "span", element[attribute: "leaf"] != nil { checkLeafSpan(element, index: index, location: location) }
        if tag == "section", element[attribute: "nodeleaf"] != nil { checkNodeLeaf(element, index: index, location: location) }
        if !insideSVG, tag != "svg" {
            checkContrast(element, children: element.children, style: style, index: index, location: location, ignored: ignoredDarkMode)
        }
        return summary
    }

    // MARK: - Layout helpers

    private enum BackgroundLayer {
        case colors([CSSColor])
        case image
    }

    private func backgroundLayer(_ declarations: [StyleDeclaration]) -> BackgroundLayer? {
        var result: BackgroundLayer?
        for declaration in declarations where ["background", "background-color", "background-image"].contains(declaration.property) {
            let value = declaration.value.lowercased()
            if value.contains("gradient(") {
                let stops = gradientStops(value)
                if !stops.isEmpty { result = .colors(stops) }
            } else if value.contains("url(") {
                result = .image
            } else if declaration.property == "background-image" {
                continue  // none
            } else {
                for part in shorthandParts(value) {
                    if let color = CSSColor(part) {
                        if color.alpha > 0 { result = .colors([color]) } else if case .colors? = result {} else { result = nil }
                        break
                    }
                }
            }
        }
        return result
    }

    private func gradientStops(_ value: String) -> [CSSColor] {
        var stops: [CSSColor] = []
        var rest = Substring(value)
        while let range = rest.range(of: "gradient(") {
            var depth = 1
            var index = range.upperBound
            while index < rest.endIndex, depth > 0 {
                if rest[index] == "(" { depth += 1 } else if rest[index] == ")" { depth -= 1 }
                index = rest.index(after: index)
            }
            let inner = rest[range.upperBound..<rest.index(before: index)]
            for argument in splitTopLevelCommas(String(inner)) {
                if let color = shorthandParts(argument).lazy.compactMap(CSSColor.init).first { stops.append(color) }
            }
            rest = rest[index...]
        }
        return stops.filter { $0.alpha > 0 }
    }

    private func gradientText(_ declarations: [StyleDeclaration]) -> String {
        declarations.last { $0.value.lowercased().contains("gradient(") }.map { "\($0.property): \($0.value)" } ?? "gradient"
    }

    private struct Sides { var top = 0.0, right = 0.0, bottom = 0.0, left = 0.0 }

    private func boxSides(_ declarations: [StyleDeclaration], _ property: String, fontSize: Double, base: Double) -> Sides {
        var sides = Sides()
        func length(_ text: String) -> Double { CSSLength(text)?.pixels(fontSize: fontSize, percentBase: base) ?? 0 }
        for declaration in declarations {
            switch declaration.property {
            case property:
                let parts = shorthandParts(declaration.value).map(length)
                switch parts.count {
                case 1: sides = Sides(top: parts[0], right: parts[0], bottom: parts[0], left: parts[0])
                case 2: sides = Sides(top: parts[0], right: parts[1], bottom: parts[0], left: parts[1])
                case 3: sides = Sides(top: parts[0], right: parts[1], bottom: parts[2], left: parts[1])
                case 4...: sides = Sides(top: parts[0], right: parts[1], bottom: parts[2], left: parts[3])
                default: break
                }
            case property + "-top": sides.top = length(declaration.value)
            case property + "-right": sides.right = length(declaration.value)
            case property + "-bottom": sides.bottom = length(declaration.value)
            case property + "-left": sides.left = length(declaration.value)
            default: break
            }
        }
        return sides
    }

    private func resolvedLineHeight(_ style: InheritedStyle) -> Double {
        let fontSize = style.fontSize ?? options.assumedFontSize
        switch style.lineHeight {
        case .multiplier(let m)?: return m * fontSize
        case .pixels(let p)?: return p
        case nil: return 1.2 * fontSize
        }
    }

    /// Whether lines laid out with this style overlap: line-height below the font size, decided
    /// only when both are known (a multiplier below 1 or a zero length is below any font size).
    private func lineHeightViolates(_ style: InheritedStyle) -> Bool {
        guard style.fontSize != 0 else { return false }
        switch style.lineHeight {
        case .multiplier(let m)?: return m < 1
        case .pixels(let p)?:
            if p == 0 { return true }
            guard let fontSize = style.fontSize else { return false }
            return p < fontSize
        case nil: return false
        }
    }

    private func lineCount(_ tokens: [SubtreeSummary.Token], width: Double) -> Int {
        var lines = 0
        var segment = 0.0
        var segmentHasText = false
        for token in tokens {
            switch token {
            case .text(let w):
                segment += w
                if w > 0 { segmentHasText = true }
            case .lineBreak:
                if segmentHasText { lines += max(1, Int((segment / max(width, 1)).rounded(.up))) }
                segment = 0
                segmentHasText = false
            }
        }
        if segmentHasText { lines += max(1, Int((segment / max(width, 1)).rounded(.up))) }
        return lines
    }

    private func imageHeight(_ element: HTMLElement, declarations: [StyleDeclaration], available: Double) -> Double {
        if let height = declarations.value(of: "height").flatMap(CSSLength.init)?.pixels(fontSize: nil, percentBase: nil) { return height }
        var width = declarations.value(of: "width").flatMap(CSSLength.init)?.pixels(fontSize: nil, percentBase: available)
            ?? element[attribute: "width"].flatMap(Double.init)
            ?? element[attribute: "data-w"].flatMap(Double.init)
            ?? available
        width = min(width, available)
        if let ratio = element[attribute: "data-ratio"].flatMap(Double.init) { return width * ratio }
        if let w = element[attribute: "width"].flatMap(Double.init), let h = element[attribute: "height"].flatMap(Double.init), w > 0 {
            return width * h / w
        }
        return 0
    }

    // MARK: - Rules

    private func checkDeclarations(_ declarations: [StyleDeclaration], element: HTMLElement, index: Int, location: SourceLocation, insideSVG: Bool, ignoreWidth: Bool) {
        let tag = element.tag
        for declaration in declarations {
            let value = declaration.value.lowercased()
            switch declaration.property {
            case "opacity" where tag == "img":
                if let length = CSSLength(value), length.isZero {
                    add(.imageOpacity, order: index, at: location, element: element,
                        "<img> has opacity: \(declaration.value); the reader sees whatever is layered behind it, and the image can no longer be replaced in the WeChat editor",
                        fix: "Remove opacity: 0 and show the image itself instead of an SVG background copy.")
                }
            case "caret-color":
                if let color = CSSColor(value), color.alpha == 0 {
                    add(.caretColor, order: index, at: location, element: element,
                        "caret-color: \(declaration.value) is fully transparent; the cursor disappears in the WeChat editor",
                        fix: "Remove caret-color (or use a visible colour).")
                }
            case "text-align" where value == "start" || value == "end":
                add(.textAlign, order: index, at: location, element: element,
                    "text-align: \(value) is aligned differently on different phones (left on some, centred on iOS 18+)",
                    fix: "Use text-align: \(value == "start" ? "left" : "right") (or center/justify).")
            case "width", "min-width":
                // Cell widths are reported once, for the whole table (checkTableColumns).
                guard !ignoreWidth, !insideSVG, !mediaTags.contains(tag), !["td", "th", "col", "colgroup"].contains(tag),
                      let px = CSSLength(value)?.pixels(fontSize: nil, percentBase: nil), px > options.columnWidth
                else { continue }
                add(.width, order: index, at: location, element: element,
                    "<\(tag)> has a fixed \(declaration.property): \(declaration.value) (\(formatNumber(px))px), wider than the \(formatNumber(options.columnWidth))px phone column; it overflows on phones and stays left-aligned on wider screens",
                    fix: "Use a percentage or max-width: 100% instead of a px width, or mark an intended layout with data-ignore-width.")
            case "font-family":
                addOnce(.fontFamily, key: "font-family:" + value, order: index, at: location, element: element,
                        "font-family: \(declaration.value) overrides WeChat's default font stack; iOS and Android render it inconsistently",
                        fix: "Remove font-family and let the platform's default stack apply.")
            default:
                break
            }
            if declaration.important {
                addOnce(.important, key: "important:" + declaration.property, order: index, at: location, element: element,
                        "\(declaration.property): \(declaration.value) !important overrides the platform's common styles and fights the Dark Mode conversion",
                        fix: "Drop !important from inline styles.")
            }
        }
    }

    private func checkAnimate(_ element: HTMLElement, index: Int, location: SourceLocation) {
        guard ["animate", "animatetransform", "animatemotion", "set", "animatecolor"].contains(element.tag),
              let begin = element[attribute: "begin"] else { return }
        let events = begin.split(separator: ";").map { $0.trimmingWhitespace().lowercased() }.filter { !$0.isEmpty }
        guard !events.isEmpty, events.allSatisfy({ $0.contains("touchstart") }) else { return }
        add(.animateBegin, order: index, at: location, element: element,
            "SVG <\(element.tag)> begins only on begin=\"\(begin)\"; on a PC (mouse) the animation never starts",
            fix: "Also start it on click: begin=\"touchstart;click\".")
    }

    private func checkLineHeight(origin index: Int, style: InheritedStyle, lines: Int, fontSize: Double?) {
        guard lines > 1, !reportedOrigins.contains(index), let origin = lineHeightOrigins[index] else { return }
        reportedOrigins.insert(index)
        let fontText = fontSize.map { "\(formatNumber($0))px" } ?? "the font size"
        add(.lineHeight, order: index, at: origin.location, element: origin.element,
            "line-height: \(origin.text) is below \(fontText) on text that wraps to about \(lines) lines; the lines overlap",
            fix: "Use line-height of at least 1 (e.g. 1.6) on elements with text; keep line-height: 0 only around images.")
    }

    private func checkHeight(_ element: HTMLElement, declarations: [StyleDeclaration], index: Int, location: SourceLocation, style: InheritedStyle, explicitHeight: Double?, contentHeight: Double, parentInteractive: Bool) {
        guard let value = declarations.value(of: "height"), let length = CSSLength(value) else { return }
        let overflow = (declarations.value(of: "overflow-y") ?? declarations.value(of: "overflow") ?? "visible").lowercased()
        let scrolls = overflow.contains("auto") || overflow.contains("scroll")
        if length.isZero {
            guard !style.svgInteractive, !parentInteractive else { return }
            add(.zeroHeight, order: index, at: location, element: element,
                "<\(element.tag)> has height: \(value) but holds text; on phones the text is not shown",
                fix: "Remove height: 0 (let the content set the height).")
            return
        }
        guard let height = explicitHeight, height > 0, !scrolls else { return }
        let oneLine = (style.fontSize ?? options.assumedFontSize)
        let clipped = overflow.contains("hidden") || overflow.contains("clip")
        if (clipped && contentHeight > height + 1) || height < oneLine {
            add(.clippedHeight, order: index, at: location, element: element,
                "<\(element.tag)> has a fixed height: \(value)\(clipped ? " with overflow: \(overflow)" : "") but its content needs about \(formatNumber(contentHeight.rounded()))px; text beyond \(formatNumber(height))px is \(clipped ? "cut off" : "drawn over what follows")",
                fix: "Remove the fixed height (or use min-height), or let it scroll with overflow: auto.")
        }
    }

    private func checkTableColumns(_ table: HTMLElement, index: Int, location: SourceLocation) {
        guard let row = firstRow(table) else { return }
        var widths: [Double] = []
        var cells = 0
        for case .element(let cell) in row.children where cell.tag == "td" || cell.tag == "th" {
            cells += 1
            let style = cell[attribute: "style"].map(InlineStyle.parse) ?? []
            if let px = style.value(of: "width").flatMap(CSSLength.init)?.pixels(fontSize: nil, percentBase: nil) {
                widths.append(px)
            } else if let attribute = cell[attribute: "width"] ?? cell[attribute: "data-colwidth"], !attribute.hasSuffix("%"),
                      let px = Double(attribute.trimmingWhitespace()) {
                widths.append(px)
            }
        }
        guard cells > 0, !widths.isEmpty else { return }
        let total = widths.reduce(0, +)
        let list = widths.map { formatNumber($0) + "px" }.joined(separator: " + ")
        add(.width, order: index, at: location, element: table,
            "\(widths.count) of \(cells) table columns have fixed widths (\(list)\(widths.count > 1 ? " = \(formatNumber(total))px" : "")); the table cannot adapt to the screen\(total > options.columnWidth ? " and overflows a \(formatNumber(options.columnWidth))px phone" : "")",
            fix: "Remove the column widths (or use percentages) so the table fits the column.")
    }

    private func firstRow(_ element: HTMLElement) -> HTMLElement? {
        for case .element(let child) in element.children {
            if child.tag == "tr" { return child }
            if ["thead", "tbody", "tfoot"].contains(child.tag), let row = firstRow(child) { return row }
        }
        return nil
    }

    private func checkPre(_ pre: HTMLElement, index: Int, location: SourceLocation) {
        guard !containsTag(pre, "code") else { return }
        let text = textContent(pre)
        var letters = 0
        var codePunctuation = 0
        var total = 0
        for scalar in text.unicodeScalars where !TextMetrics.isSpace(scalar) {
            total += 1
            if TextMetrics.isCJK(scalar) || scalar.properties.isAlphabetic { letters += 1 }
            if "{}[]();=<>/\\|&$#_*+`^~".unicodeScalars.contains(scalar) { codePunctuation += 1 }
        }
        guard total > 0 else { return }
        let looksLikeCode = Double(codePunctuation) / Double(total) > 0.04 || Double(letters) / Double(total) < 0.6
        guard !looksLikeCode else { return }
        add(.preText, order: index, at: location, element: pre,
            "<pre> wraps ordinary text (\(total) characters, no code); pre does not wrap lines, so phones cut the text off",
            fix: "Use <p> or <section> for prose; keep <pre> for code.")
    }

    private static let blockInLeaf: Set<String> = blockTags.subtracting(["td", "th", "tr", "tbody", "thead", "tfoot", "caption", "colgroup"])

    private func checkLeafSpan(_ span: HTMLElement, index: Int, location: SourceLocation) {
        guard let block = firstDescendant(span, where: { Self.blockInLeaf.contains($0.tag) }) else { return }
        add(.leafSpan, order: index, at: block.location ?? location, element: span,
            "<span leaf> holds a block element <\(block.tag)>; the editor removes the structure",
            fix: "Put only text and inline elements (span, strong, img…) inside <span leaf>; move the <\(block.tag)> outside it.")
    }

    private func checkNodeLeaf(_ section: HTMLElement, index: Int, location: SourceLocation) {
        for child in section.children {
            switch child {
            case .element(let element) where Self.blockInLeaf.contains(element.tag):
                add(.nodeLeafSection, order: index, at: element.location ?? location, element: section,
                    "<section nodeleaf> holds a <\(element.tag)>; only images and official components may go inside",
                    fix: "Move the <\(element.tag)> out of the nodeleaf section.")
                return
            case .text(let text) where TextMetrics.hasVisibleText(text):
                add(.nodeLeafSection, order: index, at: location, element: section,
                    "<section nodeleaf> holds text; only images and official components may go inside",
                    fix: "Move the text out of the nodeleaf section.")
                return
            default:
                continue
            }
        }
    }

    private func checkContrast(_ element: HTMLElement, children: [HTMLNode], style: InheritedStyle, index: Int, location: SourceLocation, ignored: Set<String>) {
        guard style.backdropOrigin != nil, style.fontSize != 0,
              let backdrop = style.backdrop, !backdrop.isEmpty, !ignored.contains("low-contrast"),
              children.contains(where: { if case .text(let t) = $0 { return TextMetrics.hasVisibleText(t) } else { return false } })
        else { return }
        let key = [style.colorOrigin ?? -1, style.backdropOrigin ?? -1]
        guard !reportedContrast.contains(key) else { return }
        guard style.color.alpha > 0 else { return }
        var worst = Double.infinity
        var worstBackground = backdrop[0]
        for background in backdrop {
            let opaque = background.over(options.pageBackground)
            let ratio = CSSColor.contrastRatio(style.color.over(opaque), opaque)
            if ratio < worst {
                worst = ratio
                worstBackground = opaque
            }
        }
        guard worst < options.minimumContrast else { return }
        reportedContrast.insert(key)
        add(.lowContrast, order: index, at: location, element: element,
            "text colour \(style.color) on background \(worstBackground) has a contrast ratio of \(formatNumber((worst * 100).rounded() / 100)):1 (below \(formatNumber(options.minimumContrast)):1); Dark Mode will change these colours",
            fix: "Pick a text or background colour with a contrast ratio of at least \(formatNumber(options.minimumContrast)):1, or add data-ignore-dm=\"low-contrast\" after checking Dark Mode.")
    }

    // MARK: - Tree helpers

    private func containsTag(_ element: HTMLElement, _ tag: String) -> Bool {
        firstDescendant(element) { $0.tag == tag } != nil
    }

    private func firstDescendant(_ element: HTMLElement, where predicate: (HTMLElement) -> Bool) -> HTMLElement? {
        for case .element(let child) in element.children {
            if predicate(child) { return child }
            if let found = firstDescendant(child, where: predicate) { return found }
        }
        return nil
    }

    private func textContent(_ element: HTMLElement) -> String {
        var text = ""
        func collect(_ nodes: [HTMLNode]) {
            for node in nodes {
                switch node {
                case .text(let t): text += t
                case .element(let e): collect(e.children)
                case .comment: break
                }
            }
        }
        collect(element.children)
        return text
    }
}

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
    var color: CSSColor
    /// Preorder index of the element whose declaration set `color` (contrast is reported once per pair of origins).
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

/// Walks an article's HTML once, top-down, estimating what a phone would lay out (inherited font
/// sizes and line heights, colours behind text, widths, heights, lines of text) and hands each
/// element to the rules registered in `StructureRules` at three points: its declarations, the
/// element itself, and its laid-out subtree. The rules decide; the walker only measures.
final class StructureWalker {
    let options: StructureOptions
    private var findings: StructureFindings
    private let root: InheritedStyle
    private var order = 0
    private var nestingChains: [Int: NestingRun] = [:]
    /// Whether a rule weighed how much text there is (see `StructureChecker.checkMeasuringText`).
    private(set) var measuresText = false
    /// Whether to note where `StructureTemplate.bodyMark` stands (`StructureChecker.template`).
    private let capturesBody: Bool
    private var ancestors: [HTMLElement] = []
    /// Each body mark's place, in document order.
    private(set) var bodyPlaces: [BodyPlace] = []
    /// Whether a rule at an element around a body mark reads what the body holds.
    private(set) var bodyIsRead = false

    init(options: StructureOptions, file: String, capturesBody: Bool = false) {
        self.options = options
        self.capturesBody = capturesBody
        self.findings = StructureFindings(options: options)
        self.root = InheritedStyle(
            fontSize: nil, lineHeight: nil,
            color: options.defaultTextColor, colorOrigin: nil,
            backdrop: [options.pageBackground], backdropOrigin: nil,
            availableWidth: options.columnWidth, location: SourceLocation(file: file, line: 1, column: 1))
    }

    func run(_ nodes: [HTMLNode]) -> [StructureFinding] {
        _ = walkChildren(nodes, parent: root, parentElement: nil)
        let walk = FinishedWalk(nestingChains: nestingChains.sorted { $0.key < $1.key }.map(\.value))
        for rule in StructureRules.documentChecks { rule.finish(walk, &findings) }
        return findings.sorted()
    }

    /// The findings of `nodes` placed after `order` elements, under `inherited`, as the walk of a
    /// whole template with nothing to find would give them; nil when the nodes pass overlapping
    /// lines (rule 1.3) up to the template's elements.
    func run(_ nodes: [HTMLNode], after order: Int, inherited: InheritedStyle) -> [StructureFinding]? {
        self.order = order
        let summaries = walkChildren(nodes, parent: inherited, parentElement: nil)
        guard summaries.allSatisfy({ $0.overlappingLines == 0 }) else { return nil }
        let walk = FinishedWalk(nestingChains: nestingChains.sorted { $0.key < $1.key }.map(\.value))
        for rule in StructureRules.documentChecks { rule.finish(walk, &findings) }
        return findings.sorted()
    }

    // MARK: - Walking

    private func walkChildren(_ nodes: [HTMLNode], parent: InheritedStyle, parentElement: HTMLElement?) -> [SubtreeSummary] {
        var summaries: [SubtreeSummary] = []
        summaries.reserveCapacity(nodes.count)
        let singleChild = parentElement.map(hasSingleSignificantChild) ?? false
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
            case .comment(let text):
                if capturesBody, text == StructureTemplate.bodyMark {
                    bodyPlaces.append(BodyPlace(
                        inherited: parent, order: order, locatedByTemplate: ancestors.contains { $0.location != nil },
                        significantSiblings: parentElement.map { Self.significantCount($0.children, limit: .max) }, ancestors: ancestors))
                }
                continue
            case .element(let element):
                var inherited = parent
                if !singleChild { inherited.chain = nil }
                summaries.append(visit(element, inherited: inherited))
            }
        }
        return summaries
    }

    /// Exactly one child that counts (an element or visible text; comments and blank text do not).
    private func hasSingleSignificantChild(_ element: HTMLElement) -> Bool {
        Self.significantCount(element.children, limit: 2) == 1
    }

    /// How many of `nodes` count as children (see `hasSingleSignificantChild`), up to `limit`.
    static func significantCount(_ nodes: [HTMLNode], limit: Int) -> Int {
        var count = 0
        for child in nodes {
            switch child {
            case .comment: continue
            case .text(let text): if !TextMetrics.hasVisibleText(text) { continue }
            case .element: break
            }
            count += 1
            if count >= limit { return count }
        }
        return count
    }

    private func checkDeclarations(_ visit: ElementVisit) {
        for declaration in visit.declarations {
            if let rules = StructureRules.declarationChecks[declaration.property] {
                for rule in rules { rule.check(declaration, of: visit, &findings) }
            }
            for rule in StructureRules.everyDeclarationChecks { rule.check(declaration, of: visit, &findings) }
        }
    }

    // swiftlint:disable:next function_body_length cyclomatic_complexity
    private func visit(_ element: HTMLElement, inherited parent: InheritedStyle) -> SubtreeSummary {
        order += 1
        let index = order
        let tag = element.tag
        let declarations = element[attribute: "style"].map(InlineStyle.parse) ?? []
        let location = element.location ?? parent.location
        var style = parent
        style.location = location
        let insideSVG = parent.insideSVG
        if tag == "svg" { style.insideSVG = true }
        if element[attribute: "data-ignore-width"] != nil { style.ignoreWidth = true }
        if element[attribute: "data-role"] == "absolute-layout" || element[attribute: "data-mode"] == "svg" { style.svgInteractive = true }

        // What the element and its declarations say by themselves.
        let visited = ElementVisit(element: element, order: index, location: location, declarations: declarations,
                                   insideSVG: insideSVG, ignoresWidth: style.ignoreWidth)
        checkDeclarations(visited)
        for rule in StructureRules.elementChecks { rule.check(visited, &findings) }

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

        // Nesting chains (2.1): same tag, each wrapping a single child.
        if !mediaTags.contains(tag), !insideSVG {
            if let chain = parent.chain, chain.tag == tag {
                let grown = NestingChain(tag: tag, style: declarations, start: chain.start, length: chain.length + 1)
                style.chain = grown
                nestingChains[chain.start]?.length = grown.length
                if chain.style != declarations { nestingChains[chain.start]?.sameStyle = false }
            } else {
                style.chain = NestingChain(tag: tag, style: declarations, start: index, length: 1)
                if hasSingleSignificantChild(element) {
                    nestingChains[index] = NestingRun(element: element, order: index, location: location, tag: tag, length: 1, sameStyle: true)
                }
            }
        } else {
            style.chain = nil
        }

        // Children.
        let placesBefore = bodyPlaces.count
        if capturesBody { ancestors.append(element) }
        let children = walkChildren(element.children, parent: style, parentElement: element)
        if capturesBody {
            ancestors.removeLast()
            if bodyPlaces.count > placesBefore, readsBody(element, declarations: declarations, parent: parent, style: style, ownOffset: ownOffset) {
                bodyIsRead = true
            }
        }
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
        if violating || tag == "pre" || declarations.value(of: "height") != nil { measuresText = true }
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
        var laidOut = LaidOutElement(
            visit: visited, parent: parent, style: style, hasText: hasText, explicitHeight: explicitHeight,
            contentHeight: innerHeight, ownLeftOffset: ownOffset, background: background)
        if declaresLineHeight {
            laidOut.lineHeightOverlap = (overlapping, overlapFont ?? style.fontSize)
            overlapping = 0
            overlapFont = nil
        }
        summary.overlappingLines = overlapping
        summary.overlapFontSize = overlapFont
        for rule in StructureRules.layoutChecks { rule.check(laidOut, &findings) }
        return summary
    }

    /// Whether a layout rule at `element`, which holds a body place, reads what the body holds:
    /// its text (1.4's offset, 1.5.1, 1.5.2, 4.1.2), its height, or its elements (2.2, 2.3, 1.8,
    /// 1.4's table columns). Overlapping lines (1.3) are weighed per post (`run(_:after:inherited:)`);
    /// the rest reads the element's own text and the styles it passes down, which no body changes.
    private func readsBody(
        _ element: HTMLElement, declarations: [StyleDeclaration], parent: InheritedStyle, style: InheritedStyle, ownOffset: Double
    ) -> Bool {
        switch element.tag {
        case "pre", "table": return true
        case "span" where element[attribute: "leaf"] != nil: return true
        case "section" where element[attribute: "nodeleaf"] != nil: return true
        default: break
        }
        if declarations.value(of: "height") != nil { return true }
        if case .colors(let colors)? = backgroundLayer(declarations), colors.count > 1 { return true }
        return parent.leftOffset <= options.maximumLeftOffset && style.leftOffset > options.maximumLeftOffset && ownOffset > 0
    }

    // MARK: - Layout helpers

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
}

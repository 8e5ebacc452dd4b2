/// 1.7: an SVG animation whose `begin` lists only `touchstart` events never starts on a PC.
struct AnimateBegin: ElementCheck {
    static let rule = StructureRule("wechat/1.7", .error, reportKey: "animate-begin", violateRules: "SVG动画begin仅设置touchstart，PC端无法触发")

    private static let animationTags: Set<String> = ["animate", "animatetransform", "animatemotion", "set", "animatecolor"]

    func check(_ element: ElementVisit, _ findings: inout StructureFindings) {
        guard Self.animationTags.contains(element.tag), let begin = element.element[attribute: "begin"] else { return }
        let events = begin.split(separator: ";").map { $0.trimming(.whitespaces).lowercased() }.filter { !$0.isEmpty }
        guard !events.isEmpty, events.allSatisfy({ $0.contains("touchstart") }) else { return }
        findings.report(Self.rule, order: element.order, at: element.location, element: element.element,
            "SVG <\(element.tag)> begins only on begin=\"\(begin)\"; on a PC (mouse) the animation never starts",
            fix: "Also start it on click: begin=\"touchstart;click\".")
    }
}

extension StructureRule {
    public static let animateBegin = AnimateBegin.rule
}

/// Where `{{> name}}` finds its template: the theme's `partials/` folder in wxpub, a dictionary
/// in tests. A small protocol because the two differ only in where the templates come from.
public protocol PartialResolver {
    /// The partial called `name`, or nil when there is none (it then renders as nothing, as the
    /// Mustache spec requires).
    func partial(named name: String) -> Template?
}

extension Dictionary: PartialResolver where Key == String, Value == Template {
    public func partial(named name: String) -> Template? { self[name] }
}

/// No partials at all.
public struct NoPartials: PartialResolver {
    public init() {}
    public func partial(named name: String) -> Template? { nil }
}

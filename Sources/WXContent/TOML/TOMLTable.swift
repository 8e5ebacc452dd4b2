/// A table while a TOML document is being read: entries in first-written order plus the flags
/// TOML needs to reject redefinitions (the same two `tomllib` keeps). A reference type because
/// headers and dotted keys reopen tables already hung deeper in the tree.
final class TOMLTable {
    enum Item {
        case table(TOMLTable)
        case value(YAMLNode)
    }

    struct Entry {
        var key: YAMLNode
        var item: Item
    }

    let line: Int
    let column: Int
    private(set) var entries: [Entry] = []
    private var index: [String: Int] = [:]
    /// Defined by a `[header]`, or by dotted keys in a section that has ended: may not be defined again.
    var isExplicit = false
    /// An inline table: nothing may be added to it or below it.
    var isFrozen = false

    init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    subscript(key: String) -> Item? { index[key].map { entries[$0].item } }

    func append(_ key: YAMLNode, _ item: Item) {
        guard case .string(let name) = key.value else { return }
        index[name] = entries.count
        entries.append(Entry(key: key, item: item))
    }

    /// The finished value: a mapping node at the place the table was opened.
    var node: YAMLNode {
        YAMLNode(.mapping(entries.map { entry in
            switch entry.item {
            case .table(let table): return YAMLMapEntry(key: entry.key, value: table.node)
            case .value(let value): return YAMLMapEntry(key: entry.key, value: value)
            }
        }), line: line, column: column)
    }
}

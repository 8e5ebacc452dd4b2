/// A value kept once on the heap and shared by every copy until one of them changes it (copy on
/// write). A struct that wraps its large parts this way is a pointer wide: arrays and
/// dictionaries of it (a build's per-post index, the planner's lists of posts) hold pointers
/// instead of copies of several hundred bytes each.
public struct SharedValue<Value: Sendable>: Sendable {
    /// Changed only while uniquely referenced (see `value`), so sharing it between threads is safe.
    private final class Storage: @unchecked Sendable {
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    private var storage: Storage

    public init(_ value: Value) { storage = Storage(value) }

    /// Read in place (`_read`): a getter would copy the whole value to hand out one field of it.
    public var value: Value {
        _read { yield storage.value }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.value) }
            yield &storage.value
        }
    }
}

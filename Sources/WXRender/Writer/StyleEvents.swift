import Foundation

/// The `style` values an `HTMLWriter` wrote, in document order, with their nesting: an element
/// with a `style` opens (where its value's bytes are in what the writer wrote) and later closes;
/// an element without one leaves no mark (it passes its parent's colours on). Enough for the
/// preview page's dark-mode table (`DarkModeRendering.darkStyles(events:in:)`) without scanning
/// the written article again. Pieces written by one writer append to another's at their place.
struct StyleEvents: Sendable {
    /// An opened value (`start`, `count` in the written bytes) or a close (`count` < 0, `start`
    /// where its end tag is), in document order. 32 bits: an article is far below 2 GB.
    private(set) var events: [(start: Int32, count: Int32)] = []
    /// False when something was written that these events may not describe as the scan reads
    /// it (a value with an entity, a start tag the parser would end others at…): use the scan.
    private(set) var vouched = true

    /// The value at `range` of `written` opens an element.
    mutating func open(_ range: Range<Int>, of written: [UInt8]) {
        // memchr: a slice's `contains` went byte by byte over every style value written.
        let hasEntity = written.withUnsafeBufferPointer { buffer in
            range.isEmpty ? false : memchr(buffer.baseAddress! + range.lowerBound, Int32(UInt8(ascii: "&")), range.count) != nil
        }
        if hasEntity { vouched = false }
        events.append((Int32(truncatingIfNeeded: range.lowerBound), Int32(truncatingIfNeeded: range.count)))
    }

    /// The innermost open element ends at `position`.
    mutating func close(at position: Int) { events.append((Int32(truncatingIfNeeded: position), -1)) }

    mutating func refuse() { vouched = false }

    /// `other`'s events, written `shift` bytes further on.
    mutating func append(_ other: StyleEvents, shiftedBy shift: Int) {
        let shift = Int32(truncatingIfNeeded: shift)
        events += other.events.lazy.map { ($0.start + shift, $0.count) }
        if !other.vouched { vouched = false }
    }

    /// One event `shift` bytes further on.
    mutating func append(_ event: (start: Int32, count: Int32), shiftedBy shift: Int) {
        events.append((event.start + Int32(truncatingIfNeeded: shift), event.count))
    }
}

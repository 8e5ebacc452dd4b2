import Foundation

/// A clock that starts at a chosen moment and then runs at real speed: `--now T` plans and acts
/// as of T while journal timestamps still move forward during the run.
public struct ShiftedClock: Clock {
    public let start: Date
    private let realStart: Date

    public init(start: Date, realNow: Date = Date()) {
        self.start = start
        self.realStart = realNow
    }

    public func now() -> Date { start.addingTimeInterval(Date().timeIntervalSince(realStart)) }
}

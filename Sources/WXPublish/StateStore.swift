import Foundation
import WXSupport

/// Where wxpub keeps what it must remember between runs (media cache, journal). A seam so tests can
/// count writes or inject a crash after a given write, without mocking the pipeline itself.
public protocol StateStore: Sendable {
    func read(_ name: String) throws -> Data?
    /// Durable when it returns: written atomically (temp file, fsync, rename).
    func write(_ name: String, _ data: Data) throws
    /// Held for the life of the returned object; a second process waits or fails.
    func lock(_ name: String, wait: Bool) throws -> AnyObject
}

/// The state folder on disk (`.wxpub/` by default). Files are plain, pretty, key-sorted JSON so an
/// operator can read them and a diff in git reads well.
public struct FileStateStore: StateStore {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    public func read(_ name: String) throws -> Data? {
        FileManager.default.contents(atPath: directory.appendingPathComponent(name).path)
    }

    /// Mode 0600: the journal and media cache name the account's drafts and media, for the
    /// operator only (git records no mode beyond the executable bit, so committing them is unchanged).
    public func write(_ name: String, _ data: Data) throws {
        try AtomicFile.write(data, to: directory.appendingPathComponent(name), mode: 0o600)
    }

    public func lock(_ name: String, wait: Bool) throws -> AnyObject {
        try FileLock(path: directory.appendingPathComponent(name).path, wait: wait)
    }
}

/// The JSON wxpub writes for people and for git: pretty, sorted keys, literal slashes and
/// non-ASCII, ISO 8601 dates with a colon in the offset.
public enum StateJSON {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(.iso8601.timeZoneSeparator(.colon)))
        }
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            if let date = try? Date(text, strategy: .iso8601) { return date }
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 date: \(text)")
        }
        return decoder
    }
}

/// A state file that exists but cannot be read back: never silently replaced, since it records
/// what was already sent.
public struct StateFileError: Error, CustomStringConvertible {
    public var file: String
    public var reason: String
    public var description: String {
        "the state file \(file) cannot be read (\(reason)); it records what was already uploaded and sent, so wxpub will not overwrite it — fix or restore it (git shows its history), then run again"
    }
}

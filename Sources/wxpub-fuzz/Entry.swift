import Foundation

// Built two ways (see `make fuzz`):
// - with `-sanitize=fuzzer,address -DFUZZING`: a libFuzzer target; WXPUB_FUZZ_TARGET names the target.
// - plainly: a replay and mutation harness, `wxpub-fuzz TARGET [--runs N] [--seed S] FILE|DIR…`, that
//   runs every file, then N seeded random mutations of them (the fallback where libFuzzer is absent).

#if FUZZING
let fuzzTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["WXPUB_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("set WXPUB_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
        exit(2)
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let bytes else { fuzzTarget.run(Data()); return 0 }
    fuzzTarget.run(Data(bytes: bytes, count: size))
    return 0
}

/// libFuzzer's entry for programs that have their own `main` (SwiftPM gives every executable one).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@main
enum FuzzDriver {
    static func main() {
        _ = fuzzTarget
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOne))
    }
}
#else
@main
enum FuzzHarness {
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
            print("usage: wxpub-fuzz TARGET [--runs N] [--seed S] FILE|DIR…  (targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")))")
            exit(2)
        }
        arguments.removeFirst()
        var runs = 0
        var seed = UInt64(Date().timeIntervalSince1970)
        var paths: [String] = []
        while let argument = arguments.first {
            arguments.removeFirst()
            switch argument {
            case "--runs": runs = Int(arguments.removeFirst()) ?? 0
            case "--seed": seed = UInt64(arguments.removeFirst()) ?? seed
            default: paths.append(argument)
            }
        }
        let inputs = paths.flatMap(files).compactMap { path in FileManager.default.contents(atPath: path).map { (path, $0) } }
        for (path, data) in inputs {
            FileHandle.standardError.write(Data("\(target.rawValue): \(path)\n".utf8))
            target.run(data)
        }
        print("\(target.rawValue): \(inputs.count) inputs replayed")
        guard runs > 0 else { return }
        print("\(target.rawValue): \(runs) mutations, seed \(seed) (replay with --seed \(seed))")
        var generator = SplitMix64(seed: seed)
        let corpus = inputs.map(\.1).isEmpty ? [Data("a".utf8)] : inputs.map(\.1)
        for _ in 0..<runs {
            var data = corpus[Int(generator.next() % UInt64(corpus.count))]
            Mutator.mutate(&data, with: &generator, corpus: corpus)
            target.run(data)
        }
        print("\(target.rawValue): clean")
    }

    /// A file, or every file under a folder.
    static func files(_ path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [path] }
        let walker = FileManager.default.enumerator(atPath: path)
        var found: [String] = []
        while let next = walker?.nextObject() as? String {
            let full = (path as NSString).appendingPathComponent(next)
            var folder: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &folder), !folder.boolValue { found.append(full) }
        }
        return found.sorted()
    }
}

/// A small, fast, seedable generator: the same seed gives the same mutations on every machine.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// libFuzzer-style byte mutations, plus splicing in tokens the parsers treat specially.
enum Mutator {
    static let tokens: [String] = [
        "---\n", "{{", "}}", "{{#a}}", "{{/a}}", "{{>self}}", "{{{", "<!--", "-->", "<script>", "</", "<p ", "style=\"",
        "\\6a ", "url(", "expression(", ";", ":", "{", "}", "/*", "*/", "&#", "&amp;", "\"", "'", "\n", "  - ", "[", "]",
        "**", "`", "```\n", "|", "![", "](", ")", "> ", "# ", "*", "_", "\u{FEFF}", "\r\n", "注意：", "\\", "@media ",
    ]

    static func mutate(_ data: inout Data, with generator: inout SplitMix64, corpus: [Data]) {
        let count = 1 + Int(generator.next() % 8)
        for _ in 0..<count {
            let position = data.isEmpty ? 0 : Int(generator.next() % UInt64(data.count + 1))
            switch generator.next() % 6 {
            case 0 where !data.isEmpty:  // flip a byte
                let at = min(position, data.count - 1)
                data[data.startIndex + at] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
            case 1 where !data.isEmpty:  // delete a run
                let at = min(position, data.count - 1)
                let length = min(data.count - at, 1 + Int(generator.next() % 16))
                data.removeSubrange(data.startIndex + at..<data.startIndex + at + length)
            case 2:  // insert a token
                let token = tokens[Int(generator.next() % UInt64(tokens.count))]
                data.insert(contentsOf: Data(token.utf8), at: data.startIndex + position)
            case 3 where !data.isEmpty:  // duplicate a run
                let at = min(position, data.count - 1)
                let length = min(data.count - at, 1 + Int(generator.next() % 64))
                let run = data.subdata(in: data.startIndex + at..<data.startIndex + at + length)
                data.insert(contentsOf: run, at: data.startIndex + at)
            case 4:  // splice from another input
                let other = corpus[Int(generator.next() % UInt64(corpus.count))]
                guard !other.isEmpty else { continue }
                let from = Int(generator.next() % UInt64(other.count))
                let length = min(other.count - from, 1 + Int(generator.next() % 128))
                data.insert(contentsOf: other.subdata(in: other.startIndex + from..<other.startIndex + from + length), at: data.startIndex + position)
            default:  // a random byte
                data.insert(UInt8(truncatingIfNeeded: generator.next()), at: data.startIndex + position)
            }
            if data.count > 64 * 1024 { data = data.prefix(64 * 1024) }
        }
    }
}
#endif

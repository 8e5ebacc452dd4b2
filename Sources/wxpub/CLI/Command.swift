import Foundation

/// A subcommand declared as data: name, one-line abstract, options and arguments. Help and usage
/// are generated from the declaration (the swift-argument-parser model, in a few hundred lines).
struct Command: Sendable {
    var name: String
    var abstract: String
    var discussion: String = ""
    var arguments: [ArgumentSpec] = []
    var options: [OptionSpec] = []
    var run: @Sendable (ParsedArguments, Console) async throws -> Int32

    var usage: String {
        var parts = ["wxpub", name]
        if !options.isEmpty { parts.append("[options]") }
        for argument in arguments {
            var text = argument.name.uppercased()
            if argument.repeating { text += "…" }
            parts.append(argument.optional ? "[\(text)]" : text)
        }
        return parts.joined(separator: " ")
    }

    var help: String {
        var lines = ["\(abstract)", "", "USAGE: \(usage)"]
        if !discussion.isEmpty { lines += ["", discussion] }
        if !arguments.isEmpty {
            lines += ["", "ARGUMENTS:"]
            for argument in arguments { lines.append(formatRow(argument.name.uppercased(), argument.help)) }
        }
        lines += ["", "OPTIONS:"]
        for option in options + [OptionSpec.help] {
            var left = "--\(option.name)"
            if let short = option.short { left = "-\(short), " + left }
            if let value = option.valueName { left += " \(value)" }
            var help = option.help
            if let def = option.defaultDescription { help += " (default: \(def))" }
            lines.append(formatRow(left, help))
        }
        return lines.joined(separator: "\n")
    }

    private func formatRow(_ left: String, _ right: String) -> String {
        let padded = left.count < 26 ? left + String(repeating: " ", count: 26 - left.count) : left + "\n" + String(repeating: " ", count: 28)
        return "  " + padded + right
    }
}

struct ArgumentSpec: Sendable {
    var name: String
    var help: String
    var optional = false
    var repeating = false
}

struct OptionSpec: Sendable {
    var name: String
    var short: Character? = nil
    /// nil for a flag.
    var valueName: String? = nil
    var help: String
    var defaultDescription: String? = nil

    static let help = OptionSpec(name: "help", short: "h", help: "Show help for this command.")
}

struct ParsedArguments: Sendable {
    var positional: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []

    func value(_ name: String) -> String? { values[name]?.last }
    func flag(_ name: String) -> Bool { flags.contains(name) }
}

/// A usage mistake: printed with the command's usage line, exit code 2.
struct UsageError: Error, CustomStringConvertible {
    var message: String
    var command: Command? = nil
    var description: String { message }
}

enum ArgumentParser {
    static func parse(_ args: [String], for command: Command) throws -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        var onlyPositional = false
        func spec(named name: String) -> OptionSpec? { command.options.first { $0.name == name } }
        while index < args.count {
            let arg = args[index]
            index += 1
            if onlyPositional || !arg.hasPrefix("-") || arg == "-" {
                parsed.positional.append(arg)
                continue
            }
            if arg == "--" { onlyPositional = true; continue }
            var name: String
            var inlineValue: String?
            if arg.hasPrefix("--") {
                name = String(arg.dropFirst(2))
                if let eq = name.firstIndex(of: "=") {
                    inlineValue = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
            } else {
                let short = arg.dropFirst()
                guard short.count == 1, let option = command.options.first(where: { $0.short == short.first }) ?? (short == "h" ? OptionSpec.help : nil) else {
                    throw UsageError(message: "unknown option \(arg)", command: command)
                }
                name = option.name
            }
            if name == "help" { parsed.flags.insert("help"); continue }
            guard let option = spec(named: name) else {
                let close = suggestion(for: name, among: command.options.map(\.name) + ["help"])
                throw UsageError(message: "unknown option --\(name)" + (close.map { " (did you mean --\($0)?)" } ?? ""), command: command)
            }
            if option.valueName != nil {
                let value: String
                if let inlineValue { value = inlineValue } else {
                    guard index < args.count else { throw UsageError(message: "--\(name) needs a value (\(option.valueName!))", command: command) }
                    value = args[index]
                    index += 1
                }
                parsed.values[name, default: []].append(value)
            } else {
                if inlineValue != nil { throw UsageError(message: "--\(name) takes no value", command: command) }
                parsed.flags.insert(name)
            }
        }
        if parsed.flag("help") { return parsed }
        let required = command.arguments.filter { !$0.optional }.count
        if parsed.positional.count < required {
            throw UsageError(message: "missing \(command.arguments[parsed.positional.count].name.uppercased())", command: command)
        }
        if !command.arguments.contains(where: \.repeating), parsed.positional.count > command.arguments.count {
            throw UsageError(message: "unexpected argument \(parsed.positional[command.arguments.count])", command: command)
        }
        return parsed
    }

    /// Parses an integer option, or throws a usage error naming it.
    static func int(_ parsed: ParsedArguments, _ name: String) throws -> Int? {
        guard let text = parsed.value(name) else { return nil }
        guard let value = Int(text) else { throw UsageError(message: "--\(name) must be a whole number, got \(text)") }
        return value
    }

    static func double(_ parsed: ParsedArguments, _ name: String) throws -> Double? {
        guard let text = parsed.value(name) else { return nil }
        guard let value = Double(text) else { throw UsageError(message: "--\(name) must be a number, got \(text)") }
        return value
    }
}

/// What the shared code scanner needs to know about a programming language: its words, comment
/// and string syntaxes and a few switches. Each language is one value of this type
/// (`Languages.swift`), so adding a language is filling in a table, not writing a lexer.
struct LanguageSyntax: Sendable {
    var keywords: Set<String> = []
    /// Built-in types, functions and constants (`int`, `print`, `String`, `self`).
    var types: Set<String> = []
    /// Keywords compared in lower case (SQL).
    var caseInsensitive = false

    var lineComments: [[UInt8]] = []
    var blockComment: (open: [UInt8], close: [UInt8])?
    /// Block comments nest (Swift, Rust, Kotlin).
    var nestedComments = false

    var strings: [StringSyntax] = []
    /// Identifiers that may stand right before a quote as part of the string (`r`, `b`, `f`…).
    var stringPrefixes: Set<String> = []
    /// Words that are keywords only at the start of a line that ends in `:` (Python's `match`).
    var softKeywords: Set<String> = []
    /// `'a'` is a character, `'a` a lifetime or label (Rust).
    var lifetimes = false

    /// `@name` (and `@a.b`) is an attribute or decorator.
    var atAttributes = false
    /// `#[…]` and `#![…]` are attributes (Rust).
    var hashBracketAttributes = false
    /// A `#` at the start of a line begins a preprocessor directive, coloured to the line's end (C).
    var preprocessor = false
    /// `__END__` on a line of its own ends the code; what follows is data (Ruby), an attribute.
    var dataEnd = false
    /// Bytes besides letters, digits and `_` that identifiers may contain (`$` in JavaScript).
    var identifierExtras: [UInt8] = []
    /// A `$` or `@` sigil before a name marks a variable, kept plain with its name.
    var variableSigils: [UInt8] = []

    /// `<?php` and `?>` are markup tags, attributes.
    var markupTags = false
    /// The dotted name after one of these words is a module path, plain with its dots
    /// (`import os.path`, `package org.example`).
    var namespaceIntroducers: Set<String> = []
    /// The identifier after one of these words is a function name (`def`, `func`, `fn`).
    var functionIntroducers: Set<String> = []
    /// The identifier after one of these words is a type name (`class`, `struct`).
    var typeIntroducers: Set<String> = []
    /// `Type name(` and `name(` after a type or modifier declare a function (C, Java, C#).
    var declarationsByType = false
    /// Every identifier followed by `(` is a function name.
    var callsAreFunctions = false
    /// Identifiers with one of these prefixes and then a capital letter are types (`NSString`, `UIView`).
    var typePrefixes: [String] = []
    /// Identifiers starting with a capital letter are types (Ruby constants).
    var capitalizedTypes = false
    /// `name!` is a macro, coloured as a function (Rust).
    var bangMacros = false
    /// Ruby's literals: `:symbols`, `?c` characters, `%w(…)`/`%q{…}`/`%r[…]` literals, heredocs
    /// (`<<~EOS`), `$&`-style globals, and regular expressions that span lines.
    var rubyLiterals = false
    /// `- (void)name:(int)a with:(int)b` declares a method: its name parts are function names.
    var objectiveCMethods = false
    /// `/…/` after an operator or at the start of an expression is a regular expression.
    var regexLiterals = false
    /// Digits may be separated by `'` (C++14).
    var quoteDigitSeparators = false
}

/// One kind of string literal.
struct StringSyntax: Sendable {
    var open: [UInt8]
    var close: [UInt8]
    /// The escape byte (`\`), or nil when the string has none (raw strings).
    var escape: UInt8? = UInt8(ascii: "\\")
    /// The closing delimiter written twice stands for itself (SQL `''`, C# `@""`).
    var doubledClose = false
    var multiline = false
    /// Code inside the string: the opener (`\(`, `${`, `#{`, `{`) and the byte that closes it.
    var interpolation: (open: [UInt8], close: UInt8)?

    init(_ open: String, _ close: String? = nil, escape: UInt8? = UInt8(ascii: "\\"), doubledClose: Bool = false,
         multiline: Bool = false, interpolation: (String, Character)? = nil) {
        self.open = Array(open.utf8)
        self.close = Array((close ?? open).utf8)
        self.escape = escape
        self.doubledClose = doubledClose
        self.multiline = multiline
        if let interpolation {
            self.interpolation = (Array(interpolation.0.utf8), interpolation.1.asciiValue!)
        }
    }
}

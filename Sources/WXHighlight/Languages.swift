/// The programming languages' tables for `CodeScanner`: words, comments, strings, switches.
enum Languages {
    private static func words(_ text: String) -> Set<String> {
        Set(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
    }

    private static let cComment: (open: [UInt8], close: [UInt8]) = (Array("/*".utf8), Array("*/".utf8))
    private static let slashes = [Array("//".utf8)]
    private static let hash = [Array("#".utf8)]
    private static let doubleQuoted = StringSyntax("\"")
    private static let singleQuoted = StringSyntax("'")

    static let c = LanguageSyntax(
        keywords: words("""
            asm auto break case const continue default do else enum extern for goto if inline register restrict return
            sizeof static struct switch typedef union volatile while _Alignas _Alignof _Atomic _Generic _Noreturn
            _Static_assert _Thread_local
            """),
        types: words("""
            int long short char float double void signed unsigned bool _Bool _Complex size_t ssize_t ptrdiff_t
            int8_t int16_t int32_t int64_t uint8_t uint16_t uint32_t uint64_t intptr_t uintptr_t wchar_t FILE
            true false NULL
            """),
        lineComments: slashes, blockComment: cComment,
        strings: [doubleQuoted, singleQuoted], stringPrefixes: words("L u U u8"),
        preprocessor: true, typeIntroducers: words("struct union enum"), declarationsByType: true)

    static let cpp: LanguageSyntax = {
        var syntax = c
        syntax.keywords.formUnion(words("""
            alignas alignof and and_eq bitand bitor catch class compl concept consteval constexpr constinit const_cast
            co_await co_return co_yield decltype delete dynamic_cast explicit export final friend module mutable
            namespace new noexcept not not_eq operator or or_eq override private protected public
            reinterpret_cast requires static_assert static_cast template this thread_local throw try typeid typename
            using virtual xor xor_eq import
            """))
        syntax.types.formUnion(words("char8_t char16_t char32_t nullptr"))
        syntax.typeIntroducers.formUnion(words("class"))
        syntax.namespaceIntroducers = words("namespace using")
        syntax.strings = [StringSyntax("R\"(", ")\"", escape: nil, multiline: true), doubleQuoted, singleQuoted]
        syntax.quoteDigitSeparators = true
        return syntax
    }()

    static let objectiveC: LanguageSyntax = {
        var syntax = c
        syntax.keywords.formUnion(words("""
            @interface @implementation @end @protocol @property @synthesize @dynamic @class @selector @encode
            @private @protected @public @try @catch @finally @throw @autoreleasepool @optional @required @synchronized
            self super nil Nil YES NO in out inout bycopy byref oneway atomic nonatomic retain assign copy strong weak
            readonly readwrite
            """))
        syntax.types.formUnion(words("""
            id BOOL SEL IMP Class instancetype NSInteger NSUInteger CGFloat self super nil Nil YES NO TRUE FALSE true false
            NSObject NSString NSNumber NSArray NSDictionary NSDate NSData NSSet NSMutableArray NSMutableDictionary
            NSMutableString NSError NSURL NSValue NSNull
            """))
        syntax.keywords.subtract(words("self super nil Nil YES NO"))
        syntax.keywords.formUnion(words("__weak __strong __unsafe_unretained __autoreleasing __block __bridge __bridge_transfer __bridge_retained"))
        syntax.keywords.insert("class")
        syntax.objectiveCMethods = true
        syntax.typeIntroducers.formUnion(words("@interface @implementation @class @protocol"))
        syntax.identifierExtras = [UInt8(ascii: "@")]
        syntax.strings = [StringSyntax("@\"", "\""), doubleQuoted, singleQuoted]
        return syntax
    }()

    static let java = LanguageSyntax(
        keywords: words("""
            abstract assert break case catch class const continue default do else enum extends final finally for goto
            if implements import instanceof interface native new package private protected public return static
            strictfp super switch synchronized this throw throws transient try volatile while var record yield sealed
            permits non-sealed module requires exports opens uses provides transitive to with open true false null
            """),
        types: words("boolean byte char double float int long short void"),
        lineComments: slashes, blockComment: cComment,
        strings: [StringSyntax("\"\"\"", multiline: true), doubleQuoted, singleQuoted],
        atAttributes: true, namespaceIntroducers: words("import package"),
        typeIntroducers: words("class interface enum record"), declarationsByType: true)

    static let kotlin = LanguageSyntax(
        keywords: words("""
            as break class continue do else false for fun if in interface is null object package return super this
            throw true try typealias typeof val var when while by catch constructor delegate dynamic field file
            finally get import init param property receiver set setparam where actual abstract annotation companion
            const crossinline data enum expect external final infix inline inner internal lateinit noinline open
            operator out override private protected public reified sealed suspend tailrec vararg
            """),
        types: words("Int Long Short Byte Double Float Boolean Char String Unit Any Nothing"),
        lineComments: slashes, blockComment: cComment, nestedComments: true,
        strings: [StringSyntax("\"\"\"", escape: nil, multiline: true, interpolation: ("${", "}")),
                  StringSyntax("\"", interpolation: ("${", "}")), singleQuoted],
        atAttributes: true, namespaceIntroducers: words("import package"), functionIntroducers: words("fun"),
        typeIntroducers: words("class interface object typealias"))

    static let swift = LanguageSyntax(
        keywords: words("""
            associatedtype class deinit enum extension fileprivate func import init inout internal let open operator
            private precedencegroup protocol public rethrows static struct subscript typealias var break case catch
            continue default defer do else fallthrough for guard if in repeat return throw switch where while as Any
            false is nil super Self self true try throws async await actor nonisolated isolated some any consume
            borrowing consuming mutating nonmutating override convenience dynamic final lazy optional required unowned
            weak indirect get set willSet didSet package macro
            """),
        types: words("""
            Int Int8 Int16 Int32 Int64 UInt UInt8 UInt16 UInt32 UInt64 Double Float Bool String Character Array
            Dictionary Set Optional Result Error Void Never Substring print
            NSObject NSString NSArray NSDictionary NSNumber NSData NSDate NSURL NSError NSBundle NSKeyedUnarchiver
            NSNotification UIView UIViewController UIDevice UIColor UIImage UIButton UILabel UIApplication SKView SKNode
            SKScene SKSpriteNode
            """),
        lineComments: slashes, blockComment: cComment, nestedComments: true,
        strings: [StringSyntax("#\"\"\"", "\"\"\"#", escape: nil, multiline: true), StringSyntax("#\"", "\"#", escape: nil),
                  StringSyntax("\"\"\"", multiline: true, interpolation: ("\\(", ")")),
                  StringSyntax("\"", interpolation: ("\\(", ")"))],
        atAttributes: true, functionIntroducers: words("func"),
        typeIntroducers: words("class struct enum protocol extension actor typealias associatedtype import"))

    static let rust = LanguageSyntax(
        keywords: words("""
            as async await break const continue crate dyn else enum extern false fn for if impl in let loop match mod
            move mut pub ref return static struct super trait true type unsafe use where while abstract become box do
            final macro override priv try typeof unsized virtual yield union
            """),
        types: words("""
            i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize f32 f64 bool char str String Vec Option Result Box
            Some None Ok Err self Self Rc Arc HashMap HashSet
            """),
        lineComments: slashes, blockComment: cComment, nestedComments: true,
        strings: [StringSyntax("r###\"", "\"###", escape: nil, multiline: true), StringSyntax("r##\"", "\"##", escape: nil, multiline: true),
                  StringSyntax("r#\"", "\"#", escape: nil, multiline: true), StringSyntax("br\"", "\"", escape: nil, multiline: true),
                  StringSyntax("r\"", "\"", escape: nil, multiline: true), StringSyntax("b\"", "\"", multiline: true),
                  StringSyntax("b'", "'"), StringSyntax("\"", multiline: true), singleQuoted],
        lifetimes: true, hashBracketAttributes: true, functionIntroducers: words("fn"),
        typeIntroducers: words("struct enum trait type union"), bangMacros: true)

    static let go = LanguageSyntax(
        keywords: words("""
            break case chan const continue default defer else fallthrough for func go goto if import interface map
            package range return select struct switch type var true false nil iota
            """),
        types: words("""
            bool byte complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune string uint uint8
            uint16 uint32 uint64 uintptr any comparable append cap close complex copy delete imag len make new panic
            print println real recover
            """),
        lineComments: slashes, blockComment: cComment,
        strings: [StringSyntax("`", escape: nil, multiline: true), doubleQuoted, singleQuoted],
        namespaceIntroducers: words("package import"))

    static let javascript = LanguageSyntax(
        keywords: words("""
            break case catch class const continue debugger default delete do else export extends finally for function
            if import in instanceof let new return super switch this throw try typeof var void while with yield async
            await of static get set true false null undefined NaN Infinity constructor
            """),
        types: words("""
            Array Boolean Date Error Function Math Number Object RegExp String Promise Symbol Map Set WeakMap JSON
            Proxy Reflect Int8Array Uint8Array ArrayBuffer DataView BigInt WeakSet window document globalThis parseInt
            parseFloat isNaN isFinite eval decodeURI decodeURIComponent encodeURI encodeURIComponent escape unescape
            this arguments
            """),
        lineComments: slashes, blockComment: cComment,
        strings: [StringSyntax("`", multiline: true, interpolation: ("${", "}")), doubleQuoted, singleQuoted],
        identifierExtras: [UInt8(ascii: "$")], functionIntroducers: words("function"),
        typeIntroducers: words("class extends"), regexLiterals: true)

    static let typescript: LanguageSyntax = {
        var syntax = javascript
        syntax.keywords.formUnion(words("""
            abstract as declare enum implements interface keyof namespace private protected public readonly type
            infer is asserts satisfies module
            """))
        syntax.types.formUnion(words("any boolean never number object string symbol unknown bigint void"))
        syntax.typeIntroducers = []
        syntax.atAttributes = true
        return syntax
    }()

    static let csharp = LanguageSyntax(
        keywords: words("""
            abstract as base break case catch checked class const continue default delegate do else enum event
            explicit extern false finally fixed for foreach goto if implicit in interface internal is lock namespace
            new null operator out override params private protected public readonly ref return sealed sizeof
            stackalloc static struct switch this throw true try typeof unchecked unsafe using virtual volatile while
            add alias async await get global let nameof partial remove select set value var when where yield record
            init required with from orderby group by into join on equals ascending descending
            """),
        types: words("bool byte char decimal double float int long object sbyte short string uint ulong ushort void dynamic nint nuint"),
        lineComments: slashes, blockComment: cComment,
        strings: [StringSyntax("$@\"", "\"", escape: nil, doubledClose: true, multiline: true, interpolation: ("{", "}")),
                  StringSyntax("@$\"", "\"", escape: nil, doubledClose: true, multiline: true, interpolation: ("{", "}")),
                  StringSyntax("@\"", "\"", escape: nil, doubledClose: true, multiline: true),
                  StringSyntax("$\"", "\"", interpolation: ("{", "}")), doubleQuoted, singleQuoted],
        namespaceIntroducers: words("namespace using"), typeIntroducers: words("class struct interface enum record"),
        declarationsByType: true)

    static let php = LanguageSyntax(
        keywords: words("""
            abstract and array as break callable case catch class clone const continue declare default do echo else
            elseif empty enddeclare endfor endforeach endif endswitch endwhile extends final finally fn for foreach
            function global goto if implements include include_once instanceof insteadof interface isset list match
            namespace new or print private protected public readonly require require_once return static switch throw
            trait try unset use var while xor yield true false null TRUE FALSE NULL self parent
            """),
        types: words("""
            int float bool string void mixed object iterable never defined define count strlen array_key_exists
            array_keys array_values array_merge array_map in_array explode implode sprintf printf str_replace substr
            strpos trim is_array is_null is_string intval die exit header htmlspecialchars preg_match preg_replace
            file_exists dirname basename json_encode json_decode var_dump print_r
            """),
        lineComments: slashes + hash, blockComment: cComment,
        strings: [StringSyntax("\"", multiline: true, interpolation: ("{$", "}")), StringSyntax("'", multiline: true)],
        identifierExtras: [UInt8(ascii: "\\")], variableSigils: [UInt8(ascii: "$")], markupTags: true,
        functionIntroducers: words("function"),
        typeIntroducers: words("class interface trait extends implements new enum"))

    static let python = LanguageSyntax(
        keywords: words("""
            and as assert async await break class continue def del elif else except finally for from global if import
            in is lambda nonlocal not or pass raise return try while with yield True False None
            """),
        types: words("""
            abs all any bin bool bytearray bytes callable chr classmethod compile complex delattr dict dir divmod
            enumerate eval exec filter float format frozenset getattr globals hasattr hash help hex id input int
            isinstance issubclass iter len list locals map max memoryview min next object oct open ord pow print
            property range repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip
            self cls Exception ValueError TypeError KeyError IndexError RuntimeError NotImplemented Ellipsis
            __import__ __name__ __file__
            """),
        lineComments: hash,
        strings: [StringSyntax("\"\"\"", multiline: true), StringSyntax("'''", multiline: true), doubleQuoted, singleQuoted],
        stringPrefixes: words("r u b f br rb fr rf ur"), softKeywords: words("match case"), atAttributes: true, namespaceIntroducers: words("import from"),
        functionIntroducers: words("def"), typeIntroducers: words("class"))

    static let ruby = LanguageSyntax(
        keywords: words("""
            BEGIN END alias and begin break case class def defined? do else elsif end ensure false for if in module
            next nil not or redo rescue retry return self super then true undef unless until when while yield
            __FILE__ __LINE__ __ENCODING__
            """),
        types: words("""
            require require_relative include extend attr_accessor attr_reader attr_writer private protected public
            module_function raise fail loop lambda proc puts print p pp printf sprintf format gets open exit abort
            sleep rand srand catch throw at_exit binding block_given? caller eval exec fork system trap warn
            Array Integer Float String Hash
            """),
        lineComments: hash, blockComment: (Array("=begin".utf8), Array("=end".utf8)),
        strings: [StringSyntax("\"", multiline: true, interpolation: ("#{", "}")), StringSyntax("'", multiline: true),
                  StringSyntax("`", multiline: true, interpolation: ("#{", "}"))],
        dataEnd: true, identifierExtras: [UInt8(ascii: "?"), UInt8(ascii: "!")], variableSigils: [UInt8(ascii: "@"), UInt8(ascii: "$")],
        functionIntroducers: words("def"), typeIntroducers: words("class module"), capitalizedTypes: true,
        rubyLiterals: true, regexLiterals: true)

    static let sql = LanguageSyntax(
        keywords: words("""
            add all alter and any as asc begin between by case check column commit constraint create cross database
            default delete desc distinct drop else end exists foreign from full group having if in index inner insert
            into is join key left like limit not null offset on or order outer primary references replace returning
            right rollback select set table then to transaction trigger truncate union unique update using values
            view when where with recursive over partition window cascade grant revoke function procedure returns
            language declare true false return begin end loop exit raise notice exception perform execute immutable
            stable volatile strict security definer returns setof trigger each row before after instead of for
            """),
        types: words("""
            int integer smallint bigint decimal numeric real float double precision char varchar text date time
            timestamp interval boolean bool blob serial uuid json jsonb int2 int4 int8 float4 float8 bytea
            """),
        caseInsensitive: true,
        lineComments: [Array("--".utf8)], blockComment: cComment,
        strings: [StringSyntax("'", escape: nil, doubledClose: true, multiline: true), StringSyntax("\"", escape: nil, doubledClose: true),
                  StringSyntax("`", escape: nil)])
}

/// Each language's table prepared once for scanning (word table, start-byte sets).
enum CompiledLanguages {
    static let swift = CompiledSyntax(Languages.swift)
    static let python = CompiledSyntax(Languages.python)
    static let javascript = CompiledSyntax(Languages.javascript)
    static let typescript = CompiledSyntax(Languages.typescript)
    static let java = CompiledSyntax(Languages.java)
    static let kotlin = CompiledSyntax(Languages.kotlin)
    static let go = CompiledSyntax(Languages.go)
    static let rust = CompiledSyntax(Languages.rust)
    static let c = CompiledSyntax(Languages.c)
    static let cpp = CompiledSyntax(Languages.cpp)
    static let csharp = CompiledSyntax(Languages.csharp)
    static let objectiveC = CompiledSyntax(Languages.objectiveC)
    static let php = CompiledSyntax(Languages.php)
    static let ruby = CompiledSyntax(Languages.ruby)
    static let sql = CompiledSyntax(Languages.sql)
}

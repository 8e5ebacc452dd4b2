/// Entry point of the YAML-subset reader shared by front matter and `wxpub.yml`.
///
/// Values are typed the way PyYAML's `yaml.safe_load` (YAML 1.1) types them, because that is what
/// Jekyll-era front matter was written against: `yes`/`on` are booleans, `2013-08-05` is a date,
/// `1e3` is a string. Anything outside the subset, or where PyYAML's answer would surprise an
/// editor (sexagesimal `10:30`, octal `0755`, duplicate keys), is a `YAMLError` naming
/// `line:column` and what to write instead — never a silent misread.
public enum YAML {
    /// Parses one YAML document (the text between the `---` fences, or a whole `wxpub.yml`).
    /// Lines and columns are 1-based within `text`, columns counted in Unicode scalars.
    /// An empty or comment-only document is a `.null` node.
    public static func parse(_ text: String) throws(YAMLError) -> YAMLNode {
        var parser = YAMLParser(text)
        return try parser.parseDocument()
    }
}

#!/usr/bin/env python3
"""Oracle for the highlighting differential test: tokenizes files with Pygments and prints, per
file, one class letter per Unicode scalar of the file, using wxpub's token classes:
k keyword, t type/builtin, s string, n number, c comment, f function, a attribute/decorator,
o operator/punctuation, p plain.

usage: pygments-classes.py LEXER FILE...   → one JSON line per file: {"file":…, "text":…, "classes":"kkpp…"}
       ("text" is the file as Pygments reads it: BOM dropped, line endings made \n)
       pygments-classes.py --stats LEXER FILE…  → non-space characters per Pygments token type
"""
import json
import sys

from pygments.lexers import get_lexer_by_name
from pygments.token import Token


# Token types whose meaning depends on the lexer: Java's and Kotlin's lexers mark every member
# after a dot as Name.Attribute (not an annotation); Rust's mark doc comments as String.Doc;
# Ruby's mark capitalised constants (class names) as Name.Constant; PHP's mark /** docblocks */
# as String.Doc and properties after -> as Name.Attribute; YAML's mark block scalars' text as
# Name.Constant.
OVERRIDES = {
    "java": {"Token.Name.Attribute": "p"},
    "kotlin": {"Token.Name.Attribute": "p"},
    "rust": {"Token.Literal.String.Doc": "c"},
    "rb": {"Token.Name.Constant": "t"},
    "yaml": {"Token.Name.Constant": "s"},
    "php": {"Token.Literal.String.Doc": "c", "Token.Name.Attribute": "p"},
}


def wx_class(tok, lexer_name=""):
    """Pygments token type → wxpub token class letter (the most specific rule wins)."""
    overrides = OVERRIDES.get(lexer_name, {})
    t = tok
    while t is not None and len(t) > 0:
        if str(t) in overrides:
            return overrides[str(t)]
        t = t.parent
    def under(*names):
        for name in names:
            t = Token
            for part in name.split("."):
                t = getattr(t, part)
            if tok in t:
                return True
        return False

    if under("Keyword.Type"):
        return "t"
    if under("Operator.Word"):
        return "k"
    if under("Keyword", "Name.Tag", "Generic.Deleted"):
        return "k"
    if under("Name.Builtin", "Name.Class", "Name.Exception"):
        return "t"
    if under("Name.Function"):
        return "f"
    if under("Name.Decorator", "Name.Attribute", "Comment.Preproc", "Comment.PreprocFile", "Generic.Subheading"):
        return "a"
    if under("Comment", "Generic.Heading"):
        return "c"
    if under("Literal.Number", "Literal.Date"):
        return "n"
    if under("Literal.String", "Literal.Scalar", "Generic.Inserted"):
        return "s"
    if under("Operator", "Punctuation", "Generic.Prompt"):
        return "o"
    return "p"


def main(argv):
    stats = argv[1:2] == ["--stats"]
    if stats:
        argv = argv[1:]
    lexer = get_lexer_by_name(argv[1], stripnl=False, stripall=False, ensurenl=False)
    counts = {}
    for path in argv[2:]:
        with open(path, encoding="utf-8", errors="replace", newline="") as f:
            text = f.read()
        # what Pygments itself does to its input before lexing
        text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        classes = []
        for tok, value in lexer.get_tokens(text):
            letter = wx_class(tok, argv[1])
            classes.append(letter * len(value))
            if stats:
                n = sum(1 for ch in value if not ch.isspace())
                counts[str(tok)] = counts.get(str(tok), 0) + n
        if not stats:
            print(json.dumps({"file": path, "text": text, "classes": "".join(classes)}))
    if stats:
        for k, v in sorted(counts.items(), key=lambda kv: -kv[1]):
            print(f"{v:8d} {k}")


if __name__ == "__main__":
    main(sys.argv)

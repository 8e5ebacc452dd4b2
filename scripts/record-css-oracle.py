#!/usr/bin/env python3
"""Records what the css-inline package (PyPI `css-inline`) makes of each theme fixture, the oracle
for WXHTML's Stylesheet.inline differential tests.

    scripts/record-css-oracle.py              # rewrite every Tests/WXHTMLTests/Fixtures/css/<case>.expected.html
    scripts/record-css-oracle.py --stdout CSS HTML   # print the oracle output for one pair (used by the live test)

Each case is <case>.css (the theme) and <case>.html (a fragment). The CSS is passed as extra CSS;
<style>/<link> handling and remote loading are off, so only the theme applies."""
import pathlib
import sys

import css_inline


def inline(css: str, html: str) -> str:
    inliner = css_inline.CSSInliner(
        inline_style_tags=False,
        keep_style_tags=False,
        keep_link_tags=False,
        load_remote_stylesheets=False,
        extra_css=css,
    )
    return inliner.inline_fragment(html, "")


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--stdout":
        css = pathlib.Path(sys.argv[2]).read_text(encoding="utf-8")
        html = pathlib.Path(sys.argv[3]).read_text(encoding="utf-8")
        sys.stdout.write(inline(css, html))
        return 0
    if len(sys.argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    folder = pathlib.Path(__file__).resolve().parent.parent / "Tests/WXHTMLTests/Fixtures/css"
    for css_path in sorted(folder.glob("*.css")):
        html_path = css_path.with_suffix(".html")
        expected = css_path.with_name(css_path.stem + ".expected.html")
        output = inline(css_path.read_text(encoding="utf-8"), html_path.read_text(encoding="utf-8"))
        expected.write_text(output, encoding="utf-8")
        print(f"recorded {expected.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

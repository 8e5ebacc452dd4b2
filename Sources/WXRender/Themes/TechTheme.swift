/// `theme: tech` — for technical writing: dark code blocks with a bright palette, red inline
/// code, compact zebra tables, blue headings, quotes with a blue bar, tight spacing. Same rules as the
/// default theme (no font-family, no !important, line-height never below the font size).
enum TechTheme {
    static let css = #"""
/* wxpub built-in theme "tech": technical writing.
   Every rule is inlined into the article's elements (WeChat keeps no <style> and no class) and
   WeChat counts that markup in its 20,000 characters, so the rules are few and short: inherited
   values once on the root, decorations on blocks rather than on frequent inline elements, and
   highlighting only for the token classes that carry meaning (numbers, operators and comments stay in the
   code's colour; a class without a rule gets no span). The hooks are listed in docs/theme-classes.md. */

.article { font-size: 15px; color: #2c3e50; line-height: 1.75; letter-spacing: .3px; word-wrap: break-word; text-align: left; }

p { margin: 0 0 14px; }

h1 { font-size: 22px; margin: 24px 0 14px; color: #15b; }
h2 { font-size: 18px; color: #15b; }
h3 { font-size: 16px; }
h4, h5 { font-size: 15px; }
h6 { font-size: 14px; color: #678; }

del { color: #789; }
a { color: #15b; text-decoration: none; }
hr { margin: 22px 0; border: 0; border-top: 1px dashed #cdd; }

blockquote { margin: 0 0 14px; padding: 4px 12px; border-left: 4px solid #15b; background: #f3f6fa; }
blockquote p { margin: 0; }
blockquote blockquote { margin: 6px 0; }

/* lists: the renderer's sections (markers as text, in the text's colour), and plain ul/ol */
.list { margin: 0 0 14px; }
.list .list { margin: 0; padding-left: 18px; }
.list-item p { margin: 0 0 6px; }
ul { margin: 0 0 14px; padding-left: 22px; list-style-type: square; }
ol { margin: 0 0 14px; padding-left: 22px; list-style-type: decimal; }
ul ul { list-style-type: circle; margin: 3px 0; }
ol ol, ul ol, ol ul { margin: 3px 0; }
li p { margin: 0 0 6px; }
.task { color: #789; }
.task-done { color: #163; }

/* code: red inline code, dark blocks that scroll sideways (the block scrolls itself, so the
   .code-scroll wrapper gets no style and is not written) */
.code-inline { color: #b22; }
.code-block { margin: 0 0 16px; padding: 8px 12px; border-radius: 6px; background: #1e2430; color: #dde; overflow-x: auto; white-space: pre; font-size: 13px; }
.code-lang { color: #89a; }
.line-number { color: #789; }
.hl-keyword { color: #f79; }
.hl-type { color: #7de; }
.hl-string { color: #ad8; }
.hl-function { color: #8bf; }
.hl-attribute { color: #ec7; }

/* images */
figure { margin: 14px 0; text-align: center; }
.image { display: block; max-width: 100%; height: auto; margin: 0 auto; }
.image-inline { max-width: 100%; height: auto; vertical-align: middle; }
figcaption { font-size: 12px; color: #789; }

/* compact tables */
.table-scroll { overflow-x: auto; margin: 0 0 16px; }
table { border-collapse: collapse; }
th, td { border: 1px solid #dde; padding: 4px 8px; font-size: 13px; line-height: 1.5; }
th { background: #eaf1f8; }
.row-even td { background: #f7f9fb; }

/* notes and references */
.footnote-ref { color: #15b; }
.footnotes { margin: 26px 0 0; padding-top: 8px; border-top: 1px dashed #cdd; font-size: 13px; color: #678; }
.footnotes-title { font-size: 15px; font-weight: bold; margin: 0 0 6px; }
.footnote p { margin: 0 0 4px; }
.footnote-number { color: #15b; }
.references { margin: 26px 0 0; padding-top: 8px; border-top: 1px dashed #cdd; font-size: 12px; color: #678; word-break: break-all; }
.references-title { font-size: 15px; }
.reference { margin: 0 0 3px; }

.header { margin: 0 0 18px; }
.title { font-size: 22px; line-height: 1.4; margin: 0 0 6px; }
.byline { font-size: 13px; color: #789; margin: 0; }

.footer { margin: 28px 0 0; text-align: center; font-size: 13px; color: #789; }
.follow { margin: 0 0 4px; }

"""#
}

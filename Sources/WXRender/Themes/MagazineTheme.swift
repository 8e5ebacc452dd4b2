/// `theme: magazine` — a warm long read: generous line height, centred terracotta headings,
/// pull-quote blockquotes, centred captions, code on warm paper. Same rules as the default
/// theme (no font-family, no !important, line-height never below the font size).
enum MagazineTheme {
    static let css = #"""
/* wxpub built-in theme "magazine": a warm long read.
   Every rule is inlined into the article's elements (WeChat keeps no <style> and no class) and
   WeChat counts that markup in its 20,000 characters, so the rules are few and short: inherited
   values once on the root, decorations on blocks rather than on frequent inline elements, and
   highlighting only for the token classes that carry meaning (numbers, operators and comments stay in the
   code's colour; a class without a rule gets no span). The hooks are listed in docs/theme-classes.md. */

.article { font-size: 16px; color: #3f3a36; line-height: 1.9; letter-spacing: 1px; word-wrap: break-word; text-align: justify; }

p { margin: 0 0 20px; }

h1 { font-size: 23px; line-height: 1.4; margin: 32px 0 18px; color: #942; text-align: center; }
h2 { font-size: 20px; color: #942; text-align: center; }
h3 { font-size: 18px; color: #942; }
h4 { font-size: 17px; color: #933; }
h5 { font-size: 16px; color: #654; }
h6 { font-size: 15px; color: #654; }

del { color: #987; }
a { color: #942; text-decoration: none; }
hr { margin: 36px auto; width: 30%; border: 0; border-top: 1px solid #dcb; }

/* pull quotes */
blockquote { margin: 28px 8px; padding: 10px 16px; border: solid #c75; border-width: 1px 0; color: #744; text-align: center; }
blockquote p { margin: 0; }
blockquote blockquote { margin: 10px 0; }

/* lists: the renderer's sections (markers as text, in the text's colour), and plain ul/ol */
.list { margin: 0 0 20px; }
.list .list { margin: 0; padding-left: 20px; }
.list-item p { margin: 0 0 8px; }
ul { margin: 0 0 20px; padding-left: 24px; list-style-type: disc; }
ol { margin: 0 0 20px; padding-left: 24px; list-style-type: decimal; }
ul ul { list-style-type: circle; margin: 6px 0; }
ol ol, ul ol, ol ul { margin: 6px 0; }
li p { margin: 0 0 8px; }
.task { color: #c75; }
.task-done { color: #987; }

/* code on warm paper (the block scrolls itself, so the .code-scroll wrapper gets no style
   and is not written) */
.code-inline { color: #b53; }
.code-block { margin: 0 0 22px; padding: 10px 14px; border-radius: 6px; background: #fcf6ee; overflow-x: auto; white-space: pre; font-size: 13px; line-height: 1.7; letter-spacing: 0; }
.code-lang { color: #987; }
.line-number { color: #cba; }
.hl-keyword { color: #942; }
.hl-type { color: #639; }
.hl-string { color: #462; }
.hl-function { color: #257; }
.hl-attribute { color: #763; }

/* images and captions */
figure { margin: 24px 0; text-align: center; }
.image { display: block; max-width: 100%; height: auto; margin: 0 auto; border-radius: 4px; }
.image-inline { max-width: 100%; height: auto; vertical-align: middle; }
figcaption { font-size: 13px; color: #987; font-style: italic; }

/* tables */
.table-scroll { overflow-x: auto; margin: 0 0 22px; }
table { border-collapse: collapse; }
th, td { border-bottom: 1px solid #edc; padding: 8px 10px; font-size: 14px; line-height: 1.6; }
th { color: #933; border-bottom: 2px solid #c75; }
.row-even td { background: #fefbf6; }

/* notes and references */
.footnote-ref { color: #942; }
.footnotes { margin: 36px 0 0; padding-top: 12px; border-top: 1px solid #dcb; font-size: 13px; color: #654; }
.footnotes-title { font-size: 16px; font-weight: bold; margin: 0 0 8px; color: #933; }
.footnote p { margin: 0 0 6px; }
.footnote-number { color: #942; }
.references { margin: 36px 0 0; padding-top: 12px; border-top: 1px solid #dcb; font-size: 13px; color: #654; word-break: break-all; text-align: left; }
.references-title { font-size: 16px; color: #933; }
.reference { margin: 0 0 4px; }

.header { margin: 0 0 28px; text-align: center; }
.title { font-size: 23px; line-height: 1.4; margin: 0 0 10px; color: #942; }
.byline { font-size: 14px; color: #987; margin: 0; }

.footer { margin: 40px 0 0; text-align: center; font-size: 14px; color: #987; letter-spacing: 2px; }
.follow { margin: 0 0 4px; }

"""#
}

/// `theme: magazine` — a warm long read: generous line height, terracotta headings with a rule,
/// pull-quote blockquotes, centred captions, code on warm paper. Same rules as the default
/// theme (no font-family, no !important, line-height never below the font size).
enum MagazineTheme {
    static let css = #"""
/* wxpub built-in theme "magazine": a warm long read.
   Every rule is inlined into the article's elements (WeChat keeps no <style> and no class).
   The hooks are listed in docs/theme-classes.md. */

.article { font-size: 16px; color: #3f3a36; line-height: 1.9; letter-spacing: 1px; word-wrap: break-word; text-align: justify; }

p { margin: 0 0 20px; }

h1 { font-size: 23px; line-height: 1.4; font-weight: bold; margin: 32px 0 18px; color: #9a3f22; text-align: center; }
h2 { font-size: 20px; line-height: 1.45; font-weight: bold; margin: 36px 0 18px; padding-bottom: 8px; border-bottom: 2px solid #c86b4a; color: #9a3f22; }
h3 { font-size: 18px; line-height: 1.5; font-weight: bold; margin: 28px 0 14px; padding-left: 10px; border-left: 3px solid #c86b4a; color: #8a3b24; }
h4 { font-size: 17px; line-height: 1.5; font-weight: bold; margin: 24px 0 12px; color: #8a3b24; }
h5 { font-size: 16px; line-height: 1.5; font-weight: bold; margin: 20px 0 10px; color: #5e4c42; }
h6 { font-size: 15px; line-height: 1.5; font-weight: bold; margin: 20px 0 10px; color: #5e4c42; }

strong { font-weight: bold; color: #9a3f22; }
em { font-style: italic; color: #5c4a3f; }
del { text-decoration: line-through; color: #8c7b70; }
a { color: #9a3f22; text-decoration: none; border-bottom: 1px solid #e3b8a5; }
hr { margin: 36px auto; width: 30%; border: 0; border-top: 1px solid #d9c3b5; }

/* pull quotes */
blockquote { margin: 28px 8px; padding: 14px 16px; border-top: 2px solid #c86b4a; border-bottom: 2px solid #c86b4a; color: #6e4a3a; font-size: 17px; line-height: 1.8; text-align: center; }
blockquote p { margin: 0 0 8px; }
blockquote blockquote { margin: 10px 0; border-top: 1px solid #e3b8a5; border-bottom: 1px solid #e3b8a5; font-size: 16px; }

/* lists: the renderer's sections, and plain ul/ol */
.list { margin: 0 0 20px; }
.list .list { margin: 6px 0 6px 20px; }
.list-item { margin: 6px 0; padding-left: 4px; }
.list-item p { margin: 0 0 8px; }
.list-marker { color: #c86b4a; font-weight: bold; margin-right: 8px; }
.list-bullet .list-marker { color: #c86b4a; }
.list-ordered .list-marker { color: #9a3f22; font-weight: bold; }
ul { margin: 0 0 20px; padding-left: 24px; list-style-type: disc; }
ol { margin: 0 0 20px; padding-left: 24px; list-style-type: decimal; }
ul ul { list-style-type: circle; margin: 6px 0; }
ol ol, ul ol, ol ul { margin: 6px 0; }
li { margin: 6px 0; }
li p { margin: 0 0 8px; }
.task { color: #c86b4a; margin-right: 6px; }
.task-done { color: #8c7b70; margin-right: 6px; }

/* code on warm paper */
.code-inline { font-size: 14px; padding: 1px 4px; border-radius: 3px; background-color: #f6ece3; color: #9b3f22; }
.code-block { margin: 0 0 22px; border-radius: 6px; background-color: #fefaf4; border: 1px solid #efe2d5; }
.code-lang { font-size: 12px; line-height: 1.5; padding: 6px 12px 0; color: #8c7b70; text-align: right; }
.code-scroll { display: block; overflow-x: auto; white-space: pre; padding: 12px 14px; font-size: 13px; line-height: 1.7; color: #3f3a36; text-align: left; letter-spacing: 0; }
.code-body { display: block; font-size: 13px; line-height: 1.7; white-space: pre; }
.line-number { color: #c4b3a6; margin-right: 12px; }
.hl-keyword { color: #9a3f22; font-weight: bold; }
.hl-type { color: #6a3f82; }
.hl-string { color: #4f7a2e; }
.hl-number { color: #b0600b; }
.hl-comment { color: #968477; font-style: italic; }
.hl-function { color: #245c78; }
.hl-attribute { color: #8a7420; }
.hl-operator { color: #5e4c42; }

/* images and captions */
figure { margin: 24px 0; text-align: center; }
.image { display: block; max-width: 100%; height: auto; margin: 0 auto; border-radius: 4px; }
.image-inline { max-width: 100%; height: auto; vertical-align: middle; }
figcaption { font-size: 13px; line-height: 1.6; color: #8c7b70; margin-top: 8px; text-align: center; font-style: italic; }

/* tables */
.table-scroll { overflow-x: auto; margin: 0 0 22px; }
table { border-collapse: collapse; margin: 0 0 22px; max-width: 100%; }
th, td { border-bottom: 1px solid #e6d6c9; padding: 8px 10px; font-size: 14px; line-height: 1.6; }
th { color: #8a3b24; font-weight: bold; border-bottom: 2px solid #c86b4a; }
.row-even td { background-color: #fefbf6; }

/* notes and references */
.footnote-ref { font-size: 12px; line-height: 1.5; color: #9a3f22; }
.footnotes { margin: 36px 0 0; padding-top: 14px; border-top: 1px solid #d9c3b5; }
.footnotes-title { font-size: 16px; line-height: 1.5; margin: 0 0 10px; color: #8a3b24; }
.footnote { font-size: 13px; line-height: 1.7; margin: 0 0 6px; color: #5e4c42; }
.footnote-number { color: #9a3f22; margin-right: 4px; }
sup { font-size: 12px; line-height: 1.5; }
sup.ref { color: #9a3f22; }
.references { margin: 36px 0 0; padding-top: 14px; border-top: 1px solid #d9c3b5; }
.references-title { font-size: 16px; line-height: 1.5; margin: 0 0 10px; color: #8a3b24; }
.reference { font-size: 13px; line-height: 1.7; margin: 0 0 4px; color: #5e4c42; word-break: break-all; text-align: left; }

.header { margin: 0 0 28px; text-align: center; }
.title { font-size: 23px; line-height: 1.4; margin: 0 0 10px; color: #9a3f22; }
.byline { font-size: 14px; line-height: 1.5; color: #8c7b70; margin: 0; }

.footer { margin: 40px 0 0; text-align: center; }
.follow { font-size: 14px; line-height: 1.7; color: #8c7b70; margin: 0 0 4px; text-align: center; letter-spacing: 2px; }

"""#
}

/// `theme: tech` — for technical writing: dark code blocks with a bright palette, code chips,
/// compact zebra tables, blue headings with a left bar, tight spacing. Same rules as the
/// default theme (no font-family, no !important, line-height never below the font size).
enum TechTheme {
    static let css = #"""
/* wxpub built-in theme "tech": technical writing.
   Every rule is inlined into the article's elements (WeChat keeps no <style> and no class).
   The hooks are listed in docs/theme-classes.md. */

.article { font-size: 15px; color: #2c3e50; line-height: 1.75; letter-spacing: 0.3px; word-wrap: break-word; text-align: left; }

p { margin: 0 0 14px; }

h1 { font-size: 22px; line-height: 1.4; font-weight: bold; margin: 26px 0 14px; color: #1a5fb4; }
h2 { font-size: 19px; line-height: 1.4; font-weight: bold; margin: 26px 0 12px; padding-left: 10px; border-left: 4px solid #1a5fb4; color: #17324d; }
h3 { font-size: 17px; line-height: 1.5; font-weight: bold; margin: 20px 0 10px; color: #1a5fb4; }
h4 { font-size: 16px; line-height: 1.5; font-weight: bold; margin: 16px 0 8px; color: #17324d; }
h5 { font-size: 15px; line-height: 1.5; font-weight: bold; margin: 14px 0 8px; color: #17324d; }
h6 { font-size: 14px; line-height: 1.5; font-weight: bold; margin: 14px 0 8px; color: #5a6b7b; }

strong { font-weight: bold; color: #17324d; }
em { font-style: italic; }
del { text-decoration: line-through; color: #7b8a99; }
a { color: #1a5fb4; text-decoration: none; }
hr { margin: 22px 0; border: 0; border-top: 1px dashed #c5d0db; }

blockquote { margin: 0 0 14px; padding: 8px 12px; border-left: 4px solid #1a5fb4; background-color: #f0f5fb; color: #3d5266; }
blockquote p { margin: 0 0 6px; }
blockquote blockquote { margin: 6px 0; background-color: #e3ecf6; }

/* lists: the renderer's sections, and plain ul/ol */
.list { margin: 0 0 14px; }
.list .list { margin: 4px 0 4px 18px; }
.list-item { margin: 3px 0; }
.list-item p { margin: 0 0 6px; }
.list-marker { color: #1a5fb4; margin-right: 6px; }
.list-bullet .list-marker { color: #1a5fb4; }
.list-ordered .list-marker { color: #1a5fb4; font-weight: bold; }
ul { margin: 0 0 14px; padding-left: 22px; list-style-type: square; }
ol { margin: 0 0 14px; padding-left: 22px; list-style-type: decimal; }
ul ul { list-style-type: circle; margin: 3px 0; }
ol ol, ul ol, ol ul { margin: 3px 0; }
li { margin: 3px 0; }
li p { margin: 0 0 6px; }
.task { color: #7b8a99; margin-right: 6px; }
.task-done { color: #166b30; margin-right: 6px; }

/* code: chips inline, dark blocks */
.code-inline { font-size: 13px; padding: 2px 5px; border-radius: 4px; background-color: #eef2f6; color: #a8321f; border: 1px solid #dde3ea; }
.code-block { margin: 0 0 16px; border-radius: 6px; background-color: #1e2430; }
.code-lang { font-size: 12px; line-height: 1.5; padding: 6px 12px 0; color: #8b96a8; text-align: right; }
.code-scroll { display: block; overflow-x: auto; white-space: pre; padding: 10px 14px 12px; font-size: 13px; line-height: 1.6; color: #d8dee9; text-align: left; letter-spacing: 0; }
.code-body { display: block; font-size: 13px; line-height: 1.6; white-space: pre; }
.line-number { color: #5c6677; margin-right: 12px; }
.hl-keyword { color: #ff7b9c; }
.hl-type { color: #7fd6e8; }
.hl-string { color: #a5d98b; }
.hl-number { color: #f5b971; }
.hl-comment { color: #8592a6; font-style: italic; }
.hl-function { color: #82b4ff; }
.hl-attribute { color: #e3c97a; }
.hl-operator { color: #b8c2d3; }

/* images */
figure { margin: 14px 0; text-align: center; }
.image { display: block; max-width: 100%; height: auto; margin: 0 auto; }
.image-inline { max-width: 100%; height: auto; vertical-align: middle; }
figcaption { font-size: 12px; line-height: 1.5; color: #7b8a99; margin-top: 4px; text-align: center; }

/* compact tables */
.table-scroll { overflow-x: auto; margin: 0 0 16px; }
table { border-collapse: collapse; margin: 0 0 16px; max-width: 100%; }
th, td { border: 1px solid #d5dde6; padding: 4px 8px; font-size: 13px; line-height: 1.5; }
th { background-color: #eaf1f8; color: #17324d; font-weight: bold; }
.row-even td { background-color: #f7f9fb; }

/* notes and references */
.footnote-ref { font-size: 12px; line-height: 1.5; color: #1a5fb4; }
.footnotes { margin: 26px 0 0; padding-top: 10px; border-top: 1px dashed #c5d0db; }
.footnotes-title { font-size: 15px; line-height: 1.5; margin: 0 0 8px; color: #17324d; }
.footnote { font-size: 13px; line-height: 1.6; margin: 0 0 4px; color: #5a6b7b; }
.footnote-number { color: #1a5fb4; margin-right: 4px; }
sup { font-size: 12px; line-height: 1.5; }
sup.ref { color: #1a5fb4; }
.references { margin: 26px 0 0; padding-top: 10px; border-top: 1px dashed #c5d0db; }
.references-title { font-size: 15px; line-height: 1.5; margin: 0 0 8px; color: #17324d; }
.reference { font-size: 12px; line-height: 1.6; margin: 0 0 3px; color: #5a6b7b; word-break: break-all; text-align: left; }

.header { margin: 0 0 18px; }
.title { font-size: 22px; line-height: 1.4; margin: 0 0 6px; color: #17324d; }
.byline { font-size: 13px; line-height: 1.5; color: #7b8a99; margin: 0; }

.footer { margin: 28px 0 0; text-align: center; }
.follow { font-size: 13px; line-height: 1.6; color: #7b8a99; margin: 0 0 4px; text-align: center; }

"""#
}

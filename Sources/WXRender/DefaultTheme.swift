// Generated from templates/ by `RECORD_SNAPSHOTS=1 swift test --filter DefaultThemeTests`; do not edit by hand.

/// The default theme, embedded so a site without a `templates/` folder still builds. A test
/// keeps it identical to the repo's `templates/`.
public enum DefaultTheme {
    public static let files: [String: String] = [
        "article.html": #"""
<section class="article">
{{> header}}
{{{body}}}
{{#has_references}}
{{> references}}
{{/has_references}}
{{> footer}}
</section>

"""#,
        "partials/footer.html": #"""
<section class="footer">
<p class="follow">— 完 —</p>
<p class="follow">关注「{{account}}」，读更多文章</p>
</section>

"""#,
        "partials/header.html": #"""
{{! WeChat shows the title above every article too; delete the h1 here if you prefer it once. }}
<section class="header">
<h1 class="title">{{title}}</h1>
{{#author}}
<p class="byline">{{author}}</p>
{{/author}}
</section>

"""#,
        "partials/references.html": #"""
<section class="references">
<h3 class="references-title">{{references_title}}</h3>
{{#references}}
<p class="reference">[{{number}}] {{#label}}{{label}}: {{/label}}{{url}}</p>
{{/references}}
</section>

"""#,
        "theme.css": #"""
/* wxpub default theme.
   Every rule here is inlined into the article's elements (WeChat drops <style> and classes).
   Rules kept on purpose, from WeChat's article-structure spec:
   - no font-family (the platform's own font stack is the only one that renders the same everywhere);
   - no !important (it breaks dark mode);
   - line-height never below the font size (unitless values are multipliers);
   - no fixed px widths wider than the 375px phone column; no text-align start/end;
   - code keeps its spaces with non-breaking spaces and <br>, scrolls sideways, and never uses <pre>. */

.article { font-size: 16px; color: #333333; line-height: 1.75; letter-spacing: 0.5px; word-wrap: break-word; text-align: justify; }

p { margin: 0 0 16px; }

h1 { font-size: 22px; line-height: 1.4; font-weight: bold; margin: 24px 0 16px; color: #222222; }
h2 { font-size: 20px; line-height: 1.4; font-weight: bold; margin: 24px 0 16px; padding-bottom: 6px; border-bottom: 1px solid #e5e5e5; color: #222222; }
h3 { font-size: 18px; line-height: 1.5; font-weight: bold; margin: 20px 0 12px; color: #222222; }
h4 { font-size: 17px; line-height: 1.5; font-weight: bold; margin: 16px 0 10px; color: #222222; }
h5 { font-size: 16px; line-height: 1.5; font-weight: bold; margin: 16px 0 8px; color: #222222; }
h6 { font-size: 15px; line-height: 1.5; font-weight: bold; margin: 16px 0 8px; color: #555555; }

strong { font-weight: bold; color: #222222; }
em { font-style: italic; }
del { text-decoration: line-through; }

blockquote { margin: 0 0 16px; padding: 8px 12px; border-left: 3px solid #d0d7de; background-color: #f7f7f7; color: #555555; }
blockquote p { margin: 0 0 8px; }
blockquote blockquote { margin: 8px 0; background-color: #efefef; }

ul { margin: 0 0 16px; padding-left: 24px; list-style-type: disc; }
ol { margin: 0 0 16px; padding-left: 24px; list-style-type: decimal; }
ul ul { list-style-type: circle; margin: 4px 0; }
ol ol, ul ol, ol ul { margin: 4px 0; }
li { margin: 4px 0; }
li p { margin: 0 0 8px; }
/* Markdown lists are sections with the marker as text (WeChat's editor breaks nested ul/ol). */
.list { margin: 0 0 16px; padding-left: 8px; }
.list .list { margin: 4px 0; padding-left: 18px; }
.list-item { margin: 4px 0; }
.list-item p { margin: 0 0 8px; }
.list-marker { color: #888888; }
.task, .task-done { color: #576b95; }

hr { margin: 24px 0; border: 0; border-top: 1px solid #e5e5e5; }

a { color: #576b95; text-decoration: none; }
sup { font-size: 12px; line-height: 1.5; }
sup.ref { color: #576b95; }

.code-inline { font-size: 14px; padding: 2px 4px; border-radius: 3px; background-color: #f2f2f2; color: #c7254e; }

.code-block { margin: 0 0 16px; border-radius: 4px; background-color: #f6f8fa; }
.code-lang { font-size: 12px; line-height: 1.5; padding: 6px 12px 0; color: #6a737d; text-align: right; }
.code-scroll { display: block; overflow-x: auto; white-space: pre; padding: 10px 12px; font-size: 13px; line-height: 1.6; color: #24292e; text-align: left; }
.code-body { display: block; font-size: 13px; line-height: 1.6; white-space: pre; }
.line-number { color: #bbbbbb; }
.hl-keyword { color: #d73a49; }
.hl-type { color: #6f42c1; }
.hl-string { color: #032f62; }
.hl-number { color: #005cc5; }
.hl-comment { color: #6a737d; font-style: italic; }
.hl-function { color: #6f42c1; }
.hl-attribute { color: #005cc5; }
.hl-operator { color: #d73a49; }

figure { margin: 16px 0; text-align: center; }
.image { display: block; max-width: 100%; height: auto; margin: 0 auto; }
.image-inline { max-width: 100%; height: auto; vertical-align: middle; }
figcaption { font-size: 13px; line-height: 1.5; color: #888888; margin-top: 6px; text-align: center; }

table { border-collapse: collapse; margin: 0 0 16px; max-width: 100%; }
th, td { border: 1px solid #dddddd; padding: 6px 8px; font-size: 14px; line-height: 1.5; }
th { background-color: #f6f8fa; font-weight: bold; }
.table-scroll { overflow-x: auto; margin: 0 0 16px; }
.table-scroll table { margin: 0; }
.row-even td { background-color: #fafafa; }

.footnote-ref { color: #576b95; }
.footnotes { margin: 32px 0 0; padding-top: 12px; border-top: 1px solid #e5e5e5; }
.footnotes-title { font-size: 16px; line-height: 1.5; font-weight: bold; margin: 0 0 8px; color: #555555; }
.footnote p { font-size: 13px; line-height: 1.6; margin: 0 0 4px; color: #666666; }
.footnote-number { color: #576b95; }

.header { margin: 0 0 20px; }
.title { font-size: 22px; line-height: 1.4; margin: 0 0 8px; }
.byline { font-size: 14px; line-height: 1.5; color: #888888; margin: 0; }

.references { margin: 32px 0 0; padding-top: 12px; border-top: 1px solid #e5e5e5; }
.references-title { font-size: 16px; line-height: 1.5; margin: 0 0 8px; color: #555555; }
.reference { font-size: 13px; line-height: 1.6; margin: 0 0 4px; color: #666666; word-break: break-all; text-align: left; }

.footer { margin: 32px 0 0; text-align: center; }
.follow { font-size: 14px; line-height: 1.6; color: #888888; margin: 0 0 4px; text-align: center; }

"""#,
    ]
}

// Generated from templates/ by `RECORD_SNAPSHOTS=1 swift test --filter DefaultThemeTests`; do not edit by hand.

/// The default theme, embedded so a site without a `templates/` folder still builds. A test
/// keeps it identical to the repo's `templates/`.
public enum DefaultTheme {
    public static let files: [String: String] = [
        "article.html": #"""
<section class="article">
{{{body}}}
{{#has_references}}
{{> references}}
{{/has_references}}
{{> footer}}
</section>

"""#,
        "partials/footer.html": #"""
<section class="footer">— 完 —<br>关注「{{account}}」，读更多文章</section>

"""#,
        "partials/header.html": #"""
{{! Not used by the default article.html: WeChat already shows the title, author and account above
    every article. Include this partial in your templates/article.html to print them in the content too. }}
<section class="header">
<h1 class="title">{{title}}</h1>
{{#author}}
<p class="byline">{{author}}</p>
{{/author}}
</section>

"""#,
        "partials/references.html": #"""
<section class="references"><strong class="references-title">{{references_title}}</strong>{{#references}}<br>[{{number}}] {{#label}}{{label}}: {{/label}}{{url}}{{/references}}</section>

"""#,
        "theme.css": #"""
/* wxpub default theme.
   Every rule here is compiled once per run into a style table and written inline into the
   article's elements (WeChat drops <style> and classes): inherited properties once on the
   root, the rest only where they change something. Light on purpose: WeChat counts the markup
   in its 20,000-character limit, so every declaration here is paid for on every element it
   styles (issue 10's budget: at most 1.6 characters of HTML per character of text).
   Rules kept on purpose, from WeChat's article-structure spec and its editor:
   - no font-family (the platform's own font stack is the only one that renders the same everywhere);
   - no !important (it breaks dark mode); no pure black (the editor drops it);
   - line-height never below the font size (unitless values are multipliers);
   - no fixed px widths wider than the 375px phone column; no text-align start/end; no position;
   - code keeps its spaces with non-breaking spaces and <br>, scrolls sideways, and never uses <pre>. */

.article { font-size: 16px; color: #333333; line-height: 1.75; letter-spacing: 0.5px; text-align: justify; }

p { margin: 0 0 16px; }

h1 { font-size: 22px; margin: 24px 0 16px; }
h2 { font-size: 20px; }
h3 { font-size: 18px; margin: 20px 0 12px; }
h4 { font-size: 17px; margin: 16px 0 8px; }
h5 { font-size: 16px; margin: 16px 0 8px; }
h6 { font-size: 15px; margin: 16px 0 8px; color: #555555; }

strong { font-weight: bold; }
em { font-style: italic; }
del { text-decoration: line-through; }

blockquote { margin: 0 0 16px; padding: 4px 12px; border-left: 3px solid #ddd; color: #666; }
blockquote p { margin: 0; }
blockquote blockquote { margin: 8px 0; }

/* Raw HTML lists. */
ul { margin: 0 0 16px; padding-left: 24px; list-style-type: disc; }
ol { margin: 0 0 16px; padding-left: 24px; list-style-type: decimal; }
ul ul { list-style-type: circle; margin: 4px 0; }
ol ol, ul ol, ol ul { margin: 4px 0; }
li { margin: 4px 0; }
li p { margin: 0 0 8px; }
/* Markdown lists are sections with the marker as text (WeChat's editor breaks nested ul/ol). */
.list { margin: 0 0 16px; }
.list .list { margin: 0; padding-left: 18px; }
.list-item p { margin: 0 0 8px; }
.task, .task-done { color: #576b95; }

hr { margin: 24px 0; border: 0; border-top: 1px solid #e5e5e5; }

a { color: #576b95; text-decoration: none; }
.footnote-ref { color: #576b95; }

/* Inline code is set apart by its monospace font alone (no colour: one styled element in every
   paragraph of a technical post costs more of WeChat's 20,000 characters than any other). */

.code-block { margin: 0 0 16px; padding: 8px 12px; background-color: #fafbfc; overflow-x: auto; white-space: pre; font-size: 13px; }
.code-lang { color: #888; }
.line-number { color: #bbbbbb; }
/* Highlighted code: one rule per token class; a class without a rule, and plain code text, get no span.
   The default colours what carries meaning (keywords, types, strings, names) and leaves numbers,
   operators and comments in the code's own colour: every span costs characters of WeChat's 20,000
   (a commented line would pay for two). Three-digit colours, close to GitHub's light palette. */
.hl-keyword { color: #c22; }
.hl-type { color: #940; }
.hl-string { color: #036; }
.hl-function { color: #85d; }
.hl-attribute { color: #163; }

figure { margin: 16px 0; text-align: center; }
.image { display: block; max-width: 100%; height: auto; margin: 0 auto; }
.image-inline { max-width: 100%; height: auto; vertical-align: middle; }
figcaption { font-size: 13px; color: #888888; }

table { border-collapse: collapse; }
th, td { border: 1px solid #dddddd; padding: 6px 8px; font-size: 14px; line-height: 1.5; }
th { background-color: #fafbfc; }
.table-scroll { overflow-x: auto; margin: 0 0 16px; }
.row-even td { background-color: #fafafa; }

.footnotes { margin: 32px 0 0; padding-top: 12px; border-top: 1px solid #e5e5e5; font-size: 13px; color: #666666; }
.footnotes-title { font-size: 16px; font-weight: bold; margin: 0 0 8px; color: #555555; }
.footnote p { margin: 0 0 4px; }
.footnote-number { color: #576b95; }

.header { margin: 0 0 20px; }
.title { font-size: 22px; line-height: 1.4; margin: 0 0 8px; }
.byline { font-size: 14px; color: #888888; margin: 0; }

.references { margin: 32px 0 0; font-size: 13px; color: #666; word-break: break-all; text-align: left; }
.references-title { font-size: 16px; color: #555; }

.footer { margin: 32px 0 0; text-align: center; font-size: 14px; color: #888888; }

"""#,
    ]
}

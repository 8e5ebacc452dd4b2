import Foundation
import WXContent
import WXRender
import WXSupport

/// What `wxpub init` writes: a site that checks clean and publishes to the sandbox as it is.
enum SiteScaffold {
    /// Every file of a new site, in the order `wxpub init` reports them; `theme` is a built-in
    /// theme's name, written to `wxpub.yml` and copied into `templates/` for the site to edit.
    static func files(date: String, time: String, theme: BuiltInTheme) -> [(String, Data)] {
        var files: [(String, Data)] = [
            (SiteConfig.fileName, Data(config(theme: theme.name).utf8)),
            (".gitignore", Data(gitignore.utf8)),
            ("content/posts/\(date)-hello-wxpub.md", Data(examplePost(date: date, time: time).utf8)),
            ("content/images/cover.png", coverPNG),
        ]
        for name in theme.files.keys.sorted() { files.append(("templates/" + name, Data(theme.files[name]!.utf8))) }
        return files
    }

    /// Writes a new site into `folder` (for `wxpub themes` outside a site).
    static func write(to folder: URL, date: String, time: String, theme: BuiltInTheme = BuiltInTheme.all[0]) throws {
        for (path, data) in files(date: date, time: time, theme: theme) {
            try AtomicFile.write(data, to: folder.appendingPathComponent(path))
        }
    }

    static func config(theme: String) -> String {
        theme == BuiltInTheme.defaultName ? config : config + "theme: \(theme)                # a built-in theme (`wxpub themes`); templates/ overrides it file by file\n"
    }

    static let config = """
        # wxpub site configuration — see the README for every key.
        account:
          name: 我的公众号
          type: subscription          # subscription (订阅号: 1 broadcast a day) or service (服务号: 4 a month)
          appid: wx0000000000000000   # from 公众平台 → 设置与开发 → 基本配置
          secret_env: WXPUB_APPSECRET # the AppSecret is read from this variable, never from this file
        timezone: Asia/Shanghai

        groups:
          starred: 2                  # 星标组 (tag id 2); add your own tags by name: `vip: 会员`

        defaults:
          groups: [all]
          comments: open
          cover: content/images/cover.png

        """

    static func examplePost(date: String, time: String) -> String {
        """
        ---
        title: 你好，wxpub
        digest: 第一篇用 Markdown 写的公众号文章。
        publish_at: \(date) \(time)
        ---

        ## 开始写作

        在 `content/posts/` 里新建 Markdown 文件，front matter 写标题、摘要和发布时间。
        运行 `wxpub check` 检查，`wxpub publish --dry-run` 查看发布计划，
        `wxpub publish --sandbox` 在本地沙箱里完整走一遍群发。

        参考 [wxpub 文档](https://example.com/wxpub) 了解更多写法。

        """
    }

    static let gitignore = """
        # wxpub: build output and local state. The token cache must never be committed.
        /build/
        .wxpub/token.json
        .wxpub/*.lock
        .wxpub/sandbox/
        .wxpub/cache/

        """

    /// A 900×383 PNG (the 2.35:1 cover ratio WeChat crops to), so the example has a cover.
    static let coverPNG = Data(base64Encoded: """
        iVBORw0KGgoAAAANSUhEUgAAA4QAAAF/CAIAAACe5pCfAAAIFklEQVR42u3dMY4WVxCF0QKVBCsjhxUgWd6FI2/DYguQkrKryZ5z
        Wy39UV26+pzQEZpx8Ol28Xj34dfXAgCAhK5z/BQAAIh470cAAIAYBQDgcbp8pQcAIMQyCgCAGAUAQIwCAMAYN6MAAMRYRgEAiOky
        jQIAEGIZBQAgxs0oAAAxllEAAMQoAABiFAAAxrgZBQAgxjIKAIAYBQBAjAIAwJiu42gUAIAMyygAAGIUAIDn8bQTAAAxllEAAMQo
        AABiFAAAxrgZBQAgxjIKAEBMl2kUAIAQyygAADFuRgEAiLGMAgAgRgEAEKMAADDGzSgAADGWUQAAxCgAAGIUAADGdB1HowAAZFhG
        AQAQowAAiFEAABjjnVEAAGIsowAAiFEAAJ7HZ3oAAGIsowAAxHSZRgEACLGMAgAQ42YUAIAYyygAAGIUAAAxCgAAY9yMAgAQYxkF
        AECMAgAgRgEAYEzXcTQKAECGZRQAADEKAIAYBQCAMd4ZBQAgxjIKAIAYBQBAjAIAwBg3owAAxFhGAQCI6TKNAgAQi1EtCgBAiM/0
        AACIUQAAxCgAAIxxMwoAQIxlFAAAMQoAgBgFAIAxXcfRKAAAGZZRAADEKAAAYhQAAMZ4ZxQAgBjLKAAAYhQAADEKAABj3IwCABBj
        GQUAIKbLNAoAQIhlFACAGDejAADEWEYBABCjAAA8j8/0AADEWEYBABCjAACIUQAAGNN1HI0CAJBhGQUAQIwCACBGAQBgjHdGAQCI
        sYwCACBGAQAQowAAMMbNKAAAMZZRAABiukyjAACEWEYBAIhxMwoAQIxlFAAAMQoAgBgFAIAxbkYBAIixjAIAIEYBAHieruM7PQAA
        GZZRAADEKAAAYhQAAMZ42gkAgBjLKAAAYhQAADEKAABj3IwCABBjGQUAIKbLNAoAQIhlFACAGDejAADEWEYBABCjAACIUQAAGONm
        FACAGMsoAABiFAAAMQoAAGO6jqNRAAAyLKMAAIhRAACex9NOAADEWEYBAIjpO/6h3/747jcHAPB/H799udcf2DIKAECMm1EAgEXu
        lnaWUQAAYrpMowAAe9ws7SyjAADELLkZ/fjPZ79LAOBp3v788d//5GYUAADEKAAAYhQAAC5seWfUkwAAAOVmFAAAxCgAAGIUAAAu
        dZ0V55bH0SgAwP2iyDIKAIAYBQBAjAIAwBjvjAIALOKdUQAAEKMAAPzufKYHAFjEZ3oAAHhRl2kUAGAPj94DAMBr3IwCACziZhQA
        AMQoAABiFAAALrgZBQBYxM0oAACIUQAAxCgAAFzoOivOLY+jUQCA+0WRZRQAADEKAIAYBQCAMd4ZBQBYxDujAAAgRgEAEKMAAHDB
        zSgAwCJ3i6IuNQoAoEZDfKYHACDGZ3oAgEU87QQAAGIUAAAxCgAAF9yMAgAs4mYUAADEKAAAYhQAAC50nRXnlsfRKADA/aLIMgoA
        gBgFAECMAgDAGO+MAgAs4p1RAAAQowAAiFEAALjgZhQAYBE3owAA8KIu0ygAwB43iyKf6QEAtGiMz/QAAIhRAADEKAAAjHEzCgCw
        iJtRAAAQowAAiFEAALjQdVacWx5HowAA94siyygAAGIUAAAxCgAAY7wzCgCwiHdGAQBAjAIAIEYBAOCCm1EAgEXcjAIAwIu6TKMA
        AHv4F5gAAOA1bkYBABZxMwoAAGIUAIDfnc/0AACL+EwPAABiFAAAMQoAABe6zopzy+NoFADgflFkGQUAQIwCACBGAQBgjHdGAQAW
        uVsU9Y4f+9tfP/2/BwBwOz7TAwAgRgEAeJ52bQkAsId/mx4AAF7U/iI6AMAiN0u7dx/+/uSXBgBAhJtRAABi3IwCACBGAQAQowAA
        MMbNKAAAMZZRAADEKAAAz9N1fKcHACDDMgoAgBgFAECMAgDAGE87AQAQYxkFAECMAgAgRgEAYIybUQAAYiyjAADEdJlGAQAIsYwC
        ABDjZhQAgBjLKAAAYhQAADEKAABj3IwCABBjGQUAQIwCACBGAQBgTNdxNAoAQIZlFAAAMQoAwPN42gkAgBjLKAAAYhQAADEKAABj
        3IwCABBjGQUAIKbLNAoAQIhlFACAGDejAADEWEYBABCjAACIUQAAGONmFACAGMsoAABiFAAAMQoAAGO6jqNRAAAyLKMAAIhRAADE
        KAAAjPHOKAAAMZZRAADEKAAAz+MzPQAAMZZRAABiukyjAACEWEYBAIhxMwoAQIxlFAAAMQoAgBgFAIAxbkYBAIixjAIAIEYBABCj
        AAAwpus4GgUAIMMyCgCAGAUAQIwCAMAY74wCABBjGQUAQIwCACBGAQBgjJtRAACCMapGAQAI8ZkeAIAYn+kBAIixjAIAIEYBABCj
        AAAwxs0oAAAxllEAAMQoAABiFAAAxnQdR6MAAGRYRgEAEKMAAIhRAAAY451RAABiLKMAAIhRAADEKAAAjHEzCgBAjGUUAICYLtMo
        AAAhllEAAGLcjAIAEGMZBQBAjAIA8Dw+0wMAEGMZBQBAjAIAIEYBAGBM13E0CgBAhmUUAAAxCgCAGAUAgDHeGQUAIMYyCgCAGAUA
        QIwCAMAYN6MAAMRYRgEAiOkyjQIAEGIZBQAgxs0oAAAxllEAAMQoAABiFAAAxrgZBQAgxjIKAIAYBQDgebqO7/QAAGRYRgEAEKMA
        AIhRAAAY42knAABiLKMAAIhRAADEKAAAjHEzCgBAjGUUAICYLtMoAAAhllEAAGLcjAIAEGMZBQBAjAIAIEYBAGCMm1EAAGIsowAA
        iFEAAJ7nX+MK3kN6IU8gAAAAAElFTkSuQmCC
        """.replacingOccurrences(of: "\n", with: ""))!
}

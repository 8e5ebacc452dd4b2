// WeChat article-structure rules (issue 7).

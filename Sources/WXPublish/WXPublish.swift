// WXPublish: see its issue.

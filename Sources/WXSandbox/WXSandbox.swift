// WXSandbox: see its issue.

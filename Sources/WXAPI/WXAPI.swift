// WXAPI: see its issue.

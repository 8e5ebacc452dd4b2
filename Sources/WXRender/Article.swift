// The WeChat article compiled from a post lives here (see the render issue).

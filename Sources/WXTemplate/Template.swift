// Mustache-subset templates live here (see the render issue).

"""Use cases. Each opens one unit of work, commits, and returns plain detached results."""

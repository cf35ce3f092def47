"""newsrag: answers about news articles with cited, checkable passages."""

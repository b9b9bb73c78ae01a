"""storybot: answers about a news story, citing the exact sentences of its articles."""

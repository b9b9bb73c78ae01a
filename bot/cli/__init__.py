"""The terminal adapter: the `storybot` command line, its chat REPL and its text rendering."""

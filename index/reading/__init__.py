"""Reading articles: files, folders and URLs into clean articles with their metadata."""

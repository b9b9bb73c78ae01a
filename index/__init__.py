"""The story index: reading articles, sentences, chunks, the Chroma store and retrieval."""

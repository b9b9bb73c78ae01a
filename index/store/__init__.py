"""Storage and retrieval: the Chroma store, the in-memory catalog (and its cache), search."""

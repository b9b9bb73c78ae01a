"""Windows of consecutive sentences, each knowing the sentence range it covers."""

from __future__ import annotations

from collections.abc import Sequence

from index.records import Article, Chunk, Sentence


def make_chunks(
    article: Article, sentences: Sequence[Sentence], size: int = 4, overlap: int = 1
) -> tuple[Chunk, ...]:
    """Windows of `size` sentences overlapping by `overlap`; the text is the article's own slice."""
    if not sentences:
        return ()
    step = max(1, size - overlap)
    chunks: list[Chunk] = []
    start = 0
    while True:
        window = sentences[start : start + size]
        first, last = window[0], window[-1]
        chunks.append(
            Chunk(
                article_id=article.id,
                n=len(chunks) + 1,
                first=first.n,
                last=last.n,
                text=article.text[first.start : last.end],
            )
        )
        if start + size >= len(sentences):
            return tuple(chunks)
        start += step

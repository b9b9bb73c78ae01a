"""A local cache of the catalog, so a cold start does not re-read and re-index the store.

One folder per store collection set, holding the vectors (NumPy), articles and sentences
(JSON) and the BM25 index (NumPy arrays) — no pickles. The cache is used only for the
store id and revision it was written for, and never trusted even then: it must list the
articles the store lists, at the same versions and sentence counts, each article's text must
hash to its version, each sentence must be its article's text at its offsets, and the vectors
and BM25 index must have a row per sentence. Anything else is logged and rebuilt from the store.

A cold start asks the store's revision mark (index/store/marker.py) for the key and the listing
first, so a fresh `storybot ask` reads only the cache; without a trustworthy mark, or when the
cache disagrees with it, the store itself is asked.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import zipfile
from dataclasses import asdict
from pathlib import Path

import numpy as np

from index.protocols import Store
from index.reading.articles import article_version
from index.records import Article, Sentence
from index.store.catalog import Catalog
from index.store.marker import digest
from index.text.lexical import LexicalIndex

log = logging.getLogger(__name__)
_FORMAT = 2  # 2: the lexical index as NumPy arrays of our own


def load_catalog(store: Store, cache_dir: Path | None = None) -> Catalog:
    """Every committed article and sentence of a ChromaStore, from the local cache if fresh.

    Reading 30k sentences back from Chroma and indexing them takes seconds; the cache,
    keyed by the store's id and revision, makes a cold start take a fraction of that.
    """
    mark = store.marked()
    if cache_dir is not None and mark is not None:
        cached = load(cache_dir, store.name, mark.key)
        if cached is not None:
            problem = content_problem(cached, store.dim)
            if problem is None and digest(listing(cached)) != mark.listing:
                problem = "its articles are not those the store's revision mark lists"
            if problem is None:
                return cached
            log.warning("the catalog cache in %s is not used: %s", cache_dir, problem)
    revision = store.revision()
    key = f"{store.store_id}-{revision}"
    if cache_dir is not None:
        cached = load(cache_dir, store.name, key)
        if cached is not None:
            problem = disagreement(cached, store.article_versions(), store.dim)
            if problem is None:
                return cached
            log.warning("the catalog cache in %s was rebuilt: %s", cache_dir, problem)
    articles = store.list_articles()
    sentences, vectors = store.load_sentences(articles)
    catalog = Catalog({a.id: a for a in articles}, sentences, vectors, revision)
    if cache_dir is not None:
        save(catalog, cache_dir, store.name, key)
    return catalog


def save(catalog: Catalog, cache_dir: Path, name: str, key: str) -> None:
    """Write the catalog for this store name and key, replacing any older copy atomically."""
    target = Path(cache_dir) / name
    try:
        Path(cache_dir).mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=cache_dir))
        np.save(staging / "vectors.npy", catalog.vectors)
        data = {
            "format": _FORMAT,
            "key": key,
            "revision": catalog.revision,
            "articles": [asdict(a) for a in catalog.articles.values()],
            "sentences": [
                [s.article_id, s.n, s.paragraph, s.start, s.end, s.text] for s in catalog.sentences
            ],
        }
        (staging / "catalog.json").write_text(json.dumps(data), encoding="utf-8")
        catalog.lexical.save(staging / "lexical")
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    except OSError as exc:  # a cache is an optimisation: never fail the command for it
        log.warning("could not write the catalog cache in %s: %s", cache_dir, exc)


def load(cache_dir: Path, name: str, key: str) -> Catalog | None:
    """The cached catalog for this store name and key, or None if absent, stale or unreadable."""
    folder = Path(cache_dir) / name
    try:
        data = json.loads((folder / "catalog.json").read_text(encoding="utf-8"))
        if data.get("format") != _FORMAT or data.get("key") != key:
            return None
        articles = [Article(**a) for a in data["articles"]]
        sentences = [Sentence(*row) for row in data["sentences"]]
        vectors = np.load(folder / "vectors.npy")
        lexical = LexicalIndex.load(folder / "lexical")
    except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile) as exc:
        if folder.exists():
            log.info("ignoring the catalog cache in %s: %s", folder, exc)
        return None
    return Catalog({a.id: a for a in articles}, sentences, vectors, data["revision"], lexical)


def listing(catalog: Catalog) -> dict[str, tuple[str, int]]:
    """Each article of the catalog with its version and sentence count, as the store lists it."""
    return {a.id: (a.version, len(catalog.span(a.id))) for a in catalog.articles.values()}


def disagreement(
    catalog: Catalog, stored: dict[str, tuple[str, int]], dim: int | None = None
) -> str | None:
    """Why a cached catalog cannot be used for a store listing these articles, or None."""
    cached = listing(catalog)
    if cached.keys() != stored.keys():
        return f"it lists {len(cached)} articles, the store {len(stored)}"
    changed = sorted(i for i in stored if cached[i] != stored[i])
    if changed:
        return f"article {changed[0]} differs from the store"
    return content_problem(catalog, dim)


def content_problem(catalog: Catalog, dim: int | None = None) -> str | None:
    """Why a cached catalog does not hold together (texts, sentences, vectors, BM25), or None."""
    for article in catalog.articles.values():
        fields = {f: getattr(article, f) for f in ("title", "source", "byline", "date", "url")}
        if article_version(article.text, header=article.header, **fields) != article.version:
            return f"article {article.id}'s text does not match its version"
    for s in catalog.sentences:
        text = catalog.articles[s.article_id].text
        if text[s.start : s.end] != s.text:
            return f"sentence {s.n} of {s.article_id} is not in its article"
    rows = len(catalog.sentences)
    vectors = catalog.vectors
    if vectors.ndim != 2 or vectors.shape[0] != rows or (dim and vectors.shape[1] != dim):
        return f"it has {vectors.shape[0]} vectors for {rows} sentences"
    if not np.isfinite(vectors).all():
        return "its vectors are not all finite"
    if catalog.lexical is None or not catalog.lexical.size == catalog.lexical.documents == rows:
        return "its BM25 index does not cover every sentence"
    return None

"""The catalog cache is checked against the store and rebuilt when they disagree, never trusted;
the store's revision is committed with its articles and recovered when the store is opened."""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import cast

import numpy as np
import pytest

from bot.engine import Engine
from bot.settings import Settings, StoreSettings
from index.store.chroma import ChromaStore
from index.text.lexical import LexicalIndex
from tests.conftest import CNN, REWORDED

QUESTION = "How much aid did Rubio announce?"


def open_engine(data: Path) -> Engine:
    """A new engine (as a new process would make) on the store and cache in `data`."""
    return Engine.from_settings(
        replace(Settings(), data_dir=data, store=StoreSettings(data / "db"))
    )


def chroma(engine: Engine) -> ChromaStore:
    return cast(ChromaStore, engine.store)


def contents(engine: Engine) -> tuple:
    """What readers see: article versions, every sentence, the vectors."""
    catalog = engine.catalog
    return (
        {a.id: a.version for a in catalog.articles.values()},
        [(s.article_id, s.n, s.text) for s in catalog.sentences],
        catalog.vectors.tobytes(),
    )


@pytest.fixture
def cached(tmp_path) -> tuple[Path, Path, tuple]:
    """A store with both versions of the story, and a cache written for it."""
    engine = open_engine(tmp_path)
    engine.ingest([str(CNN), str(REWORDED)])
    truth = contents(engine)  # loading the catalog writes the cache
    folder = tmp_path / "cache" / engine.store.name
    assert (folder / "catalog.json").exists()
    return tmp_path, folder, truth


def _edit_json(folder: Path, change: Callable[[dict], None]) -> None:
    data = json.loads((folder / "catalog.json").read_text(encoding="utf-8"))
    change(data)
    (folder / "catalog.json").write_text(json.dumps(data), encoding="utf-8")


def _reword_sentence(data: dict) -> None:
    for row in data["sentences"]:
        row[5] = row[5].replace("$13.5 million", "$99.9 million")


def _reword_article(data: dict) -> None:
    for article in data["articles"]:
        article["text"] = article["text"].replace("$13.5 million", "$99.9 million")
    for row in data["sentences"]:
        row[5] = row[5].replace("$13.5 million", "$99.9 million")


def _drop_article(data: dict) -> None:
    data["articles"] = data["articles"][:1]
    data["sentences"] = [r for r in data["sentences"] if r[0] == data["articles"][0]["id"]]


def _fewer_vectors(folder: Path) -> None:
    np.save(folder / "vectors.npy", np.load(folder / "vectors.npy")[:-3])


def _nan_vector(folder: Path) -> None:
    vectors = np.load(folder / "vectors.npy")
    vectors[0, 0] = np.nan
    np.save(folder / "vectors.npy", vectors)


def _other_bm25(folder: Path) -> None:
    shutil.rmtree(folder / "lexical")
    LexicalIndex([["one"], ["two"]]).save(folder / "lexical")


TAMPERING = {
    "a sentence quotes an amount the store does not hold": lambda f: _edit_json(
        f, _reword_sentence
    ),
    "an article's text and sentences reworded together": lambda f: _edit_json(f, _reword_article),
    "an article missing": lambda f: _edit_json(f, _drop_article),
    "fewer vectors than sentences": _fewer_vectors,
    "a vector that is not a number": _nan_vector,
    "a BM25 index of another corpus": _other_bm25,
    "catalog.json is not JSON": lambda f: (f / "catalog.json").write_bytes(b"\x00\xffnot json"),
    "vectors.npy is garbage": lambda f: (f / "vectors.npy").write_bytes(b"garbage"),
    "the BM25 files are gone": lambda f: shutil.rmtree(f / "lexical"),
}


@pytest.mark.parametrize("tamper", TAMPERING.values(), ids=TAMPERING.keys())
def test_a_damaged_or_tampered_cache_is_rebuilt_from_the_store(cached, tamper, caplog):
    """Whatever is wrong with the cache, readers see exactly what the store holds."""
    data, folder, truth = cached
    tamper(folder)
    engine = open_engine(data)
    with caplog.at_level(logging.INFO, logger="index.store.catalog_cache"):
        assert contents(engine) == truth
    assert "catalog cache" in caplog.text
    assert "99.9" not in engine.ask(QUESTION).text
    assert contents(open_engine(data)) == truth  # and the rebuilt cache is good again


def test_a_cache_that_agrees_with_the_store_is_used(cached, caplog):
    """No rebuild, no warning, when nothing is wrong."""
    data, _, truth = cached
    with caplog.at_level(logging.INFO, logger="index.store.catalog_cache"):
        assert contents(open_engine(data)) == truth
    assert caplog.text == ""


def _crash_before_the_counter_moved(engine: Engine, revision: int, in_records: bool) -> None:
    """Leave the store as a crash between the commit and the revision update would."""
    store = chroma(engine)
    meta = dict(store.articles.metadata or {})
    store.articles.modify(metadata={**meta, "revision": revision})
    if not in_records:  # a store written before revisions were kept with the articles
        got = store.articles.get(include=["metadatas"])
        for article_id, m in zip(got["ids"], got["metadatas"], strict=True):
            store.articles.update(ids=[article_id], metadatas=[{**m, "revision": 0}])


@pytest.mark.parametrize("in_records", [True, False], ids=["recovered", "cache checked"])
def test_articles_committed_before_a_crash_are_never_hidden(tmp_path, in_records):
    """A crash after the commit, before the counter moved: the next reader sees every article.

    The counter is recovered from the article records on open; on an older store, where the
    records do not carry it, the cache disagrees with the store's listing and is rebuilt.
    """
    first = open_engine(tmp_path)
    first.ingest([str(CNN)])
    assert list(first.catalog.articles) == [CNN.stem]  # cached at this revision
    revision = first.store.revision()
    first.ingest([str(REWORDED)])
    _crash_before_the_counter_moved(first, revision, in_records)

    after = open_engine(tmp_path)
    assert sorted(after.catalog.articles) == sorted([CNN.stem, REWORDED.stem])
    assert (after.store.revision() > revision) == in_records
    assert after.quote(REWORDED.stem, 17).citation.text.startswith("Rubio also announced")
    report = after.ingest([str(REWORDED)])
    assert [a.status for a in report.articles] == ["unchanged"]

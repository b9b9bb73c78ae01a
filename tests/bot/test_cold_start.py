"""A question from a fresh process on a stored, cached story opens neither Chroma nor llama-index,
says where its time went, and never answers from a cache the store has moved past."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from index.store.marker import RevisionMark, digest
from tests.bot.conftest import make_engine

QUESTION = "How much aid did Rubio announce?"
PROBE = """
import json, sys
from bot.cli.main import main
status = main(["ask", "--json", {question!r}])
loaded = [m for m in ("llama_index.core", "chromadb", "bm25s") if m in sys.modules]
print(json.dumps({{"status": status, "loaded": loaded}}), file=sys.stderr)
"""

pytestmark = pytest.mark.timeout(180)


def ask_in_a_new_process(data: Path) -> tuple[dict, list[str]]:
    """The answer's JSON and the heavy modules the process imported."""
    env = {**os.environ, "STORYBOT_DATA_DIR": str(data)}
    env.pop("CHROMA_PATH", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(question=QUESTION)],
        env=env, cwd=data, capture_output=True, text=True, timeout=150,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    probe = json.loads(done.stderr.strip().splitlines()[-1])
    assert probe["status"] == 0
    return json.loads(done.stdout), probe["loaded"]


@pytest.fixture(scope="module")
def cached(tmp_path_factory, story_dir) -> tuple[Path, list[tuple[dict, list[str]]]]:
    """A data folder holding the story, and two questions asked of it in new processes: the
    first builds the catalog cache, the second is answered from it."""
    data = tmp_path_factory.mktemp("cached")
    engine = make_engine(data)
    assert len(engine.ingest([str(story_dir)]).stored) == 2
    engine.close()
    return data, [ask_in_a_new_process(data), ask_in_a_new_process(data)]


@pytest.fixture
def stored(cached, tmp_path) -> Path:
    """A copy of the cached folder for one test to change."""
    copy = tmp_path / "data"
    shutil.copytree(cached[0], copy, ignore=shutil.ignore_patterns("storybot.lock*"))
    return copy


def test_a_cached_question_imports_neither_chroma_nor_llama_index(cached):
    """First question: the cache is built (Chroma opened); the next opens nothing heavy."""
    _, [(first, loaded_first), (second, loaded_second)] = cached
    assert "chromadb" in loaded_first and loaded_second == []
    assert second["answer"] == first["answer"] and "13.5 million" in second["answer"]
    timings = second["timings_ms"]
    assert {"startup", "model", "embed", "total", "process"} <= set(timings)
    assert timings["process"] >= timings["startup"] + timings["total"] * 0.9


def test_a_write_after_the_cache_is_seen_by_the_next_question(stored):
    """Forgetting an article moves the mark on: the next fresh question does not cite it."""
    engine = make_engine(stored)
    engine.forget("001_39477fe5179230ce")
    engine.close()
    answer, loaded = ask_in_a_new_process(stored)
    assert {c["article_id"] for c in answer["citations"]} == {"000_b4c534ddc7fcb3f0"}
    assert "chromadb" in loaded  # the cache was stale, so the store was read again


def test_a_write_that_never_finished_makes_readers_ask_the_store(stored):
    """A mark left at "writing" (a crash mid-write) is not trusted: Chroma is asked instead, and
    the reader, holding the store's lock, puts the mark right for the next question."""
    RevisionMark(stored / "chroma", "storybot-wordllama").writing()
    answer, loaded = ask_in_a_new_process(stored)
    assert "chromadb" in loaded and "13.5 million" in answer["answer"]
    again, loaded_again = ask_in_a_new_process(stored)
    assert loaded_again == [] and again["answer"] == answer["answer"]


def test_a_cache_that_disagrees_with_the_store_is_not_used(stored):
    """A cached article edited on disk is caught: the store is read again, the answer right."""
    (cache,) = (stored / "cache").iterdir()
    data = json.loads((cache / "catalog.json").read_text())
    data["articles"][0]["version"] = "0" * 16
    (cache / "catalog.json").write_text(json.dumps(data))
    answer, loaded = ask_in_a_new_process(stored)
    assert "chromadb" in loaded and "13.5 million" in answer["answer"]


@pytest.mark.parametrize(
    "content",
    ["", "{", '{"state": "written"}', '{"state": "written", "key": "a-1"}', '["written"]'],
)
def test_an_unreadable_mark_is_no_mark(tmp_path, content):
    """Empty, broken, keyless or listing-less marks are not trusted."""
    mark = RevisionMark(tmp_path, "s")
    mark.path.write_text(content)
    assert mark.read() is None


def test_the_mark_records_each_committed_write(stored, story_dir):
    """After ingest and after forget the mark names the store's revision and its articles."""
    engine = make_engine(stored)
    for forget in ("000_b4c534ddc7fcb3f0", None):
        mark = engine.store.marked()
        assert mark is not None
        assert mark.key == f"{engine.store.store_id}-{engine.store.revision()}"
        assert mark.listing == digest(engine.store.article_versions())
        if forget:
            engine.forget(forget)


def test_timings_are_printed_on_request(real_story_engine, capsys):
    """`ask --timings` prints one line of where the time went, startup included."""
    from bot.cli.main import main

    status = main(
        ["ask", "--timings", QUESTION], environ={}, engine_factory=lambda s: real_story_engine
    )
    line = capsys.readouterr().err.strip().splitlines()[-1]
    assert status == 0 and line.startswith("timings (ms): startup ") and " total " in line

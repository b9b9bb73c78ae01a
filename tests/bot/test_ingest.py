"""Ingest stores each article whole or not at all; bad input gets one line and loses nothing."""

from __future__ import annotations

import shutil

import pytest

from bot.cli.main import main
from index.errors import InputError, StoreError

CNN = "000_b4c534ddc7fcb3f0"


def snapshot(engine) -> dict:
    """Everything a reader can see: articles with versions, and every sentence."""
    catalog = engine.catalog
    return {
        "articles": {a.id: a.version for a in catalog.articles.values()},
        "sentences": [(s.article_id, s.n, s.text) for s in catalog.sentences],
    }


@pytest.fixture
def stored(engine, story_dir, tmp_path):
    """An engine with the CNN article stored from a copy we may edit."""
    copy = tmp_path / f"{CNN}.txt"
    shutil.copy(story_dir / f"{CNN}.txt", copy)
    report = engine.ingest([str(copy)])
    assert [a.status for a in report.articles] == ["added"]
    return engine, copy


def test_reingesting_the_same_content_is_a_no_op(stored):
    """Nothing is rewritten when the content has not changed."""
    engine, copy = stored
    before = snapshot(engine)
    report = engine.ingest([str(copy)])
    assert [a.status for a in report.articles] == ["unchanged"]
    assert snapshot(engine) == before


def test_changed_content_replaces_the_old_version_whole(stored):
    """An edited article replaces every sentence of the old one; no old sentence remains."""
    engine, copy = stored
    text = copy.read_text(encoding="utf-8").replace("$13.5 million", "$14 million")
    copy.write_text(text + "\n\nA new closing sentence was added.\n", encoding="utf-8")
    report = engine.ingest([str(copy)])
    assert [a.status for a in report.articles] == ["replaced"]
    texts = [s.text for s in engine.catalog.article_sentences(CNN)]
    assert any("$14 million" in t for t in texts) and not any("$13.5 million" in t for t in texts)
    assert texts[-1] == "A new closing sentence was added."
    assert engine.store.sentences.count() == len(texts)  # old version's rows are gone


def test_forget_removes_one_article(stored, story_dir):
    """`forget` removes the article and all its sentences; others stay."""
    engine, _ = stored
    engine.ingest([str(story_dir / "001_39477fe5179230ce.txt")])
    engine.forget(CNN)
    assert list(engine.catalog.articles) == ["001_39477fe5179230ce"]
    assert {s.article_id for s in engine.catalog.sentences} == {"001_39477fe5179230ce"}


class FailingNodes:
    """A node store that fails on write, like a disk that filled up."""

    def add(self, nodes):
        raise OSError("disk full")


def test_a_failed_write_leaves_the_stored_version_intact(stored):
    """When storing the new version fails, readers still see the old one, whole."""
    engine, copy = stored
    before = snapshot(engine)
    copy.write_text(copy.read_text(encoding="utf-8") + "\n\nOne more line.\n", encoding="utf-8")
    engine.store.chunk_nodes = FailingNodes()  # sentences go in, then chunks fail
    report = engine.ingest([str(copy)])
    assert [a.status for a in report.articles] == ["failed"]
    assert "is full" in report.articles[0].error
    assert snapshot(engine) == before
    assert engine.store.sentences.count() == len(before["sentences"])  # new rows rolled back


def bad_inputs(tmp_path):
    """Files a user might drop by mistake, each with what its error must mention."""
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    (tmp_path / "latin.txt").write_bytes("caf\xe9 \x81\x8d\x8f\x90\x9d".encode("latin-1") * 50)
    (tmp_path / "page.html").write_text("<html><body><nav>Home | About</nav></body></html>")
    with (tmp_path / "huge.txt").open("wb") as f:
        f.truncate(50 * 2**20)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    return [
        (str(tmp_path / "missing.txt"), "missing"),
        (str(tmp_path / "empty.txt"), "empty"),
        (str(tmp_path / "binary.txt"), "binary"),
        (str(tmp_path / "latin.txt"), "UTF-8"),
        (str(tmp_path / "page.html"), "article"),
        (str(tmp_path / "huge.txt"), "MB"),
        (str(tmp_path / "notes.pdf"), ".pdf"),
    ]


def test_each_bad_input_gets_one_clear_line_a_nonzero_exit_and_loses_nothing(
    stored, tmp_path, capsys
):
    """Missing, empty, binary, non-UTF-8, article-less, 50 MB and unsupported files."""
    engine, _ = stored
    before = snapshot(engine)
    for path, hint in bad_inputs(tmp_path):
        status = main(["ingest", path], environ={}, engine_factory=lambda _: engine)
        err = capsys.readouterr().err.strip().splitlines()
        assert status != 0, path
        failure = [line for line in err if hint.lower() in line.lower()]
        assert len(failure) == 1, (path, err)
        assert snapshot(engine) == before


def test_a_folder_with_one_broken_file_stores_the_rest(engine, story_dir, tmp_path):
    """Good articles are stored, the broken one is reported, the exit status says so."""
    for f in story_dir.glob("*.txt"):
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "broken.txt").write_bytes(b"\x00\x00\x00")
    report = engine.ingest([str(tmp_path)])
    assert sorted(a.status for a in report.articles) == ["added", "added", "failed"]
    assert len(engine.catalog.articles) == 2


def test_a_missing_path_stores_nothing_even_beside_good_ones(engine, story_dir, tmp_path):
    """Arguments are all checked before anything is read or stored."""
    with pytest.raises(InputError):
        engine.ingest([str(story_dir), str(tmp_path / "nope.txt")])
    assert not engine.catalog.articles


def test_a_chroma_server_that_is_down_is_one_line(free_port):
    """CHROMA_HOST pointing at nothing says how to start a server."""
    from index.store.chroma import open_client

    with pytest.raises(StoreError) as err:
        open_client("127.0.0.1", free_port, False, "unused")
    assert "chroma run" in err.value.message and "\n" not in err.value.message

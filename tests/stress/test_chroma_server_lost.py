"""A Chroma server that goes away mid-ingest or mid-question: one clear line, nothing half
written, and storybot carries on by itself when the server is back."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from index.errors import StoreError
from tests.stress.support import (
    Capped,
    ChromaServer,
    capped_folder,
    check_store,
    reader,
    run_storybot,
    start_storybot,
    write_corpus,
)

QUESTION = "How much aid did Rubio announce?"


@pytest.fixture
def capped() -> Iterator[Capped]:
    with capped_folder(384) as folder:
        yield folder


@pytest.fixture
def server(capped: Capped) -> Iterator[ChromaServer]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    chroma = ChromaServer(capped.path / "server", port).start()
    try:
        yield chroma
    finally:
        chroma.kill()


def test_a_question_while_the_server_is_down_gets_one_line_then_answers_again(
    capped, server, story_dir
):
    """The engine is not restarted: the next question after the server returns is answered."""
    engine = reader(capped.path / "data", server)
    assert len(engine.ingest([str(story_dir)]).stored) == 2
    server.kill()
    with pytest.raises(StoreError) as caught:
        engine.ask(QUESTION)
    assert f"Lost the Chroma server at 127.0.0.1:{server.port}" in caught.value.message
    assert "Start it again" in caught.value.message
    server.start()
    assert "13.5 million" in engine.ask(QUESTION).text


def test_an_ingest_when_the_server_dies_stops_with_one_line_and_stores_nothing_half(capped, server):
    """kill -9 of the server mid-ingest: one line (not one per article), whole articles only,
    and the next ingest completes."""
    corpus = write_corpus(capped.path / "corpus", 250)
    ingest = start_storybot(capped, "ingest", str(corpus[0].parent), env=server.env)
    engine = reader(capped.path / "watch", server)
    deadline = time.monotonic() + 240
    while not engine.store.list_articles() and time.monotonic() < deadline:
        time.sleep(0.2)  # the first batch is committed: the ingest is under way
    server.kill()
    _, err = ingest.communicate(timeout=120)
    if ingest.returncode == 0:
        pytest.fail("the ingest finished before the server was killed; make the corpus bigger")
    lines = err.strip().splitlines()
    assert "Traceback" not in err
    assert len(lines) <= 2, err
    assert f"Lost the Chroma server at 127.0.0.1:{server.port}" in lines[-1]

    server.start()
    check = check_store(capped.path / "check", server)
    assert check.partial == [] and check.unreachable == [] and check.integrity == "ok"
    assert 0 < len(check.articles) < 250
    status, _, err = run_storybot(capped, "ingest", str(corpus[0].parent), env=server.env)
    assert status == 0, err
    assert len(check_store(capped.path / "check", server).articles) == 250

"""kill -9 of `storybot ingest` at random moments: afterwards every listed article is whole and
every sentence is found by search, and the next ingest completes with no repair by hand.

A first ingest stores the corpus and is timed; each round then edits a third of the articles
(so the killed ingest is replacing them) and kills the ingest at a random point of that time.
The fast version (2 kills, 40 articles) runs in ./run test; `./run slow` runs 10 kills on 250.
"""

from __future__ import annotations

import random
import signal
import time

import pytest

from tests.stress.support import (
    capped_folder,
    check_store,
    run_storybot,
    start_storybot,
    write_corpus,
)


def _edit(corpus, round_: int, rng: random.Random) -> None:
    """Append a sentence to a third of the articles, so they must be replaced."""
    for path in rng.sample(corpus, k=max(1, len(corpus) // 3)):
        with path.open("a", encoding="utf-8") as f:
            f.write(f"\n\nThe article was updated in round {round_}.\n")


@pytest.mark.parametrize(
    ("kills", "articles"),
    [(2, 40), pytest.param(10, 250, marks=pytest.mark.slow)],
    ids=["fast", "slow"],
)
def test_ingest_killed_at_random_moments_leaves_only_whole_articles(kills, articles):
    rng = random.Random(12)
    with capped_folder(512) as capped:
        corpus = write_corpus(capped.path / "corpus", articles)
        folder = str(corpus[0].parent)
        data = capped.path / "data"
        started = time.monotonic()
        status, _, err = run_storybot(capped, "ingest", folder)
        assert status == 0, err
        took = time.monotonic() - started

        running = 0
        for round_ in range(kills):
            _edit(corpus, round_, rng)
            ingest = start_storybot(capped, "ingest", folder)
            time.sleep(rng.uniform(0.3 * took, took))
            running += ingest.poll() is None
            ingest.send_signal(signal.SIGKILL)
            ingest.wait(timeout=60)
            check = check_store(data)
            assert check.integrity == "ok", f"round {round_}"
            assert len(check.articles) == articles, f"round {round_}"
            assert check.partial == [], f"round {round_}: {check.partial}"
            assert check.unreachable == [], f"round {round_}: {check.unreachable[:5]}"
        assert running >= kills - 1  # the kills landed while the ingest was running

        status, out, err = run_storybot(capped, "ingest", folder)
        assert status == 0 and "0 failed" in out, err
        check = check_store(data)
        assert len(check.articles) == articles
        assert check.partial == [] and check.unreachable == [] and check.integrity == "ok"

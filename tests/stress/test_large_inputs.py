"""Large inputs within the limits are stored whole, in writes within Chroma's batch size.

An article of more sentences than Chroma takes in one write (5,461 for the embedded store)
could never be stored, with advice to check the folder's permissions.
"""

from __future__ import annotations

from tests.stress.support import capped_folder, check_store, reader, run_storybot

SENTENCES = 6000  # past Chroma's 5,461-row write limit


def _long_article(sentences: int) -> str:
    return "\n\n".join(
        f"Paragraph {i} says the council met on day {i} and voted {i % 7} times."
        for i in range(1, sentences + 1)
    )


def test_an_article_longer_than_one_chroma_write_is_stored_whole():
    """6,000 sentences go in, every one is quoted back and found by search."""
    with capped_folder(256) as capped:
        (capped.path / "long.txt").write_text(_long_article(SENTENCES), encoding="utf-8")
        status, out, err = run_storybot(capped, "ingest", "long.txt")
        assert status == 0, err
        assert f"{SENTENCES} sentences" in out
        check = check_store(capped.path / "data")
        assert check.articles == {"long": SENTENCES}
        assert check.integrity == "ok" and check.partial == [] and check.unreachable == []
        engine = reader(capped.path / "data")
        last = engine.quote("long", SENTENCES, context=0).citation.text
        assert last.startswith(f"Paragraph {SENTENCES} says")
        answer = engine.ask("How often did the council vote on day 4321?")
        assert answer.citations[0].text.startswith("Paragraph 4321 says")
        engine.close()

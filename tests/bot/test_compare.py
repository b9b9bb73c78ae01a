"""`Engine.compare` on the story: shared facts, what only one version has, worded differently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.compare import agreement_note
from bot.engine import Engine
from bot.settings import Settings, StoreSettings
from index.errors import InputError, NotFoundError
from tests.index.story_pairs import CNN, REWORDED, SAME_MEANING, WORDED_DIFFERENTLY

EXTRA = "002_extra"
EXTRA_SENTENCE = "Noboa thanked Rubio for the visit and promised new talks in October."


def sentence_numbers(comparison, article_id: str) -> dict[int, int]:
    """Citation number → sentence number, for one article's citations."""
    return {c.n: c.sentence for c in comparison.citations if c.article_id == article_id}


def stored_text(engine, article_id: str, n: int) -> str:
    """A sentence exactly as stored (sentence 0: the article's header line)."""
    catalog = engine.catalog
    if n == 0:
        return catalog.articles[article_id].header
    return catalog.sentences[catalog.index_of(article_id, n)].text


@pytest.fixture(scope="module")
def comparison(real_story_engine):
    """The story's two versions compared."""
    return real_story_engine.compare()


def test_the_example_pairs_surface_as_worded_differently(comparison):
    """“a whole lot of difference pieces” / “many differences”, “just getting ramped up”."""
    cnn = sentence_numbers(comparison, CNN)
    flagged = {cnn[r.versions[0].citations[0]]: r for r in comparison.worded_differently}
    for n, (left, right) in WORDED_DIFFERENTLY.items():
        assert n in flagged, n
        shown = " ".join(f"{c.left} / {c.right}" for c in flagged[n].contrasts)
        assert left in shown and right.split()[0] in shown


def test_the_strongest_difference_comes_first(comparison):
    """“just getting ramped up” vs “intensifying its efforts” leads the list."""
    first = comparison.worded_differently[0]
    assert "just getting ramped up" in first.versions[0].text
    assert [r.severity for r in comparison.worded_differently] == sorted(
        (r.severity for r in comparison.worded_differently), reverse=True
    )


def test_light_rewordings_are_reported_by_both(comparison):
    """Same facts in other words go to "reported by both", one line with both citations."""
    cnn = sentence_numbers(comparison, CNN)
    shared = {cnn[f.citations[0]] for f in comparison.shared}
    assert shared >= SAME_MEANING
    assert all(f.articles == (CNN, REWORDED) and len(f.citations) == 2 for f in comparison.shared)


def test_every_aligned_fact_is_in_exactly_one_part(comparison):
    """18 facts: shared plus worded differently; the CNN byline line is metadata, not a fact."""
    assert len(comparison.shared) + len(comparison.worded_differently) == 18
    assert comparison.only_in_one == ()
    assert all(c.sentence > 0 for c in comparison.citations)


def test_every_line_is_cited_verbatim(real_story_engine, comparison):
    """Each line's text is its first citation's sentence, and every citation is stored text."""
    by_number = {c.n: c for c in comparison.citations}
    lines = [*comparison.shared, *comparison.only_in_one]
    lines += [v for r in comparison.worded_differently for v in r.versions]
    for line in lines:
        assert line.citations and by_number[line.citations[0]].text == line.text
    for c in comparison.citations:
        assert c.text == stored_text(real_story_engine, c.article_id, c.sentence)
    assert sorted(by_number) == list(range(1, len(by_number) + 1))


def test_the_json_shape_is_stable(comparison):
    """The documented keys, JSON-serialisable."""
    data = json.loads(json.dumps(comparison.to_dict()))
    assert list(data) == [
        "articles",
        "shared",
        "worded_differently",
        "only_in_one",
        "citations",
        "timings_ms",
    ]
    assert list(data["shared"][0]) == ["text", "citations", "articles"]
    reworded = data["worded_differently"][0]
    assert list(reworded) == ["severity", "versions", "differences"]
    assert list(reworded["differences"][0]) == [
        "kind",
        "severity",
        "detail",
        "left",
        "right",
        "citations",
    ]
    assert set(data["citations"][0]) == {
        "n", "article_id", "title", "source", "byline", "date", "sentence", "text",
    }  # fmt: skip


def test_answers_note_corroboration_and_disagreement(real_story_engine):
    """Both versions agree on $13.5 million; they differ on “just getting ramped up”."""
    catalog = real_story_engine.catalog

    def pair(n: int) -> list[int]:
        return [catalog.index_of(CNN, n), catalog.index_of(REWORDED, n)]

    assert agreement_note(catalog, pair(17)) == "reported by both sources"
    note = agreement_note(catalog, pair(8))
    assert note.startswith("sources differ: “just getting ramped up") and "intensifying" in note
    assert agreement_note(catalog, pair(8)[:1]) is None


def test_an_answer_cited_by_both_versions_says_so(real_story_engine):
    """The claim's note reaches the answer (and its JSON)."""
    answer = real_story_engine.ask("Are the United States and Ecuador finalising an asylum deal?")
    assert answer.answerable
    claim = answer.claims[0]
    assert len(claim.citations) == 2 and claim.note == "reported by both sources"
    assert answer.to_dict()["claims"][0]["note"] == "reported by both sources"


@pytest.fixture(scope="module")
def three_articles(tmp_path_factory: pytest.TempPathFactory, story_dir: Path) -> Engine:
    """The story plus a third version: 001 without its Navy sentence, with one sentence more."""
    data = tmp_path_factory.mktemp("three")
    reworded = (story_dir / f"{REWORDED}.txt").read_text(encoding="utf-8")
    navy = "The United States will also provide another $6 million"
    extra = reworded[: reworded.index(navy)].rstrip() + " " + EXTRA_SENTENCE + "\n"
    (data / f"{EXTRA}.txt").write_text(extra, encoding="utf-8")
    engine = Engine.from_settings(Settings(data_dir=data, store=StoreSettings(path=data / "db")))
    engine.ingest([str(story_dir), str(data / f"{EXTRA}.txt")])
    return engine


def test_what_only_one_version_has_is_listed_with_its_citation(three_articles):
    """The Navy sentence is only in the CNN original, the new sentence only in the third."""
    comparison = three_articles.compare([CNN, EXTRA])
    only = {(f.articles, f.text) for f in comparison.only_in_one}
    navy = stored_text(three_articles, CNN, 18)
    assert ((CNN,), navy) in only
    assert ((EXTRA,), EXTRA_SENTENCE) in only
    assert len(comparison.shared) + len(comparison.worded_differently) == 17


def test_three_articles_are_aligned_against_the_first(three_articles):
    """By default all stored articles; a fact all three report is one line citing three."""
    comparison = three_articles.compare()
    assert comparison.articles == (CNN, REWORDED, EXTRA)
    assert comparison.shared_heading == "Reported by several"
    assert max(len(f.citations) for f in comparison.shared) == 3
    navy = next(f for f in comparison.shared if "Navy" in f.text)
    assert navy.articles == (CNN, REWORDED)


@pytest.mark.parametrize(
    ("ids", "error"),
    [([CNN], InputError), ([CNN, "nope"], NotFoundError)],
)
def test_bad_article_lists_are_refused_in_one_line(real_story_engine, ids, error):
    """One article, or an unknown id, is an error the user can act on."""
    with pytest.raises(error):
        real_story_engine.compare(ids)


@pytest.fixture(scope="module")
def with_metadata_line(tmp_path_factory: pytest.TempPathFactory, story_dir: Path) -> Engine:
    """The reworded version with an update line (date and byline) between its paragraphs."""
    data = tmp_path_factory.mktemp("metadata")
    reworded = (story_dir / f"{REWORDED}.txt").read_text(encoding="utf-8")
    lines = reworded.splitlines()
    lines.insert(10, "Updated 2025-09-05 By Jane Doe, Reuters")
    (data / f"{EXTRA}.txt").write_text("\n\n".join(lines), encoding="utf-8")
    engine = Engine.from_settings(Settings(data_dir=data, store=StoreSettings(path=data / "db")))
    engine.ingest([str(story_dir / f"{CNN}.txt"), str(data / f"{EXTRA}.txt")])
    return engine


def test_a_metadata_line_in_the_body_is_never_a_fact(with_metadata_line):
    """“Updated 2025-09-05 By Jane Doe, Reuters” is stored, but compare lists it nowhere."""
    texts = [s.text for s in with_metadata_line.catalog.article_sentences(EXTRA)]
    assert "Updated 2025-09-05 By Jane Doe, Reuters" in texts
    comparison = with_metadata_line.compare()
    quoted = {c.text for c in comparison.citations}
    assert not any("Jane Doe" in text for text in quoted)
    assert comparison.only_in_one == ()

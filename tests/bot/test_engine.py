"""The engine end to end on the story: cited answers, refusals, summaries, sources, quotes."""

from __future__ import annotations

import pytest

from bot.records import Turn
from index.errors import InputError, NotFoundError

CNN, REWORDED = "000_b4c534ddc7fcb3f0", "001_39477fe5179230ce"


def stored_texts(engine) -> dict[tuple[str, int], str]:
    return {(s.article_id, s.n): s.text for s in engine.catalog.sentences}


def assert_verbatim(engine, citations, story_dir) -> None:
    """Every citation quotes a stored sentence exactly, and that sentence is in the file."""
    stored = stored_texts(engine)
    for c in citations:
        assert stored[(c.article_id, c.sentence)] == c.text
        assert c.text in (story_dir / f"{c.article_id}.txt").read_text(encoding="utf-8")


def test_aid_question_is_answered_from_both_versions(real_story_engine, story_dir):
    """The $13.5 million sentence leads, cited in the CNN original and the reworded version."""
    answer = real_story_engine.ask("How much aid did Rubio announce?")
    assert answer.answerable and "13.5 million" in answer.claims[0].text
    first = answer.claims[0].citations
    lead = {(c.article_id, c.sentence) for c in answer.citations if c.n in first}
    assert lead == {(CNN, 17), (REWORDED, 17)}
    cnn = next(c for c in answer.citations if c.article_id == CNN)
    assert (cnn.source, cnn.byline, cnn.date) == ("CNN", "Kylie Atwood", "2025-09-04")
    reworded = next(c for c in answer.citations if c.article_id == REWORDED)
    assert (reworded.source, reworded.byline, reworded.date, reworded.title) == (None,) * 4
    assert_verbatim(real_story_engine, answer.citations, story_dir)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How much is the UAV package for Ecuador's Navy worth?", "$6 million"),
        ("Who did Rubio praise?", "Noboa"),
        ("Which gangs were designated as terrorist organizations?", "Los Choneros"),
        ("What role does Marco Rubio hold?", "Secretary of State"),
    ],
)
def test_answers_lead_with_the_sentence_that_answers(
    real_story_engine, story_dir, question, expected
):
    """The answer holds the fact, every claim is cited and every citation is verbatim."""
    answer = real_story_engine.ask(question)
    assert answer.answerable and expected in answer.text
    assert all(claim.citations for claim in answer.claims)
    assert_verbatim(real_story_engine, answer.citations, story_dir)


@pytest.mark.parametrize(
    "question",
    [
        "What is Ecuador's population?",
        "Which company makes the drones?",
        "What is the recipe for guacamole?",
        "How long will the asylum seekers stay in Ecuador?",
    ],
)
def test_refuses_when_the_articles_are_silent(real_story_engine, story_dir, question):
    """No answer is invented: the reply says so and offers the closest sentences instead."""
    answer = real_story_engine.ask(question)
    assert not answer.answerable and not answer.citations
    assert answer.text.startswith("The articles don't")  # may say what is missing
    assert 1 <= len(answer.closest) <= 3
    assert_verbatim(real_story_engine, answer.closest, story_dir)


def test_byline_question_cites_the_byline_line(real_story_engine):
    """Who wrote it comes from the article's own byline line, cited as sentence 0."""
    answer = real_story_engine.ask("Who wrote the CNN report?")
    assert answer.answerable and "Kylie Atwood" in answer.text
    assert [(c.article_id, c.sentence, c.text) for c in answer.citations] == [
        (CNN, 0, "date 2025-09-04 By Kylie Atwood, CNN")
    ]


def test_follow_up_uses_the_conversation(real_story_engine):
    """ "And the Navy?" after the aid question finds the $6 million UAV sentence."""
    history = [
        Turn("user", "How much aid did Rubio announce?"),
        Turn("bot", "Rubio also announced the US would provide $13.5 million [1][2]."),
    ]
    answer = real_story_engine.ask("and the Navy?", history)
    assert answer.answerable and "$6 million" in answer.claims[0].text
    assert answer.standalone_question and "Navy" in answer.standalone_question


def test_ask_json_shape_is_stable(real_story_engine):
    """`ask --json` carries the documented keys; each citation has the documented fields."""
    data = real_story_engine.ask("How much aid did Rubio announce?").to_dict()
    assert {"question", "answer", "answerable", "citations", "timings_ms"} <= set(data)
    assert set(data["citations"][0]) == {
        "n", "article_id", "title", "source", "byline", "date", "sentence", "text"
    }  # fmt: skip
    assert [c["n"] for c in data["citations"]] == list(range(1, len(data["citations"]) + 1))
    assert data["timings_ms"]["total"] > 0


def test_summary_of_the_story_is_cited_in_story_order(real_story_engine, story_dir):
    """5-8 bullets, each quoting a stored sentence, corroborated facts cited once each."""
    summary = real_story_engine.summary()
    assert 5 <= len(summary.claims) <= 8
    assert all(claim.citations for claim in summary.claims)
    assert len({c.text for c in summary.claims}) == len(summary.claims)
    firsts = [summary.citations[claim.citations[0] - 1].sentence for claim in summary.claims]
    assert firsts == sorted(firsts)
    assert_verbatim(real_story_engine, summary.citations, story_dir)


def test_summary_of_one_article_cites_only_it(real_story_engine):
    """`summary --article ID` stays inside that article and honours the bullet count."""
    summary = real_story_engine.summary(REWORDED, bullets=3)
    assert len(summary.claims) == 3
    assert {c.article_id for c in summary.citations} == {REWORDED}


def test_sources_list_metadata_and_say_when_it_is_absent(real_story_engine):
    """Both articles are listed with their sentence counts; missing metadata stays None."""
    by_id = {s.id: s for s in real_story_engine.sources()}
    assert set(by_id) == {CNN, REWORDED}
    assert (by_id[CNN].source, by_id[CNN].byline, by_id[CNN].date) == (
        "CNN",
        "Kylie Atwood",
        "2025-09-04",
    )
    assert by_id[REWORDED].source is None and by_id[REWORDED].sentences == 18


def test_quote_gives_a_sentence_with_its_neighbours(real_story_engine):
    """`quote ID N` returns sentence N with one neighbour each side."""
    quote = real_story_engine.quote(CNN, 17)
    assert quote.citation.sentence == 17 and "$13.5 million" in quote.citation.text
    assert [c.sentence for c in quote.before] == [16]
    assert [c.sentence for c in quote.after] == [18]


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda e: e.ask(""), InputError),
        (lambda e: e.ask("   "), InputError),
        (lambda e: e.ask("why " * 2500), InputError),
        (lambda e: e.quote(CNN, 99), NotFoundError),
        (lambda e: e.quote("nope", 1), NotFoundError),
        (lambda e: e.summary("nope"), NotFoundError),
        (lambda e: e.summary(bullets=0), InputError),
    ],
)
def test_bad_requests_get_one_line_that_says_what_to_do(real_story_engine, call, error):
    """Empty and 10,000-character questions, unknown articles and sentences are refused."""
    with pytest.raises(error) as err:
        call(real_story_engine)
    assert "\n" not in err.value.message and len(err.value.message) < 300

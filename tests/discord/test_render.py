"""Pure rendering: records → Discord embeds, cited and within every limit."""

from __future__ import annotations

import re
from dataclasses import dataclass

import discord
import pytest

from bot.discord._render import (
    ANSWER_COLOUR,
    REFUSAL_COLOUR,
    escape,
    notice,
    render_answer,
    render_forgotten,
    render_ingest,
    render_quote,
    render_sources,
    render_summary,
    turn_text,
)
from bot.records import (
    Answer,
    Citation,
    Claim,
    IngestedArticle,
    IngestReport,
    Quote,
    SourceInfo,
    Summary,
)
from tests.discord.support import limit_problems
from tests.fake_engine import (
    CNN,
    CNN_SENTENCES,
    SOURCES,
    WIRE,
    WIRE_AID,
    WIRE_NAME,
    aid_answer,
    cnn,
    navy_answer,
    refusal,
    story_summary,
    wire,
)


def descriptions(replies) -> str:
    return "\n".join(e.description or "" for r in replies for e in r.embeds)


def within_limits(replies) -> list[str]:
    return [p for r in replies for p in limit_problems(r.content, [e.to_dict() for e in r.embeds])]


def test_an_answer_is_said_once_then_compact_sources():
    """The extractive answer is its cited sentence: quoted once with [1][2]; source [1] is just
    its label, [2] (the other version's wording) is quoted once under its label."""
    (reply,) = render_answer(aid_answer())
    (embed,) = reply.embeds
    assert embed.title == "How much aid did Rubio announce?"
    assert embed.description == (
        f"> {escape(CNN_SENTENCES[17])} [1][2]\n\n"
        "**[1]** CNN · Kylie Atwood · 2025-09-04 · sentence 17\n"
        f"**[2]** {WIRE_NAME} · sentence 17\n> {escape(WIRE_AID)}"
    )
    assert embed.description.count("Rubio also announced the US would provide") == 1
    assert embed.footer.text is None
    assert embed.colour == ANSWER_COLOUR
    assert reply.content is None


def test_quote_marks_are_never_doubled():
    """A sentence that itself opens or closes a quotation gets no extra quote marks."""
    answer = Answer("q", True, (Claim(CNN_SENTENCES[16], (1,)),), (cnn(1, 16),))
    text = descriptions(render_answer(answer))
    assert "““" not in text and "””" not in text
    assert text.count("actioned for potentially lethal operations") == 1


@dataclass(frozen=True)
class AnswerWithShort(Answer):
    """The Answer record as issue 9 extends it, with the direct answer."""

    short_answer: str | None = None


def test_a_short_answer_leads_in_bold_and_the_sentence_is_quoted_once_below():
    """With the engine's direct answer: it comes first, bold; the cited sentences once, in
    the sources."""
    answer = AnswerWithShort(**{**aid_answer().__dict__, "short_answer": "$13.5 million [1][2]"})
    (reply,) = render_answer(answer)
    description = reply.embeds[0].description
    assert description.startswith("**$13.5 million \\[1\\]\\[2\\]**\n\n**[1]** CNN") or (
        description.startswith("**$13.5 million [1][2]**\n\n**[1]** CNN")
    )
    assert description.count("Rubio also announced the US would provide") == 1
    assert f"sentence 17\n> {escape(CNN_SENTENCES[17])}" in description


def test_only_cited_sources_are_listed():
    """A citation no claim refers to is left out."""
    answer = Answer(
        "What did Rubio announce?",
        True,
        (Claim(CNN_SENTENCES[14], (1,)), Claim(CNN_SENTENCES[18], (3,))),
        (cnn(1, 14), cnn(2, 16), cnn(3, 18)),
    )
    text = descriptions(render_answer(answer))
    assert "**[1]**" in text and "**[3]**" in text
    assert "**[2]**" not in text and CNN_SENTENCES[16] not in text


def test_a_refusal_is_one_line_with_the_closest_passages_a_click_away():
    """Not answerable: the refusal alone in a grey embed; the passages are behind a button."""
    (reply,) = render_answer(refusal("Who won the World Cup?"))
    (embed,) = reply.embeds
    assert embed.description == "The articles don't say."
    assert embed.footer.text == "The closest passages are one click away"
    assert embed.colour == REFUSAL_COLOUR


@pytest.mark.parametrize(
    ("standalone", "shown"),
    [
        ("How much aid did Rubio announce for Ecuador's Navy?", True),
        ("and the Navy?", False),
        ("AND THE NAVY?", False),
        (None, False),
    ],
)
def test_the_resolved_follow_up_is_shown_only_when_it_differs(standalone, shown):
    """ "Understood as" tells how a follow-up was read, and only when that adds something."""
    answer = navy_answer("and the Navy?")
    answer = Answer(**{**answer.__dict__, "standalone_question": standalone})
    (reply,) = render_answer(answer)
    assert ("Understood as:" in (reply.embeds[0].footer.text or "")) is shown


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a *bold* claim", r"a \*bold\* claim"),
        ("snake_case_name", r"snake\_case\_name"),
        ("> not a quote", r"\> not a quote"),
        ("# not a heading", r"\# not a heading"),
        ("1. not a list", r"1\. not a list"),
        ("$13.5 million (U.S.)", "$13.5 million (U.S.)"),
    ],
)
def test_article_text_shows_verbatim(text, shown):
    """Markdown characters in article text are escaped, so Discord shows them as written."""
    assert escape(text) == shown
    answer = Answer(
        "q", True, (Claim(text, (1,)),), (Citation(1, CNN, None, None, None, None, 3, text),)
    )
    (reply,) = render_answer(answer)
    assert reply.embeds[0].description.startswith("> " + shown + " [1]")
    assert turn_text("", reply.embeds) == text


def test_the_article_header_is_cited_as_such():
    """Sentence 0 is the article's byline line, not a numbered sentence."""
    header = Citation(1, CNN, None, "CNN", "Kylie Atwood", "2025-09-04", 0, "By Kylie Atwood, CNN")
    answer = Answer("Who wrote it?", True, (Claim("By Kylie Atwood, CNN", (1,)),), (header,))
    assert "2025-09-04 · article header" in descriptions(render_answer(answer))


def long_answer(claims: int, words: int, citations: int) -> Answer:
    """An answer of `claims` claims of `words` words each, citing `citations` long sentences."""
    sentence = " ".join(f"word{i}x" for i in range(words))
    cites = tuple(
        Citation(n, CNN, "t", "CNN", "Kylie Atwood", "2025-09-04", n, f"S{n} {sentence}")
        for n in range(1, citations + 1)
    )
    made = tuple(Claim(f"C{i} {sentence}", ((i % citations) + 1,)) for i in range(claims))
    return Answer("A long question " * 30, True, made, cites)


@pytest.mark.parametrize(
    ("claims", "words", "citations"),
    [(1, 5, 1), (3, 200, 3), (10, 300, 10), (40, 60, 25), (2, 1500, 2), (60, 100, 60)],
)
def test_long_answers_split_cleanly_within_every_limit(claims, words, citations):
    """Every message fits; every footnote and claim that fits an embed stays in one piece."""
    answer = long_answer(claims, words, citations)
    replies = render_answer(answer)
    assert within_limits(replies) == []
    pieces = [e.description for r in replies for e in r.embeds]
    for c in answer.citations:
        footnote = f"**[{c.n}]** CNN · Kylie Atwood · 2025-09-04 · sentence {c.n}\n> {c.text}"
        if len(footnote) <= 4000:
            assert any(footnote in p for p in pieces), c.n
    tokens = " ".join(pieces).split()
    assert all(re.fullmatch(r"word\d+x", t) for t in tokens if "word" in t)
    assert all(re.fullmatch(r"(\*\*)?(\[\d+\])+(\*\*)?", t) for t in tokens if "[" in t)
    for word in ("word0x", f"word{words - 1}x", f"S{citations}", f"C{claims - 1}"):
        assert word in tokens, word


def test_a_summary_is_bullets_with_footnotes():
    """Bullets in story order with markers, then the cited sentences."""
    (reply,) = render_summary(story_summary())
    (embed,) = reply.embeds
    assert embed.title == "Summary of the story"
    assert embed.description.startswith(f"• {CNN_SENTENCES[14]} [1]\n• {CNN_SENTENCES[17]} [2][3]")
    assert embed.footer.text == "3 points · 4 cited sentences"


def test_a_summary_of_one_article_is_titled_by_it():
    """One article's summary names the article."""
    (reply,) = render_summary(story_summary(CNN))
    assert reply.embeds[0].title.startswith("Summary of US and Ecuador")


def test_an_empty_summary_is_one_line():
    """Nothing to summarise is said, not shown as an empty embed."""
    (reply,) = render_summary(Summary(None, (), ()))
    assert reply.content == "There is nothing to summarise yet." and not reply.embeds


def test_sources_list_each_article():
    """Title (or id), id, outlet, byline, date and sentence count."""
    (reply,) = render_sources(SOURCES)
    (embed,) = reply.embeds
    assert embed.title == "Stored articles (2)"
    assert f"`{CNN}` · CNN · Kylie Atwood · 2025-09-04 · 19 sentences" in embed.description
    assert f"**`{WIRE}`**\n`{WIRE}` · 18 sentences" in embed.description


def test_no_sources_is_one_line():
    """An empty store says how to fill it."""
    (reply,) = render_sources([])
    assert reply.content == "No articles are stored yet. An admin can add some with /ingest."


def test_many_sources_fit_in_several_messages():
    """Hundreds of articles are listed over as many messages as they need."""
    many = [
        SourceInfo(
            f"article_{i:04d}",
            "A long title " * 20,
            "CNN",
            "Kylie Atwood",
            "2025-09-04",
            None,
            f"stories/{i}.txt",
            40,
        )
        for i in range(300)
    ]
    replies = render_sources(many)
    assert len(replies) > 1 and within_limits(replies) == []
    assert all(f"`article_{i:04d}`" in descriptions(replies) for i in range(300))


def test_a_quote_shows_the_sentence_between_its_neighbours():
    """Neighbours numbered, the sentence in bold, the citation label as footer."""
    (reply,) = render_quote(Quote(cnn(1, 17), (cnn(2, 16),), (cnn(3, 18),)))
    (embed,) = reply.embeds
    lines = embed.description.split("\n")
    assert lines == [
        f"`16` {CNN_SENTENCES[16]}",
        f"**`17` {CNN_SENTENCES[17]}**",
        f"`18` {CNN_SENTENCES[18]}",
    ]
    assert embed.footer.text == "CNN · Kylie Atwood · 2025-09-04 · sentence 17"


def test_an_ingest_report_has_one_line_per_article():
    """Added, replaced, unchanged and failed articles, with totals in the footer."""
    report = IngestReport(
        (
            IngestedArticle("a", "a.txt", "added", 19, 6),
            IngestedArticle("b", "b.md", "replaced", 1, 1),
            IngestedArticle("c", "c.html", "unchanged", 5, 2),
            IngestedArticle("d", "https://example.org/x", "failed", error="No article text found"),
        )
    )
    (reply,) = render_ingest(report)
    (embed,) = reply.embeds
    assert embed.description.split("\n") == [
        "✅ added `a` · 19 sentences, 6 chunks",
        "♻️ replaced `b` · 1 sentence, 1 chunk",
        "➖ unchanged `c` · 5 sentences, 2 chunks",
        "❌ failed `https://example.org/x`: No article text found",
    ]
    assert embed.footer.text == "Stored 2 articles · 20 sentences · 1 failure"


def test_forgetting_is_confirmed_in_one_line():
    """The id, title and number of sentences removed."""
    (reply,) = render_forgotten(SOURCES[0])
    assert reply.content == (
        f"Forgot `{CNN}` (US and Ecuador near deal to send asylum seekers to the country): "
        "19 sentences removed."
    )


@pytest.mark.parametrize("text", ["one line", "  spaced \n out  ", "x " * 3000])
def test_a_notice_is_one_line_within_the_content_limit(text):
    """Notices are single lines of at most 2,000 characters."""
    reply = notice(text)
    assert "\n" not in reply.content and len(reply.content) <= 2000 and not reply.embeds


@pytest.mark.parametrize(
    ("content", "embeds", "said"),
    [
        ("You are asking a little fast.", [], "You are asking a little fast."),
        ("", render_answer(aid_answer())[0].embeds, CNN_SENTENCES[17]),
        ("", render_answer(refusal("q"))[0].embeds, "The articles don't say."),
        ("", [discord.Embed(title="no description")], ""),
    ],
)
def test_turn_text_is_what_the_bot_said_without_footnotes(content, embeds, said):
    """A bot message becomes a history turn: the answer, without markers or footnotes."""
    assert turn_text(content, embeds) == said


def test_an_article_without_outlet_is_named_by_its_first_words_never_its_id():
    """The reworded version has no outlet, byline, date or title: its lead names it."""
    answer = Answer("q", True, (Claim(WIRE_AID, (1,)),), (wire(1, 17, WIRE_AID),))
    text = descriptions(render_answer(answer))
    assert "**[1]** The United States and Ecuador are in the… · sentence 17" in text
    assert WIRE not in text

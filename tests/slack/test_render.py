"""Pure rendering: records → Block Kit + fallback text, escaped and within Slack's limits."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pytest

from bot.records import Answer, Claim, SourceInfo, Summary
from bot.slack._blocks import _split
from bot.slack._render import (
    SlackMessage,
    answer_part,
    escape,
    render_answer,
    render_notice,
    render_sources,
    render_summary,
)
from tests.fake_engine import (
    CNN,
    CNN_AID,
    CNN_TITLE,
    SOURCES,
    WIRE_AID,
    WIRE_NAME,
    aid_answer,
    cnn,
    refusal,
    wire,
)
from tests.slack.fake_slack import check_message
from tests.slack.support import block_texts


@dataclass(frozen=True)
class AnswerWithShort(Answer):
    """The Answer record as issue 9 extends it, with the direct answer."""

    short_answer: str | None = None


def mrkdwn_objects(message: SlackMessage) -> list[dict]:
    """Every mrkdwn text object in the message's blocks."""
    found = []
    for block in message.blocks:
        for obj in [block.get("text"), *block.get("elements", [])]:
            if isinstance(obj, dict) and obj.get("type") == "mrkdwn":
                found.append(obj)
    return found


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("AT&T", "AT&amp;T"),
        ("<!channel> and <!here>", "&lt;!channel&gt; and &lt;!here&gt;"),
        ("ask <@U123>", "ask &lt;@U123&gt;"),
        ("<https://evil.test|click>", "&lt;https://evil.test|click&gt;"),
        ("&amp; stays visible", "&amp;amp; stays visible"),
        ("$13.5 million “quoted”", "$13.5 million “quoted”"),
    ],
)
def test_escape(raw: str, shown: str):
    """&, < and > are escaped once; everything else is left as written."""
    assert escape(raw) == shown


def test_an_answer_is_said_once_then_compact_sources_then_the_buttons():
    """The extractive answer is its sentence, quoted once with [1][2]; [1] is then only its
    label, [2] (the other wording) is quoted under its label; then votes and Show context."""
    message = render_answer(aid_answer(), answer_id="a1")
    kinds = [b["type"] for b in message.blocks]
    assert kinds == ["section", "context", "context", "actions"]
    assert message.blocks[0]["text"]["text"] == f">{escape(CNN_AID)} [1][2]"
    first, second = (b["elements"] for b in message.blocks[1:3])
    assert first[0]["text"] == "*[1]* CNN · Kylie Atwood · 2025-09-04 · sentence 17"
    assert second[0]["text"] == f"*[2]* {WIRE_NAME} · sentence 17\n{escape(WIRE_AID)}"
    actions = message.blocks[-1]["elements"]
    assert [e["text"]["text"] for e in actions] == ["👍", "👎", "Show context"]
    assert [e["value"] for e in actions] == ["a1", "a1", "a1"]
    assert all(obj["verbatim"] is True for obj in mrkdwn_objects(message))
    assert sum(t.count("Rubio also announced the US") for t in block_texts(message.blocks)) == 1


def test_the_fallback_text_holds_the_answer_and_every_citation():
    """Clients without blocks (and notifications) still show the sources, each quote once."""
    text = render_answer(aid_answer()).text
    assert text.startswith(
        f"{escape(CNN_AID)} [1][2]\n\nSources:\n[1] CNN · Kylie Atwood · 2025-09-04 · sentence 17\n"
    )
    assert f"\n[2] {WIRE_NAME} · sentence 17: “Rubio also announced that" in text
    assert "““" not in text and "””" not in text


def test_a_short_answer_leads_in_bold_and_each_sentence_is_quoted_once_below():
    """With the engine's direct answer (issue 9): bold first; the cited sentences in sources."""
    answer = AnswerWithShort(**{**aid_answer().__dict__, "short_answer": "$13.5 million [1][2]"})
    message = render_answer(answer, answer_id="a1")
    assert message.blocks[0]["text"]["text"] == "*$13.5 million [1][2]*"
    texts = block_texts(message.blocks)
    assert sum(t.count("Rubio also announced the US") for t in texts) == 1
    assert message.blocks[1]["elements"][0]["text"].endswith(escape(CNN_AID))


def test_an_article_with_an_address_gets_a_link_button():
    """A link button (with its URL) for a cited article that has one."""
    url = "https://www.cnn.com/2025/09/04/politics/rubio-ecuador"
    answer = Answer(**{**aid_answer().__dict__, "citations": (replace(cnn(1, 17), url=url),)})
    (link,) = [e for e in render_answer(answer, answer_id="a").blocks[-1]["elements"] if "url" in e]
    assert link["url"] == url and link["text"]["text"].startswith("Open: CNN")


@pytest.mark.parametrize(
    ("citation", "label"),
    [
        (
            cnn(1, 0, "date 2025-09-04 By Kylie Atwood, CNN"),
            "CNN · Kylie Atwood · 2025-09-04 · article header",
        ),
        (wire(1, 3, "The issue was discussed."), f"{WIRE_NAME} · sentence 3"),
    ],
    ids=["metadata line", "no metadata"],
)
def test_citation_labels(citation, label):
    """Sentence 0 is the article header; an article without metadata is named by its first
    words, never its id."""
    answer = Answer("q", True, (Claim("x", (1,)),), (citation,))
    assert label in render_answer(answer).text


def test_a_refusal_is_one_line_with_the_closest_passages_behind_a_button():
    """When the articles are silent: one line, and a Closest passages button."""
    message = render_answer(refusal("Who won the match?"), answer_id="r1")
    assert [b["type"] for b in message.blocks] == ["section", "actions"]
    assert message.blocks[0]["text"]["text"] == "The articles don't say."
    assert message.text == "The articles don't say."
    assert [e["text"]["text"] for e in message.blocks[1]["elements"]][-1] == "Closest passages"


def test_the_question_is_shown_escaped_when_asked():
    """Slash-command answers repeat the question, which cannot ping anyone."""
    message = render_answer(aid_answer("<!here> how much aid?"), show_question=True)
    assert message.blocks[0]["text"]["text"].startswith("*Question:* &lt;!here&gt; how much aid?")
    assert message.text.startswith("Question: &lt;!here&gt; how much aid?\n\n")


def test_answer_part_recovers_the_answer_from_the_fallback():
    """Thread history reads our earlier answers without their source lists."""
    for answer in (aid_answer(), refusal("Who won?")):
        assert answer_part(render_answer(answer).text) == escape(answer.text)


LONG = "Rubio said the US & Ecuador <agree>. " * 600  # about 23,000 characters escaped


def _many(n: int) -> tuple:
    return tuple(cnn(i, i, f"Sentence {i} says <something> & more.") for i in range(1, n + 1))


@pytest.mark.parametrize(
    "message",
    [
        render_answer(aid_answer(LONG), show_question=True, answer_id="a"),
        render_answer(Answer("q", True, (Claim(LONG, (1,)),), _many(1)), answer_id="a"),
        render_answer(
            Answer("q", True, (Claim("x", tuple(range(1, 61))),), _many(60)), answer_id="a"
        ),
        render_answer(
            Answer("q", True, (Claim("x", tuple(range(1, 701))),), _many(700)), answer_id="a"
        ),
        render_answer(Answer("q", True, (Claim("x", (1,)),), (cnn(1, 2, LONG),))),
        render_answer(Answer("q", True, (Claim(LONG * 3, (1,)),), _many(40)), answer_id="a"),
        render_summary(
            Summary(None, tuple(Claim(LONG[:900], (i,)) for i in range(1, 101)), _many(100))
        ),
        render_sources(
            [SourceInfo(f"id{i}", LONG[:300], "CNN", None, None, None, "x", 9) for i in range(500)]
        ),
        render_notice(LONG * 3),
    ],
    ids=[
        "huge question",
        "long answer",
        "60 citations",
        "700 citations",
        "huge sentence",
        "everything huge",
        "100 bullets",
        "500 sources",
        "huge notice",
    ],
)
def test_every_message_fits_slack_limits(message: SlackMessage):
    """3,000 characters a section, 10 elements a context, 50 blocks, 40,000 characters of text."""
    assert check_message(message.as_kwargs()) == (None, [])
    assert not re.search(r"&[a-z]{0,3}$", message.text.removesuffix("…"))


def test_citations_beyond_the_blocks_are_packed_not_lost():
    """60 cited sentences share context blocks instead of being dropped."""
    claim = Claim("x", tuple(range(1, 61)))
    message = render_answer(Answer("q", True, (claim,), _many(60)), answer_id="a")
    quoted = "".join(
        e["text"] for b in message.blocks if b["type"] == "context" for e in b["elements"]
    )
    assert all(f"*[{i}]*" in quoted for i in range(1, 61))


def test_split_never_cuts_inside_an_entity():
    """Long runs of escaped characters are cut between entities."""
    for piece in _split(escape("&" * 5000 + "<" * 5000), 3000):
        assert len(piece) <= 3000
        assert re.fullmatch(r"(&amp;|&lt;)+", piece)


def test_summary_bullets_in_order_with_markers():
    """A summary is its title, then one bullet a claim with its [n] markers."""
    summary = Summary(
        CNN,
        (Claim("First.", (1,)), Claim("Second & last.", (2,))),
        (cnn(1, 1, "a"), cnn(2, 2, "b")),
    )
    message = render_summary(summary, answer_id="s1")
    assert message.blocks[0]["text"]["text"] == (
        f"*Summary of “{CNN_TITLE}” ({CNN})*\n• First. [1]\n• Second &amp; last. [2]"
    )


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://edition.cnn.com/2025/09/04/politics/ecuador", True),
        ("https://evil.test/|<!channel>", False),
        ("javascript:alert(1)", False),
    ],
)
def test_source_titles_link_only_to_plain_web_addresses(url: str, linked: bool):
    """A URL that could break out of Slack's link syntax is not linked."""
    info = SourceInfo(CNN, "US & Ecuador", "CNN", None, None, url, "x", 3)
    text = render_sources([info]).blocks[0]["text"]["text"]
    assert (f"<{url}|US &amp; Ecuador>" in text) is linked
    assert "<!channel>" not in text


def test_sources_fallback_lists_every_article():
    """The text fallback has one line per article."""
    assert render_sources(list(SOURCES)).text.count("\n• ") == 2


def test_sources_escape_titles_and_outlets():
    """Metadata read from an article is text like any other: no mentions, no links."""
    info = SourceInfo("x", "<!channel> news", "A&B <@U1>", None, None, None, "x", 3)
    message = render_sources([info])
    for text in [message.text, message.blocks[0]["text"]["text"]]:
        assert "&lt;!channel&gt; news" in text and "A&amp;B &lt;@U1&gt;" in text


def test_a_notice_is_escaped_plain_text():
    """Errors may quote user input; it is escaped like everything else."""
    assert render_notice("No article '<!here>' is stored.") == SlackMessage(
        text="No article '&lt;!here&gt;' is stored.", is_notice=True
    )

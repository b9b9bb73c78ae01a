"""Pure layout: text is split between words, blocks stay whole, every Discord limit holds."""

from __future__ import annotations

import pytest

from bot.discord._layout import (
    DESCRIPTION_MAX,
    EMBED_TOTAL_MAX,
    EMBEDS_PER_MESSAGE,
    FOOTER_MAX,
    TITLE_MAX,
    Block,
    pack,
    split_once,
    split_text,
    truncate,
)
from tests.discord.support import limit_problems


def payload(cards):
    """The embed dicts Discord would receive for one message of cards."""
    return [
        {"title": c.title, "description": c.description, "footer": {"text": c.footer}}
        for c in cards
    ]


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 10, "short"),
        ("  padded  ", 10, "padded"),
        ("one two three four", 12, "one two…"),
        ("unbreakableword", 8, "unbreak…"),
        ("How much aid did Rubio announce?", 20, "How much aid did…"),
    ],
)
def test_truncate_cuts_between_words_with_an_ellipsis(text, limit, expected):
    """Text that does not fit loses whole words and gains an ellipsis, within the limit."""
    assert truncate(text, limit) == expected
    assert len(truncate(text, limit)) <= limit


@pytest.mark.parametrize(
    ("text", "limit", "head", "rest"),
    [
        ("fits", 10, "fits", ""),
        ("alpha beta gamma", 11, "alpha beta", "gamma"),
        ("alpha\nbeta gamma", 7, "alpha", "beta gamma"),
        ("abcdefghij", 4, "abcd", "efghij"),
        ("claim xxxxxxxx[12][13] tail", 16, "claim", "xxxxxxxx[12][13] tail"),
        ("xxxxxxxxxxxxx[12]yy", 15, "xxxxxxxxxxxxx", "[12]yy"),
    ],
)
def test_split_once_never_splits_a_word_or_a_marker_when_it_can_avoid_it(text, limit, head, rest):
    """The cut is at the last space or newline; a lone long word is cut, but not inside [n]."""
    assert split_once(text, limit) == (head, rest)


def test_split_text_pieces_rebuild_the_words():
    """Pieces are within the limit and, joined by spaces, give back every word in order."""
    words = [f"word{i}" for i in range(500)]
    pieces = split_text(" ".join(words), 97)
    assert all(len(p) <= 97 for p in pieces)
    assert " ".join(pieces).split() == words


LONG_TITLE = "t" * 300
LONG_FOOTER = "f " * 1500


@pytest.mark.parametrize(
    ("case", "blocks", "title", "footer"),
    [
        ("one short block", [Block("hello")], "Q", "F"),
        ("title and footer over their limits", [Block("x")], LONG_TITLE, LONG_FOOTER),
        ("many medium blocks", [Block("m" * 900) for _ in range(40)], "Q", "F"),
        ("one block longer than an embed", [Block("word " * 3000)], "Q", None),
        ("a word longer than an embed", [Block("w" * 9000)], None, None),
        ("hundreds of small blocks", [Block(f"line {i}") for i in range(3000)], "Q", "F"),
        ("blocks of every size", [Block("b " * n) for n in range(1, 2500, 97)], "Q", "F"),
        ("leading and trailing space", [Block("   " + "word " * 2000 + "  ")], "Q", "F"),
    ],
)
def test_pack_keeps_every_message_within_discord_limits(case, blocks, title, footer):
    """Titles, descriptions, footers, totals and embed counts all fit, whatever comes in."""
    messages = pack(blocks, title=title, footer=footer)
    assert messages, case
    for cards in messages:
        assert 1 <= len(cards) <= EMBEDS_PER_MESSAGE
        assert limit_problems(None, payload(cards)) == [], case
        assert sum(c.size for c in cards) <= EMBED_TOTAL_MAX
        assert all(0 < len(c.description.strip()) <= DESCRIPTION_MAX for c in cards)


def test_pack_puts_the_title_first_and_the_footer_last():
    """Only the first embed has the title and only the last one the footer."""
    messages = pack([Block("p" * 3000) for _ in range(6)], title="Question", footer="Footer")
    cards = [c for m in messages for c in m]
    assert len(cards) > 2
    assert [c.title for c in cards] == ["Question"] + [None] * (len(cards) - 1)
    assert [c.footer for c in cards] == [None] * (len(cards) - 1) + ["Footer"]
    assert len(truncate(LONG_TITLE, TITLE_MAX)) <= TITLE_MAX
    assert len(truncate(LONG_FOOTER, FOOTER_MAX)) <= FOOTER_MAX


def test_pack_keeps_blocks_whole_and_in_order():
    """A block that fits an embed is never split: each appears whole, in the original order."""
    blocks = [Block(f"**[{i}]** label {i}\n> " + "quoted sentence " * 40) for i in range(30)]
    text = "\n".join(c.description for m in pack(blocks) for c in m)
    positions = [text.index(b.text.strip()) for b in blocks]
    assert positions == sorted(positions)


def test_pack_joins_blocks_with_their_joiners():
    """Blocks in one embed are separated by their own joiner; the first has none."""
    (cards,) = pack([Block("a", " "), Block("b", " "), Block("c", "\n\n"), Block("d")])
    assert cards[0].description == "a b\n\nc\nd"


def test_a_split_block_continues_with_its_prefix():
    """A quote too long for one embed goes on in the next, still marked as a quote."""
    cards = [c for m in pack([Block("> " + "long " * 1500, continuation="> ")]) for c in m]
    assert len(cards) > 1
    assert all(c.description.startswith("> long") for c in cards)


def test_empty_blocks_are_skipped():
    """Blank blocks add nothing, not even an empty embed."""
    assert pack([Block("  "), Block("")]) == []

"""Reading a model's cited reply: sentences, bullets, markers, the refusal."""

from __future__ import annotations

import pytest

from bot.llm.parse import Cited, is_refusal, numbers_in, parse_bullets, parse_sentences, strip_marks


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("Rubio announced aid [1][2].", [("Rubio announced aid.", (1, 2))]),
        (
            "Rubio announced aid. [1] The Navy gets drones [3].",
            [("Rubio announced aid.", (1,)), ("The Navy gets drones.", (3,))],
        ),
        (
            "The U.S. will pay [1, 2]. It starts Sept. 4 [3-5].",
            [("The U.S. will pay.", (1, 2)), ("It starts Sept. 4.", (3, 4, 5))],
        ),
        (
            "**Answer:** Rubio announced $13.5 million [2].",
            [("Rubio announced $13.5 million.", (2,))],
        ),
        ("- first [1]\n- second [2][2]", [("first", (1,)), ("second", (2,))]),
        ("No citations here. None at all.", [("No citations here.", ()), ("None at all.", ())]),
        (
            "It cost $13.5 million [1] and drones [4].",
            [("It cost $13.5 million and drones.", (1, 4))],
        ),
        ("Text [1].\n\n[2]", [("Text.", (1, 2))]),
    ],
)
def test_sentences_come_with_the_numbers_they_cite(reply, expected):
    """Markers before or after the full stop, grouped or ranged, all belong to their sentence."""
    assert parse_sentences(reply) == [Cited(text, numbers) for text, numbers in expected]


def test_bullets_are_taken_one_a_line_and_other_lines_ignored():
    """A summary's bullets; a heading or closing line without a bullet is not a claim."""
    reply = (
        "Here is the summary:\n- One fact [1].\n* Another [2]\n1. A third [3].\nHope this helps."
    )
    assert [b.text for b in parse_bullets(reply)] == ["One fact.", "Another", "A third."]


@pytest.mark.parametrize(
    ("marks", "numbers"),
    [
        ("[1]", [1]),
        ("[1][2][1]", [1, 2]),
        ("[1, 3]", [1, 3]),
        ("[2-4]", [2, 3, 4]),
        ("[1-300]", [1, 300]),
        ("[x]", []),
    ],
)
def test_markers_are_read_as_numbers(marks, numbers):
    """Lists and short ranges expand; absurd ranges do not."""
    assert numbers_in(marks) == numbers


@pytest.mark.parametrize(
    ("reply", "refusal"),
    [
        ("The articles don't say.", True),
        ("The articles don’t say", True),
        ("**The articles do not say.**", True),
        ("The articles don't say how much, but Rubio announced aid [1].", False),
        ("The articles don't say [2].", False),
        ("Rubio announced aid [1].", False),
    ],
)
def test_the_exact_refusal_is_recognised(reply, refusal):
    """Only the whole, uncited reply counts as "the articles don't say"."""
    assert is_refusal(reply) is refusal


def test_partial_text_hides_markers_even_unfinished_ones():
    """What a reader sees while the reply streams has no [n] and no half-written "[1"."""
    assert strip_marks("Rubio announced aid [1][2]. The Navy [3") == "Rubio announced aid. The Navy"


@pytest.mark.parametrize(
    ("reply", "text", "numbers"),
    [
        (
            "The topic was discussed in the articles [1], [2], [3], [4], [5], [6], [7] and [8].",
            "The topic was discussed in the articles.",
            (1, 2, 3, 4, 5, 6, 7, 8),
        ),
        ("It was discussed [1], [2] and [3].", "It was discussed.", (1, 2, 3)),
        ("Aid [1], drones [2], and gangs [3].", "Aid, drones, and gangs.", (1, 2, 3)),
        ("Rubio said so [1]; [2].", "Rubio said so.", (1, 2)),
    ],
)
def test_a_list_of_citations_renders_as_one_clean_sentence(reply, text, numbers):
    """Markers separated by commas and "and" leave no ",,,,, and." behind."""
    assert parse_sentences(reply) == [Cited(text, numbers)]

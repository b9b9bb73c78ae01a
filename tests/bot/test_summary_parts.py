"""What a summary reads in a sentence: sums of money, names, whether it stands on its own."""

from __future__ import annotations

import pytest

from bot.summary.facts import amounts, names, new_names, reads_alone


@pytest.mark.parametrize(
    ("text", "sums"),
    [
        ("The US will provide another $6 million in drones.", {(6e6, "USD")}),
        ("Rubio announced US$13.5 million in aid.", {(13.5e6, "USD")}),
        ("“We will give $5 million,” he said, and later €2 million.", {(2e6, "EUR")}),
        ("It is not 100% finished.", set()),
        ("Two groups were designated.", set()),
    ],
)
def test_sums_of_money_outside_quotes_are_how_much(text, sums):
    """Currencies count, percentages and counts do not, nor a sum inside a direct quote."""
    assert amounts(text) == sums


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "The designations of the gangs, Los Lobos and Los Choneros, were made in Quito.",
            {"los lobos", "los choneros", "quito"},
        ),
        (
            "Rubio praised Ecuadorian President Daniel Noboa on Thursday.",
            {"ecuadorian daniel noboa"},
        ),
        ("“You have got a government,” the official said.", set()),
        ("He met Secretary of State Marco Rubio in May.", {"state marco rubio"}),
    ],
)
def test_names_leave_out_titles_days_and_sentence_starts(text, found):
    """Capitalised runs, not at the start of the sentence or a quote, without days or titles."""
    assert names(text) == found


def test_a_name_already_mentioned_in_another_form_is_not_new():
    """“US State Department” is known from “State Department”, “Ecuadorian” from “Ecuador”."""
    known = {"state department", "ecuador"}
    assert new_names(frozenset({"us state department", "ecuadorian", "quito"}), known) == {"quito"}


@pytest.mark.parametrize(
    ("text", "readable"),
    [
        ("The United States and Ecuador are close to an agreement, an official said.", True),
        ("The topic was discussed on Thursday when Rubio visited the country.", False),
        ("“It is not 100% finished,” the official said of the deal.", False),
        ("The official said this is part of the overall relationship.", False),
        ("Is this the end of the talks between the two countries?", False),
        ("Scroll down for video\nFlying high: the kite took to the sky last Saturday.", False),
        ("Too short to stand alone.", False),
    ],
)
def test_a_bullet_must_read_on_its_own(text, readable):
    """Long enough, one line, a statement, not leaning on the sentence before it."""
    assert reads_alone(text) is readable

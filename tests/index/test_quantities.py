"""The one rule for numbers: compare, the citation checker and answers read amounts alike."""

from __future__ import annotations

import pytest

from bot.llm.facts import missing
from index.text.differences import differences
from index.text.quantities import quantities, same_quantity, states


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("$13.5 million", 13.5e6, "USD"),
        ("US$13.5 million", 13.5e6, "USD"),
        ("$13.5m", 13.5e6, "USD"),
        ("$13.5 mn", 13.5e6, "USD"),
        ("13.5 million dollars", 13.5e6, "USD"),
        ("$13,500,000", 13.5e6, "USD"),
        ("13,5 millones de dólares", 13.5e6, "USD"),
        ("US$13,5 millones", 13.5e6, "USD"),
        ("1.500 millones", 1.5e9, None),
        ("€2bn", 2e9, "EUR"),
        ("2.5 billion euros", 2.5e9, "EUR"),
        ("£40,000", 4e4, "GBP"),
        ("100%", 100.0, "%"),
        ("100 percent", 100.0, "%"),
        ("100 per cent", 100.0, "%"),
        ("100 por ciento", 100.0, "%"),
        ("1,200 people", 1200.0, None),
        ("two groups", 2.0, None),
        ("dos grupos", 2.0, None),
        ("seis millones", 6e6, None),
        ("the 14th Century", 14.0, "century"),
        ("the fourteenth century", 14.0, "century"),
        ("el siglo XIV", 14.0, "century"),
        ("the 1990s", 1990.0, "decade"),
        ("his 2nd visit", 2.0, "ordinal"),
    ],
)
def test_each_wording_is_read_as_one_value_and_unit(text, value, unit):
    """Scale words (in several languages) multiply, currencies and percent are units."""
    (quantity,) = quantities(text)
    assert (quantity.value, quantity.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("the one with El Salvador", []),
        ("5 m away", [(5.0, None)]),
        ("for the first time", []),
        ("a second look", []),
    ],
)
def test_pronouns_metres_and_ordinary_ordinals_are_not_amounts(text, found):
    """ "one" is a pronoun, "5 m" is not $5m, "first" and "second" are not facts to check."""
    assert [(q.value, q.unit) for q in quantities(text)] == found


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("$13.5m", "$13.5 million", True),
        ("13,5 millones", "US$13.5 million", True),
        ("13,5 millones de dólares", "$13.5 million", True),
        ("$13.5 million", "13.5 million euros", False),
        ("$13.5 million", "$13.6 million", False),
        ("100%", "100 percent", True),
        ("14th Century", "the 1300s", True),
        ("14th Century", "the 1400s", False),
        ("two", "2", True),
    ],
)
def test_two_wordings_are_the_same_amount_or_not(a, b, same):
    """Equal values, units equal where both state one; a century equals its hundreds."""
    (q,), (r,) = quantities(a), quantities(b)
    assert same_quantity(q, r) is same and states(b, q) is same


CNN17 = "Rubio also announced the US would provide $13.5 million to help Ecuador."


@pytest.mark.parametrize("wording", ["$13.5m", "13,5 millones", "13.5 million dollars"])
def test_compare_and_the_checker_agree_on_an_amount(wording):
    """The same rule in both places: no "numbers differ" in compare, nothing missing in a claim."""
    other = f"Rubio also announced the US would provide {wording} to help Ecuador."
    assert not [d for d in differences(CNN17, other) if d.kind == "number"]
    assert missing(other, CNN17) == []

"""Differences between two wordings of one fact: what counts, and what is only a rewording."""

from __future__ import annotations

import pytest

from index.text.differences import differences, severity
from index.text.quantities import quantities


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Rubio announced $13.5 million in aid.", "Rubio announced US$13.5 million in aid."),
        ("“It is not 100% finished,” he said.", "“It’s not 100 percent finished,” he said."),
        ("The US will send two ships.", "The United States will send 2 ships."),
        ("He spoke on Thursday in Quito.", "He spoke Thursday in Quito."),
        ("They were alleged gang members.", "They were suspected gang members."),
        ("Prices rose 5%.", "Prices increased 5%."),
        ("The church was built in the 14th Century.", "The church was built in the 1300s."),
        ("Rubio announced $13.5m in aid.", "Rubio announced $13.5 million in aid."),
        ("The official said this is part of it.", "He said this is part of it."),
        ("That is why the US acts.", "That is the reason the US acts."),
        ("Rubio said it is over.", "He said it is over."),
        ("The designations bring with it options.", "The designations bring with them options."),
        ("It is not a quid-pro-quo.", "It is not a quid pro quo."),
        (
            "Rubio praised Ecuadorian President Daniel Noboa.",
            "Rubio praised Ecuador’s president, Daniel Noboa.",
        ),
        (
            "It was discussed when Rubio visited the country.",
            "It was discussed when Rubio visited Ecuador.",
        ),
        ("The government is all in now.", "The government is now fully committed."),
    ],
)
def test_light_rewordings_raise_nothing(left, right):
    """Synonyms, spellings of one number or name, and pronoun-for-name are not differences."""
    assert differences(left, right) == ()


@pytest.mark.parametrize(
    ("left", "right", "kind", "shown"),
    [
        (
            "Rubio announced $13.5 million.",
            "Rubio announced $15 million.",
            "number",
            ("$13.5 million", "$15 million"),
        ),
        ("It costs €6 million.", "It costs $6 million.", "number", ("€6 million", "$6 million")),
        ("Two groups were named.", "Three groups were named.", "number", ("Two", "Three")),
        ("Rubio praised Noboa.", "Rubio praised Lasso.", "name", ("Noboa", "Lasso")),
        ("They met on Thursday.", "They met on Friday.", "date", ("Thursday", "Friday")),
        ("He will go to Quito.", "He will not go to Quito.", "qualifier", ("", "not")),
        ("They are gang members.", "They are alleged gang members.", "qualifier", ("", "alleged")),
        (
            "The country is just getting started.",
            "The country is getting started.",
            "qualifier",
            ("just", ""),
        ),
    ],
)
def test_meaning_changes_are_found(left, right, kind, shown):
    """Numbers, names, dates and qualifiers that differ are reported, with each side's words."""
    found = differences(left, right)
    assert [d.kind for d in found] == [kind]
    assert shown[0] in found[0].left and shown[1] in found[0].right
    assert found[0].severity >= 2


@pytest.mark.parametrize(
    ("left", "right", "kind", "shown"),
    [
        (
            "That is one reason the US is working to update its treaty.",
            "That is why he is working to update his treaty.",
            "cause",
            ("one reason", "why"),
        ),
        (
            "Talks stalled because the deal was unpopular.",
            "Talks stalled and the deal was unpopular.",
            "cause",
            ("because", ""),
        ),
        (
            "That is one reason the US is working to update its treaty.",
            "That is why he is working to update his treaty.",
            "agent",
            ("US … its", "he … his"),
        ),
        (
            "It is not a quid-pro-quo, the official said.",
            "It is not a quid-pro-quo, the source said.",
            "attribution",
            ("the official", "the source"),
        ),
        (
            "Threats are still rampant in the country.",
            "Threats continue to proliferate in the country.",
            "intensity",
            ("rampant", "proliferate"),
        ),
        ("Violence is rising.", "Violence is declining.", "intensity", ("rising", "declining")),
    ],
)
def test_shifts_of_cause_agent_attribution_and_intensity_are_found(left, right, kind, shown):
    """Why, who acts, who said it and how strong: each a meaning change of severity 2."""
    found = [d for d in differences(left, right) if d.kind == kind]
    assert len(found) == 1 and found[0].severity == 2
    assert shown[0] in found[0].left and shown[1] in found[0].right


def test_a_quote_paraphrased_with_other_words_is_a_difference():
    """The story's “just getting ramped up” vs “intensifying its efforts”: qualifier, quote and
    intensity (a beginning against growth)."""
    found = differences(
        "The official said the country is “just getting ramped up” on those efforts.",
        "The official said that the country is intensifying its efforts.",
    )
    assert {d.kind for d in found} == {"qualifier", "quote", "intensity"}
    quote = next(d for d in found if d.kind == "quote")
    assert (quote.left, quote.right, quote.severity) == (
        "just getting ramped up",
        "intensifying its",
        2,
    )


def test_a_quote_in_other_words_shows_only_the_words_that_changed():
    """Both quote it; the difference is “a whole lot of difference pieces” / “many differences”."""
    (found,) = differences(
        "“We have a whole lot of difference pieces in our relationship,” the official said.",
        "“We have many differences in our relationship,” the official said.",
    )
    assert (found.kind, found.left, found.right) == (
        "quote",
        "a whole lot of difference pieces",
        "many differences",
    )
    assert found.severity == 2


def test_a_quote_paraphrased_with_its_own_words_is_minor():
    """Dropping the quotation marks but keeping the words is reported, at severity 1."""
    found = differences(
        "It can share intelligence “that can be actioned for potentially lethal operations.”",
        "It can share intelligence, which can be used for potentially lethal operations.",
    )
    assert [(d.kind, d.severity) for d in found] == [("quote", 1)]
    assert severity(found) == 1


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("$13.5 million", [(13.5e6, "USD")]),
        ("US$13.5 million", [(13.5e6, "USD")]),
        ("100 percent", [(100.0, "%")]),
        ("1,200 people", [(1200.0, None)]),
        ("two groups", [(2.0, None)]),
        ("the one with El Salvador", []),
    ],
)
def test_quantities_normalise_scale_and_unit(text, values):
    """Scale words multiply, currencies and percent are units, "one" is not a number."""
    assert [(v, u) for v, u, _ in quantities(text)] == values

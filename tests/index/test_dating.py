"""Which date a stored sentence carries: its own, its paragraph's, or the one it continues."""

from __future__ import annotations

import numpy as np
import pytest

from index.records import Article, Sentence
from index.store.catalog import Catalog
from index.text.dating import reports_event, resolved_date, sentence_dates

# (paragraph, sentence) of a wire report dated Thursday 4 September 2025.
REPORT = [
    (1, "Earlier Thursday, Rubio announced two gangs are designated as terrorist groups."),
    (2, "Rubio said the designations also allow the US to impose sanctions."),
    (3, "Rubio also announced the US would provide $13.5 million in aid."),
    (3, "The US will provide another $6 million in drones."),
    (4, "Gangs are still rampant in the country."),
    (5, "Police arrested three men."),
    (5, "The raid took place on Monday."),
    (6, "The talks began last week."),
]


def catalog_of(paragraphs_and_texts, date: str | None = "2025-09-04") -> Catalog:
    """One article of the given (paragraph, sentence) pairs; vectors are not read here."""
    sentences, text = [], ""
    for n, (paragraph, sentence) in enumerate(paragraphs_and_texts, start=1):
        start = len(text)
        text += sentence + " "
        sentences.append(Sentence("a", n, paragraph, start, start + len(sentence), sentence))
    article = Article("a", "a.txt", text, "v1", date=date)
    return Catalog({"a": article}, sentences, np.zeros((len(sentences), 4), dtype=np.float32))


@pytest.fixture(scope="module")
def report() -> Catalog:
    """The wire report as a catalog."""
    return catalog_of(REPORT)


@pytest.mark.parametrize(
    ("n", "label", "inherited", "source"),
    [
        (1, "Thursday 4 September 2025", None, 1),
        (3, "Thursday 4 September 2025", "continues", 1),
        (4, "Thursday 4 September 2025", "paragraph", 1),
        (6, "Monday 1 September 2025", "paragraph", 7),
        (7, "Monday 1 September 2025", None, 7),
        (8, "the week of Monday 25 August 2025", None, 8),
    ],
)
def test_each_sentence_gets_its_own_or_an_inherited_date(report, n, label, inherited, source):
    """Own dates first; an undated event takes its paragraph's date (before it, else after) or
    that of the dated event it continues ("also"), the source sentence named."""
    dated = resolved_date(report, n - 1)
    assert (dated.label, dated.inherited, dated.source + 1) == (label, inherited, source)


@pytest.mark.parametrize("n", [2, 5])
def test_statements_and_states_inherit_nothing(report, n):
    """“Rubio said … impose sanctions” and “Gangs are still rampant” are not events."""
    assert resolved_date(report, n - 1) is None
    assert n - 1 not in sentence_dates(report, "a")


def test_an_article_without_a_date_resolves_no_relative_expression():
    """“Earlier Thursday” in an undated article has no date to give, nor does what inherits it."""
    undated = catalog_of(REPORT[:4], date=None)
    assert [resolved_date(undated, i) for i in range(4)] == [None] * 4
    assert sentence_dates(undated, "a")[2][0].mention.text == "Earlier Thursday"


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Rubio also announced the US would provide $13.5 million.", True),
        ("The US will provide another $6 million in drones.", True),
        ("Police arrested three men, the spokesman said.", True),
        ("Rubio said the designations allow the US to impose sanctions.", False),
        ("Gangs are still rampant in the country.", False),
    ],
)
def test_events_are_actions_not_what_was_said(text, event):
    """An action verb before any verb of saying makes a sentence an event."""
    assert reports_event(text) is event

"""Time expressions resolved against an article's date (a table against Thursday 2025-09-04)."""

from __future__ import annotations

from datetime import date

import pytest

from index.text.dates import find_dates, parse_date

THURSDAY = date(2025, 9, 4)


@pytest.mark.parametrize(
    ("sentence", "written", "resolved", "label"),
    [
        (
            "The official said on Thursday.",
            "Thursday",
            date(2025, 9, 4),
            "Thursday 4 September 2025",
        ),
        (
            "Earlier Thursday, Rubio announced it.",
            "Earlier Thursday",
            date(2025, 9, 4),
            "Thursday 4 September 2025",
        ),
        (
            "Earlier on Thursday, Rubio announced it.",
            "Earlier on Thursday",
            date(2025, 9, 4),
            "Thursday 4 September 2025",
        ),
        ("He arrived Wednesday.", "Wednesday", date(2025, 9, 3), "Wednesday 3 September 2025"),
        ("He spoke Friday.", "Friday", date(2025, 8, 29), "Friday 29 August 2025"),
        ("He will speak Friday.", "Friday", date(2025, 9, 5), "Friday 5 September 2025"),
        ("They met last Thursday.", "last Thursday", date(2025, 8, 28), "Thursday 28 August 2025"),
        ("They meet next Monday.", "next Monday", date(2025, 9, 8), "Monday 8 September 2025"),
        ("It happened yesterday.", "yesterday", date(2025, 9, 3), "Wednesday 3 September 2025"),
        ("It is due tomorrow.", "tomorrow", date(2025, 9, 5), "Friday 5 September 2025"),
        (
            "The talks began last week.",
            "last week",
            date(2025, 8, 25),
            "the week of Monday 25 August 2025",
        ),
        ("Prices rose last month.", "last month", date(2025, 8, 1), "August 2025"),
        ("Sales fell last year.", "last year", date(2024, 1, 1), "2024"),
        ("It took effect on Sept. 4.", "Sept. 4", date(2025, 9, 4), "Thursday 4 September 2025"),
        ("It began on Aug. 31.", "Aug. 31", date(2025, 8, 31), "Sunday 31 August 2025"),
        (
            "It ended on 4 September 2024.",
            "4 September 2024",
            date(2024, 9, 4),
            "Wednesday 4 September 2024",
        ),
        ("Elections were held in March.", "in March", date(2025, 3, 1), "March 2025"),
        ("It was signed in May 2024.", "May 2024", date(2024, 5, 1), "May 2024"),
        ("The group formed in 2019.", "in 2019", date(2019, 1, 1), "2019"),
        ("He left two days ago.", "two days ago", date(2025, 9, 2), "Tuesday 2 September 2025"),
    ],
)
def test_relative_and_calendar_dates_resolve_against_the_article_date(
    sentence, written, resolved, label
):
    """Each expression, as written, stands for the date a reader of that day would understand."""
    (mention,) = find_dates(sentence, THURSDAY)
    assert (mention.text, mention.when, mention.label) == (written, resolved, label)


def test_parts_of_the_day_order_events_within_it():
    """“Earlier Thursday” sorts before “Thursday”, which sorts before “Thursday night”."""
    parts = [
        find_dates(s, THURSDAY)[0].part for s in ("Earlier Thursday", "Thursday", "Thursday night")
    ]
    assert parts == sorted(parts) and len(set(parts)) == 3


@pytest.mark.parametrize(
    "sentence", ["He spoke Thursday.", "It began last week.", "On Sept. 4 it began."]
)
def test_without_an_article_date_relative_expressions_keep_their_wording(sentence):
    """No date is invented: the mention keeps its text and resolves to None."""
    (mention,) = find_dates(sentence, None)
    assert mention.when is None and mention.label is None and mention.relative
    assert mention.text in sentence


def test_absolute_dates_need_no_article_date():
    """A full calendar date is itself a date."""
    (mention,) = find_dates("It was signed on September 4, 2025.", None)
    assert mention.when == THURSDAY and not mention.relative


@pytest.mark.parametrize(
    "sentence",
    ["He may go.", "They march on.", "The Rubio team said so.", "About 2,000 people came."],
)
def test_words_that_are_not_dates_are_left_alone(sentence):
    """The modal "may", the verb "march" and plain numbers are not dates."""
    assert find_dates(sentence, THURSDAY) == []


@pytest.mark.parametrize(
    ("value", "parsed"),
    [("2025-09-04", THURSDAY), ("2025-09-04T10:00:00Z", THURSDAY), (None, None), ("soon", None)],
)
def test_article_dates_are_read_from_their_iso_form(value, parsed):
    """The first YYYY-MM-DD in the article's date field, or None."""
    assert parse_date(value) == parsed


# Datelines of real news pages where these expressions were once read wrongly: the article's
# own date, the sentence, the expression as written, and the day a reader of that page means.
REAL_DATELINES = [
    # A Wednesday article: "said on Tuesday" is the day before, though the sentence says "will".
    (
        date(2024, 11, 20),
        "Retailers will open their doors at 6 a.m., the company said on Tuesday.",
        "Tuesday",
        date(2024, 11, 19),
    ),
    # A holiday that ends in a weekday's name is the holiday, not the nearest Friday.
    (
        date(2024, 11, 20),
        "Shoppers are expected to crowd stores on Black Friday.",
        "Black Friday",
        date(2024, 11, 29),
    ),
    (
        date(2024, 12, 2),
        "Online sales rose 10% on Black Friday.",
        "Black Friday",
        date(2024, 11, 29),
    ),
    (
        date(2024, 12, 2),
        "Online sales set a record on Cyber Monday.",
        "Cyber Monday",
        date(2024, 12, 2),
    ),
    (
        date(2025, 1, 3),
        "The store was closed on Christmas Day.",
        "Christmas Day",
        date(2024, 12, 25),
    ),
    (date(2025, 3, 1), "The festival returns next Easter.", "next Easter", date(2025, 4, 20)),
    # Past tense: a month or a day without a year falls before the article's date.
    (
        date(2019, 10, 15),
        "He was arrested in April for the March 21 call.",
        "March 21",
        date(2019, 3, 21),
    ),
    (
        date(2019, 10, 15),
        "He was arrested in April for the March 21 call.",
        "in April",
        date(2019, 4, 1),
    ),
    (date(2026, 2, 10), "The deal was signed in April.", "in April", date(2025, 4, 1)),
    # Future tense: the next one.
    (date(2025, 11, 3), "The vote will be held on Jan. 12.", "Jan. 12", date(2026, 1, 12)),
    (date(2025, 9, 4), "The trial will start in March.", "in March", date(2026, 3, 1)),
    # One sentence, two tenses: each expression is read in its own.
    (
        date(2025, 9, 4),
        "Rubio announced on Thursday that talks will resume on Friday.",
        "Friday",
        date(2025, 9, 5),
    ),
    (
        date(2025, 9, 4),
        "Rubio announced on Thursday that talks will resume on Friday.",
        "Thursday",
        date(2025, 9, 4),
    ),
    # A verb of saying dates the statement, not the event: no tense, the nearest day.
    (date(2025, 9, 4), "Talks resume on Sept. 6, officials said.", "Sept. 6", date(2025, 9, 6)),
    # Month names with a modifier.
    (date(2025, 9, 4), "Prices fell last April.", "last April", date(2025, 4, 1)),
    (date(2025, 9, 4), "Elections follow next March.", "next March", date(2026, 3, 1)),
]


@pytest.mark.parametrize(("dated", "sentence", "written", "resolved"), REAL_DATELINES)
def test_real_datelines_resolve_to_the_day_the_page_means(dated, sentence, written, resolved):
    """Tense where the expression stands, holidays, months and days without a year."""
    mention = next(m for m in find_dates(sentence, dated) if m.text == written)
    assert mention.when == resolved


@pytest.mark.parametrize(
    ("name", "year", "day"),
    [
        ("Thanksgiving", 2024, date(2024, 11, 28)),
        ("Black Friday", 2025, date(2025, 11, 28)),
        ("Easter Sunday", 2024, date(2024, 3, 31)),
        ("Good Friday", 2025, date(2025, 4, 18)),
        ("Memorial Day", 2025, date(2025, 5, 26)),
        ("Labor Day", 2025, date(2025, 9, 1)),
        ("New Year’s Eve", 2025, date(2025, 12, 31)),
    ],
)
def test_holidays_fall_on_their_calendar_rules(name, year, day):
    """Fixed dates, n-th weekdays of a month and Easter's computus."""
    (mention,) = find_dates(f"It happened on {name} {year}.", None)
    assert mention.when == day and not mention.relative

"""`Engine.timeline` on the story: events in order, dated from the article, merged by version."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.settings import Settings, StoreSettings
from tests.index.story_pairs import CNN, REWORDED

UNDATED = "003_undated"
UNDATED_TEXT = (
    "Ecuador's president met police chiefs last week to plan the new operations. "
    "The talks resume on Sept. 4, 2025, officials said."
)


@pytest.fixture(scope="module")
def timeline(real_story_engine):
    """The story's timeline."""
    return real_story_engine.timeline()


def test_the_story_is_dated_thursday_4_september_2025(timeline):
    """Every event of the story happened on the CNN article's date, a Thursday."""
    assert [e.date for e in timeline.events] == ["2025-09-04"] * 6
    assert {e.resolved for e in timeline.events} == {"Thursday 4 September 2025"}
    assert all("2025-09-04" in e.note for e in timeline.events)


def first_sentence(timeline, event) -> int:
    """The sentence number of an event's first citation."""
    return next(c.sentence for c in timeline.citations if c.n == event.citations[0])


def test_earlier_thursday_comes_first_then_story_order(timeline):
    """“Earlier Thursday” (and what inherits it) sorts before the other Thursday events, which
    keep story order."""
    whens = [e.when for e in timeline.events]
    assert whens[:3] == ["Earlier Thursday"] * 3
    assert [first_sentence(timeline, e) for e in timeline.events] == [14, 17, 18, 1, 3, 11]


def test_the_aid_announcement_is_under_thursday_inherited_from_the_one_it_continues(timeline):
    """“Rubio also announced … $13.5 million” names no day: it takes sentence 14's Thursday,
    says so, and cites sentence 14 as what dates it; the drones take it from their paragraph."""
    by_number = {c.n: c for c in timeline.citations}
    aid, drones = (e for e in timeline.events if first_sentence(timeline, e) in (17, 18))
    assert "$13.5 million" in aid.text and "$6 million" in drones.text
    for event, how in ((aid, "continues"), (drones, "paragraph")):
        assert (event.resolved, event.inherited) == ("Thursday 4 September 2025", how)
        assert by_number[event.dated_by].sentence == 14
        assert "no date of its own" in event.note and event.articles == (CNN, REWORDED)


def test_events_both_versions_report_are_one_event_citing_both(timeline):
    """Each event cites the CNN sentence that dates it and the undated reworded one."""
    by_number = {c.n: c for c in timeline.citations}
    for event in timeline.events:
        assert event.articles == (CNN, REWORDED)
        cited = [by_number[n] for n in event.citations]
        assert cited[0].text == event.text and cited[0].sentence == cited[1].sentence


def test_the_json_shape_is_stable(timeline):
    """The documented keys, JSON-serialisable."""
    data = json.loads(json.dumps(timeline.to_dict()))
    assert list(data) == ["articles", "events", "citations", "timings_ms"]
    assert list(data["events"][0]) == [
        "when", "date", "precision", "resolved", "note", "text", "citations", "articles",
        "inherited", "dated_by",
    ]  # fmt: skip


@pytest.fixture(scope="module")
def with_undated(tmp_path_factory: pytest.TempPathFactory, story_dir: Path) -> Engine:
    """The story plus an article with no date of its own."""
    data = tmp_path_factory.mktemp("undated")
    (data / f"{UNDATED}.txt").write_text(UNDATED_TEXT, encoding="utf-8")
    engine = Engine.from_settings(Settings(data_dir=data, store=StoreSettings(path=data / "db")))
    engine.ingest([str(story_dir), str(data / f"{UNDATED}.txt")])
    return engine


def test_an_undated_article_keeps_its_relative_wording_and_says_so(with_undated):
    """“last week” in an undated article stays “last week”, comes last, and says why."""
    events = with_undated.timeline().events
    last = events[-1]
    assert (last.when, last.date, last.resolved) == ("last week", None, None)
    assert "no date" in last.note and last.articles == (UNDATED,)


def test_a_full_date_in_an_undated_article_is_still_a_date(with_undated):
    """“Sept. 4, 2025” needs no article date; it sorts with the story's Thursday events."""
    events = with_undated.timeline().events
    stated = next(e for e in events if e.articles == (UNDATED,) and e.date)
    assert stated.date == "2025-09-04" and stated.note == "a date stated in the text"
    assert events.index(stated) < len(events) - 1

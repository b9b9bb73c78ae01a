"""`storybot compare` and `storybot timeline` through the CLI's main(), text and --json."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.cli.main import main
from tests.index.story_pairs import CNN, REWORDED


def run(engine, tmp_path: Path, *argv: str) -> tuple[int, str]:
    """Exit status and stdout of one command over `engine`."""
    out = io.StringIO()
    status = main(list(argv), environ={}, engine_factory=lambda settings: engine, stdout=out)
    return status, out.getvalue()


def test_compare_prints_the_three_parts_with_citations(real_story_engine, tmp_path):
    """Headings, the strongest difference side by side, and the sources by number."""
    status, text = run(real_story_engine, tmp_path, "compare")
    assert status == 0
    for heading in ("Reported by both (9):", "Worded differently (9)", "Only in one (0):"):
        assert heading in text
    assert "“just getting ramped up” [" in text and "“intensifying its” [" in text
    assert " [1] CNN · Kylie Atwood · 2025-09-04 · sentence 1" in text


@pytest.mark.parametrize("argv", [["compare", "--json"], ["compare", CNN, REWORDED, "--json"]])
def test_compare_json_is_one_object(real_story_engine, tmp_path, argv):
    """--json prints the Comparison's stable shape, default and with both ids named."""
    status, text = run(real_story_engine, tmp_path, *argv)
    data = json.loads(text)
    assert status == 0 and data["articles"] == [CNN, REWORDED]
    assert len(data["shared"]) + len(data["worded_differently"]) == 18


def test_compare_with_one_article_is_refused(real_story_engine, tmp_path):
    """One id is not a comparison: one JSON error line and a non-zero exit."""
    status, text = run(real_story_engine, tmp_path, "compare", CNN, "--json")
    assert status != 0
    error = json.loads(text)
    assert error["kind"] == "InputError"
    assert error["error"].startswith("Comparing needs two or more articles.")


def test_timeline_prints_dated_events_in_order(real_story_engine, tmp_path):
    """Dates first, then the cited sentence, then how the date was found."""
    status, text = run(real_story_engine, tmp_path, "timeline")
    assert status == 0
    lines = text.splitlines()
    assert lines[0] == "Timeline of 2 articles: 6 events"
    assert lines[1].startswith("• Thursday 4 September 2025: Earlier Thursday, Rubio announced")
    assert lines[2] == "  ↳ “Earlier Thursday” read against the article's date, 2025-09-04"
    assert lines[3].startswith("• Thursday 4 September 2025 (inherited): Rubio also announced")
    assert lines[4].startswith("  ↳ no date of its own: dated by the sentence it continues")


def test_timeline_json_is_one_object(real_story_engine, tmp_path):
    """--json prints the Timeline's stable shape."""
    status, text = run(real_story_engine, tmp_path, "timeline", "--json")
    events = json.loads(text)["events"]
    assert status == 0 and [e["date"] for e in events] == ["2025-09-04"] * 6

"""Summaries of the story: its key facts first, each once, cited, differences between the
versions flagged; the three lengths; per story and per article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.settings import Settings, StoreSettings
from index.errors import InputError
from tests.bot.story_facts import RAMPED_UP, coverage
from tests.index.story_pairs import CNN, REWORDED


@pytest.fixture(scope="module")
def summary(real_story_engine):
    """The default summary of the story (7 bullets)."""
    return real_story_engine.summary()


def test_the_seven_bullets_carry_every_key_fact(summary):
    """Designations, Los Lobos and Los Choneros, both amounts, no quota / not a quid-pro-quo,
    and the final stages of the agreement: key-fact coverage 1.0."""
    assert len(summary.claims) == 7
    covered = coverage(summary)
    assert covered == dict.fromkeys(covered, True)


def test_the_ramped_up_bullet_says_the_versions_differ(summary):
    """“just getting ramped up” is quoted, “intensifying” cited beside it, and the bullet (and
    the summary's notes, which every renderer shows) say the sources differ."""
    texts = {c.n: c.text for c in summary.citations}
    (claim,) = [c for c in summary.claims if RAMPED_UP[0] in c.text]
    assert any(RAMPED_UP[1] in texts[n] for n in claim.citations[1:])
    assert claim.note.startswith("sources differ") and RAMPED_UP[0] in claim.note
    assert any(RAMPED_UP[1] in note for note in summary.notes)


def test_a_bullet_the_versions_agree_on_says_so(summary):
    """The aid bullet cites both versions and is “reported by both sources”."""
    (aid,) = [c for c in summary.claims if "13.5 million" in c.text]
    assert len(aid.citations) == 2 and aid.note == "reported by both sources"


def test_each_fact_is_one_bullet_citing_every_version(summary):
    """No fact twice: one bullet per fact, each citing the CNN sentence and its reworded twin."""
    by_number = {c.n: c for c in summary.citations}
    for claim in summary.claims:
        cited = [by_number[n] for n in claim.citations]
        assert [c.article_id for c in cited] == [CNN, REWORDED]
        assert cited[0].text == claim.text and cited[0].sentence == cited[1].sentence


def test_bullets_that_lean_on_the_sentence_before_are_left_out(summary):
    """“The topic was discussed on Thursday …” and “It is not 100% finished” need the sentence
    before them to make sense; the bullets do without them."""
    starts = [claim.text.lstrip("“").split()[:2] for claim in summary.claims]
    assert ["The", "topic"] not in starts and ["It", "is"] not in starts


@pytest.mark.parametrize(("length", "count"), [("brief", 1), ("bullets", 7), ("digest", 12)])
def test_lengths_give_a_brief_bullets_or_a_digest(real_story_engine, length, count):
    """A one-line brief (the lede), the default bullets, a longer digest; JSON says which."""
    summary = real_story_engine.summary(length=length)
    assert len(summary.claims) == count and summary.to_dict()["length"] == length
    assert summary.claims[0].text.startswith("The United States and Ecuador are in the final")


def test_the_digest_keeps_the_key_facts_and_adds_to_them(real_story_engine, summary):
    """Every bullet of the default summary is in the digest."""
    digest = real_story_engine.summary(length="digest")
    assert {c.text for c in summary.claims} <= {c.text for c in digest.claims}
    assert all(coverage(digest).values())


def test_one_article_alone_carries_the_key_facts_too(real_story_engine):
    """The CNN version on its own: the same key facts, citing only it, no notes on versions."""
    summary = real_story_engine.summary(CNN)
    assert {c.article_id for c in summary.citations} == {CNN}
    assert all(coverage(summary).values())
    assert all(c.note is None for c in summary.claims) and summary.notes == ()


def test_bullet_notes_are_in_the_json(summary):
    """`bullets` entries are `{"text", "citations", "note"}`."""
    data = json.loads(json.dumps(summary.to_dict()))
    assert list(data["bullets"][0]) == ["text", "citations", "note"]
    assert data["bullets"][0]["note"] == "reported by both sources"


def test_an_unknown_length_is_refused_in_one_line(real_story_engine):
    """Only brief, bullets and digest."""
    with pytest.raises(InputError):
        real_story_engine.summary(length="essay")


@pytest.fixture(scope="module")
def reordered(tmp_path_factory: pytest.TempPathFactory, story_dir: Path) -> Engine:
    """The CNN version with its aid paragraph moved up under the lede, beside the reworded one."""
    data = tmp_path_factory.mktemp("reordered")
    text = (story_dir / f"{CNN}.txt").read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    aid = next(i for i, p in enumerate(paragraphs) if "$13.5 million" in p)
    paragraphs.insert(2, paragraphs.pop(aid))
    (data / f"{CNN}.txt").write_text("\n\n".join(paragraphs), encoding="utf-8")
    engine = Engine.from_settings(Settings(data_dir=data, store=StoreSettings(path=data / "db")))
    engine.ingest([str(data / f"{CNN}.txt"), str(story_dir / f"{REWORDED}.txt")])
    return engine


def test_the_key_facts_do_not_depend_on_where_the_story_puts_them(reordered):
    """With the amounts told second instead of last, the summary still carries every key fact."""
    summary = reordered.summary()
    assert len(summary.claims) == 7 and all(coverage(summary).values())

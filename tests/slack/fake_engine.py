"""A scripted stand-in for `bot.engine.Engine`: the same methods, realistic records.

By default it answers from real sentences of the story; `script(method, *results)` (from
`tests.fakes.ScriptedEngine`) queues what the next calls return or raise (records,
StorybotError subclasses, plain exceptions).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.records import (
    Answer,
    Claim,
    Comparison,
    Contrast,
    Fact,
    IngestedArticle,
    IngestReport,
    Quote,
    Rewording,
    SourceInfo,
    Summary,
    Timeline,
    Turn,
)
from tests import fakes
from tests.fakes import (
    CNN,
    CNN_SENTENCES,
    QUOTED_DETAIL,
    WIRE,
    WIRE_AID,
    ScriptedEngine,
    cnn,
    wire,
)

CNN_GANGS = CNN_SENTENCES[14]
CNN_AID = CNN_SENTENCES[17]
CNN_DRONES = CNN_SENTENCES[18]


def aid_answer(question: str = "How much aid did Rubio announce?") -> Answer:
    """The answer to the story's best-known question, cited twice (both versions)."""
    return Answer(
        question=question,
        answerable=True,
        claims=(Claim(CNN_AID, (1, 2)),),
        citations=(cnn(1, 17, CNN_AID), wire(2, 17, WIRE_AID)),
    )


def refusal(question: str) -> Answer:
    """The articles don't say; the closest sentences are offered."""
    return fakes.refusal(question, cnn(1, 14, CNN_GANGS))


def story_summary(article_id: str | None = None) -> Summary:
    """Three cited bullets in story order."""
    return Summary(
        article_id=article_id,
        claims=(
            Claim(CNN_GANGS, (1,)),
            Claim(CNN_AID, (2, 3)),
            Claim(CNN_DRONES, (4,)),
        ),
        citations=(
            cnn(1, 14, CNN_GANGS),
            cnn(2, 17, CNN_AID),
            wire(3, 17, WIRE_AID),
            cnn(4, 18, CNN_DRONES),
        ),
    )


def story_comparison() -> Comparison:
    """The two versions compared: one worded differently, one only in CNN."""
    quote = "to help Ecuador improve its ability to provide security for its citizens"
    paraphrase = "to help Ecuador improve its capacity to provide security to its citizens"
    return Comparison(
        articles=(CNN, WIRE),
        shared=(),
        worded_differently=(
            Rewording(
                versions=(Fact(CNN_AID, (1,), (CNN,)), Fact(WIRE_AID, (2,), (WIRE,))),
                contrasts=(Contrast("quote", 1, QUOTED_DETAIL, quote, paraphrase, (1, 2)),),
                severity=1,
            ),
        ),
        only_in_one=(Fact(CNN_DRONES, (3,), (CNN,)),),
        citations=(cnn(1, 17, CNN_AID), wire(2, 17, WIRE_AID), cnn(3, 18, CNN_DRONES)),
    )


def story_timeline() -> Timeline:
    """One event, dated from the CNN article's date."""
    return fakes.story_timeline(cnn(1, 14, CNN_GANGS))


SOURCES = (
    SourceInfo(CNN, None, "CNN", "Kylie Atwood", "2025-09-04", None, "stories/000.txt", 19),
    SourceInfo(WIRE, None, None, None, None, None, "stories/001.txt", 18),
)


class FakeEngine(ScriptedEngine):
    """Engine methods over canned records; `calls_of(method)` gives each call's (args, kwargs)."""

    def ask(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        """The aid answer for anything about aid, else a refusal."""
        default = aid_answer(question) if "aid" in question.lower() else refusal(question)
        return self._next("ask", default, question, history=tuple(history))

    def summary(self, article_id: str | None = None, bullets: int | None = None) -> Summary:
        """A three-bullet summary of the story or of one article."""
        return self._next("summary", story_summary(article_id), article_id, bullets=bullets)

    def sources(self) -> list[SourceInfo]:
        """The two story files."""
        return self._next("sources", list(SOURCES))

    def quote(self, article_id: str, sentence: int, context: int = 1) -> Quote:
        """The aid sentence with no neighbours."""
        return self._next("quote", Quote(cnn(1, 17, CNN_AID), (), ()), article_id, sentence)

    def ingest(self, sources: Sequence[str], progress: Any = None) -> IngestReport:
        """Pretend every source was added."""
        report = IngestReport(tuple(IngestedArticle(s, s, "added", 19, 5) for s in sources))
        return self._next("ingest", report, list(sources))

    def ingest_bytes(self, name: str, data: bytes) -> IngestReport:
        """Pretend the upload was added."""
        return self._next("ingest_bytes", IngestReport((IngestedArticle(name, name, "added"),)))

    def forget(self, article_id: str) -> SourceInfo:
        """Pretend the article was removed."""
        return self._next("forget", SOURCES[0], article_id)

    def compare(self, article_ids: Sequence[str] | None = None) -> Comparison:
        """The two versions compared."""
        return self._next("compare", story_comparison(), article_ids)

    def timeline(self, article_ids: Sequence[str] | None = None) -> Timeline:
        """One dated event."""
        return self._next("timeline", story_timeline(), article_ids=article_ids)

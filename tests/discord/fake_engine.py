"""A scripted stand-in for `bot.engine.Engine`: the same methods, realistic records.

By default it answers from real sentences of the story (the CNN article and its reworded
second version); `script(method, *results)` (from `tests.fakes.ScriptedEngine`) queues what the
next calls return, or raise when a result is an exception.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.records import (
    Answer,
    Citation,
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
    WIRE_NAVY,
    ScriptedEngine,
    wire,
)

CNN_TITLE = "US and Ecuador near deal to send asylum seekers to the country"


def cnn(n: int, sentence: int) -> Citation:
    """A citation of one of CNN_SENTENCES, with the article's title, outlet, byline and date."""
    return fakes.cnn(n, sentence, title=CNN_TITLE)


def aid_answer(question: str = "How much aid did Rubio announce?") -> Answer:
    """The aid answer, corroborated by both versions of the report."""
    return Answer(
        question=question,
        answerable=True,
        claims=(Claim(CNN_SENTENCES[17], (1, 2)),),
        citations=(cnn(1, 17), wire(2, 17, WIRE_AID)),
    )


def navy_answer(question: str = "and the Navy?") -> Answer:
    """The follow-up answer, resolved against the earlier turn."""
    return Answer(
        question=question,
        answerable=True,
        claims=(Claim(CNN_SENTENCES[18], (1, 2)),),
        citations=(cnn(1, 18), wire(2, 18, WIRE_NAVY)),
        standalone_question="How much aid did Rubio announce for Ecuador's Navy?",
    )


def refusal(question: str) -> Answer:
    """The articles don't say; the closest sentence is offered."""
    return fakes.refusal(question, cnn(1, 14))


def story_summary(article_id: str | None = None) -> Summary:
    """Three cited bullets in story order."""
    return Summary(
        article_id=article_id,
        claims=(Claim(CNN_SENTENCES[14], (1,)), Claim(CNN_SENTENCES[17], (2, 3))),
        citations=(cnn(1, 14), cnn(2, 17), wire(3, 17, WIRE_AID)),
    )


def story_comparison() -> Comparison:
    """The two versions compared: one shared fact, one worded differently, one only in CNN."""
    quote = "to help Ecuador improve its ability to provide security for its citizens"
    paraphrase = "to help Ecuador improve its capacity to provide security to its citizens"
    return Comparison(
        articles=(CNN, WIRE),
        shared=(Fact(CNN_SENTENCES[18], (1, 2), (CNN, WIRE)),),
        worded_differently=(
            Rewording(
                versions=(Fact(CNN_SENTENCES[17], (3,), (CNN,)), Fact(WIRE_AID, (4,), (WIRE,))),
                contrasts=(Contrast("quote", 1, QUOTED_DETAIL, quote, paraphrase, (3, 4)),),
                severity=1,
            ),
        ),
        only_in_one=(Fact(CNN_SENTENCES[14], (5,), (CNN,)),),
        citations=(
            cnn(1, 18),
            wire(2, 18, WIRE_NAVY),
            cnn(3, 17),
            wire(4, 17, WIRE_AID),
            cnn(5, 14),
        ),
    )


def story_timeline() -> Timeline:
    """One event, dated from the CNN article's date."""
    return fakes.story_timeline(cnn(1, 14))


SOURCES = (
    SourceInfo(CNN, CNN_TITLE, "CNN", "Kylie Atwood", "2025-09-04", None, "stories/000.txt", 19),
    SourceInfo(WIRE, None, None, None, None, None, "stories/001.txt", 18),
)


def ingested(article_id: str, origin: str, status: str = "added") -> IngestReport:
    """A report of one article stored."""
    return IngestReport((IngestedArticle(article_id, origin, status, 19, 6),))  # type: ignore[arg-type]


class FakeEngine(ScriptedEngine):
    """Engine methods over canned records, scripted and recorded as `ScriptedEngine` says."""

    def calls_of(self, method: str) -> list[tuple[Any, ...]]:  # type: ignore[override]
        """The recorded arguments of one method, oldest first (all are passed positionally)."""
        return [args for args, _ in super().calls_of(method)]

    def ask(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        """The aid answer for questions about aid, the Navy for the Navy, else a refusal."""
        q = question.lower()
        default = aid_answer(question) if "aid" in q else refusal(question)
        if "navy" in q:
            default = navy_answer(question)
        return self._next("ask", default, question, tuple(history))

    def summary(self, article_id: str | None = None, bullets: int | None = None) -> Summary:
        """A summary of the story or one article."""
        return self._next("summary", story_summary(article_id), article_id, bullets)

    def sources(self) -> list[SourceInfo]:
        """The two story files."""
        return self._next("sources", list(SOURCES))

    def quote(self, article_id: str, sentence: int, context: int = 1) -> Quote:
        """The aid sentence between its neighbours."""
        default = Quote(cnn(1, 17), before=(cnn(2, 16),), after=(cnn(3, 18),))
        return self._next("quote", default, article_id, sentence, context)

    def ingest(self, sources: Sequence[str], progress: Any = None) -> IngestReport:
        """Each source stored as one article."""
        default = IngestReport(
            tuple(IngestedArticle(f"web_{i}", s, "added", 19, 6) for i, s in enumerate(sources))
        )
        return self._next("ingest", default, tuple(sources))

    def ingest_bytes(self, name: str, data: bytes) -> IngestReport:
        """The uploaded file stored as one article."""
        return self._next("ingest_bytes", ingested(name.rsplit(".", 1)[0], name), name, data)

    def forget(self, article_id: str) -> SourceInfo:
        """The article removed."""
        default = next((s for s in SOURCES if s.id == article_id), SOURCES[0])
        return self._next("forget", default, article_id)

    def compare(self, article_ids: Sequence[str] | None = None) -> Comparison:
        """The two versions compared."""
        return self._next("compare", story_comparison(), article_ids)

    def timeline(self, article_ids: Sequence[str] | None = None) -> Timeline:
        """One dated event."""
        return self._next("timeline", story_timeline(), article_ids)

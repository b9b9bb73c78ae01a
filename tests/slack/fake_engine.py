"""A scripted stand-in for `bot.engine.Engine`: the same methods, realistic records.

By default it answers from two real sentences of the story; `script(method, *results)` queues
what the next calls return or raise (records, StorybotError subclasses, plain exceptions).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from bot.compare import Comparison, Contrast, Fact, Rewording
from bot.records import (
    Answer,
    Citation,
    Claim,
    IngestedArticle,
    IngestReport,
    Quote,
    SourceInfo,
    Summary,
    Turn,
)
from bot.timeline import Event, Timeline

CNN = "000_b4c534ddc7fcb3f0"
WIRE = "001_39477fe5179230ce"
QUOTED_DETAIL = "quoted in one version, paraphrased in the other, which keeps most of its words"

CNN_AID = (
    "Rubio also announced the US would provide $13.5 million “to help Ecuador improve its "
    "ability to provide security for its citizens, take on the combat drugs and crime.”"
)
CNN_DRONES = (
    "The US will provide another $6 million in unmanned aerial vehicles (UAVs) for Ecuador’s Navy."
)
CNN_GANGS = (
    "Earlier Thursday, Rubio announced the US State Department is designating two Ecuadorian "
    "criminal groups as foreign terrorist organizations."
)
WIRE_AID = (
    "Rubio also announced that the United States will contribute US$13.5 million to help "
    "Ecuador improve its capacity to provide security to its citizens and combat drug "
    "trafficking and crime."
)


def cnn(n: int, sentence: int, text: str) -> Citation:
    """A citation of the CNN article, which carries outlet, byline and date."""
    return Citation(n, CNN, None, "CNN", "Kylie Atwood", "2025-09-04", sentence, text)


def wire(n: int, sentence: int, text: str) -> Citation:
    """A citation of the second version of the report, which carries no metadata."""
    return Citation(n, WIRE, None, None, None, None, sentence, text)


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
    return Answer(
        question=question,
        answerable=False,
        claims=(Claim("The articles don't say.", ()),),
        citations=(),
        closest=(cnn(1, 14, CNN_GANGS),),
    )


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
    event = Event(
        when="Earlier Thursday",
        date="2025-09-04",
        precision="day",
        resolved="Thursday 4 September 2025",
        note="“Earlier Thursday” read against the article's date, 2025-09-04",
        text=CNN_GANGS,
        citations=(1,),
        articles=(CNN,),
    )
    return Timeline(articles=(CNN, WIRE), events=(event,), citations=(cnn(1, 14, CNN_GANGS),))


SOURCES = (
    SourceInfo(CNN, None, "CNN", "Kylie Atwood", "2025-09-04", None, "stories/000.txt", 19),
    SourceInfo(WIRE, None, None, None, None, None, "stories/001.txt", 18),
)


class FakeEngine:
    """Engine methods over canned records; every call is recorded as (method, args, kwargs)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
        self._script: dict[str, list[Any]] = defaultdict(list)

    def script(self, method: str, *results: Any) -> None:
        """Queue what the next calls of `method` return, or raise if a result is an exception."""
        self._script[method].extend(results)

    def calls_of(self, method: str) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
        """The recorded (args, kwargs) of one method."""
        return [(a, k) for m, a, k in self.calls if m == method]

    def _next(self, method: str, default: Any, *args: Any, **kwargs: Any) -> Any:
        self.calls.append((method, args, kwargs))
        if self._script[method]:
            result = self._script[method].pop(0)
            if isinstance(result, BaseException):
                raise result
            return result
        return default

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

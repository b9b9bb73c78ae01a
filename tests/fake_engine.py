"""The one stand-in for the engine: a `StoryEngine` (bot/protocols.py) over canned records.

Its records are real sentences of the story (verbatim from ../shared/stories): the CNN article,
which carries outlet, byline, date and title, and its reworded second version, which carries
none. Discord's and Slack's tests both use it.

`script(method, *results)` queues what the next calls of a method return, or raise when a result
is an exception (StorybotError subclasses or plain bugs). Every call is recorded with its
arguments in the protocol's order, defaults filled in: `calls_of("ask") == [(question, history)]`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from bot.protocols import Partial, Progress, StoryEngine
from bot.records import (
    Answer,
    Citation,
    Claim,
    Comparison,
    Contrast,
    Event,
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

CNN = "000_b4c534ddc7fcb3f0"
WIRE = "001_39477fe5179230ce"
CNN_TITLE = "US and Ecuador near deal to send asylum seekers to the country"
QUOTED_DETAIL = "quoted in one version, paraphrased in the other, which keeps most of its words"

CNN_SENTENCES = {
    14: (
        "Earlier Thursday, Rubio announced the US State Department is designating two "
        "Ecuadorian criminal groups as foreign terrorist organizations."
    ),
    16: (
        "Rubio said the designations not only allow the US to impose sanctions, but also mean "
        "it can share intelligence with Ecuador “that can be actioned for potentially lethal "
        "operations.”"
    ),
    17: (
        "Rubio also announced the US would provide $13.5 million “to help Ecuador improve its "
        "ability to provide security for its citizens, take on the combat drugs and crime.”"
    ),
    18: (
        "The US will provide another $6 million in unmanned aerial vehicles (UAVs) for "
        "Ecuador’s Navy."
    ),
}
CNN_GANGS, CNN_AID, CNN_DRONES = CNN_SENTENCES[14], CNN_SENTENCES[17], CNN_SENTENCES[18]
WIRE_AID = (
    "Rubio also announced that the United States will contribute US$13.5 million to help "
    "Ecuador improve its capacity to provide security to its citizens and combat drug "
    "trafficking and crime."
)
WIRE_NAVY = (
    "The United States will also provide another $6 million in unmanned aerial vehicles "
    "(UAVs) for the Ecuadorian Navy."
)


CNN_NAME = "US and Ecuador near deal to send asylum…"
WIRE_NAME = "The United States and Ecuador are in the…"


def cnn(n: int, sentence: int, text: str | None = None) -> Citation:
    """Citation n of the CNN article's sentence (text from CNN_SENTENCES unless given)."""
    if text is None:
        text = CNN_SENTENCES[sentence]
    return Citation(
        n, CNN, CNN_TITLE, "CNN", "Kylie Atwood", "2025-09-04", sentence, text, CNN_NAME
    )


def wire(n: int, sentence: int, text: str) -> Citation:
    """Citation n of the reworded version of the report, which carries no metadata: it is
    named by its first words, as the engine names it (Article.name)."""
    return Citation(n, WIRE, None, None, None, None, sentence, text, WIRE_NAME)


def aid_answer(question: str = "How much aid did Rubio announce?") -> Answer:
    """The aid answer, corroborated by both versions of the report."""
    return Answer(
        question=question,
        answerable=True,
        claims=(Claim(CNN_AID, (1, 2)),),
        citations=(cnn(1, 17), wire(2, 17, WIRE_AID)),
    )


def navy_answer(question: str = "and the Navy?") -> Answer:
    """The follow-up answer, resolved against the earlier turn."""
    return Answer(
        question=question,
        answerable=True,
        claims=(Claim(CNN_DRONES, (1, 2)),),
        citations=(cnn(1, 18), wire(2, 18, WIRE_NAVY)),
        standalone_question="How much aid did Rubio announce for Ecuador's Navy?",
    )


def refusal(question: str) -> Answer:
    """The articles don't say; the closest sentence is offered."""
    return Answer(
        question=question,
        answerable=False,
        claims=(Claim("The articles don't say.", ()),),
        citations=(),
        closest=(cnn(1, 14),),
    )


def story_summary(article_id: str | None = None) -> Summary:
    """Three cited bullets in story order, the aid one cited in both versions."""
    return Summary(
        article_id=article_id,
        claims=(Claim(CNN_GANGS, (1,)), Claim(CNN_AID, (2, 3)), Claim(CNN_DRONES, (4,))),
        citations=(cnn(1, 14), cnn(2, 17), wire(3, 17, WIRE_AID), cnn(4, 18)),
    )


def story_comparison() -> Comparison:
    """The two versions compared: one shared fact, one worded differently, one only in CNN."""
    quote = "to help Ecuador improve its ability to provide security for its citizens"
    paraphrase = "to help Ecuador improve its capacity to provide security to its citizens"
    return Comparison(
        articles=(CNN, WIRE),
        shared=(Fact(CNN_DRONES, (1, 2), (CNN, WIRE)),),
        worded_differently=(
            Rewording(
                versions=(Fact(CNN_AID, (3,), (CNN,)), Fact(WIRE_AID, (4,), (WIRE,))),
                contrasts=(Contrast("quote", 1, QUOTED_DETAIL, quote, paraphrase, (3, 4)),),
                severity=1,
            ),
        ),
        only_in_one=(Fact(CNN_GANGS, (5,), (CNN,)),),
        citations=(
            cnn(1, 18),
            wire(2, 18, WIRE_NAVY),
            cnn(3, 17),
            wire(4, 17, WIRE_AID),
            cnn(5, 14),
        ),
    )


def story_timeline() -> Timeline:
    """One event, dated from the CNN article's date; CNN sentence 14 says so."""
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
    return Timeline(articles=(CNN, WIRE), events=(event,), citations=(cnn(1, 14),))


SOURCES = (
    SourceInfo(CNN, CNN_TITLE, "CNN", "Kylie Atwood", "2025-09-04", None, "stories/000.txt", 19),
    SourceInfo(WIRE, None, None, None, None, None, "stories/001.txt", 18),
)


def ingested(article_id: str, origin: str, status: str = "added") -> IngestReport:
    """A report of one article stored."""
    return IngestReport((IngestedArticle(article_id, origin, status, 19, 6),))  # type: ignore[arg-type]


class FakeEngine(StoryEngine):
    """Engine methods over the canned records above, scripted and recorded."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self._script: dict[str, list[Any]] = defaultdict(list)

    def script(self, method: str, *results: Any) -> None:
        """Queue what the next calls of `method` return, or raise if a result is an exception."""
        self._script[method].extend(results)

    def calls_of(self, method: str) -> list[tuple[Any, ...]]:
        """The recorded arguments of each call of one method, oldest first."""
        return [args for name, args in self.calls if name == method]

    def _next(self, method: str, default: Any, *args: Any) -> Any:
        """Record the call, then return (or raise) the next scripted result, else `default`."""
        self.calls.append((method, args))
        if self._script[method]:
            result = self._script[method].pop(0)
            if isinstance(result, BaseException):
                raise result
            return result
        return default

    def ingest(self, sources: Sequence[str], progress: Progress | None = None) -> IngestReport:
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

    def sources(self) -> list[SourceInfo]:
        """The two story files."""
        return self._next("sources", list(SOURCES))

    def ask(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        """The aid answer for questions about aid, the Navy for the Navy, else a refusal."""
        q = question.lower()
        default = aid_answer(question) if "aid" in q else refusal(question)
        if "navy" in q:
            default = navy_answer(question)
        return self._next("ask", default, question, tuple(history))

    def ask_stream(
        self, question: str, history: Sequence[Turn] = (), on_partial: Partial | None = None
    ) -> Answer:
        """Like `ask` (recorded as a call of `ask`): no model, so nothing is streamed."""
        return self.ask(question, history)

    def summary(
        self, article_id: str | None = None, bullets: int | None = None, length: str = "bullets"
    ) -> Summary:
        """A summary of the story or one article (a length other than bullets is recorded)."""
        shown = () if length == "bullets" else (length,)
        return self._next("summary", story_summary(article_id), article_id, bullets, *shown)

    def quote(self, article_id: str, sentence: int, context: int = 1) -> Quote:
        """The aid sentence between its neighbours."""
        default = Quote(cnn(1, 17), before=(cnn(2, 16),), after=(cnn(3, 18),))
        return self._next("quote", default, article_id, sentence, context)

    def compare(self, article_ids: Sequence[str] | None = None) -> Comparison:
        """The two versions compared."""
        return self._next("compare", story_comparison(), article_ids)

    def timeline(self, article_ids: Sequence[str] | None = None) -> Timeline:
        """One dated event."""
        return self._next("timeline", story_timeline(), article_ids)

"""What the Discord and Slack stand-ins for `bot.engine.Engine` share: real sentences of the story
(verbatim from ../shared/stories), citations of them, and the scripting of a fake engine.

`script(method, *results)` queues what the next calls of a method return, or raise when a result
is an exception (StorybotError subclasses or plain bugs); every call is recorded.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from bot.records import Answer, Citation, Claim, Event, Timeline

CNN = "000_b4c534ddc7fcb3f0"
WIRE = "001_39477fe5179230ce"
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
WIRE_AID = (
    "Rubio also announced that the United States will contribute US$13.5 million to help "
    "Ecuador improve its capacity to provide security to its citizens and combat drug "
    "trafficking and crime."
)
WIRE_NAVY = (
    "The United States will also provide another $6 million in unmanned aerial vehicles "
    "(UAVs) for the Ecuadorian Navy."
)


def cnn(n: int, sentence: int, text: str | None = None, title: str | None = None) -> Citation:
    """A citation of the CNN article, which carries outlet, byline and date (and `title` when
    given); its text is that of `CNN_SENTENCES[sentence]` unless given."""
    if text is None:
        text = CNN_SENTENCES[sentence]
    return Citation(n, CNN, title, "CNN", "Kylie Atwood", "2025-09-04", sentence, text)


def wire(n: int, sentence: int, text: str) -> Citation:
    """A citation of the reworded version of the report, which carries no metadata."""
    return Citation(n, WIRE, None, None, None, None, sentence, text)


def refusal(question: str, closest: Citation) -> Answer:
    """The articles don't say; the `closest` sentence is offered."""
    return Answer(
        question=question,
        answerable=False,
        claims=(Claim("The articles don't say.", ()),),
        citations=(),
        closest=(closest,),
    )


def story_timeline(cited: Citation) -> Timeline:
    """One event, dated from the CNN article's date; `cited` is CNN sentence 14, which says so."""
    event = Event(
        when="Earlier Thursday",
        date="2025-09-04",
        precision="day",
        resolved="Thursday 4 September 2025",
        note="“Earlier Thursday” read against the article's date, 2025-09-04",
        text=CNN_SENTENCES[14],
        citations=(1,),
        articles=(CNN,),
    )
    return Timeline(articles=(CNN, WIRE), events=(event,), citations=(cited,))


class ScriptedEngine:
    """The scripting of a fake engine; every call is recorded as (method, args, kwargs)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
        self._script: dict[str, list[Any]] = defaultdict(list)

    def script(self, method: str, *results: Any) -> None:
        """Queue what the next calls of `method` return, or raise if a result is an exception."""
        self._script[method].extend(results)

    def calls_of(self, method: str) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
        """The recorded (args, kwargs) of one method, oldest first."""
        return [(args, kwargs) for name, args, kwargs in self.calls if name == method]

    def _next(self, method: str, default: Any, *args: Any, **kwargs: Any) -> Any:
        """Record the call, then return (or raise) the next scripted result, else `default`."""
        self.calls.append((method, args, kwargs))
        if self._script[method]:
            result = self._script[method].pop(0)
            if isinstance(result, BaseException):
                raise result
            return result
        return default

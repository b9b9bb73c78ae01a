"""Chat noise out of a question before the engine reads it; the words as written kept for display.

Both adapters hand over the message text as the platform sent it. Removed, so that they never
change the answer: mentions of people, roles and the bot (Discord `<@1>`, `<@!1>`, `<@&1>`;
Slack `<@U1>`, `<@U1|name>`, user groups `<!subteam^S1|@team>`), channel mentions, broadcasts
(`@everyone`, `@here`, `<!here>`, `<!channel>`), emoji codes (`:thinking_face:`, Discord's
`<:name:id>`) and emoji characters, timestamps (`<t:1725460000:R>`), leading greetings ("hi!",
"hey storybot,") and trailing thanks or cc's ("thanks", "cc @alice"). Links keep their label
(or address), Slack dates their fallback text, so nothing the asker meant is lost. Pure text:
no platform is imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Markup that names a person, a role, a channel or everyone: removed whole.
_MENTIONS = re.compile(
    r"<@[!&]?\d+>"  # Discord user, nickname and role mentions
    r"|<#\d+>"  # Discord channel
    r"|</[\w -]+:\d+>"  # Discord slash-command mention
    r"|<@[UW][A-Z0-9]+(?:\|[^<>]*)?>"  # Slack user
    r"|<#[CG][A-Z0-9]+(?:\|[^<>]*)?>"  # Slack channel
    r"|<!(?:here|channel|everyone)(?:\|[^<>]*)?>"  # Slack broadcasts
    r"|<!subteam\^[A-Z0-9]+(?:\|[^<>]*)?>"  # Slack user group
    r"|<t:-?\d+(?::[tTdDfFR])?>"  # Discord timestamp
    r"|(?<!\w)@(?:everyone|here|channel)\b"  # broadcasts typed out
    r"|(?<![\w@])@[\w.\-]+"  # a handle typed (or resolved) as @name
)
_SLACK_DATE = re.compile(r"<!date\^\d+\^[^|<>]*\|([^<>]*)>")
_LINK = re.compile(r"<((?:https?|mailto):[^|<>]+)(?:\|([^<>]*))?>")
_CUSTOM_EMOJI = re.compile(r"<a?:\w+:\d+>")
_EMOJI_CODE = re.compile(
    r"(?<![\w:]):(?:[a-z0-9_+'\-]*[a-z][a-z0-9_+'\-]*|[+-]1|100|1234):(?::skin-tone-\d:)?(?!\w)"
)
_EMOJI_CHAR = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d\U0001f3fb-\U0001f3ff]+"
)
_SEP = r"[\s,.;:!~\-–—]*"
_GREETING = re.compile(
    r"^(?:hi|hello|hey|heya|hiya|howdy|yo|greetings|dear|ok(?:ay)?|so|quick question"
    r"|good (?:morning|afternoon|evening|day)|morning|evening)\b"
    r"(?: (?:there|all|everyone|folks|team|guys|y'all|bot|storybot)\b)?" + _SEP,
    re.IGNORECASE,
)
_LEADING_THANKS = re.compile(
    r"^(?:thanks|thank you|thx|ty|cheers)(?: (?:so|very) much| a lot| again)?[,.;:!~\-–—]+\s*",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    _SEP + r"\b(?:thanks|thank you|thx|ty|tia|thanks in advance|cheers|much appreciated|please|pls"
    r"|plz|cc|fyi|/cc|lol|haha)(?: (?:so|very) much| a lot| again| in advance)?" + r"[\s.!~]*$",
    re.IGNORECASE,
)
_LEADING_PLEASE = re.compile(r"^(?:please|pls|plz)\b" + _SEP, re.IGNORECASE)
_ONLY_PUNCTUATION = re.compile(r"^[\s\W_]*$")
_SPACE_BEFORE_MARK = re.compile(r"\s+([?!,;]+)(?=\s|$)")  # left where a mention or emoji was


@dataclass(frozen=True)
class Question:
    """A chat question: `text` for the engine, `shown` as the asker wrote it (for display)."""

    text: str
    shown: str
    mentions: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()  # greetings, thanks, emoji: everything else taken out

    @property
    def is_chatter(self) -> bool:
        """True when the message held only a greeting, thanks or emoji (and maybe mentions)."""
        return not self.text and bool(self.removed)


def clean_question(raw: str, shown: str | None = None) -> Question:
    """The question in `raw` (platform markup included) without chat noise.

    `shown` is how the adapter displays the message (mentions as names); default: `raw` with
    its markup resolved the same way links and dates are.
    """
    removed: list[str] = []
    mentions: list[str] = []

    def drop(pattern: re.Pattern[str], text: str, into: list[str]) -> str:
        into.extend(m.group(0).strip() for m in pattern.finditer(text))
        return pattern.sub(" ", text)

    text = _SLACK_DATE.sub(lambda m: m.group(1), raw or "")
    text = _LINK.sub(lambda m: m.group(2) or m.group(1), text)
    readable = " ".join(text.split())
    text = drop(_CUSTOM_EMOJI, text, removed)
    text = drop(_MENTIONS, text, mentions)
    for pattern in (_EMOJI_CODE, _EMOJI_CHAR):
        text = drop(pattern, text, removed)
    text = _SPACE_BEFORE_MARK.sub(r"\1", _unescape(" ".join(text.split())))
    text = _strip_pleasantries(text, removed)
    if _ONLY_PUNCTUATION.match(text):
        if text.strip():
            removed.append(text.strip())
        text = ""
    return Question(
        text=text, shown=shown if shown is not None else readable, removed=tuple(removed)
    )


def _strip_pleasantries(text: str, removed: list[str]) -> str:
    """Greetings and thanks off the front, thanks and cc's off the end, until none is left."""
    while True:
        before = text
        for pattern in (_GREETING, _LEADING_THANKS, _LEADING_PLEASE, _TRAILING):
            match = pattern.search(text)
            if match:
                removed.append(match.group(0).strip(" ,.;:!~-"))
                text = (text[: match.start()] + text[match.end() :]).strip()
        text = text.strip(" ,;:-–—~")
        if text == before:
            return text


def _unescape(text: str) -> str:
    """Slack escapes &, < and > in message text; the engine reads them as written."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def looks_like_question(text: str) -> bool:
    """True for text that asks something: a question mark, or a question's first word.

    Used where storybot answers without being addressed (plain replies in its own threads),
    so people talking among themselves ("interesting", "ok") are left alone.
    """
    words = text.strip().lower().split()
    if not words:
        return False
    return "?" in text or words[0].strip(",:") in _QUESTION_STARTS


_QUESTION_STARTS = frozenset(
    "who whom whose what which when where why how is are was were do does did can could will "
    "would should has have had and but also what's who's where's how's when's why's tell explain "
    "describe list summarise summarize compare quote".split()
)

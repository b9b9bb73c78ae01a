"""A model's reply → its sentences (or bullets), each with the [n] numbers it cites.

Models place markers both before and after the full stop ("crime [1]." and "crime. [1]"),
group them ("[1, 2]", "[1-3]", "[1][2]") and sometimes add Markdown; all of that is undone
here. Sentences are split with the same Punkt splitter as articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.text.sentences import split_spans

MAX_RANGE = 20  # "[1-300]" is not a citation of 300 sentences

_MARK = re.compile(r"\[\s*(\d+(?:\s*(?:[,;]|-|–|and)\s*\d+)*)\s*\]")
# A run of markers with only separators between them: "[1], [2], and [3]" is one citation group.
_MARK_RUN = re.compile(
    r"\[\s*\d[^\]\[]{0,40}\](?:\s*(?:,|;|&|\band\b|\bor\b)?\s*\[\s*\d[^\]\[]{0,40}\])+"
)
_NUMBERED = re.compile(r"^\s*\[?(\d{1,2})[\].):]\s*(.+?)\s*$")
_UNFINISHED_MARK = re.compile(r"\s*\[[\d,;\s\-–]*$")  # "[1" while the reply streams
_LEADING_MARKS = re.compile(r"^\s*(?:\[[^\]]*\]\s*)+")
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+[.)])\s+")
_MARKDOWN = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|^#+\s*", re.MULTILINE)
_PREAMBLE = re.compile(r"^\s*(?:answer|summary|response)\s*:\s*", re.I)
_REFUSAL = re.compile(r"^the articles (?:don't|do not|dont) say\b", re.I)


@dataclass(frozen=True)
class Cited:
    """One sentence of a reply, without its markers, and the numbers it cites in order."""

    text: str
    citations: tuple[int, ...]


def numbers_in(marks: str) -> list[int]:
    """The numbers of every [n] marker in a text, ranges expanded, in order, without repeats."""
    out: list[int] = []
    for match in _MARK.finditer(marks):
        body = match.group(1)
        for part in re.split(r"\s*(?:[,;]|and)\s*", body):
            bounds = re.split(r"\s*[-–]\s*", part)
            if len(bounds) == 2 and bounds[0] and bounds[1]:
                low, high = int(bounds[0]), int(bounds[1])
                span = range(low, high + 1) if 0 <= high - low < MAX_RANGE else [low, high]
                out.extend(span)
            elif part.strip().isdigit():
                out.append(int(part))
    return list(dict.fromkeys(out))


def strip_marks(text: str) -> str:
    """The text without [n] markers, spaces tidied (what a reader sees while a reply streams)."""
    text = _UNFINISHED_MARK.sub("", _MARK.sub("", _MARK_RUN.sub(" ", text)))
    text = re.sub(r"[ \t]+([.,;:!?])", r"\1", text)
    text = re.sub(r"[,;]+(?=[.!?]|$)", "", text)  # "the articles,." of a list of markers
    text = re.sub(r"([,;])(?:\s*[,;])+", r"\1", text)
    text = re.sub(r",?\s+(?:and|or)(?=[.!?]|$)", "", text)  # "…, and." left by "[1] and [2]."
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def clean(text: str) -> str:
    """The reply without Markdown emphasis, headings and an "Answer:" preamble."""
    text = _MARKDOWN.sub("", text)
    return _PREAMBLE.sub("", text.strip()).strip()


def is_refusal(text: str) -> bool:
    """True when the whole reply is "The articles don't say." (no citation, nothing more)."""
    body = clean(text).replace("’", "'").strip(" \"“”'.")
    return bool(_REFUSAL.match(body)) and not _MARK.search(body) and len(body) < 80


def parse_sentences(text: str) -> list[Cited]:
    """The reply's sentences with their citations; markers opening a sentence go to the one
    before it ("… crime. [1] The US …")."""
    out: list[Cited] = []
    for line in clean(text).splitlines():
        line = _BULLET.sub("", line).strip()
        if not line:
            continue
        for start, end in split_spans(line):
            piece = line[start:end]
            leading = _LEADING_MARKS.match(piece)
            if leading and out:
                previous = out[-1]
                extra = numbers_in(leading.group(0))
                out[-1] = Cited(previous.text, tuple(dict.fromkeys((*previous.citations, *extra))))
                piece = piece[leading.end() :]
            _add(out, piece)
    return out


def parse_numbered(text: str) -> dict[int, str]:
    """The reply's numbered lines ("[1] …", "1. …") by number, first of each number kept."""
    out: dict[int, str] = {}
    for line in clean(text).splitlines():
        m = _NUMBERED.match(line)
        if m and int(m.group(1)) not in out:
            out[int(m.group(1))] = strip_marks(m.group(2))
    return out


def parse_bullets(text: str) -> list[Cited]:
    """The reply's bullets (one a line), each with its citations; other lines are ignored
    unless the reply has no bullets at all, when its sentences are taken instead."""
    lines = [line for line in clean(text).splitlines() if line.strip()]
    bullets = [line for line in lines if _BULLET.match(line)]
    if not bullets:
        return parse_sentences(text)
    out: list[Cited] = []
    for line in bullets:
        _add(out, _BULLET.sub("", line))
    return out


def _add(out: list[Cited], piece: str) -> None:
    citations = tuple(numbers_in(piece))
    body = strip_marks(piece)
    if body.strip(" .,;:!?\"“”'"):
        out.append(Cited(body, citations))
    elif citations and out:  # a stray "[2]." after the sentence it belongs to
        previous = out[-1]
        out[-1] = Cited(previous.text, tuple(dict.fromkeys((*previous.citations, *citations))))

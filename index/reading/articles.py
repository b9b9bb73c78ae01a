"""Clean a read document into an article: its citable body and the metadata of its citations.

Cleaning only ever drops whole parts (header lines, a leading dateline, boilerplate paragraphs or
a boilerplate tail glued to the last paragraph) and normalises whitespace between paragraphs, so
every sentence cut from `Article.text` of a plain-text file appears verbatim in that file.

Metadata precedence: what the format states explicitly (HTML metadata, Markdown front matter or
heading) first, then the article's header line, then the outlet of its dateline. What none of
them states stays None: a title is never made up from a file name, nor an outlet from a host.
"""

from __future__ import annotations

import hashlib
import json
import re

from index.errors import InputError
from index.reading.metadata import HeaderFields, normalize_date, parse_header, split_dateline
from index.records import Article, Document

_BLOCK_BREAK = re.compile(r"\n[ \t\f\v\r]*\n")
_SENTENCE_END = re.compile(r"""[.!?:;"”’)\]]$""")
_HEADER_SCAN = 4  # metadata lines sit among the first few paragraphs
_DATELINE_SCAN = 3
_MAX_BOILERPLATE_CHARS = 300
_MIN_WRAPPED_LINE = 40
_BOILERPLATE = re.compile(
    r"""^(?:
        [\w&'’]+(?:-[\w&'’]+)*-Wire                          # The-CNN-Wire
      | (?:™\s*&?\s*)?(?:©|\(c\)|copyright)(?:\s*(?:©|\(c\)))?\s*\d{4}\b.*   # © 2025 ...
      | all\ rights\ reserved\.?
      | (?:follow\ us\ on|sign\ up\ for|subscribe\ to\ our|read\ more\s*:|related\s*:).*
    )$""",
    re.I | re.X | re.S,
)
_GLUED_START = re.compile(
    r"(?<![\w-])[\w&'’]+(?:-[\w&'’]+)*-Wire\b|™|©|\(c\)\s*\d{4}|\bcopyright\s*©?\s*\d{4}"
    r"|\ball rights reserved\.?$",
    re.I,
)
_RESERVED = re.compile(r"\ball rights reserved\.?$", re.I)
_MAX_OWNER_WORDS = 8
_GLUED_TAIL = re.compile(r"rights reserved|-Wire\b|^[™&\s]*©", re.I)


def clean_document(doc: Document) -> Article:
    """The citable body of `doc` without header, dateline and boilerplate, with its metadata."""
    paragraphs = split_paragraphs(doc.text, wrapped_lines=doc.format == "text")
    header, found, paragraphs = _take_header(paragraphs)
    dateline_outlet, paragraphs = _drop_dateline(paragraphs)
    paragraphs = _drop_boilerplate(paragraphs)
    text = "\n\n".join(paragraphs)
    if not any(ch.isalpha() for ch in text):
        raise InputError(
            f"Nothing citable is left in {doc.origin} after removing its header and boilerplate",
            "Check that the file holds the article's text",
        )
    meta = {
        "title": _first(doc.title),
        "source": _first(doc.source, found.source, dateline_outlet),
        "byline": _first(_byline(doc.byline), found.byline),
        "date": _first(normalize_date(doc.date), found.date),
        "url": _first(doc.url),
    }
    return Article(
        id=doc.id,
        origin=doc.origin,
        text=text,
        version=article_version(text, header=header, **meta),
        header=header,
        **meta,
    )


def article_version(text: str, **fields: str | None) -> str:
    """A short sha256 of the cleaned text and metadata: equal for equal content, else different."""
    payload = json.dumps([text, sorted(fields.items())], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def split_paragraphs(text: str, wrapped_lines: bool = False) -> list[str]:
    """Paragraphs of `text`, each line stripped at its ends.

    Blank lines always separate paragraphs. With `wrapped_lines` (plain text), a block whose lines
    each end a sentence is one paragraph per line; a block that looks hard-wrapped at a fixed width
    stays one paragraph with its line breaks kept, so its sentences stay verbatim.
    """
    paragraphs: list[str] = []
    for block in _BLOCK_BREAK.split(text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if wrapped_lines and not _hard_wrapped(lines):
            paragraphs.extend(lines)
        elif lines:
            paragraphs.append("\n".join(lines))
    return paragraphs


def _hard_wrapped(lines: list[str]) -> bool:
    """True when most lines but the last are long and stop mid-sentence: a wrapped paragraph."""
    inner = lines[:-1]
    if not inner:
        return False
    mid_sentence = [line for line in inner if not _SENTENCE_END.search(line)]
    long_lines = [line for line in inner if len(line) >= _MIN_WRAPPED_LINE]
    return 2 * len(mid_sentence) >= len(inner) and 2 * len(long_lines) >= len(inner)


def _take_header(paragraphs: list[str]) -> tuple[str | None, HeaderFields, list[str]]:
    """The verbatim metadata lines among the first paragraphs, what they state, and the rest."""
    taken: dict[int, HeaderFields] = {}
    for index, paragraph in enumerate(paragraphs[:_HEADER_SCAN]):
        if split_dateline(paragraph)[0]:
            break  # the body has begun
        fields = parse_header(paragraph)
        if fields:
            taken[index] = fields
    if not taken:
        return None, HeaderFields(), paragraphs
    header = "\n".join(paragraphs[i] for i in taken)
    merged = HeaderFields(*(_first(*values) for values in zip(*taken.values(), strict=True)))
    rest = [p for i, p in enumerate(paragraphs) if i not in taken]
    return header, merged, rest


def _drop_dateline(paragraphs: list[str]) -> tuple[str | None, list[str]]:
    """The outlet of the first dateline (`(CNN) — `) and the paragraphs with that prefix removed."""
    for index, paragraph in enumerate(paragraphs[:_DATELINE_SCAN]):
        outlet, rest = split_dateline(paragraph)
        if outlet:
            return outlet, [*paragraphs[:index], rest, *paragraphs[index + 1 :]]
    return None, paragraphs


def _drop_boilerplate(paragraphs: list[str]) -> list[str]:
    """Paragraphs without wire, copyright and promotion lines, or a boilerplate tail at the end."""
    kept = [p for p in paragraphs if not is_boilerplate(p)]
    if kept:
        kept[-1] = _strip_glued_tail(kept[-1])
    return [p for p in kept if not is_boilerplate(p)]


def is_boilerplate(paragraph: str) -> bool:
    """True for a short paragraph that is a wire tag, copyright notice or newsletter promotion."""
    if len(paragraph) > _MAX_BOILERPLATE_CHARS:
        return False
    return bool(_BOILERPLATE.match(paragraph)) or _owner_reserves_rights(paragraph)


def _owner_reserves_rights(paragraph: str) -> bool:
    """True for `Example Media Group. All rights reserved.`: a short name, then the notice."""
    match = _RESERVED.search(paragraph)
    if not match:
        return False
    words = paragraph[: match.start()].split()
    return len(words) <= _MAX_OWNER_WORDS and all(
        w[0].isupper() or not w[0].isalpha() for w in words
    )


def _strip_glued_tail(paragraph: str) -> str:
    """`paragraph` without a wire/copyright tail on the same line after its last sentence."""
    for match in _GLUED_START.finditer(paragraph):
        head, tail = paragraph[: match.start()].rstrip(), paragraph[match.start() :]
        if (
            len(tail) <= _MAX_BOILERPLATE_CHARS
            and _SENTENCE_END.search(head)
            and _GLUED_TAIL.search(tail)
        ):
            return head
    return paragraph


def _byline(value: str | None) -> str | None:
    return re.sub(r"^\s*by\s+", "", value, flags=re.I) if value else None


def _first(*values: str | None) -> str | None:
    """The first value that is not empty, stripped; None when there is none."""
    for value in values:
        if value and value.strip():
            return " ".join(value.split())
    return None

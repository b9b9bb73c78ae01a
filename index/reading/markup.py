"""Markdown and HTML to prose: paragraphs separated by blank lines, plus the metadata they carry.

Markdown is stripped minimally so sentences read as prose (heading marks, emphasis, links, list
and quote markers go; code blocks and images are dropped). Its YAML front matter is read as
simple `key: value` lines. HTML goes through trafilatura, given the page as a string so it never
fetches anything itself; its structured body gives one paragraph per block element.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NamedTuple, cast

if TYPE_CHECKING:
    from trafilatura.settings import Document


class Extracted(NamedTuple):
    """Prose paragraphs separated by blank lines, and the metadata the markup gave."""

    text: str
    title: str | None = None
    byline: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None


# -- Markdown ------------------------------------------------------------------------------

_FRONT_MATTER_KEYS = {
    "title": "title",
    "author": "byline",
    "authors": "byline",
    "byline": "byline",
    "date": "date",
    "source": "source",
    "outlet": "source",
    "url": "url",
}
_KEY_VALUE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")
_YAML_ITEM = re.compile(r"^\s+-\s+(.+)$")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+(.*)$")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
# Inline marks, applied once to all paragraphs joined by newlines: no pattern crosses a newline.
_INLINE = (
    (re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"), ""),  # images
    (re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)"), r"\1"),  # [text](url)
    (re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # <https://autolink>
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])"), r"\1"),  # backslash escapes
)


def parse_markdown(text: str) -> Extracted:
    """Prose paragraphs of a Markdown document and the metadata of its front matter."""
    meta, body = front_matter(text)
    paragraphs = _markdown_paragraphs(body)
    title = meta.get("title")
    if paragraphs and paragraphs[0][0] == 1:  # a leading `# Title` is the title, not prose
        title = title or paragraphs[0][1]
        paragraphs = paragraphs[1:]
    prose = "\n\n".join(p for _, p in paragraphs if p)
    return Extracted(
        prose, title, meta.get("byline"), meta.get("date"), meta.get("source"), meta.get("url")
    )


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """Known fields of a leading `---` block of `key: value` lines, and the text after it."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            return _fields(lines[1:end]), "\n".join(lines[end + 1 :])
    return {}, text  # no closing line: a rule, not front matter


def _fields(lines: list[str]) -> dict[str, str]:
    """Known keys of simple YAML: `key: value`, `key: [a, b]` and `key:` with `- item` lines."""
    fields: dict[str, str] = {}
    key: str | None = None
    items: list[str] = []
    for line in [*lines, "end:"]:
        item = _YAML_ITEM.match(line)
        if item and key:
            items.append(_unquote(item.group(1)))
            continue
        if key and items and key not in fields:
            fields[key] = ", ".join(items)
        match = _KEY_VALUE.match(line)
        key = _FRONT_MATTER_KEYS.get(match.group(1).lower()) if match else None
        items = []
        value = match.group(2).strip() if match else ""
        if value.startswith("[") and value.endswith("]"):
            value = ", ".join(_unquote(v) for v in value[1:-1].split(",") if v.strip())
        if key and value and key not in fields:
            fields[key] = _unquote(value)
    return {k: v for k, v in fields.items() if v}


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1].strip()
    return value


def _markdown_paragraphs(body: str) -> list[tuple[int, str]]:
    """(heading level or 0, prose) for each paragraph, heading and list item of `body`."""
    blocks: list[tuple[int, str]] = []  # raw text, one line each
    current: list[str] = []
    in_fence = False

    def close() -> None:
        if current:
            blocks.append((0, " ".join(current)))
            current.clear()

    for raw in body.split("\n"):
        if _FENCE.match(raw):
            close()
            in_fence = not in_fence
            continue
        line = _QUOTE.sub("", raw).strip()
        if in_fence or _REFERENCE.match(line):
            continue
        heading, setext, item = _HEADING.match(line), _SETEXT.match(line), _LIST_ITEM.match(line)
        if setext and len(current) == 1:
            blocks.append((1 if setext.group(1).startswith("=") else 2, current.pop()))
        elif not line or _RULE.match(line):
            close()
        elif heading:
            close()
            blocks.append((len(heading.group(1)), heading.group(2)))
        elif item:
            close()
            current.append(item.group(1).strip())
        else:
            current.append(line)
    close()
    if not blocks:
        return []
    texts = _inline("\n".join(text for _, text in blocks)).split("\n")
    prose = [(level, " ".join(t.split())) for (level, _), t in zip(blocks, texts, strict=True)]
    return [(level, text) for level, text in prose if text]


def _inline(text: str) -> str:
    """`text` without inline Markdown marks; line breaks are kept."""
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text


# -- HTML ----------------------------------------------------------------------------------

_DATE_OPTIONS = {"extensive_search": False, "original_date": True}  # no dates guessed from prose


def extract_html(html: str, url: str | None = None) -> Extracted:
    """The article of an HTML page via trafilatura: paragraphs, title, author, date, site, URL."""
    import trafilatura  # slow to import; only HTML needs it

    found = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        date_extraction_params=_DATE_OPTIONS,
    )
    result = cast("Document | None", found)  # as_dict=False (the default): never a dict
    if result is None:
        return Extracted("")
    title = _clean(result.title)
    paragraphs = _body_paragraphs(result.body) or (result.text or "").split("\n")
    paragraphs = [" ".join(p.split()) for p in paragraphs]
    if paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]
    return Extracted(
        "\n\n".join(p for p in paragraphs if p),
        title=title,
        byline=_clean(re.sub(r"^\s*by\s+", "", result.author or "", flags=re.I)),
        date=_clean(result.date),
        source=_clean(result.sitename),
        url=_clean(result.url) or url,
    )


def _body_paragraphs(body: Any) -> list[str]:
    """One string per block of trafilatura's XML body; list items each their own paragraph."""
    if body is None:
        return []
    for line_break in body.iter("lb"):
        line_break.tail = " " + (line_break.tail or "")
    paragraphs: list[str] = []
    for block in body:
        items = list(block.iter("item")) if block.tag == "list" else [block]
        paragraphs.extend("".join(item.itertext()) for item in items)
    return paragraphs


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None

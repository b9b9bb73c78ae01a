"""Read articles: expand paths and URLs, then read each file, upload or page into a Document.

Everything here fails with one-line `InputError`s saying what is wrong and what to do, and
`expand_sources` checks every argument before anything is read, so a bad one stores nothing.
Local files never touch the network: HTML is given to trafilatura as a string, and only
`index.reading.fetching` opens connections, for http(s) URLs.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from index.errors import InputError
from index.reading.decoding import decode_text, html_charset
from index.reading.fetching import Fetched, fetch, too_big
from index.reading.markup import Extracted, extract_html, parse_markdown
from index.records import Document

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_BYTES = 20 * 2**20
FETCH_TIMEOUT_S = 15.0

_FORMATS = {".txt": "text", ".md": "markdown", ".markdown": "markdown"} | dict.fromkeys(
    (".html", ".htm"), "html"
)
_CONTENT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "text/plain": "text",
}
_HTTP = re.compile(r"^https?://", re.I)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*)://", re.I)
_PAGE_SUFFIX = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cfm)$", re.I)
_MAX_ID = 64
_MIN_PROSE_WORDS = 5
_FIX_FORMAT = f"Give a {', '.join(SUPPORTED)} file, or convert the article to one"


def is_url(source: str) -> bool:
    """True for an http(s) URL, which is fetched rather than opened."""
    return bool(_HTTP.match(source.strip()))


def expand_sources(sources: Sequence[str]) -> list[str]:
    """Files, folders (their supported files, sorted) and URLs as a list to read, checked first."""
    if not sources:
        raise InputError("No file, folder or URL was given", "Name at least one to read")
    expanded: list[str] = []
    seen: set[str] = set()
    for source in sources:
        for item in _expand_one(source):
            key = item if is_url(item) else str(Path(item).resolve())
            if key not in seen:
                seen.add(key)
                expanded.append(item)
    return expanded


def _expand_one(source: str) -> list[str]:
    if is_url(source):
        if not urlsplit(source.strip()).hostname:
            raise InputError(f"{source} has no host name", "Give a full URL like https://host/path")
        return [source.strip()]
    scheme = _SCHEME.match(source)
    if scheme:
        raise InputError(
            f"{source} uses {scheme.group(1)}://, which storybot does not fetch",
            "Give an http(s) URL or a local path",
        )
    path = Path(source).expanduser()
    if path.is_dir():
        files = _folder_files(path)
        if not files:
            raise InputError(
                f"The folder {source} holds no {', '.join(SUPPORTED)} files",
                "Point to a folder of articles, or name the files",
            )
        return [str(f) for f in files]
    _check_file(path, source)
    return [source]


def _folder_files(folder: Path) -> list[Path]:
    """Supported files under `folder`, recursively, sorted; hidden files and folders skipped."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [
            Path(root, name)
            for name in files
            if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED
        ]
    return sorted(f for f in found if f.is_file())


def _check_file(path: Path, shown: str) -> None:
    if not path.exists():
        raise InputError(
            f"No such file or folder: {shown}",
            "Check the path (relative paths start in the current folder)",
        )
    if not path.is_file():
        raise InputError(f"{shown} is not a regular file", _FIX_FORMAT)
    _format_of(path.name, shown)


def _format_of(name: str, shown: str) -> str:
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in _FORMATS:
        what = f"a {suffix} file" if suffix else "a file without an extension"
        raise InputError(f"{shown} is {what}, which storybot cannot read", _FIX_FORMAT)
    return _FORMATS[suffix]


def read_source(
    source: str, *, max_bytes: int = MAX_BYTES, fetch_timeout_s: float = FETCH_TIMEOUT_S
) -> Document:
    """Read one file or http(s) URL into a Document (text and the metadata its format carried)."""
    if is_url(source):
        page = fetch(source.strip(), timeout_s=fetch_timeout_s, max_bytes=max_bytes)
        return _document(
            article_id_for(source),
            source.strip(),
            page.data,
            _page_format(page),
            url=page.url,
            charset=page.charset,
        )
    path = Path(source).expanduser()
    _check_file(path, source)
    data = _read_file(path, source, max_bytes)
    return _document(article_id_for(source), source, data, _format_of(path.name, source))


def document_from_bytes(
    name: str,
    data: bytes,
    *,
    max_bytes: int = MAX_BYTES,
    fetch_timeout_s: float = FETCH_TIMEOUT_S,  # unused: one set of limits serves both readers
) -> Document:
    """Read an uploaded file (a chat attachment); the extension of `name` decides the format."""
    base = _base_name(name)
    fmt = _format_of(base, base)
    if len(data) > max_bytes:
        raise too_big(base, max_bytes, len(data))
    return _document(article_id_for(base), base, data, fmt)


def _read_file(path: Path, shown: str, max_bytes: int) -> bytes:
    """The file's bytes; its size is checked before reading, and reading stops past the cap."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise too_big(shown, max_bytes, size)
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(
            f"Cannot read {shown} ({exc.strerror or type(exc).__name__})",
            "Check that the file exists and that you may read it",
        ) from None
    if len(data) > max_bytes:  # it grew after stat
        raise too_big(shown, max_bytes)
    return data


def _page_format(page: Fetched) -> str:
    """The format of a fetched page from its Content-Type, else its URL, else a look at it."""
    fmt = _CONTENT_TYPES.get(page.content_type)
    suffix = PurePosixPath(urlsplit(page.url).path).suffix.lower()
    if fmt == "text" and _FORMATS.get(suffix) == "markdown":
        return "markdown"  # servers often send Markdown as text/plain
    if fmt:
        return fmt
    if page.content_type not in ("", "application/octet-stream"):
        raise InputError(
            f"{page.url} is {page.content_type}, not an article page",
            "Give the address of an HTML article, or save its text as a .txt file",
        )
    if suffix in _FORMATS:
        return _FORMATS[suffix]
    head = page.data[:1024].lstrip().lower()
    return "html" if head.startswith((b"<!doctype html", b"<html")) else "text"


def _document(
    doc_id: str,
    origin: str,
    data: bytes,
    fmt: str,
    *,
    url: str | None = None,
    charset: str | None = None,
) -> Document:
    """The shared path of files, uploads and pages: decode, extract, check there is text."""
    if not data.strip():
        raise _empty(origin)
    declared = charset or (html_charset(data) if fmt == "html" else None)
    text = decode_text(data, origin, declared).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise _empty(origin)
    if fmt == "html":
        page = extract_html(text, url)
        if not _has_prose(page.text):
            raise InputError(
                f"No article text found in {origin}",
                "Check that it is an article page, or save the article's text as a .txt file",
            )
    elif fmt == "markdown":
        page = parse_markdown(text)
    else:
        page = Extracted(text)
    if not any(ch.isalpha() for ch in page.text):
        raise _empty(origin)
    return Document(
        id=doc_id,
        origin=origin,
        text=page.text,
        format=fmt,
        title=page.title,
        source=page.source,
        byline=page.byline,
        date=page.date,
        url=page.url or url,
    )


def _has_prose(text: str) -> bool:
    """True when some paragraph reads like a sentence: enough words and a final punctuation."""
    return any(
        len(p.split()) >= _MIN_PROSE_WORDS and p.rstrip()[-1:] in '.!?"”’)'
        for p in text.split("\n\n")
    )


def _empty(origin: str) -> InputError:
    return InputError(f"{origin} has no text", "Give a file that holds the article's text")


# -- ids -----------------------------------------------------------------------------------


def article_id_for(source: str) -> str:
    """A stable, readable id: a file's name without extension, or a slug of a URL's host+path."""
    if is_url(source):
        return _url_slug(source.strip())
    stem = PurePosixPath(_base_name(source)).stem
    return _limited(_ascii(stem), key=stem, allowed=r"A-Za-z0-9._-")


def _url_slug(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    path = _PAGE_SUFFIX.sub("", unquote(parts.path).rstrip("/"))
    raw = "-".join(p for p in (host, path, unquote(parts.query)) if p)
    return _limited(_ascii(raw).lower(), key=url, allowed=r"a-z0-9._")


def _limited(text: str, *, key: str, allowed: str) -> str:
    """`text` with other characters as '-', at most _MAX_ID long (then with a hash suffix)."""
    slug = re.sub(rf"[^{allowed}]+", "-", text).strip("-._")
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
    if not slug:
        return f"article-{digest}"
    if len(slug) <= _MAX_ID:
        return slug
    return f"{slug[: _MAX_ID - 9].rstrip('-._')}-{digest}"


def _ascii(text: str) -> str:
    """`text` with accents dropped ("año" -> "ano") so ids stay plain ASCII."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _base_name(name: str) -> str:
    """The last component of a path or an uploaded file's name (which may carry folders)."""
    return name.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]

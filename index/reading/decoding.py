"""Bytes to text: which encodings storybot accepts, and how it tells text from binary.

The policy, in order:
1. A byte-order mark decides: UTF-8, UTF-16 or UTF-32 with a BOM decode as such.
2. Known binary signatures (PDF, ZIP/Office, images, gzip) and NUL bytes mean binary: rejected.
3. A charset the file or server declared (HTML `<meta charset>`, HTTP `Content-Type`) is tried.
4. UTF-8.
5. Windows-1252, which covers Latin-1's printable characters, accepted only when the result is
   clearly text (no control characters, mostly ASCII, some letters); a warning says so, because
   the guess could be wrong for other 8-bit code pages.
Anything else is rejected with one line asking for UTF-8. Text with many control characters is
rejected as binary whatever its encoding.
"""

from __future__ import annotations

import codecs
import logging
import re

from index.errors import InputError

log = logging.getLogger(__name__)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Control characters other than the whitespace ones (tab, newlines, form feed).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.01
_MAX_NON_ASCII_SHARE = 0.3
_FIX_BINARY = "Give a text, Markdown or HTML file with the article's text"
_FIX_UTF8 = "Save it as UTF-8 text and try again"


def decode_text(data: bytes, name: str, declared: str | None = None) -> str:
    """Text of `data` by the policy above, or InputError naming `name` and what to do."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _checked(_strict(data, codec, name), name)
    kind = _binary_kind(data)
    if kind:
        raise InputError(f"{name} is {kind}, not text", _FIX_BINARY)
    for candidate in (_codec(declared), "utf-8"):
        if candidate:
            text = _try(data, candidate)
            if text is not None:
                return _checked(text, name)
    text = _try(data, "cp1252")
    if text is not None and _clearly_text(text):
        log.warning("%s is not UTF-8; read it as Windows-1252 (Latin-1) text", name)
        return text
    raise InputError(f"{name} is not UTF-8 text and its encoding cannot be recognised", _FIX_UTF8)


def html_charset(data: bytes) -> str | None:
    """The charset an HTML document declares in a `<meta>` tag near its start, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _codec(label: str | None) -> str | None:
    """The Python codec for a declared charset; Latin-1 labels mean Windows-1252, as browsers do."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _strict(data: bytes, codec: str, name: str) -> str:
    text = _try(data, codec)
    if text is None:
        label = codec.removesuffix("-sig").upper()
        raise InputError(
            f"{name} starts with a {label} byte-order mark but is not valid {label}", _FIX_UTF8
        )
    return text


def _binary_kind(data: bytes) -> str | None:
    """What a binary file is, judged by its first bytes and NUL bytes; None when it may be text."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    return "a binary file (it contains NUL bytes)" if b"\x00" in data else None


def _checked(text: str, name: str) -> str:
    """`text` unless control characters show it is really binary data."""
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise InputError(f"{name} looks like a binary file, not text", _FIX_BINARY)
    return text


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


def _clearly_text(text: str) -> bool:
    """True for 8-bit text that reads as prose: no control characters, mostly ASCII, letters."""
    if not text or _control_share(text) > 0:
        return False
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return non_ascii / len(text) <= _MAX_NON_ASCII_SHARE and any(ch.isalpha() for ch in text)

"""Fetch one article page over http(s) with the standard library, a time limit and a size cap.

The limit covers the whole fetch: connecting and each read wait at most `timeout_s`, and reading
stops once the total time passes it. A `Content-Length` over the cap fails before the body is
read; a body without one is read until the cap and no further.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from index.errors import InputError

if TYPE_CHECKING:
    import http.client

USER_AGENT = "storybot/0.1 (article reader)"
_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,*/*;q=0.5"
_CHUNK = 64 * 1024
_FIX_REACH = "Check the address and that the site is up, or save the page and ingest the file"


@dataclass(frozen=True)
class Fetched:
    """The body of a fetched page with what the server said about it."""

    url: str
    data: bytes
    content_type: str
    charset: str | None


def fetch(url: str, *, timeout_s: float, max_bytes: int) -> Fetched:
    """GET `url`; InputError (one line) for a bad status, no answer, a timeout or a huge body."""
    import http.client  # urllib and http.client are slow to import; only URLs need them
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT})
    deadline = time.monotonic() + timeout_s
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            _check_length(response.headers.get("Content-Length"), url, max_bytes)
            data = _read_capped(response, url, max_bytes, deadline, timeout_s)
            has_type = response.headers.get("Content-Type") is not None
            return Fetched(
                url=response.geturl(),
                data=data,
                content_type=response.headers.get_content_type() if has_type else "",
                charset=response.headers.get_content_charset(),
            )
    except urllib.error.HTTPError as exc:
        exc.close()
        raise InputError(
            f"{url} answered HTTP {exc.code} {exc.reason}",
            "Check the address, or save the page and ingest the file",
        ) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise _timeout(url, timeout_s) from None
        raise InputError(f"Cannot reach {url} ({exc.reason})", _FIX_REACH) from None
    except TimeoutError:  # socket.timeout is TimeoutError since Python 3.10
        raise _timeout(url, timeout_s) from None
    except (http.client.HTTPException, OSError) as exc:
        raise InputError(f"Cannot read {url} ({type(exc).__name__}: {exc})", _FIX_REACH) from None


def too_big(name: str, max_bytes: int, size: int | None = None) -> InputError:
    """The error for a file or page over the size cap, with its size when known."""
    limit = f"the {_mb(max_bytes)} limit"
    problem = f"{name} is {_mb(size)}, over {limit}" if size else f"{name} is larger than {limit}"
    return InputError(problem, "Split it into smaller files, or raise MAX_FILE_MB")


def _mb(size: int) -> str:
    """A size in MB as people write it: `20 MB`, `50.5 MB`."""
    return f"{size / 2**20:.1f} MB" if size % 2**20 else f"{size // 2**20} MB"


def _check_length(header: str | None, url: str, max_bytes: int) -> None:
    if header and header.strip().isdigit() and int(header) > max_bytes:
        raise too_big(url, max_bytes, int(header))


def _read_capped(
    response: http.client.HTTPResponse, url: str, max_bytes: int, deadline: float, timeout_s: float
) -> bytes:
    """The body, in chunks, stopping at the cap or the deadline."""
    parts: list[bytes] = []
    total = 0
    while chunk := response.read1(min(_CHUNK, max_bytes + 1 - total)):
        parts.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise too_big(url, max_bytes)
        if time.monotonic() > deadline:
            raise _timeout(url, timeout_s)
    return b"".join(parts)


def _timeout(url: str, timeout_s: float) -> InputError:
    return InputError(
        f"{url} did not answer within {timeout_s:g} s",
        "Try again later, raise FETCH_TIMEOUT_S, or save the page and ingest the file",
    )

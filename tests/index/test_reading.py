"""Reading articles: expanding arguments, files, uploads and URLs into documents, and bad input."""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from index.errors import InputError
from index.reading.sources import (
    SUPPORTED,
    article_id_for,
    document_from_bytes,
    expand_sources,
    read_source,
)

CNN_NAME = "000_b4c534ddc7fcb3f0.txt"
PROSE = (
    "The United States and Ecuador are in the final stages of establishing an agreement that "
    "would allow the US to send asylum seekers to the country, a senior official said."
)
ARTICLE_HTML = f"""<!doctype html>
<html><head>
<title>Rubio visits Ecuador | Example News</title>
<meta property="og:title" content="Rubio visits Ecuador">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2025-09-04T10:00:00Z">
<meta property="og:site_name" content="Example News">
<meta property="og:url" content="https://news.example.com/2025/rubio-ecuador">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Rubio visits Ecuador</h1>
<p>{PROSE}</p>
<p>“It is not 100% finished,” the official said, adding that the agreement must go
through<br>the standard operating procedures of the departments involved.</p>
<p>Rubio also announced the US would provide $13.5 million to help Ecuador fight crime.</p>
</article>
<footer>Subscribe to our newsletter. © 2025 Example News</footer>
</body></html>"""
QUOTED = "“It is not finished,” the official said at the Café Quito — a naïve hope."
ACCENTED = "The crème brûlée served in Zürich was praised by the señor."
NO_ARTICLE_HTML = "<html><head><title>Menu</title></head><body><nav>Home</nav></body></html>"
MARKDOWN = """---
title: "Rubio visits Ecuador"
author: Jane Doe
date: September 4, 2025
outlet: Example News
url: https://news.example.com/rubio
tags: [politics, ecuador]
---
# Rubio visits Ecuador

The **United States** and _Ecuador_ are close to an [agreement](https://example.com/a),
a senior official said on Thursday.

## What was announced

- Rubio announced `$13.5 million` in aid.
- A second item.
"""


def assert_user_error(error: InputError, *words: str) -> None:
    """One line that names the problem (containing `words`) and says what to do."""
    message = str(error)
    assert "\n" not in message and error.fix, message
    assert all(w.lower() in message.lower() for w in words), message


def write(folder: Path, name: str, data: bytes | str) -> Path:
    """Create `folder/name` (and its parents) holding `data`."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


# -- expanding arguments -------------------------------------------------------------------


def test_a_folder_expands_to_its_story_files_sorted(story_dir):
    """The shared stories folder gives its two .txt files in name order."""
    assert [Path(p).name for p in expand_sources([str(story_dir)])] == [
        "000_b4c534ddc7fcb3f0.txt",
        "001_39477fe5179230ce.txt",
    ]


def test_folders_are_walked_recursively_skipping_hidden_and_unsupported(tmp_path):
    """Supported files at any depth, sorted; dot files, dot folders and other types are skipped."""
    for name in ["b.md", "a.txt", "sub/c.html", "sub/d.HTM", ".hidden.txt", ".git/e.txt", "f.pdf"]:
        write(tmp_path, name, PROSE)
    found = [Path(p).relative_to(tmp_path).as_posix() for p in expand_sources([str(tmp_path)])]
    assert found == ["a.txt", "b.md", "sub/c.html", "sub/d.HTM"]


def test_files_and_urls_pass_through_once_in_order(tmp_path):
    """Explicit files and URLs are kept in order; the same file named twice is read once."""
    article = str(write(tmp_path, "a.txt", PROSE))
    url = "https://example.com/2025/rubio"
    assert expand_sources([url, article, article, url]) == [url, article]


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda d: [str(d / "missing.txt")], ["no such file", "missing.txt"]),
        (lambda d: [str(write(d, "report.pdf", PROSE))], [".pdf", "cannot read"]),
        (lambda d: [str(write(d, "README", PROSE))], ["without an extension"]),
        (lambda d: [str(write(d, "none/x.pdf", PROSE).parent)], ["holds no"]),
        (lambda d: [str(write(d, "hidden/.x.txt", PROSE).parent)], ["holds no"]),
        (lambda d: [], ["no file"]),
        (lambda d: ["ftp://example.com/a.txt"], ["ftp://"]),
        (lambda d: ["https:///path-only"], ["no host"]),
    ],
    ids=["missing", "pdf", "no-extension", "no-supported", "only-hidden", "none", "ftp", "no-host"],
)
def test_bad_arguments_fail_before_anything_is_read(tmp_path, make, words):
    """Every bad argument is an InputError of one line saying what to do."""
    with pytest.raises(InputError) as caught:
        expand_sources(make(tmp_path))
    assert_user_error(caught.value, *words)


def test_one_bad_argument_fails_the_whole_list(tmp_path):
    """A good file next to a missing one still fails: nothing is read, so nothing is stored."""
    good = str(write(tmp_path, "a.txt", PROSE))
    with pytest.raises(InputError) as caught:
        expand_sources([good, str(tmp_path / "typo.txt")])
    assert_user_error(caught.value, "typo.txt")


# -- reading files -------------------------------------------------------------------------


def test_reading_the_cnn_story(story_dir):
    """A .txt story is read whole, as text, with its file name as id."""
    path = story_dir / CNN_NAME
    doc = read_source(str(path))
    assert (doc.id, doc.format, doc.origin) == ("000_b4c534ddc7fcb3f0", "text", str(path))
    assert doc.text == path.read_text(encoding="utf-8")


def test_an_upload_reads_like_the_same_file(story_dir):
    """document_from_bytes gives the same document as reading the file, origin aside."""
    path = story_dir / CNN_NAME
    upload = document_from_bytes(f"attachments\\{CNN_NAME}", path.read_bytes())
    from_file = read_source(str(path))
    assert (upload.id, upload.text, upload.format) == (from_file.id, from_file.text, "text")
    assert upload.origin == CNN_NAME


def test_markdown_front_matter_and_syntax(tmp_path):
    """Front matter gives the metadata; markdown marks go so sentences read as prose."""
    doc = read_source(str(write(tmp_path, "rubio.md", MARKDOWN)))
    assert (doc.format, doc.title, doc.byline, doc.source) == (
        "markdown",
        "Rubio visits Ecuador",
        "Jane Doe",
        "Example News",
    )
    assert (doc.date, doc.url) == ("September 4, 2025", "https://news.example.com/rubio")
    assert doc.text.split("\n\n") == [
        "The United States and Ecuador are close to an agreement, "
        "a senior official said on Thursday.",
        "What was announced",
        "Rubio announced $13.5 million in aid.",
        "A second item.",
    ]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (f"# Rubio in Quito\n\n{PROSE}", "Rubio in Quito"),
        (f"---\nbyline: Jane Doe\n---\nRubio in Quito\n=====\n\n{PROSE}", "Rubio in Quito"),
        (f"---\ntitle: From front matter\n---\n# Rubio in Quito\n\n{PROSE}", "From front matter"),
        (f"{PROSE}\n\n# A later heading", None),
    ],
)  # fmt: skip
def test_a_leading_markdown_heading_is_the_title(tmp_path, text, title):
    """A leading `# Title` becomes the title unless front matter has one; it is not body text."""
    doc = read_source(str(write(tmp_path, "story.markdown", text)))
    assert doc.title == title
    assert doc.text.startswith(PROSE)


def test_html_is_extracted_with_its_metadata(tmp_path):
    """trafilatura gives the article's paragraphs and its author, date, site, title and URL."""
    doc = read_source(str(write(tmp_path, "rubio.html", ARTICLE_HTML)))
    assert doc.format == "html"
    assert (doc.title, doc.byline, doc.date, doc.source) == (
        "Rubio visits Ecuador",
        "Jane Doe",
        "2025-09-04",
        "Example News",
    )
    assert doc.url == "https://news.example.com/2025/rubio-ecuador"
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == PROSE  # the <h1> title is not repeated as body text
    assert "must go through the standard operating procedures" in paragraphs[1]
    assert "Home" not in doc.text and "Subscribe" not in doc.text


def test_local_html_never_touches_the_network(tmp_path, monkeypatch):
    """Reading a local page opens no connection at all, even to loopback."""

    def refuse(self, address):
        raise AssertionError(f"connection attempted to {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    assert read_source(str(write(tmp_path, "rubio.htm", ARTICLE_HTML))).text.startswith(PROSE)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (QUOTED.encode("cp1252"), QUOTED),
        (QUOTED.encode("utf-16"), QUOTED),
        (("\ufeff" + QUOTED).encode(), QUOTED),
        (ACCENTED.encode("latin-1"), ACCENTED),
    ],
    ids=["cp1252", "utf-16-bom", "utf-8-bom", "latin-1"],
)
def test_text_in_other_encodings_is_decoded(tmp_path, data, expected):
    """UTF-8 with BOM, UTF-16 with BOM and Windows-1252/Latin-1 text decode correctly."""
    assert read_source(str(write(tmp_path, "a.txt", data))).text == expected


def test_a_non_utf8_file_is_read_with_a_warning(tmp_path, caplog):
    """Decoding as Windows-1252 is a guess, so the user is told."""
    with caplog.at_level(logging.WARNING, logger="index.reading.decoding"):
        read_source(str(write(tmp_path, "old.txt", "caf\xe9".encode("cp1252"))))
    assert "not UTF-8" in caplog.text


def test_an_html_page_in_its_declared_charset(tmp_path):
    """A page's `<meta charset>` decides how it is decoded."""
    page = ARTICLE_HTML.replace("<head>", '<head><meta charset="windows-1251">')
    page = page.replace("Rubio also", "Рубио also")
    doc = read_source(str(write(tmp_path, "ru.html", page.encode("cp1251", "replace"))))
    assert "Рубио also announced" in doc.text


# -- bad files -----------------------------------------------------------------------------

BAD_FILES = [
    ("empty.txt", b"", ["has no text"]),
    ("blank.md", b"  \n\n\t \n", ["has no text"]),
    ("only-front-matter.md", b"---\ntitle: x\n---\n", ["has no text"]),
    ("nul.txt", b"Some text\x00\x01\x02 and binary", ["binary", "NUL"]),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), ["PNG image"]),
    ("doc.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", ["PDF"]),
    ("noise.txt", bytes(range(1, 32)) * 50 + b"abc", ["binary"]),
    ("garbage.txt", b"Caf\x81\x8d\x8f\x90\x9d\xff\xfe\xfa" * 40, ["not UTF-8", "UTF-8"]),
    ("mostly-high.txt", bytes(range(0xC0, 0x100)) * 20, ["not UTF-8"]),
    ("menu.html", NO_ARTICLE_HTML.encode(), ["no article text"]),
    ("empty.html", b"<html><body></body></html>", ["no article text"]),
    ("bad-bom.txt", b"\xff\xfeA\x00\x00\xd8", ["UTF-16", "not valid"]),
]


@pytest.mark.parametrize(
    ("name", "data", "words"), BAD_FILES, ids=[name for name, _, _ in BAD_FILES]
)
def test_bad_files_fail_with_one_clear_line(tmp_path, name, data, words):
    """Empty, binary, undecodable or article-less files: one line naming the file and a fix."""
    path = write(tmp_path, name, data)
    with pytest.raises(InputError) as caught:
        read_source(str(path))
    assert_user_error(caught.value, name, *words)


@pytest.mark.parametrize(
    ("name", "data", "words"), BAD_FILES[:4], ids=["empty", "blank", "fm", "nul"]
)
def test_bad_uploads_fail_the_same_way(name, data, words):
    """An upload with the same bytes fails with the same message."""
    with pytest.raises(InputError) as caught:
        document_from_bytes(name, data)
    assert_user_error(caught.value, name, *words)


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("missing.txt", ["no such file"]),
        ("report.docx", ["no such file"]),
        (".", ["not a regular"]),
    ],
)
def test_reading_a_path_that_is_not_a_file(monkeypatch, tmp_path, source, words):
    """read_source checks the path itself too: a missing file or a folder is an InputError."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as caught:
        read_source(source)
    assert_user_error(caught.value, *words)


@pytest.mark.parametrize("name", ["story.pdf", "story.docx", "story"])
def test_unsupported_extensions_are_refused(tmp_path, name):
    """Files and uploads of other types are refused by their extension, content unseen."""
    with pytest.raises(InputError) as from_file:
        read_source(str(write(tmp_path, name, PROSE)))
    with pytest.raises(InputError) as from_upload:
        document_from_bytes(name, PROSE.encode())
    for caught in (from_file, from_upload):
        assert_user_error(caught.value, "cannot read", ".txt")


def test_a_50_mb_file_fails_fast_without_being_read(tmp_path):
    """The size is checked before reading: the message knows the exact size, and it is quick."""
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 2**20)  # sparse: instant to create
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        read_source(str(path))
    assert time.perf_counter() - started < 0.5
    assert_user_error(caught.value, "huge.txt is 50 MB", "over the 20 MB limit", "MAX_FILE_MB")


def test_a_file_over_a_lower_limit_fails(tmp_path):
    """The limit is a parameter; uploads over it fail the same way."""
    path = write(tmp_path, "a.txt", PROSE)
    with pytest.raises(InputError) as caught:
        read_source(str(path), max_bytes=100)
    assert_user_error(caught.value, "over the", "limit")
    with pytest.raises(InputError) as caught:
        document_from_bytes("a.txt", PROSE.encode(), max_bytes=100, fetch_timeout_s=1.0)
    assert_user_error(caught.value, "a.txt is", "over the", "limit")


# -- reading URLs --------------------------------------------------------------------------


class Route(NamedTuple):
    """What the test server answers for one path."""

    body: bytes = b""
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0  # seconds before answering
    drip: float = 0.0  # seconds between 10-byte pieces of the body


NOT_FOUND = Route(b"<h1>Not found</h1>", 404, (("Content-Type", "text/html"),))


class _Handler(BaseHTTPRequestHandler):
    """Serves the routes of its server, a dict of path -> Route."""

    def do_GET(self) -> None:
        r = self.server.routes.get(self.path, NOT_FOUND)  # type: ignore[attr-defined]
        time.sleep(r.delay)
        self.send_response(r.status)
        for key, value in r.headers:
            self.send_header(key, value)
        self.end_headers()
        pieces = [r.body[i : i + 10] for i in range(0, len(r.body), 10)] if r.drip else [r.body]
        with contextlib.suppress(OSError):  # the client may have given up, as a test wanted
            for piece in pieces:
                self.wfile.write(piece)
                self.wfile.flush()
                time.sleep(r.drip)

    def log_message(self, *args: object) -> None:
        """Keep test output clean."""


@pytest.fixture
def site(monkeypatch) -> Iterator[tuple[str, dict[str, Route]]]:
    """A real HTTP server on 127.0.0.1 in a thread: (base URL, routes to fill in)."""
    for proxy in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(proxy, raising=False)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.routes = {}  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", server.routes  # type: ignore[attr-defined]
    server.shutdown()
    server.server_close()


def route(
    body: bytes | str, content_type: str | None = "text/html; charset=utf-8", **kw: Any
) -> Route:
    """A 200 route with `body` and its Content-Type; more headers, delay or drip in `kw`."""
    data = body.encode() if isinstance(body, str) else body
    headers = {"Content-Type": content_type} if content_type else {}
    headers |= {k.replace("_", "-"): v for k, v in kw.items() if k not in ("delay", "drip")}
    return Route(data, 200, tuple(headers.items()), kw.get("delay", 0.0), kw.get("drip", 0.0))


def test_an_html_page_is_fetched_and_extracted(site):
    """A URL is fetched over http and extracted with its metadata; its id is a slug of it."""
    base, routes = site
    routes["/2025/rubio-ecuador.html"] = route(ARTICLE_HTML)
    url = f"{base}/2025/rubio-ecuador.html"
    doc = read_source(url)
    assert (doc.id, doc.origin, doc.format) == ("127.0.0.1-2025-rubio-ecuador", url, "html")
    assert (doc.title, doc.byline, doc.source) == (
        "Rubio visits Ecuador",
        "Jane Doe",
        "Example News",
    )
    assert doc.text.startswith(PROSE)


@pytest.mark.parametrize(
    ("path", "content_type", "body", "fmt"),
    [
        ("/story.txt", "text/plain; charset=utf-8", PROSE, "text"),
        ("/story.md", "text/plain", f"# Title\n\n{PROSE}", "markdown"),
        ("/story", "text/markdown", f"# Title\n\n{PROSE}", "markdown"),
        ("/page", None, ARTICLE_HTML, "html"),
    ],
)
def test_fetched_formats_follow_content_type_then_url(site, path, content_type, body, fmt):
    """Content-Type decides, Markdown served as text/plain is still Markdown, else a sniff."""
    base, routes = site
    routes[path] = route(body, content_type)
    doc = read_source(base + path)
    assert doc.format == fmt and doc.text.startswith(PROSE)


def test_a_redirect_is_followed_and_the_final_url_kept(site):
    """A redirect is followed; the document keeps the id of the URL given."""
    base, routes = site
    routes["/old"] = Route(status=301, headers=(("Location", f"{base}/new.txt"),))
    routes["/new.txt"] = route(PROSE, "text/plain")
    doc = read_source(f"{base}/old")
    assert (doc.id, doc.url, doc.text) == ("127.0.0.1-old", f"{base}/new.txt", PROSE)


def test_http_errors_and_unreachable_hosts(site):
    """A 404, a 500 and a closed port each give one line saying what to do."""
    base, routes = site
    routes["/boom"] = Route(b"oops", 500, (("Content-Type", "text/plain"),))
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/story"
    cases = [
        (f"{base}/nothing", "HTTP 404"),
        (f"{base}/boom", "HTTP 500"),
        (closed, "cannot reach"),
    ]
    for url, words in cases:
        with pytest.raises(InputError) as caught:
            read_source(url, fetch_timeout_s=2.0)
        assert_user_error(caught.value, words, url)


@pytest.mark.parametrize(
    ("body", "content_type", "words"),
    [
        (NO_ARTICLE_HTML, "text/html", ["no article text"]),
        (b"%PDF-1.7\n", "application/pdf", ["application/pdf", "not an article"]),
        (b"", "text/plain", ["has no text"]),
    ],
)
def test_pages_without_an_article(site, body, content_type, words):
    """A page with no article text, a PDF or an empty body fails clearly."""
    base, routes = site
    routes["/p"] = route(body, content_type)
    with pytest.raises(InputError) as caught:
        read_source(f"{base}/p")
    assert_user_error(caught.value, *words)


@pytest.mark.parametrize(
    "slow", [route(ARTICLE_HTML, delay=1.0), route(ARTICLE_HTML, drip=0.05)], ids=["late", "drip"]
)
def test_a_slow_page_times_out(site, slow):
    """A server that answers late, or drips its page, fails in about the timeout, with a fix."""
    base, routes = site
    routes["/slow"] = slow
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        read_source(f"{base}/slow", fetch_timeout_s=0.3)
    assert time.perf_counter() - started < 0.9
    assert_user_error(caught.value, "did not answer within 0.3 s", "FETCH_TIMEOUT_S")


@pytest.mark.parametrize("declared", [True, False])
def test_a_page_over_the_size_cap_is_refused(site, declared):
    """A body over the cap fails, before reading when Content-Length says so, else at the cap."""
    base, routes = site
    body = b"<p>" + b"x" * 5000 + b"</p>"
    extra = {"Content_Length": str(len(body))} if declared else {}
    routes["/big"] = route(body, "text/html", **extra)
    with pytest.raises(InputError) as caught:
        read_source(f"{base}/big", max_bytes=1000)
    assert_user_error(caught.value, "limit", "MAX_FILE_MB")


# -- ids -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("/work/shared/stories/000_b4c534ddc7fcb3f0.txt", "000_b4c534ddc7fcb3f0"),
        ("stories/My Story (final).md", "My-Story-final"),
        ("C:\\Users\\me\\notes.v2.html", "notes.v2"),
        ("año-político.txt", "ano-politico"),
        ("https://www.example.com/2025/rubio-ecuador", "example.com-2025-rubio-ecuador"),
        ("https://example.com/2025/rubio-ecuador/", "example.com-2025-rubio-ecuador"),
        ("http://Example.com/World/Rubio.html#top", "example.com-world-rubio"),
        ("https://example.com/article.php?id=42", "example.com-article-id-42"),
        ("https://example.com/", "example.com"),
    ],
)
def test_article_ids_are_readable_and_stable(source, expected):
    """Ids come from the file name or the URL's host and path, in [A-Za-z0-9._-]."""
    assert article_id_for(source) == expected


def test_long_ids_are_cut_with_a_hash_that_keeps_them_apart():
    """Over 64 characters, an id is truncated and given a short hash of the whole source."""
    stem = "https://example.com/" + "a-very-long-headline-" * 5
    first, second = article_id_for(stem + "one"), article_id_for(stem + "two")
    assert first != second
    assert all(len(i) <= 64 and i.startswith("example.com-a-very-long") for i in (first, second))
    assert article_id_for(stem + "one") == first
    assert len(article_id_for("x" * 100 + ".txt")) <= 64


def test_ids_of_names_with_no_usable_characters_are_still_stable():
    """A name with nothing of [A-Za-z0-9] gets a hashed id, the same every time."""
    assert (
        article_id_for("日本語.txt") == article_id_for("日本語.txt") != article_id_for("中文.txt")
    )
    assert article_id_for("日本語.txt").startswith("article-")


def test_supported_extensions():
    """The reader takes plain text, Markdown and HTML files."""
    assert SUPPORTED == (".txt", ".md", ".markdown", ".html", ".htm")

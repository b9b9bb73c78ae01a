"""Cleaning documents into articles: header, dateline and boilerplate out; metadata in."""

from __future__ import annotations

import dataclasses

import pytest

from index.errors import InputError
from index.reading.articles import clean_document, split_paragraphs
from index.reading.sources import read_source
from index.records import Document

CNN_NAME = "000_b4c534ddc7fcb3f0.txt"
REWORDED_NAME = "001_39477fe5179230ce.txt"
BODY = "The United States and Ecuador are close to an agreement, an official said on Thursday."


def doc(text: str, fmt: str = "text", **meta: str | None) -> Document:
    """A document as the reader would make it from `text`."""
    return Document(id="a", origin="a.txt", text=text, format=fmt, **meta)


@pytest.fixture(scope="module")
def cnn(story_dir):
    """The CNN story, read and cleaned."""
    return clean_document(read_source(str(story_dir / CNN_NAME)))


@pytest.fixture(scope="module")
def reworded(story_dir):
    """The reworded story (no metadata at all), read and cleaned."""
    return clean_document(read_source(str(story_dir / REWORDED_NAME)))


# -- the real story files ------------------------------------------------------------------


def test_cnn_metadata_comes_from_its_header_line(cnn):
    """The `date … By …, CNN` line gives date, byline and outlet; there is no title to invent."""
    assert (cnn.date, cnn.byline, cnn.source) == ("2025-09-04", "Kylie Atwood", "CNN")
    assert cnn.title is None and cnn.url is None
    assert cnn.label == "CNN · Kylie Atwood · 2025-09-04"


def test_cnn_header_is_kept_verbatim_and_out_of_the_body(cnn):
    """The header line is stored stripped but unchanged, and is not part of the citable text."""
    assert cnn.header == "date 2025-09-04 By Kylie Atwood, CNN"
    assert "Kylie Atwood" not in cnn.text
    assert "date 2025-09-04" not in cnn.text


def test_cnn_dateline_is_removed_from_the_first_paragraph(cnn):
    """`(CNN) — ` goes; the first paragraph starts with its first real word."""
    assert cnn.text.startswith("The United States and Ecuador are in the final stages")
    assert "(CNN)" not in cnn.text


@pytest.mark.parametrize(
    "boilerplate", ["The-CNN-Wire", "Cable News Network", "All rights reserved", "©", "™"]
)
def test_cnn_wire_and_copyright_lines_are_removed(cnn, boilerplate):
    """Nothing of the wire tag or the copyright notice stays citable."""
    assert boilerplate not in cnn.text


def test_cnn_body_ends_with_the_last_sentence(cnn):
    """The body ends where the article ends, before the boilerplate."""
    assert cnn.text.endswith("for Ecuador’s Navy.")


def test_reworded_story_has_no_metadata(reworded):
    """Where the file states nothing, every field stays None: no title from the file name."""
    fields = (reworded.title, reworded.source, reworded.byline, reworded.date, reworded.header)
    assert fields == (None, None, None, None, None)
    assert reworded.id == "001_39477fe5179230ce"
    assert reworded.label == "The United States and Ecuador are in the…"  # its lead, not a hash


def test_reworded_story_keeps_each_line_as_a_paragraph(story_dir, reworded):
    """Single newlines separate its paragraphs; each becomes a blank-line separated paragraph."""
    lines = (story_dir / REWORDED_NAME).read_text(encoding="utf-8").splitlines()
    assert reworded.text.split("\n\n") == [line.strip() for line in lines if line.strip()]


@pytest.mark.parametrize("name", [CNN_NAME, REWORDED_NAME])
def test_every_body_paragraph_is_verbatim_in_the_file(story_dir, name):
    """Cleaning only drops parts: each paragraph of the body is a substring of the original."""
    original = (story_dir / name).read_text(encoding="utf-8")
    article = clean_document(read_source(str(story_dir / name)))
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 14
    assert all(p and p == p.strip() and p in original for p in paragraphs)


# -- metadata in the text ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first_line", "outlet"),
    [
        ("WASHINGTON (Reuters) - ", "Reuters"),
        ("(AP) — ", "AP"),
        ("LONDON, Sept 4 (Reuters) – ", "Reuters"),
        ("QUITO, Ecuador (AP) — ", "AP"),
        ("(CNN)—", "CNN"),
        ("BOGOTÁ (Reuters) - ", "Reuters"),
    ],
)
def test_datelines_are_removed_and_name_the_outlet(first_line, outlet):
    """A leading dateline gives the outlet and leaves the rest of the paragraph verbatim."""
    article = clean_document(doc(first_line + BODY))
    assert article.source == outlet
    assert article.text == BODY


def test_a_capitalised_opening_without_an_outlet_is_not_a_dateline():
    """`NATO — …` is prose: only datelines with an outlet in brackets are removed."""
    text = "NATO — the alliance met on Thursday to discuss the agreement with Ecuador."
    assert clean_document(doc(text)).text == text


@pytest.mark.parametrize(
    ("header", "byline", "source", "date"),
    [
        ("By Jane Doe, CNN", "Jane Doe", "CNN", None),
        ("By Jane Doe and John Roe", "Jane Doe and John Roe", None, None),
        ("By Jane Doe, John Roe and Ann Poe", "Jane Doe, John Roe and Ann Poe", None, None),
        ("By Jane Doe and John Roe, The Associated Press", "Jane Doe and John Roe",
         "The Associated Press", None),
        ("September 4, 2025", None, None, "2025-09-04"),
        ("Sept. 4, 2025", None, None, "2025-09-04"),
        ("2025-09-04", None, None, "2025-09-04"),
        ("Updated 10:00 AM EDT, Thu September 4, 2025", None, None, "2025-09-04"),
        ("By Monica Sun, Reuters | Sept. 4, 2025", "Monica Sun", "Reuters", "2025-09-04"),
        ("By José Álvarez de la Cruz, Reuters", "José Álvarez de la Cruz", "Reuters", None),
    ],
)  # fmt: skip
def test_header_lines_give_byline_outlet_and_iso_date(header, byline, source, date):
    """Bylines and date lines in common forms become metadata and leave the body."""
    article = clean_document(doc(f"{header}\n\n{BODY}"))
    assert (article.byline, article.source, article.date) == (byline, source, date)
    assert article.header == header
    assert article.text == BODY


def test_header_lines_may_follow_each_other():
    """A byline line and a date line both count as header, kept verbatim in order."""
    article = clean_document(doc(f"By Jane Doe, CNN\nSeptember 4, 2025\n{BODY}"))
    assert (article.byline, article.source, article.date) == ("Jane Doe", "CNN", "2025-09-04")
    assert article.header == "By Jane Doe, CNN\nSeptember 4, 2025"
    assert article.text == BODY


@pytest.mark.parametrize(
    "prose",
    [
        "By Thursday, the deal was done and the official said so.",
        "The official said on 2025-09-04 that the deal was done.",
        "Rubio visits Ecuador",
    ],
)
def test_prose_that_looks_a_little_like_a_header_stays_in_the_body(prose):
    """Only lines made of a date and/or a byline are header; prose is never taken."""
    article = clean_document(doc(f"{prose}\n\n{BODY}"))
    assert article.text == f"{prose}\n\n{BODY}"
    assert article.header is None and article.byline is None


@pytest.mark.parametrize(
    "line",
    [
        "All rights reserved.",
        "Example Media Group. All rights reserved.",
        "© 2025 Example Media Group",
        "(c) 2025 Reuters",
        "Copyright 2025 The Associated Press. All rights reserved.",
        "™ & © 2025 Cable News Network, Inc., a Warner Bros. Discovery Company.",
        "The-AP-Wire",
        "Follow us on X and Facebook",
        "Sign up for our newsletter",
        "Read more: Rubio meets Noboa in Quito",
    ],
)
def test_trailing_boilerplate_lines_are_removed(line):
    """Wire tags, copyright notices and promotions after the article are not citable."""
    assert clean_document(doc(f"{BODY}\n\n{line}")).text == BODY


@pytest.mark.parametrize(
    "tail",
    [
        " The-CNN-Wire ™ & © 2025 Cable News Network, Inc. All rights reserved.",
        "The-CNN-Wire",
        " © 2025 Example Media Group",
        " All rights reserved.",
    ],
)
def test_boilerplate_glued_to_the_last_paragraph_is_cut_off(tail):
    """A wire or copyright tail on the same line as the last sentence is removed."""
    assert clean_document(doc(BODY + tail)).text == BODY


def test_prose_about_copyright_is_kept():
    """A paragraph that merely mentions copyright is not boilerplate."""
    text = "Copyright holders said the agreement with Ecuador was fair to them."
    assert clean_document(doc(f"{BODY}\n\n{text}")).text == f"{BODY}\n\n{text}"


def test_hard_wrapped_text_stays_one_paragraph_with_its_line_breaks():
    """Lines wrapped mid-sentence form one paragraph, kept verbatim (newlines included)."""
    wrapped = (
        "The United States and Ecuador are in the final stages of establishing\n"
        "an agreement that would allow the US to send asylum seekers to the\n"
        "country, a senior State Department official said on Thursday."
    )
    assert split_paragraphs(f"{wrapped}\n\n{BODY}", wrapped_lines=True) == [wrapped, BODY]


# -- precedence, versions, failure ---------------------------------------------------------


def test_explicit_metadata_wins_over_the_text():
    """Front matter or HTML metadata first, then the header line, then the dateline."""
    text = f"By Kylie Atwood, CNN\n\n(Reuters) — {BODY}"
    article = clean_document(doc(text, byline="By Jane Doe", date="September 4, 2025"))
    assert (article.byline, article.date, article.source) == ("Jane Doe", "2025-09-04", "CNN")
    assert clean_document(doc(text, source="Example News")).source == "Example News"
    assert clean_document(doc(f"(Reuters) — {BODY}")).source == "Reuters"


def test_front_matter_reaches_the_article_with_an_iso_date(tmp_path):
    """Markdown metadata flows through cleaning; its date is normalised to ISO."""
    path = tmp_path / "rubio.md"
    path.write_text(
        f"---\ntitle: Rubio in Quito\nbyline: Jane Doe\ndate: Sept. 4, 2025\n"
        f"source: Example News\n---\n{BODY}\n",
        encoding="utf-8",
    )
    article = clean_document(read_source(str(path)))
    assert (article.title, article.byline, article.date, article.source) == (
        "Rubio in Quito",
        "Jane Doe",
        "2025-09-04",
        "Example News",
    )
    assert article.text == BODY and article.header is None


def test_an_unparseable_explicit_date_is_kept_as_given():
    """A date the metadata states but we cannot parse is shown as is, not dropped or guessed."""
    assert clean_document(doc(BODY, date="early September")).date == "early September"


def test_version_is_stable_for_equal_content(cnn, story_dir):
    """Cleaning the same file twice gives the same version."""
    again = clean_document(read_source(str(story_dir / CNN_NAME)))
    assert again.version == cnn.version and len(cnn.version) == 16


@pytest.mark.parametrize(
    "change", [{"text": BODY + " More."}, {"byline": "Jane Doe"}, {"title": "T"}, {"url": "u"}]
)
def test_version_changes_with_text_or_metadata(change):
    """Any change of the body or of a metadata field changes the version."""
    base = doc(BODY)
    assert (
        clean_document(dataclasses.replace(base, **change)).version != clean_document(base).version
    )


@pytest.mark.parametrize(
    "text",
    [
        "date 2025-09-04 By Kylie Atwood, CNN\n\nThe-CNN-Wire\n\n© 2025 Cable News Network",
        "   \n\n  ",
        "2025 — 12 — 31",
    ],
)
def test_nothing_citable_left_is_an_input_error(text):
    """A document that is only header and boilerplate fails with one line saying what to do."""
    with pytest.raises(InputError) as caught:
        clean_document(doc(text))
    assert "\n" not in str(caught.value) and caught.value.fix

"""Sentences come out right around abbreviations, decimals and quotes, with exact spans."""

import pytest

from index.records import Article
from index.text.chunks import make_chunks
from index.text.sentences import split_article, split_spans


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. Navy said so. Then it left.", ["The U.S. Navy said so.", "Then it left."]),
        ("Talks began Sept. 4. They ended Oct. 2.", ["Talks began Sept. 4.", "They ended Oct. 2."]),
        ("It cost $13.5 million. It rose 3.5%.", ["It cost $13.5 million.", "It rose 3.5%."]),
        (
            "“It is done,” he said. “Not yet.” She left.",
            ["“It is done,” he said.", "“Not yet.”", "She left."],
        ),
        (
            "He said “it is over.” Then he left.",
            ["He said “it is over.”", "Then he left."],
        ),
        (
            "Cable News Network, Inc., a Warner Bros. Discovery Company. All rights reserved.",
            ["Cable News Network, Inc., a Warner Bros. Discovery Company.", "All rights reserved."],
        ),
        (
            "Gov. Newsom met Dr. Smith at 5 p.m. Tuesday. Fine.",
            ["Gov. Newsom met Dr. Smith at 5 p.m. Tuesday.", "Fine."],
        ),
        ("It was No. 5 on the list. Yes.", ["It was No. 5 on the list.", "Yes."]),
        ("Visit e.g. the site. Now.", ["Visit e.g. the site.", "Now."]),
        ("He moved to the U.S. In 2020 he left.", ["He moved to the U.S.", "In 2020 he left."]),
    ],
)
def test_news_sentences_split_where_a_reader_would(text, expected):
    """Abbreviations, decimals, titles and closing quotes do not end or merge sentences wrongly."""
    assert sentences(text) == expected


def test_sentences_keep_paragraph_number_and_exact_span():
    """Each sentence is its article's own slice, numbered from 1, with its paragraph."""
    text = "First one. Second one.\n\nThird in paragraph two."
    article = Article(id="a", origin="a.txt", text=text, version="v")
    got = split_article(article)
    assert [(s.n, s.paragraph, s.text) for s in got] == [
        (1, 1, "First one."),
        (2, 1, "Second one."),
        (3, 2, "Third in paragraph two."),
    ]
    assert all(text[s.start : s.end] == s.text for s in got)


@pytest.mark.parametrize(
    ("size", "overlap", "ranges"),
    [
        (4, 1, [(1, 4), (4, 7), (7, 9)]),
        (3, 0, [(1, 3), (4, 6), (7, 9)]),
        (20, 1, [(1, 9)]),
    ],
)
def test_chunks_are_windows_that_know_their_sentence_range(size, overlap, ranges):
    """Chunks cover every sentence, overlap as configured, and are verbatim slices."""
    text = " ".join(f"Sentence number {i} is here." for i in range(1, 10))
    article = Article(id="a", origin="a.txt", text=text, version="v")
    chunks = make_chunks(article, split_article(article), size, overlap)
    assert [(c.first, c.last) for c in chunks] == ranges
    assert all(c.text in text for c in chunks)

"""Split a cleaned article into numbered sentences with their paragraph and character span.

NLTK's English Punkt (bundled by llama-index-core) does most of the work; we then repair the
splits Punkt gets wrong in news text: after a title before a name ("Gov. | Newsom"), inside
company names ("Warner Bros. | Discovery"), "No. | 5", "Sept. | 4", "e.g. | the".
"""

from __future__ import annotations

import functools
import re

from index.records import Article, Sentence

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
# Words that, ending in a period, almost never end a sentence.
_TITLES = frozenset(
    "mr mrs ms messrs dr prof gen sen rep gov lt col sgt capt cmdr adm rev st mt ft pres supt "
    "det insp hon atty amb maj brig bros e.g i.e cf vs v approx".split()
)
# Words that end a sentence only rarely, and never before a number.
_BEFORE_NUMBER = frozenset(
    "no nos jan feb mar apr jun jul aug sep sept oct nov dec fig vol".split()
)
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)\.\W*$")


@functools.cache
def _punkt():
    from index.text.nlp_data import nltk_dir

    nltk_dir()
    from nltk.tokenize.punkt import PunktTokenizer

    return PunktTokenizer("english")


def split_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph of text, whitespace trimmed, repaired after Punkt."""
    spans = [s for s in _punkt().span_tokenize(text) if text[s[0] : s[1]].strip()]
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and _joins(text[merged[-1][0] : merged[-1][1]], text[start:end]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return [_trim(text, s, e) for s, e in merged]


def _joins(before: str, after: str) -> bool:
    """True when Punkt split between `before` and `after` but one sentence continues."""
    match = _LAST_WORD.search(before)
    if not match or not before.rstrip().endswith("."):
        return False
    word = match.group(1).lower()
    first = after.lstrip()[:1]
    if word in _TITLES:
        return True
    if word in _BEFORE_NUMBER and first.isdigit():
        return True
    # A sentence never starts in lower case ("e.g. | the site"), except names like "iPhone".
    return first.islower() and not re.match(r"[a-z]+[A-Z]", after.lstrip())


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs of `text` (separated by blank lines), whitespace trimmed."""
    spans, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [t for s, e in spans if (t := _trim(text, s, e))[0] < t[1]]


def split_article(article: Article) -> tuple[Sentence, ...]:
    """Every sentence of the article, numbered from 1, each keeping paragraph and span."""
    text = article.text
    sentences: list[Sentence] = []
    for paragraph, (p_start, p_end) in enumerate(paragraph_spans(text), start=1):
        for s, e in split_spans(text[p_start:p_end]):
            start, end = p_start + s, p_start + e
            sentences.append(
                Sentence(
                    article_id=article.id,
                    n=len(sentences) + 1,
                    paragraph=paragraph,
                    start=start,
                    end=end,
                    text=text[start:end],
                )
            )
    return tuple(sentences)

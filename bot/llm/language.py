"""The language a question is written in, and the refusal in that language.

Detection counts the question's words in the stopword lists NLTK ships (inside
llama-index-core): enough for a question of a few words, with English as the default.
"""

from __future__ import annotations

import functools
import re

from index.text.nlp_data import static_dir

NAMES = {
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "de": "german",
    "pt": "portuguese",
    "it": "italian",
}
LANGUAGE_NAMES = {
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "pt": "Portuguese",
    "it": "Italian",
}
REFUSALS = {
    "en": "The articles don't say.",
    "es": "Los artículos no lo dicen.",
    "fr": "Les articles ne le disent pas.",
    "de": "Die Artikel sagen das nicht.",
    "pt": "Os artigos não dizem.",
    "it": "Gli articoli non lo dicono.",
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_MARKS = {"es": "¿¡ñ", "fr": "çàèùêâîôû", "de": "äöüß", "pt": "ãõç", "it": "àèìòù"}


@functools.cache
def _stopwords(code: str) -> frozenset[str]:
    path = static_dir() / "nltk_cache" / "corpora" / "stopwords" / NAMES[code]
    return frozenset(w.strip() for w in path.read_text(encoding="utf-8").split() if w.strip())


def language_of(text: str) -> str:
    """The code of the question's language (en, es, fr, de, pt, it); English when unsure."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return "en"
    scores = {}
    for code in NAMES:
        stop = _stopwords(code)
        hits = sum(1 for w in words if w in stop)
        marks = sum(1 for ch in text.lower() if ch in _MARKS.get(code, ""))
        scores[code] = hits + 0.5 * marks
    best = max(scores, key=lambda c: (scores[c], c == "en"))
    # Another language must clearly beat English (short questions share words like "a").
    return best if best == "en" or scores[best] >= scores["en"] + 1 else "en"


def refusal(code: str) -> str:
    """ "The articles don't say." in the language `code` (English when not known)."""
    return REFUSALS.get(code, REFUSALS["en"])

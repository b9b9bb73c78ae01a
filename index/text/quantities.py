"""The one rule for numbers and amounts: what a text states, and when two wordings are the same.

Compare (`index.differences`), the LLM citation checker (`bot.llm.facts`) and answers read
numbers here, so "$13.5 million", "US$13.5 million", "$13.5m", "13.5 million dollars",
"$13,500,000" and Spanish "13,5 millones de dólares" are one amount; "100%", "100 percent" and
"100 por ciento" one percentage; "two", "2" and "dos" one count; "14th century", "fourteenth
century" and "the 1300s" one century. "one" is not counted unless asked for: it is more often
a pronoun ("the one with El Salvador") than a number.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Quantity(NamedTuple):
    """A number as a text states it: its value, its unit (None: unsaid), and as written.

    Units: "USD", "EUR", "GBP", "%", "ordinal", "century" (value 14 for the 14th century) and
    "decade" (value 1990 for the 1990s).
    """

    value: float
    unit: str | None
    text: str


# Scale words in English and the languages a question may come in. Spanish and Portuguese
# "billón"/"bilhão" differ (10^12 and 10^9); "mil millones" is 10^9.
_SCALES = {
    "thousand": 1e3, "k": 1e3, "mil": 1e3, "tausend": 1e3, "mille": 1e3,
    "million": 1e6, "millions": 1e6, "mn": 1e6, "m": 1e6, "millón": 1e6, "millon": 1e6,
    "millones": 1e6, "millionen": 1e6, "mio": 1e6, "milhão": 1e6, "milhões": 1e6,
    "milione": 1e6, "milioni": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "b": 1e9, "mil millones": 1e9,
    "milliard": 1e9, "milliards": 1e9, "milliarde": 1e9, "milliarden": 1e9, "mrd": 1e9,
    "bilhão": 1e9, "bilhões": 1e9, "miliardo": 1e9, "miliardi": 1e9,
    "trillion": 1e12, "tn": 1e12, "billón": 1e12, "billones": 1e12,
}  # fmt: skip
_ENGLISH_SCALES = frozenset(
    "thousand k million millions mn m billion billions bn b trillion tn".split()
)
_SHORT_SCALES = frozenset({"m", "k", "b"})  # "5 m" is metres unless it is money ("$5m")
_CURRENCY_SIGNS = {"us$": "USD", "usd": "USD", "$": "USD", "€": "EUR", "eur": "EUR", "£": "GBP"}
_CURRENCY_SIGNS |= {"gbp": "GBP"}
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "dólar": "USD", "dólares": "USD", "dolares": "USD",
    "dollari": "USD", "dólares americanos": "USD",
    "euro": "EUR", "euros": "EUR", "euro's": "EUR",
    "pound": "GBP", "pounds": "GBP", "libras": "GBP", "sterling": "GBP",
}  # fmt: skip
_PERCENT = {
    "%": "%", "percent": "%", "per cent": "%", "pct": "%", "por ciento": "%",
    "pour cent": "%", "prozent": "%", "per cento": "%", "por cento": "%",
}  # fmt: skip

_WORD_NUMBERS = {
    w: float(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_WORD_NUMBERS |= {"thirty": 30.0, "forty": 40.0, "fifty": 50.0, "hundred": 100.0, "dozen": 12.0}
# Spanish (and the same words in Portuguese and Italian where they coincide).
_WORD_NUMBERS |= {
    "dos": 2.0, "tres": 3.0, "cuatro": 4.0, "cinco": 5.0, "seis": 6.0, "siete": 7.0,
    "ocho": 8.0, "nueve": 9.0, "diez": 10.0, "doce": 12.0, "veinte": 20.0, "cien": 100.0,
}  # fmt: skip
_PRONOUN_NUMBERS = frozenset({"one"})
_ORDINAL_WORDS = {
    w: float(i)
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
        "twentieth".split(),
        start=1,
    )
} | {"twenty-first": 21.0}
_CENTURY_WORDS = r"centur(?:y|ies)|siglo|siècle|jahrhundert|secolo|século"


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUMBER = re.compile(
    rf"(?P<cur>US\$|USD\s?|EUR\s?|GBP\s?|\$|€|£)?\s?"
    r"(?<![\w.,])(?P<num>\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![.,]?\d)"
    r"(?P<ord>st|nd|rd|th|s\b|º|ª|°)?"
    rf"(?:\s?(?P<pct>{_alternation(_PERCENT)})(?!\w))?"
    rf"(?:\s?-?\s?(?P<scale>{_alternation(_SCALES)})(?!\w))?"
    rf"(?:\s(?:de\s|d')?(?P<curword>{_alternation(_CURRENCY_WORDS)})(?!\w))?",
    re.I,
)
_WORD_NUMBER = re.compile(
    rf"(?<![\w-])(?P<word>{_alternation(_WORD_NUMBERS)})(?![\w-])"
    rf"(?:\s(?P<scale>thousand|million|billion|trillion|mil millones|millones|mil)(?!\w))?"
    rf"(?:\s(?:de\s)?(?P<curword>{_alternation(_CURRENCY_WORDS)})(?!\w))?",
    re.I,
)
_ORDINAL_WORD = re.compile(rf"(?<![\w-])(?P<word>{_alternation(_ORDINAL_WORDS)})(?![\w-])", re.I)
_CENTURY_AFTER = re.compile(rf"^\s+(?:{_CENTURY_WORDS})\b", re.I)
_CENTURY_BEFORE = re.compile(rf"\b(?:{_CENTURY_WORDS})\s+$", re.I)
_ROMAN = re.compile(rf"\b(?:{_CENTURY_WORDS})\s+(?P<roman>[IVXL]+)\b")


def quantities(text: str, *, with_pronouns: bool = False) -> list[Quantity]:
    """Every number the text states, normalised; "one" only `with_pronouns`."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in _NUMBER.finditer(text):
        quantity = _digits(m, text)
        if quantity is not None:
            found.append(quantity)
            taken.append(m.span())
    for m in _WORD_NUMBER.finditer(text):
        word = m.group("word").lower()
        if word in _PRONOUN_NUMBERS and not with_pronouns:
            continue
        if any(a <= m.start() < b for a, b in taken):
            continue
        value = _WORD_NUMBERS[word] * _SCALES.get((m.group("scale") or "").lower(), 1.0)
        unit = _CURRENCY_WORDS.get((m.group("curword") or "").lower())
        found.append(_as_century(Quantity(value, unit, m.group(0)), text, m.end()))
    for m in _ORDINAL_WORD.finditer(text):  # only centuries: "first" is rarely a fact
        value = _ORDINAL_WORDS[m.group("word").lower()]
        century = _as_century(Quantity(value, "ordinal", m.group(0)), text, m.end())
        if century.unit == "century":
            found.append(century)
    for m in _ROMAN.finditer(text):  # "siglo XIV"
        value = _roman(m.group("roman"))
        if value:
            found.append(Quantity(float(value), "century", m.group(0)))
    return found


def same_quantity(q: Quantity, r: Quantity) -> bool:
    """Equal values, and equal units where both say one (a century equals its "1300s")."""
    a, b = _comparable(q), _comparable(r)
    if not _close(a.value, b.value):
        return False
    if a.unit == b.unit or not a.unit or not b.unit:
        return True
    return {a.unit, b.unit} == {"ordinal", "century"}  # "the 14th" of "the 14th century"


def states(text: str, quantity: Quantity) -> bool:
    """True when the text states the same quantity (any wording)."""
    return any(same_quantity(quantity, q) for q in quantities(text, with_pronouns=True))


def _digits(m: re.Match[str], text: str) -> Quantity | None:
    raw, scale = m.group("num"), (m.group("scale") or "").lower()
    currency = (m.group("cur") or "").strip().lower()
    written = m.group(0).strip()
    if scale in _SHORT_SCALES and not currency:
        scale, written = "", text[m.start() : m.end("ord") if m.group("ord") else m.end("num")]
    value = _parse_number(raw, scale)
    if value is None:
        return None
    value *= _SCALES.get(scale, 1.0)
    unit = _CURRENCY_SIGNS.get(currency) or _CURRENCY_WORDS.get((m.group("curword") or "").lower())
    if m.group("pct"):
        unit = "%"
    suffix = (m.group("ord") or "").lower()
    if suffix == "s" and value >= 100 and value % 10 == 0 and not scale:
        return Quantity(value, "decade", written)  # "the 1990s", "the 1300s"
    if suffix and suffix != "s" and unit is None:
        return _as_century(Quantity(value, "ordinal", written), text, m.end())
    if unit is None and _CENTURY_BEFORE.search(text[: m.start()]):
        return Quantity(value, "century", written)  # "siglo 14"
    return Quantity(value, unit, written)


def _parse_number(raw: str, scale: str) -> float | None:
    """The value of "13.5", "13,5", "1,200", "1.200.000" (or "1.500 millones")."""
    groups = re.split(r"[.,]", raw)
    separators = re.findall(r"[.,]", raw)
    if not separators:
        return float(raw)
    last_sep, last = separators[-1], groups[-1]
    thousands = all(len(g) == 3 for g in groups[1:])
    if len(separators) > 1 and len(set(separators)) == 2:
        # "1,200.5" or "1.200,5": the last separator is the decimal one
        whole = "".join(groups[:-1])
        return float(f"{whole}.{last}")
    if thousands and (
        len(separators) > 1 or last_sep == "," or (scale and scale not in _ENGLISH_SCALES)
    ):
        return float("".join(groups))  # 1,200 / 1.200.000 / 1.500 millones
    if len(separators) == 1:
        return float(f"{groups[0]}.{last}")  # 13.5 / 13,5 / 1.200 (English decimal)
    return None


def _as_century(q: Quantity, text: str, end: int) -> Quantity:
    """An ordinal followed by "century" is that century."""
    century = _CENTURY_AFTER.match(text[end:])
    return Quantity(q.value, "century", q.text + century.group(0)) if century else q


def _comparable(q: Quantity) -> Quantity:
    """A whole-century decade ("1300s") as its century (14)."""
    if q.unit == "decade" and q.value % 100 == 0:
        return Quantity(q.value / 100 + 1, "century", q.text)
    return q


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a))


def _roman(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for i, ch in enumerate(numeral):
        v = values[ch]
        total += -v if i + 1 < len(numeral) and values[numeral[i + 1]] > v else v
    return total

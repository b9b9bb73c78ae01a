"""The citation checker: does a claim say only what its own cited sentences say?

Every test must pass for "supported":
1. the claim states something (two content words at least) and is not backed only by
   sentences that address the model ("ignore previous instructions…"): article text is data;
2. every number, amount, date and proper name of the claim is in the cited text (any notation,
   see `bot.llm.facts` and `index.quantities`);
3. polarity, roles and relations hold (`bot.llm.relations`): no negation added or dropped, no
   opposite word, no role or body the cited text lacks, the same speaker, names on the same
   side of a verb, and each number in the sentence it comes from;
4. the claim is close in meaning to the cited text: a calibrated mix of the embedder's cosine
   to the closest cited sentence or clause of one (so a short faithful sentence is measured
   against the part it restates) and the share of the claim's content words the cited text
   contains (see docs/benchmarks.md, "Citation checker");
5. with a question: the claim or its cited sentences share a content word with it, so a copied
   sentence that does not bear on the question is not an answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.llm.facts import missing
from bot.llm.relations import NEGATIONS, problems
from index.text.lexical import query_terms, terms, words
from index.text.quantities import quantities, same_quantity

# (cosine weight, threshold) per embedder, calibrated with bench/checker.py on QAGS-CNNDM and
# perturbed claims (see docs/benchmarks.md): each embedder spreads its cosines differently.
CALIBRATED = {"wordllama": (0.9, 0.67), "e5": (0.6, 0.92), "minilm": (0.5, 0.79)}
COSINE_WEIGHT, THRESHOLD = CALIBRATED["wordllama"]
MIN_TERMS = 2
# A short claim restating part of a long sentence: cosine to the whole sentence (or a clause)
# underrates it, so most of its content words being there suffices (see docs/benchmarks.md).
SHORT_COVERAGE, SHORT_RATIO = 0.8, 0.6

_ADDRESSES_MODEL = re.compile(
    r"\b(ignore|disregard|forget|override)\b.{0,40}\b(instructions?|prompts?|rules|above)\b"
    r"|\b(system prompt|you are an? (ai|assistant|language model)|as an ai)\b"
    r"|\b(reply|respond|answer|output)\s+(only\s+)?(with\s+)?[\"“']?(?-i:[A-Z]{4,})\b",
    re.I,
)


# A reply about the prompt instead of the story ("Rubio is discussed in sentences [1]").
_ABOUT_SOURCES = re.compile(
    r"\b(?:is|are|was|were) (?:discussed|mentioned|described) in\b"
    r"|\bthe (?:numbered |given |provided )?sentences\b|\bsentences? \[?\d",
    re.I,
)


@dataclass(frozen=True)
class Verdict:
    """Whether a claim is supported by its cited sentences, and if not, why."""

    supported: bool
    closeness: float
    reason: str | None = None


def addresses_model(text: str) -> bool:
    """True for a sentence that speaks to a language model instead of reporting news."""
    return bool(_ADDRESSES_MODEL.search(text))


class Checker:
    """Checks claims against cited sentences with an embedder (`embed_documents`)."""

    def __init__(
        self,
        embedder,
        *,
        threshold: float = THRESHOLD,
        cosine_weight: float = COSINE_WEIGHT,
    ) -> None:
        self.embedder = embedder
        self.threshold = threshold
        self.cosine_weight = cosine_weight

    @classmethod
    def calibrated(cls, embedder, name: str) -> Checker:
        """The checker with the setting calibrated for the embedder called `name`."""
        weight, threshold = CALIBRATED.get(name, CALIBRATED["wordllama"])
        return cls(embedder, threshold=threshold, cosine_weight=weight)

    def check(self, claim: str, cited: Sequence[str], question: str | None = None) -> Verdict:
        """The verdict on one claim given the texts of the sentences it cites."""
        return self.check_many([(claim, cited)], question=question)[0]

    def check_many(
        self, pairs: Sequence[tuple[str, Sequence[str]]], question: str | None = None
    ) -> list[Verdict]:
        """Verdicts for many (claim, cited texts) pairs; the embedder is called once."""
        closeness = self.closeness(pairs)
        return [
            self._verdict(claim, cited, score, question)
            for (claim, cited), score in zip(pairs, closeness, strict=True)
        ]

    def closeness(self, pairs: Sequence[tuple[str, Sequence[str]]]) -> list[float]:
        """How close each claim is in meaning to its cited sentences, 0 to 1."""
        cosines = self.cosines(pairs)
        return [
            self.cosine_weight * max(0.0, cosine) + (1 - self.cosine_weight) * coverage(c, t)
            for (c, t), cosine in zip(pairs, cosines, strict=True)
        ]

    def cosines(self, pairs: Sequence[tuple[str, Sequence[str]]]) -> list[float]:
        """Each claim's best cosine to one of its cited sentences or to a clause of one."""
        pieces = [[p for text in cited for p in clauses(text)] for _, cited in pairs]
        texts = [t for (claim, _), own in zip(pairs, pieces, strict=True) for t in (claim, *own)]
        vectors = self.embedder.embed_documents(texts) if texts else np.zeros((0, 1))
        out, at = [], 0
        for own in pieces:
            claim_vector, cited_vectors = vectors[at], vectors[at + 1 : at + 1 + len(own)]
            at += 1 + len(own)
            out.append(float(np.max(cited_vectors @ claim_vector)) if len(own) else 0.0)
        return out

    def _verdict(
        self, claim: str, cited: Sequence[str], closeness: float, question: str | None = None
    ) -> Verdict:
        if not cited:
            return Verdict(False, 0.0, "cites no sentence")
        if len(set(terms(claim))) < MIN_TERMS or tautology(claim):
            return Verdict(False, closeness, "states nothing that can be checked")
        if _ABOUT_SOURCES.search(claim):
            return Verdict(False, closeness, "it talks about the sources, not the story")
        usable = [t for t in cited if not addresses_model(t)]
        if not usable:
            return Verdict(False, closeness, "cites only text that addresses the model")
        absent = missing(claim, " ".join(usable))
        if absent:
            listed = ", ".join(f"{f.text!r}" for f in absent[:3])
            return Verdict(False, closeness, f"the cited sentences do not state {listed}")
        problem = problems(claim, usable)
        if problem:
            return Verdict(False, closeness, problem)
        if question is not None and not bears_on(question, claim, usable):
            return Verdict(False, closeness, "it does not bear on the question")
        if closeness < self.threshold and not restates_part(claim, usable):
            return Verdict(
                False,
                closeness,
                f"not close enough to the cited sentences ({closeness:.2f} < {self.threshold})",
            )
        return Verdict(True, closeness)


def tautology(claim: str) -> bool:
    """ "The official is a senior State Department official.": both sides say the same."""
    parts = re.split(r"\b(?:is|are|was|were)\b", claim, maxsplit=1)
    if len(parts) != 2:
        return False
    left, right = (set(terms(p)) for p in parts)
    return bool(left) and left == right


def restates_part(claim: str, cited: Sequence[str]) -> bool:
    """True for a short claim (at most SHORT_RATIO of the closest cited sentence's content
    words) whose content words are mostly (SHORT_COVERAGE) in the cited sentences."""
    own = set(terms(claim))
    longest = max((len(set(terms(t))) for t in cited), default=0)
    if not own or len(own) > SHORT_RATIO * longest:
        return False
    return coverage(claim, cited) >= SHORT_COVERAGE


def clauses(text: str) -> list[str]:
    """The sentence and its clauses of four words or more (split at commas, semicolons,
    quotation marks and "adding that", "saying that"…), for measuring a short claim."""
    parts = re.split(r"[,;:“”\"()]|\b(?:adding|saying|noting|because|while|which)\b", text)
    pieces = [p.strip() for p in parts if p and len(p.split()) >= 4]
    return [text, *(p for p in pieces if p != text.strip())]


def bears_on(question: str, claim: str, cited: Sequence[str]) -> bool:
    """True when the claim or its cited sentences share a content word with the question (any
    question whose words are all question words passes)."""
    asked = set(query_terms(question))
    if not asked:
        return True
    said = set(terms(claim))
    for text in cited:
        said.update(terms(text))
    return bool(asked & said)


def faithful_translation(english: str, translated: str) -> bool:
    """True when a translation keeps the English sentence's numbers, names and negation."""
    ours, theirs = quantities(english), quantities(translated, with_pronouns=True)
    if any(not any(same_quantity(q, r) for r in theirs) for q in ours):
        return False
    if any(
        not any(same_quantity(q, r) for r in ours + quantities(english, with_pronouns=True))
        for q in quantities(translated)
    ):
        return False
    lowered = translated.lower()
    for name in _english_names(english):
        if name[:4] not in lowered and not _translated_alias(name, lowered):
            return False
    negated = any(w in NEGATIONS for w in words(english.replace("n't", " not")))
    if negated != _negated(lowered):
        return False
    return 0.4 <= len(translated) / max(1, len(english)) <= 2.5


_OTHER_NEGATIONS = frozenset(
    "no not nunca jamás ni sin tampoco ningún ninguna ne pas jamais sans aucun aucune nicht "
    "kein keine keinen keiner nie ohne não nem sem nenhum non mai senza né nessun".split()
)
_US_NAMES = (
    "estados unidos",
    "ee.uu",
    "ee. uu",
    "eeuu",
    "états-unis",
    "etats-unis",
    "usa",
    "stati uniti",
    "eua",
    "vereinigte staaten",
    "us",
)


def _english_names(text: str) -> list[str]:
    from bot.llm.facts import facts

    return [f.key for f in facts(text) if f.kind == "name"]


def _translated_alias(name: str, lowered: str) -> bool:
    return name == "us" and any(alias in lowered for alias in _US_NAMES)


def _negated(lowered: str) -> bool:
    return any(w in _OTHER_NEGATIONS for w in re.findall(r"[^\W\d_]+", lowered))


def coverage(claim: str, cited: Sequence[str]) -> float:
    """The share of the claim's distinct content words that the cited sentences contain."""
    wanted = set(terms(claim))
    if not wanted:
        return 0.0
    have: set[str] = set()
    for text in cited:
        have.update(terms(text))
    return len(wanted & have) / len(wanted)

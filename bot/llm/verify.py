"""The citation checker: does a claim say only what its cited sentences say?

Three tests, all needed for "supported":
1. every number, date, money amount and proper name of the claim is in the cited text
   (normalised spellings, see `bot.llm.facts`);
2. the claim is close in meaning to the cited text: a calibrated mix of the embedder's cosine
   (to the closest cited sentence) and the share of the claim's content words the cited text
   contains (see docs/benchmarks.md, "Citation checker (QAGS)");
3. the claim states something (two content words at least) and is not backed only by
   sentences that address the model ("ignore previous instructions…"): article text is data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.llm.facts import missing
from index.text.lexical import terms

# (cosine weight, threshold) per embedder, calibrated on QAGS-CNNDM with bench/checker.py (see
# docs/benchmarks.md): each embedder spreads its cosines differently, so each has its own.
CALIBRATED = {"wordllama": (0.75, 0.68), "e5": (0.6, 0.92), "minilm": (0.5, 0.79)}
COSINE_WEIGHT, THRESHOLD = CALIBRATED["wordllama"]
MIN_TERMS = 2

_ADDRESSES_MODEL = re.compile(
    r"\b(ignore|disregard|forget|override)\b.{0,40}\b(instructions?|prompts?|rules|above)\b"
    r"|\b(system prompt|you are an? (ai|assistant|language model)|as an ai)\b"
    r"|\b(reply|respond|answer|output)\s+(only\s+)?(with\s+)?[\"“']?(?-i:[A-Z]{4,})\b",
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

    def check(self, claim: str, cited: Sequence[str]) -> Verdict:
        """The verdict on one claim given the texts of the sentences it cites."""
        return self.check_many([(claim, cited)])[0]

    def check_many(self, pairs: Sequence[tuple[str, Sequence[str]]]) -> list[Verdict]:
        """Verdicts for many (claim, cited texts) pairs; the embedder is called once."""
        closeness = self.closeness(pairs)
        return [
            self._verdict(claim, cited, score)
            for (claim, cited), score in zip(pairs, closeness, strict=True)
        ]

    def closeness(self, pairs: Sequence[tuple[str, Sequence[str]]]) -> list[float]:
        """How close each claim is in meaning to its cited sentences, 0 to 1."""
        texts = [t for claim, cited in pairs for t in (claim, *cited)]
        vectors = self.embedder.embed_documents(texts) if texts else np.zeros((0, 1))
        out, at = [], 0
        for claim, cited in pairs:
            claim_vector, cited_vectors = vectors[at], vectors[at + 1 : at + 1 + len(cited)]
            at += 1 + len(cited)
            cosine = float(np.max(cited_vectors @ claim_vector)) if len(cited) else 0.0
            score = self.cosine_weight * max(0.0, cosine)
            score += (1 - self.cosine_weight) * coverage(claim, cited)
            out.append(score)
        return out

    def _verdict(self, claim: str, cited: Sequence[str], closeness: float) -> Verdict:
        if not cited:
            return Verdict(False, 0.0, "cites no sentence")
        if len(set(terms(claim))) < MIN_TERMS:
            return Verdict(False, closeness, "states nothing that can be checked")
        usable = [t for t in cited if not addresses_model(t)]
        if not usable:
            return Verdict(False, closeness, "cites only text that addresses the model")
        absent = missing(claim, " ".join(usable))
        if absent:
            listed = ", ".join(f"{f.text!r}" for f in absent[:3])
            return Verdict(False, closeness, f"the cited sentences do not state {listed}")
        if closeness < self.threshold:
            return Verdict(
                False,
                closeness,
                f"not close enough to the cited sentences ({closeness:.2f} < {self.threshold})",
            )
        return Verdict(True, closeness)


def coverage(claim: str, cited: Sequence[str]) -> float:
    """The share of the claim's distinct content words that the cited sentences contain."""
    wanted = set(terms(claim))
    if not wanted:
        return 0.0
    have: set[str] = set()
    for text in cited:
        have.update(terms(text))
    return len(wanted & have) / len(wanted)

"""Claims made from real sentences for measuring the citation checker: faithful ones and the
errors a model makes (`python -m bench.checker` uses them).

From each sentence of an article (the story, or a CNN/DailyMail article), cited on its own:
- faithful: the sentence; its longest clause (a short sentence that restates part of it);
- negation flipped: "not" added after the first auxiliary, or removed;
- entity swapped: a name replaced by another name of the same article the sentence lacks;
- number swapped: a number replaced by another value;
- role swapped: "Navy" for "Army", "minister" for "president", …;
- facts merged: a number of another sentence of the article put in this one's place, citing
  both sentences.
Perturbations are made by rules, so each label is known without a person.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from bot.llm.facts import facts
from bot.llm.verify import clauses
from index.text.quantities import quantities

_AUXILIARY = re.compile(r"\b(is|are|was|were|will|would|can|could|has|have|had|did|does|should)\b")
_NOT = re.compile(r"\b(is|are|was|were|will|would|can|could|has|have|had|did|does|should) not\b")
_ROLE_SWAPS = {
    "navy": "army", "army": "navy", "police": "army", "president": "minister",
    "minister": "president", "senator": "governor", "governor": "senator", "judge": "prosecutor",
    "prosecutor": "judge", "chairman": "director", "director": "chairman", "mayor": "governor",
}  # fmt: skip


@dataclass(frozen=True)
class Perturbed:
    """One generated claim, the texts it cites, whether they support it, and how it was made."""

    doc: str
    kind: str
    claim: str
    cited: tuple[str, ...]
    supported: bool


def perturbations(doc: str, sentences: list[str], rng: random.Random) -> list[Perturbed]:
    """Faithful and perturbed claims from one article's sentences."""
    out: list[Perturbed] = []
    names = sorted({f.text for s in sentences for f in facts(s) if f.kind == "name"})
    for i, sentence in enumerate(sentences):
        if len(sentence.split()) < 8:
            continue
        cited = (sentence,)
        short = [c for c in clauses(sentence)[1:] if len(c.split()) >= 6 and facts(c)]
        if short:
            clause = max(short, key=len).strip(" .") + "."
            out.append(
                Perturbed(doc, "faithful: one clause", clause[0].upper() + clause[1:], cited, True)
            )
        flipped = _flip_negation(sentence)
        if flipped:
            out.append(Perturbed(doc, "negation flipped", flipped, cited, False))
        own = {f.text for f in facts(sentence) if f.kind == "name"}
        others = [n for n in names if n not in own and n.lower() not in sentence.lower()]
        if own and others:
            name = rng.choice(sorted(own))
            swapped = re.sub(rf"\b{re.escape(name)}\b", rng.choice(others), sentence, count=1)
            if swapped != sentence:
                out.append(Perturbed(doc, "entity swapped", swapped, cited, False))
        numbers = quantities(sentence)
        if numbers:
            q = numbers[0]
            digits = re.search(r"\d[\d.,]*", q.text)
            if digits:
                new = _other_number(digits.group(0), rng)
                changed = q.text.replace(digits.group(0), new, 1)
                swapped = sentence.replace(q.text, changed, 1)
                out.append(Perturbed(doc, "number swapped", swapped, cited, False))
            merged = _merge(sentence, q.text, sentences, i, rng)
            if merged:
                out.append(Perturbed(doc, "facts merged", *merged, False))
        role = next(
            (w for w in re.findall(r"[A-Za-z]+", sentence) if w.lower() in _ROLE_SWAPS), None
        )
        if role:
            new_role = _ROLE_SWAPS[role.lower()]
            new_role = new_role.capitalize() if role[0].isupper() else new_role
            swapped = re.sub(rf"\b{role}\b", new_role, sentence, count=1)
            out.append(Perturbed(doc, "role swapped", swapped, cited, False))
    return out


def _flip_negation(sentence: str) -> str | None:
    if _NOT.search(sentence):
        return _NOT.sub(lambda m: m.group(1), sentence, count=1)
    if re.search(r"\b(no|never|none|nothing|nobody|neither|nor|without)\b|n't", sentence, re.I):
        return None  # a second negation would not flip it plainly
    if _AUXILIARY.search(sentence):
        return _AUXILIARY.sub(lambda m: f"{m.group(1)} not", sentence, count=1)
    return None


def _other_number(digits: str, rng: random.Random) -> str:
    value = float(digits.replace(",", ""))
    choices = [value * 2, value + 1, value * 3, max(1.0, value - 1)]
    new = rng.choice([c for c in choices if c != value] or [value + 2])
    text = f"{new:,.0f}" if "," in digits else (f"{new:g}" if "." in digits else f"{new:.0f}")
    return text


def _merge(sentence: str, written: str, sentences: list[str], i: int, rng: random.Random):
    """This sentence with another sentence's amount, citing both: unsupported."""
    donors = [
        (j, q)
        for j, other in enumerate(sentences)
        if j != i
        for q in quantities(other)[:1]
        if q.unit == (quantities(written)[0].unit if quantities(written) else None)
        and not any(abs(q.value - r.value) < 1e-9 for r in quantities(sentence))
    ]
    if not donors:
        return None
    j, q = rng.choice(donors)
    return sentence.replace(written, q.text, 1), (sentence, sentences[j])

"""Generate near-miss questions from CNN/DailyMail articles: `python -m bench.nearmiss`.

For the first 200 articles of ../shared/eval/cnndm_frank.jsonl (the last 40 are the readers'
set and are never read here), each sentence's content words become the body of questions:
- answerable: ask for a name, date, amount or number that the sentence holds ("Who …", "How
  much …"), the sentence being the evidence;
- near-miss (unanswerable): ask the same body for a kind of detail that neither the sentence
  nor its neighbours hold (and, for dates and amounts, the whole article), or for a specific
  thing ("which antibiotic", "which airline") the article never mentions.
Articles at even positions form the `fit` split, odd positions the `held` split. The output,
questions only, is bench/data/nearmiss_cnndm.jsonl; `storybot eval` reads it with
`--docs ../shared/eval/cnndm_frank.jsonl`.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from bot.answers.reading.mentions import mentions_of
from bot.answers.reading.soft import content_words

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
OUT = Path(__file__).resolve().parent / "data" / "nearmiss_cnndm.jsonl"
ARTICLES = 200  # of 250: the last 40 lines are the readers' held-out articles
_WH = {
    "person": "Who",
    "organisation": "Which organisation",
    "place": "Where",
    "date": "When",
    "amount": "How much money",
    "number": "How many",
}
_FOREIGN = (
    "antibiotic airline hotel brand breed song university weapon drug restaurant hospital "
    "ship camera car model album novel vaccine stadium bank painting recipe"
).split()


def _body(sentence: str, drop: str) -> list[str]:
    dropped = set(content_words(drop))
    return [w for w in content_words(sentence) if w not in dropped][:9]


def generate(seed: int = 7) -> list[dict]:
    """The questions of the first ARTICLES articles (see the module docstring)."""
    rng = random.Random(seed)
    lines = (EVAL / "cnndm_frank.jsonl").read_text(encoding="utf-8").splitlines()[:ARTICLES]
    out: list[dict] = []
    for position, line in enumerate(lines):
        doc = json.loads(line)
        text = doc["text"]
        spans = [(s["start"], s["end"]) for s in doc["sentences"]]
        sentences = [text[s:e] for s, e in spans]
        found = mentions_of(sentences)
        article_kinds = {m.kind for ms in found for m in ms}
        vocabulary = set(content_words(text))
        split = "fit" if position % 2 == 0 else "held"
        made = {"answerable": 0, "type": 0, "foreign": 0}
        order = list(range(len(sentences)))
        rng.shuffle(order)
        for i in order:
            words = len(sentences[i].split())
            if not 8 <= words <= 45:
                continue
            near = {m.kind for j in (i - 1, i, i + 1) if 0 <= j < len(found) for m in found[j]}
            typed = [m for m in found[i] if m.kind in _WH]
            q = {"doc_id": doc["doc_id"], "split": split}
            if typed and made["answerable"] < 3:
                m = rng.choice(typed)
                body = _body(sentences[i], m.text)
                if len(body) >= 3:
                    made["answerable"] += 1
                    question = f"{_WH[m.kind]} {' '.join(body)}?"
                    evidence = [{"start": spans[i][0], "end": spans[i][1]}]
                    out.append(q | {"question": question, "answers": [m.text],
                                    "answerable": True, "kind": m.kind, "template": "typed",
                                    "evidence": evidence})  # fmt: skip
                    continue
            absent = [
                k
                for k in _WH
                if k not in near and (k not in ("date", "amount") or k not in article_kinds)
            ]
            body = _body(sentences[i], "")
            if absent and made["type"] < 3 and len(body) >= 3:
                made["type"] += 1
                kind = rng.choice(absent)
                out.append(q | {"question": f"{_WH[kind]} {' '.join(body)}?", "answers": [],
                                "answerable": False, "kind": kind, "template": "type",
                                "evidence": []})  # fmt: skip
                continue
            foreign = [x for x in _FOREIGN if x not in vocabulary]
            if foreign and made["foreign"] < 1 and len(body) >= 3:
                made["foreign"] += 1
                thing = rng.choice(foreign)
                out.append(q | {"question": f"Which {thing} {' '.join(body[:6])}?",
                                "answers": [], "answerable": False, "kind": "thing",
                                "template": "foreign", "evidence": []})  # fmt: skip
    for n, q in enumerate(out):
        q["id"] = f"nm{n:04d}"
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    questions = generate()
    args.out.write_text("".join(json.dumps(q) + "\n" for q in questions), encoding="utf-8")
    held = sum(q["split"] == "held" for q in questions)
    print(f"wrote {len(questions)} questions ({held} held out) to {args.out}")


if __name__ == "__main__":
    main()

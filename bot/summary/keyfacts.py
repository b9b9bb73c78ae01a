"""The key facts a summary of several bullets carries first: who, what, how much, what changed.

An editor reading a five-to-eight-bullet summary expects, whatever else it says:

1. **the lede**: the story's first readable fact (what happened);
2. **what changed**: with several versions, the fact they word most differently, when that may
   change a fact (severity ≥ `CHANGED_AT`, as `compare` ranks it); its bullet is flagged;
3. **how much**: every sum of money stated outside direct quotes, each once (at most
   `MAX_AMOUNTS` bullets);
4. **who**: the fact that introduces the most names the bullets so far do not mention (at
   least `MIN_NEW_NAMES`), such as the groups a government designates.

Shorter summaries (a brief, or the three or four bullets of a CNN/DailyMail highlight) are left
to salience alone: there, these rules cost ROUGE on the tuning half of CNN/DailyMail.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.summary.facts import StoryFact, new_names
from index.store.catalog import Catalog
from index.text.differences import differences, severity

KEY_FACTS_FROM = 5
CHANGED_AT = 3
MAX_AMOUNTS = 3
MIN_NEW_NAMES = 2


def key_facts(catalog: Catalog, facts: Sequence[StoryFact], multi: bool) -> list[int]:
    """Positions in `facts` of the key facts, in the order above (each at most once)."""
    readable = [i for i, f in enumerate(facts) if f.readable]
    if not readable:
        return []
    chosen = [min(readable, key=lambda i: facts[i].rank)]
    changed = _most_changed(catalog, facts, readable) if multi else None
    if changed is not None and changed not in chosen:
        chosen.append(changed)
    stated = set().union(*(facts[i].amounts for i in chosen))
    for i in sorted(readable, key=lambda i: facts[i].rank):
        if len([j for j in chosen if facts[j].amounts]) >= MAX_AMOUNTS:
            break
        if facts[i].amounts - stated and i not in chosen:
            chosen.append(i)
            stated |= facts[i].amounts
    named = set().union(*(facts[i].names for i in chosen))
    new = {i: len(new_names(facts[i].names, named)) for i in readable if i not in chosen}
    who = max(new, key=lambda i: (new[i], -facts[i].rank), default=None)
    if who is not None and new[who] >= MIN_NEW_NAMES:
        chosen.append(who)
    return chosen


def _most_changed(catalog: Catalog, facts: Sequence[StoryFact], readable: list[int]) -> int | None:
    """The fact whose versions differ most, if that may change a fact."""

    def change(i: int) -> int:
        lead = catalog.sentences[facts[i].lead].text
        others = [catalog.sentences[j].text for j in facts[i].members if j != facts[i].lead]
        return max((severity(differences(lead, other)) for other in others), default=0)

    scores = {i: change(i) for i in readable if len(facts[i].members) > 1}
    best = max(scores, key=lambda i: (scores[i], -facts[i].rank), default=None)
    return best if best is not None and scores[best] >= CHANGED_AT else None

"""Whether a model's rewrite of a follow-up can be trusted: it keeps the question's own words
and adds only words the conversation used.

"and the Navy?" after a question on aid may become "How much aid will Ecuador's Navy get?"
(every added word is in the conversation); it may not become "How much did the Navy spend on
the new ship?" ("spend" and "ship" come from nowhere), which would send retrieval astray.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.records import Turn
from index.text.lexical import query_terms


def acceptable_rewrite(question: str, rewritten: str, history: Sequence[Turn]) -> bool:
    """True when `rewritten` keeps every content word of `question` and adds none that the
    earlier turns do not contain."""
    asked = set(query_terms(question))
    written = set(query_terms(rewritten))
    if not written or not asked <= written:
        return False
    said: set[str] = set()
    for turn in history:
        said.update(query_terms(turn.text))
    return written - asked <= said

"""The story's key facts, as an editor would list them for its summary (read from
../shared/stories/, both versions): each is covered when a bullet, in any version it cites,
contains one of its wordings (case-insensitive).
"""

KEY_FACTS: dict[str, tuple[str, ...]] = {
    # What changed: the agreement that lets the US send asylum seekers is nearly done.
    "the asylum agreement is in its final stages": ("final stages",),
    # Who, and what was done to them.
    "the terrorist designations": ("designat",),
    "Los Lobos": ("Los Lobos",),
    "Los Choneros": ("Los Choneros",),
    # How much.
    "$13.5 million in security aid": ("13.5 million",),
    "$6 million in unmanned aerial vehicles": ("6 million",),
    # The line on what the aid is not.
    "no quota / not a quid-pro-quo": ("quota", "quid"),
}

# The pair `compare` ranks as the story's biggest difference between the versions.
RAMPED_UP = ("just getting ramped up", "intensifying")


def coverage(summary) -> dict[str, bool]:
    """Which key facts the summary's bullets carry (any cited version of a bullet counts)."""
    texts = {c.n: c.text.lower() for c in summary.citations}
    bullets = [" ".join(texts[n] for n in claim.citations) for claim in summary.claims]
    return {
        fact: any(w.lower() in b for b in bullets for w in wordings)
        for fact, wordings in KEY_FACTS.items()
    }

"""👍/👎 votes on answers, appended to a JSONL file so they can grow the evaluation set.

One vote per person per answer: a later click is appended too (the file is a log), and
`FeedbackStore.latest()` — what the evaluation set should read — keeps each person's last vote.
A 👎 may carry what was wrong (`reason`, from the short form it opens).
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal


@dataclass(frozen=True)
class Vote:
    """One vote on one answer, with what was asked and answered."""

    platform: str
    user_id: str
    channel_id: str
    vote: Literal["up", "down"]
    question: str
    answer: str
    citations: tuple[dict[str, Any], ...] = ()
    answer_id: str | None = None
    ts: float = field(default_factory=time.time)
    reason: str | None = None  # what was wrong, for a 👎

    @property
    def key(self) -> tuple[str, str, str]:
        """Whose vote on what: (platform, answer id, user id); a later vote with it replaces."""
        return self.platform, self.answer_id or "", self.user_id


class FeedbackStore:
    """Appends votes to a JSONL file, one line each; safe to call from several threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def add(self, vote: Vote) -> None:
        """Append one vote."""
        line = json.dumps(
            {
                "ts": vote.ts,
                "platform": vote.platform,
                "user_id": vote.user_id,
                "channel_id": vote.channel_id,
                "vote": vote.vote,
                "answer_id": vote.answer_id,
                "question": vote.question,
                "answer": vote.answer,
                "citations": list(vote.citations),
                "reason": vote.reason,
            },
            ensure_ascii=False,
        )
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as f:
                f.write(line + "\n")

    def read(self) -> list[dict[str, Any]]:
        """Every vote line so far, oldest first (changed votes included)."""
        if not self.path.exists():
            return []
        with self.path.open(encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]

    def latest(self) -> list[dict[str, Any]]:
        """Each person's last vote on each answer, in the order they were last cast."""
        last: dict[tuple[str, str, str], dict[str, Any]] = {}
        for line in self.read():
            key = (line.get("platform", ""), line.get("answer_id") or "", line.get("user_id", ""))
            last.pop(key, None)
            last[key] = line
        return list(last.values())


@dataclass(frozen=True)
class Tally:
    """The votes on one answer, and the one just cast."""

    up: int = 0
    down: int = 0
    mine: str | None = None  # the voter's vote after this click
    changed: bool = True  # False when the click repeated the voter's standing vote


class VoteBook:
    """Each person's standing vote per answer, read once from the store, kept up to date."""

    def __init__(self, store: FeedbackStore) -> None:
        self.store = store
        self._votes: dict[str, dict[tuple[str, str], str]] | None = None
        self._lock = threading.Lock()

    def _loaded(self) -> dict[str, dict[tuple[str, str], str]]:
        if self._votes is None:
            votes: dict[str, dict[tuple[str, str], str]] = {}
            for line in self.store.latest():
                who = (line.get("platform", ""), line.get("user_id", ""))
                votes.setdefault(line.get("answer_id") or "", {})[who] = line.get("vote", "")
            self._votes = votes
        return self._votes

    def cast(self, vote: Vote) -> Tally:
        """Store `vote` (replacing the voter's earlier one) and return the answer's tally."""
        with self._lock:
            votes = self._loaded().setdefault(vote.answer_id or "", {})
            who = (vote.platform, vote.user_id)
            changed = votes.get(who) != vote.vote or vote.reason is not None
            if changed:
                self.store.add(vote)
                votes[who] = vote.vote
            return self._tally(votes, vote.vote, changed)

    def tally(self, answer_id: str) -> Tally:
        """The votes on one answer so far."""
        with self._lock:
            return self._tally(self._loaded().get(answer_id, {}), None, False)

    @staticmethod
    def _tally(votes: dict[tuple[str, str], str], mine: str | None, changed: bool) -> Tally:
        values = list(votes.values())
        return Tally(values.count("up"), values.count("down"), mine, changed)

"""👍/👎 votes on answers, appended to a JSONL file so they can grow the evaluation set."""

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
            },
            ensure_ascii=False,
        )
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as f:
                f.write(line + "\n")

    def read(self) -> list[dict[str, Any]]:
        """All votes so far, oldest first."""
        if not self.path.exists():
            return []
        with self.path.open(encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]

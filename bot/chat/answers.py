"""Recent answers by id, so a 👍/👎 click can be stored with its question, answer and citations."""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Literal

from bot.chat.feedback import Vote
from bot.records import Answer


@dataclass(frozen=True)
class AnswerRecord:
    """What a vote is stored with: the question, the answer text and its citations."""

    answer_id: str
    question: str
    answer: str
    citations: tuple[dict[str, Any], ...] = ()
    closest: tuple[dict[str, Any], ...] = ()  # a refusal's nearest passages

    @classmethod
    def of(cls, answer: Answer, answer_id: str | None = None) -> AnswerRecord:
        """The record of one engine answer, under a new id unless one is given."""
        return cls(
            answer_id=answer_id or new_answer_id(),
            question=answer.question,
            answer=answer.text,
            citations=tuple(c.to_dict() for c in answer.citations),
            closest=tuple(c.to_dict() for c in answer.closest),
        )

    def vote(
        self,
        platform: str,
        user_id: str,
        channel_id: str,
        vote: Literal["up", "down"],
        reason: str | None = None,
    ) -> Vote:
        """A vote on this answer (a 👎 may say what was wrong)."""
        return Vote(
            platform=platform,
            user_id=str(user_id),
            channel_id=str(channel_id),
            vote=vote,
            question=self.question,
            answer=self.answer,
            citations=self.citations,
            answer_id=self.answer_id,
            reason=reason,
        )


def new_answer_id() -> str:
    """A short random id that fits in a button's custom id."""
    return uuid.uuid4().hex[:16]


class AnswerLog:
    """The last `capacity` answers, oldest dropped first; safe to use from several threads."""

    def __init__(self, capacity: int = 2000) -> None:
        self.capacity = capacity
        self._items: OrderedDict[str, AnswerRecord] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, record: AnswerRecord) -> AnswerRecord:
        """Remember one answer and return it."""
        with self._lock:
            self._items[record.answer_id] = record
            self._items.move_to_end(record.answer_id)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)
        return record

    def get(self, answer_id: str) -> AnswerRecord | None:
        """The answer with this id, or None if it was never seen or has been dropped."""
        with self._lock:
            return self._items.get(answer_id)

"""The actions row under a Slack answer, and the 👎 form: pure Block Kit, no client.

👍/👎 carry the answer id and show the counts so far; Show context (or a refusal's Closest
passages) opens the cited sentences with their neighbours for the clicker only; a link button
goes to each cited article that has an address.
"""

from __future__ import annotations

import json
from typing import Any

from bot.chat.feedback import Tally
from bot.chat.view import AnswerView

Block = dict[str, Any]
VOTE_UP = "storybot_vote_up"
VOTE_DOWN = "storybot_vote_down"
CONTEXT = "storybot_context"
CLOSEST = "storybot_closest"
LINK = "storybot_link"  # + index; Slack still sends a click, which is only acked
FEEDBACK_BLOCK = "storybot_feedback"
WHY_VIEW = "storybot_why"
WHY_BLOCK = "why"
WHY_INPUT = "reason"
BUTTON_TEXT_MAX = 75
REASON_MAX = 500


def _button(action_id: str, text: str, value: str, label: str) -> Block:
    return {
        "type": "button",
        "action_id": action_id,
        "text": {"type": "plain_text", "text": text[:BUTTON_TEXT_MAX], "emoji": True},
        "value": value,
        "accessibility_label": label,
    }


def vote_text(emoji: str, count: int) -> str:
    """`👍` or, once someone voted, `👍 2`."""
    return f"{emoji} {count}" if count else emoji


def answer_actions(
    answer_id: str, view: AnswerView | None = None, tally: Tally | None = None
) -> Block:
    """👍 👎 (with counts), Show context or Closest passages, and links to the articles."""
    tally = tally or Tally()
    elements = [
        _button(VOTE_UP, vote_text("👍", tally.up), answer_id, "This answer is right"),
        _button(VOTE_DOWN, vote_text("👎", tally.down), answer_id, "This answer is wrong"),
    ]
    if view is not None and view.answerable and view.context_targets:
        elements.append(
            _button(CONTEXT, "Show context", answer_id, "The cited sentences in context")
        )
    elif view is not None and not view.answerable and view.closest:
        elements.append(_button(CLOSEST, "Closest passages", answer_id, "What came closest"))
    for i, (label, url) in enumerate(view.links if view is not None else ()):
        link = _button(f"{LINK}_{i}", f"Open: {label}", url[:2000], f"Read {label}")
        link["url"] = url
        elements.append(link)
    return {"type": "actions", "block_id": FEEDBACK_BLOCK, "elements": elements}


def with_counts(blocks: list[Block], tally: Tally) -> list[Block]:
    """The same blocks with the vote buttons' counts replaced."""
    out = []
    for block in blocks:
        if block.get("type") == "actions" and block.get("block_id") == FEEDBACK_BLOCK:
            elements = []
            for element in block.get("elements", []):
                element = dict(element)
                if element.get("action_id") in (VOTE_UP, VOTE_DOWN):
                    up = element["action_id"] == VOTE_UP
                    text = vote_text("👍" if up else "👎", tally.up if up else tally.down)
                    element["text"] = {"type": "plain_text", "text": text, "emoji": True}
                elements.append(element)
            block = {**block, "elements": elements}
        out.append(block)
    return out


def why_view(answer_id: str, channel: str, ts: str | None) -> Block:
    """The short form a 👎 opens: what was wrong (optional)."""
    meta = json.dumps({"answer_id": answer_id, "channel": channel, "ts": ts})
    return {
        "type": "modal",
        "callback_id": WHY_VIEW,
        "private_metadata": meta,
        "title": {"type": "plain_text", "text": "What was wrong?"},
        "submit": {"type": "plain_text", "text": "Send"},
        "close": {"type": "plain_text", "text": "Skip"},
        "blocks": [
            {
                "type": "input",
                "block_id": WHY_BLOCK,
                "optional": True,
                "label": {"type": "plain_text", "text": "What was wrong with this answer?"},
                "element": {
                    "type": "plain_text_input",
                    "action_id": WHY_INPUT,
                    "multiline": True,
                    "max_length": REASON_MAX,
                    "placeholder": {
                        "type": "plain_text",
                        "text": "e.g. the wrong sentence, or it should have said it didn't know",
                    },
                },
            }
        ],
    }


def why_submitted(view: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """(the form's metadata, the reason typed) from a view_submission's view."""
    meta = json.loads(view.get("private_metadata") or "{}")
    values = (view.get("state") or {}).get("values") or {}
    reason = ((values.get(WHY_BLOCK) or {}).get(WHY_INPUT) or {}).get("value") or ""
    return meta, reason.strip()

"""Each Slack delivery acted on once: retried events and repeated interactions are acked only.

Slack redelivers an event it believes was missed (HTTP `X-Slack-Retry-Num`, Socket Mode
`retry_attempt`; Bolt mirrors both into the header) with the same `event_id`; a slash command
or click carries a `trigger_id` unique to it. The first delivery of an id is handled, later
ones get an empty 200 so Slack stops retrying. The memory is bounded (`RecentIds`).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from bot.chat.recent import RecentIds

log = logging.getLogger(__name__)


def delivery_id(body: dict[str, Any]) -> str | None:
    """What identifies one delivery: the event id, else the interaction's trigger id."""
    if body.get("event_id"):
        return f"event:{body['event_id']}"
    if body.get("trigger_id"):
        return f"trigger:{body['trigger_id']}"
    actions = body.get("actions") or []
    if body.get("type") == "block_actions" and actions:  # clicks in messages always carry one
        action = actions[0]
        user = (body.get("user") or {}).get("id", "")
        return f"action:{user}:{action.get('action_id')}:{action.get('action_ts')}"
    return None


class Once(AsyncMiddleware):
    """Bolt middleware: the first delivery of each id goes on; repeats are acked and dropped."""

    def __init__(self, recent: RecentIds | None = None) -> None:
        self.recent = recent or RecentIds()

    async def async_process(
        self,
        *,
        req: AsyncBoltRequest,
        resp: BoltResponse,
        next: Callable[[], Awaitable[BoltResponse]],
    ) -> BoltResponse | None:
        """Drop a delivery already seen; pass the rest on."""
        key = delivery_id(req.body or {})
        if key is None or self.recent.first_time(key):
            return await next()
        retry = (req.headers.get("x-slack-retry-num") or ["-"])[0]
        log.info("ignoring a repeated delivery %s (retry %s)", key, retry)
        return BoltResponse(status=200, body="")

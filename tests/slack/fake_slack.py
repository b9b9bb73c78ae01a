"""A small fake of Slack on 127.0.0.1: the Web API, response_urls and a Socket Mode websocket.

It checks what real Slack checks for the calls storybot makes (tokens; message limits, answered
with `msg_too_long` / `invalid_blocks` / `msg_blocks_too_long` as Slack does), keeps the messages
of each channel so `conversations.replies` and `conversations.history` return what was said, and
records every call so tests can wait for it. Scripted failures come in Slack's real shapes: an
API error is HTTP 200 with `{"ok": false, "error": …}`; rate limiting is HTTP 429 with a
`Retry-After` header and `{"ok": false, "error": "ratelimited"}` (as slackapi's own mock Web API
server in python-slack-sdk answers); a refused response_url is an HTTP error with the reason as
plain text.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

BOT_TOKEN = "xoxb-1-storybot-test"
APP_TOKEN = "xapp-1-A1-storybot-test"
BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
TEAM_ID = "T1"

MAX_TEXT = 40_000
MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_CONTEXT_ELEMENTS = 10
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
# Not documented, but enforced: all the text of a message's blocks together. Measured by others
# at 13,172-13,297 characters depending on the blocks (slackapi/bolt-js#2509); the lower bound.
MAX_BLOCKS_TEXT = 13_000
MAX_MODAL_TITLE = 24
MAX_ELEMENT_TEXT = 150


@dataclass(frozen=True)
class Failure:
    """A scripted failure: the error code, the HTTP status, and Retry-After for a 429."""

    error: str
    status: int = 200
    retry_after: int | None = None
    channel: str | None = None  # only calls for this channel fail

    def applies(self, call: Call) -> bool:
        """True when this failure is meant for `call`."""
        return self.channel is None or call.args.get("channel") == self.channel


@dataclass
class Call:
    """One request the fake received: a Web API method or a response_url post."""

    method: str
    args: dict[str, Any]
    error: str | None = None
    problems: list[str] = field(default_factory=list)
    at: float = field(default_factory=time.monotonic)

    @property
    def ok(self) -> bool:
        """True when the fake accepted the call."""
        return self.error is None


class FakeSlack:
    """Slack's Web API at /api/{method}, response_urls at /respond/{key}, Socket Mode at /socket."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.responses: list[Call] = []
        self.acks: list[dict[str, Any]] = []
        self.messages: dict[str, list[dict[str, Any]]] = {}
        self.failures: dict[str, list[Failure]] = {}
        self.ephemerals: list[dict[str, Any]] = []
        self.reactions: list[dict[str, Any]] = []
        self.views: list[dict[str, Any]] = []
        self._second = int(time.time())
        self._counter = itertools.count(1)
        self._changed = asyncio.Condition()
        self._sockets: list[web.WebSocketResponse] = []
        self._runner: web.AppRunner | None = None
        self.url = ""

    # --- running -------------------------------------------------------------------------
    async def start(self) -> FakeSlack:
        """Listen on a free port of 127.0.0.1."""
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/respond/{key}", self._respond)
        app.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.url = f"http://{host}:{port}"
        return self

    async def stop(self) -> None:
        """Close every websocket and the server."""
        for ws in list(self._sockets):
            await ws.close()
        if self._runner:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        """The base_url an AsyncWebClient needs to talk to this fake."""
        return f"{self.url}/api/"

    def response_url(self, key: str = "r1") -> str:
        """A response_url as Slack puts in slash commands and button clicks."""
        return f"{self.url}/respond/{key}"

    # --- scripting and inspecting -------------------------------------------------------
    def next_ts(self) -> str:
        """A fresh message timestamp, later than every earlier one."""
        return f"{self._second}.{next(self._counter):06d}"

    def add_message(self, channel: str, **message: Any) -> dict[str, Any]:
        """Store a message as if a user had written it (events carry it to the app)."""
        message.setdefault("ts", self.next_ts())
        message.setdefault("type", "message")
        self.messages.setdefault(channel, []).append(message)
        return message

    def fail(
        self,
        method: str,
        error: str,
        *,
        times: int = 1,
        status: int | None = None,
        retry_after: int | None = None,
        channel: str | None = None,
    ) -> None:
        """Answer the next `times` calls of `method` (or "response_url") with this Slack error.

        `ratelimited` is a 429 with `Retry-After: retry_after` (1 s by default); a
        response_url failure is a 404 unless `status` says otherwise; with `channel`, only
        calls for that channel fail."""
        if error == "ratelimited":
            failure = Failure(error, 429, 1 if retry_after is None else retry_after, channel)
        else:
            failure = Failure(error, status or _usual_status(method, error), channel=channel)
        self.failures.setdefault(method, []).extend([failure] * times)

    def calls_of(self, method: str) -> list[Call]:
        """Every call of one Web API method so far."""
        return [c for c in self.calls if c.method == method]

    async def wait_for(self, condition: Callable[[], Any], timeout: float = 5.0) -> Any:
        """Wait until `condition()` is truthy and return it; TimeoutError after `timeout` s."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(condition), timeout)
        return condition()

    async def wait_call(self, method: str, count: int = 1, timeout: float = 5.0) -> Call:
        """Wait for the `count`-th call of `method` and return it."""
        calls = await self.wait_for(lambda: len(self.calls_of(method)) >= count, timeout)
        assert calls
        return self.calls_of(method)[count - 1]

    async def wait_response(self, count: int = 1, timeout: float = 5.0) -> Call:
        """Wait for the `count`-th post to a response_url and return it."""
        await self.wait_for(lambda: len(self.responses) >= count, timeout)
        return self.responses[count - 1]

    async def wait_connected(self, timeout: float = 5.0) -> None:
        """Wait until an app holds a Socket Mode connection."""
        await self.wait_for(lambda: self._sockets, timeout)

    async def send_envelope(self, envelope: dict[str, Any], timeout: float = 5.0) -> dict:
        """Push a Socket Mode envelope to the connected app and return its ack."""
        await self.wait_connected(timeout)
        await self._sockets[-1].send_str(json.dumps(envelope))
        envelope_id = envelope["envelope_id"]
        await self.wait_for(
            lambda: any(a.get("envelope_id") == envelope_id for a in self.acks), timeout
        )
        return next(a for a in self.acks if a.get("envelope_id") == envelope_id)

    async def _record(self, bucket: list[Call], call: Call) -> None:
        async with self._changed:
            bucket.append(call)
            self._changed.notify_all()

    # --- the Web API ---------------------------------------------------------------------
    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args: dict[str, Any] = dict(request.query)
        if request.can_read_body:
            if request.content_type == "application/json":
                args.update(await request.json())
            else:
                args.update(await request.post())
        call = Call(method, args)
        call.error = self._auth_error(method, request.headers.get("Authorization", ""))
        failure = self._failure_for(method, call) if call.error is None else None
        if failure is not None:
            call.error = failure.error
            if failure.status == 429:
                await self._record(self.calls, call)
                return web.json_response(
                    {"ok": False, "error": "ratelimited"},
                    status=429,
                    headers={"Retry-After": str(failure.retry_after)},
                )
        body: dict[str, Any] = {}
        if call.error is None:
            handler = getattr(self, "_" + method.replace(".", "_"), None)
            if handler is None:
                call.error = "unknown_method"
            else:
                body = handler(call)
        await self._record(self.calls, call)
        if call.error:
            body = {"ok": False, "error": call.error}
            if call.problems:
                body["errors"] = call.problems
                body["response_metadata"] = {"messages": [f"[ERROR] {p}" for p in call.problems]}
        return web.json_response({"ok": call.ok, **body})

    def _failure_for(self, method: str, call: Call) -> Failure | None:
        """The first scripted failure of `method` meant for this call (taken off the list)."""
        pending = self.failures.get(method, [])
        for i, failure in enumerate(pending):
            if failure.applies(call):
                return pending.pop(i)
        return None

    def _auth_error(self, method: str, header: str) -> str | None:
        token = header.removeprefix("Bearer ").strip()
        if not token:
            return "not_authed"
        if method == "apps.connections.open":
            if not token.startswith("xapp-"):
                return "not_allowed_token_type"
            return None if token == APP_TOKEN else "invalid_auth"
        return None if token == BOT_TOKEN else "invalid_auth"

    def _auth_test(self, call: Call) -> dict[str, Any]:
        return {
            "url": "https://storybot-test.slack.com/",
            "team": "Storybot Test",
            "user": "storybot",
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _apps_connections_open(self, call: Call) -> dict[str, Any]:
        return {"url": self.url.replace("http://", "ws://") + "/socket"}

    def _chat_postMessage(self, call: Call) -> dict[str, Any]:
        channel = call.args.get("channel")
        if not channel:
            call.error = "channel_not_found"
            return {}
        call.error, call.problems = check_message(call.args)
        if call.error:
            return {}
        message = self.add_message(
            channel,
            user=BOT_USER_ID,
            bot_id=BOT_ID,
            text=call.args.get("text", ""),
            blocks=_blocks(call.args),
            **({"thread_ts": call.args["thread_ts"]} if call.args.get("thread_ts") else {}),
        )
        return {"channel": channel, "ts": message["ts"], "message": message}

    def _chat_postEphemeral(self, call: Call) -> dict[str, Any]:
        channel, user = call.args.get("channel"), call.args.get("user")
        if not channel:
            call.error = "channel_not_found"
            return {}
        if not user:
            call.error = "user_not_found"
            return {}
        call.error, call.problems = check_message(call.args)
        if call.error:
            return {}
        self.ephemerals.append({**call.args, "blocks": _blocks(call.args)})
        return {"message_ts": self.next_ts()}

    def _conversations_open(self, call: Call) -> dict[str, Any]:
        users = str(call.args.get("users") or "")
        if not users:
            call.error = "users_list_not_supplied"
            return {}
        return {"channel": {"id": "D" + users.split(",")[0]}}

    def _reactions_add(self, call: Call) -> dict[str, Any]:
        if not call.args.get("name") or not call.args.get("timestamp"):
            call.error = "invalid_name" if not call.args.get("name") else "no_item_specified"
            return {}
        self.reactions.append(dict(call.args))
        return {}

    def _views_open(self, call: Call) -> dict[str, Any]:
        raw = call.args.get("view")
        view: dict[str, Any] = (json.loads(raw) if isinstance(raw, str) else raw) or {}
        if not call.args.get("trigger_id"):
            call.error = "invalid_arguments"
            return {}
        call.problems = view_problems(view)
        if call.problems:
            call.error = "invalid_arguments"
            return {}
        self.views.append(view)
        return {"view": {"id": f"V{len(self.views)}", **view}}

    def _chat_update(self, call: Call) -> dict[str, Any]:
        channel, ts = call.args.get("channel", ""), call.args.get("ts", "")
        found = [m for m in self.messages.get(channel, []) if m["ts"] == ts]
        if not found:
            call.error = "message_not_found"
            return {}
        call.error, call.problems = check_message(call.args)
        if call.error:
            return {}
        found[0].update(text=call.args.get("text", ""), blocks=_blocks(call.args))
        return {"channel": channel, "ts": ts, "text": found[0]["text"]}

    def _conversations_replies(self, call: Call) -> dict[str, Any]:
        channel, ts = call.args.get("channel", ""), call.args.get("ts", "")
        thread = [
            m for m in self.messages.get(channel, []) if m["ts"] == ts or m.get("thread_ts") == ts
        ]
        if not thread:
            call.error = "thread_not_found"
        return {"messages": thread, "has_more": False}

    def _conversations_history(self, call: Call) -> dict[str, Any]:
        channel = call.args.get("channel", "")
        latest = float(call.args.get("latest") or "inf")
        oldest = float(call.args.get("oldest") or 0)
        limit = int(call.args.get("limit") or 100)
        top = [
            m
            for m in self.messages.get(channel, [])
            if m.get("thread_ts", m["ts"]) == m["ts"] and oldest < float(m["ts"]) < latest
        ]
        return {"messages": list(reversed(top))[:limit], "has_more": len(top) > limit}

    # --- response_url and Socket Mode --------------------------------------------------
    async def _respond(self, request: web.Request) -> web.Response:
        call = Call(request.match_info["key"], await request.json())
        status = 400
        call.error, call.problems = check_message(call.args)
        failure = self._failure_for("response_url", call) if call.error is None else None
        if failure is not None:
            call.error, status = failure.error, failure.status
        await self._record(self.responses, call)
        if call.error:
            return web.Response(status=status, text=call.error)
        return web.Response(text="ok")

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_str(json.dumps({"type": "hello", "num_connections": 1}))
        async with self._changed:
            self._sockets.append(ws)
            self._changed.notify_all()
        try:
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    async with self._changed:
                        self.acks.append(json.loads(msg.data))
                        self._changed.notify_all()
        finally:
            self._sockets.remove(ws)
        return ws


def _usual_status(method: str, error: str) -> int:
    """Web API errors come with HTTP 200; a response_url answers 400 for a bad message, else 404."""
    if method != "response_url":
        return 200
    return 400 if error in ("invalid_blocks", "msg_too_long", "no_text") else 404


def _blocks(args: dict[str, Any]) -> list[dict[str, Any]] | None:
    blocks = args.get("blocks")
    return json.loads(blocks) if isinstance(blocks, str) else blocks


def check_message(args: dict[str, Any]) -> tuple[str | None, list[str]]:
    """Slack's answer to a message payload: (None, []) or (error, problems)."""
    text, blocks = args.get("text") or "", _blocks(args)
    if not text and not blocks:
        return "no_text", []
    if len(text) > MAX_TEXT:
        return "msg_too_long", []
    problems = block_problems(blocks or [])
    if problems:
        return "invalid_blocks", problems
    if sum(len(t) for t in _all_texts(blocks or [])) > MAX_BLOCKS_TEXT:
        return "msg_blocks_too_long", []
    return None, []


def _all_texts(blocks: list[dict[str, Any]]) -> list[str]:
    texts = []
    for block in blocks:
        if isinstance(block.get("text"), dict):
            texts.append(block["text"].get("text") or "")
        for element in block.get("elements") or []:
            text = element.get("text")
            texts.append(text.get("text") or "" if isinstance(text, dict) else text or "")
    return texts


def view_problems(view: dict[str, Any]) -> list[str]:
    """What Slack would reject in a modal view (the parts storybot uses)."""
    problems = []
    if view.get("type") != "modal":
        problems.append("view type must be modal")
    title = (view.get("title") or {}).get("text") or ""
    if not title or len(title) > MAX_MODAL_TITLE:
        problems.append(f"title must be 1-{MAX_MODAL_TITLE} characters [json-pointer:/view/title]")
    for i, block in enumerate(view.get("blocks") or []):
        if block.get("type") == "input":
            if not block.get("block_id") or not (block.get("element") or {}).get("action_id"):
                problems.append(f"input needs block_id and action_id [json-pointer:/blocks/{i}]")
            label = (block.get("label") or {}).get("text") or ""
            if not label or len(label) > 2000:
                problems.append(f"label must be 1-2000 characters [json-pointer:/blocks/{i}]")
        elif block.get("type") == "section":
            problems += _text_problems(block.get("text"), MAX_SECTION, f"[/blocks/{i}]/text")
    return problems


def block_problems(blocks: list[dict[str, Any]]) -> list[str]:
    """What real Slack would reject in these blocks, as `invalid_blocks` error lines."""
    problems: list[str] = []
    if len(blocks) > MAX_BLOCKS:
        problems.append(f"no more than {MAX_BLOCKS} items allowed [json-pointer:/blocks]")
    action_ids: set[str] = set()
    for i, block in enumerate(blocks):
        at = f"[json-pointer:/blocks/{i}]"
        kind = block.get("type")
        if kind == "section":
            problems += _text_problems(block.get("text"), MAX_SECTION, f"{at}/text")
        elif kind == "context":
            elements = block.get("elements") or []
            if not 1 <= len(elements) <= MAX_CONTEXT_ELEMENTS:
                problems.append(f"must have 1 to {MAX_CONTEXT_ELEMENTS} elements {at}/elements")
            for j, element in enumerate(elements):
                problems += _text_problems(element, MAX_SECTION, f"{at}/elements/{j}")
        elif kind == "actions":
            for j, button in enumerate(block.get("elements") or []):
                where = f"{at}/elements/{j}"
                problems += _text_problems(button.get("text"), MAX_BUTTON_TEXT, f"{where}/text")
                if len(button.get("value", "")) > MAX_BUTTON_VALUE:
                    problems.append(f"must be less than {MAX_BUTTON_VALUE + 1} characters {where}")
                if button.get("action_id") in action_ids:
                    problems.append(f"action_id must be unique {where}")
                if len(button.get("url", "")) > 3000:
                    problems.append(f"url must be less than 3001 characters {where}")
                if button.get("style") not in (None, "primary", "danger"):
                    problems.append(f"style must be primary or danger {where}")
                action_ids.add(button.get("action_id"))
        elif kind != "divider":
            problems.append(f"unsupported block type {kind!r} {at}")
    return problems


def _text_problems(obj: Any, limit: int, at: str) -> list[str]:
    if not isinstance(obj, dict) or obj.get("type") not in ("mrkdwn", "plain_text"):
        return [f"must provide a text object {at}"]
    if obj["type"] == "plain_text" and "verbatim" in obj:
        return [f"verbatim is not allowed in plain_text {at}"]
    text = obj.get("text") or ""
    if not text:
        return [f"must be more than 0 characters {at}/text"]
    if len(text) > limit:
        return [f"must be less than {limit + 1} characters {at}/text"]
    return []

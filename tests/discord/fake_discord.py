"""A small fake of Discord's gateway and REST API on 127.0.0.1, for one wire-level test.

It speaks just enough of both to log a bot in, bring one guild with one channel to READY,
deliver gateway events the test pushes, and record every REST request (method, path, JSON).
Responses carry `Content-Type: application/json` exactly: discord.py parses nothing else.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

BOT_ID = 900_000_000_000_000_001
APP_ID = 900_000_000_000_000_002
GUILD_ID = 900_000_000_000_000_010
CHANNEL_ID = 900_000_000_000_000_011
USER_ID = 900_000_000_000_000_020
NOW = "2025-09-04T12:00:00.000000+00:00"

BOT_USER = {
    "id": str(BOT_ID),
    "username": "storybot",
    "discriminator": "0",
    "global_name": None,
    "avatar": None,
    "bot": True,
}
ALICE = {
    "id": str(USER_ID),
    "username": "alice",
    "discriminator": "0",
    "global_name": "Alice",
    "avatar": None,
}


@dataclass
class Request:
    """One REST request the bot made."""

    method: str
    path: str
    json: Any


@dataclass
class FakeDiscord:
    """The fake server; `requests` records REST calls, `send_event` pushes gateway events."""

    requests: list[Request] = field(default_factory=list)
    identified: asyncio.Event = field(default_factory=asyncio.Event)
    message_posted: asyncio.Event = field(default_factory=asyncio.Event)
    _events: asyncio.Queue = field(default_factory=asyncio.Queue)
    _ids: Any = field(default_factory=lambda: itertools.count(900_000_000_000_001_000))
    reject_token: bool = False  # answer GET /users/@me with 401, as for a wrong token
    close_code: int | None = None  # close the gateway with this code after IDENTIFY
    shards: int = 1  # what GET /gateway/bot recommends
    fail_posts: int = 0  # answer this many message POSTs with 500, as an outage does
    identifies: list[dict[str, Any]] = field(default_factory=list)
    close_codes: list[int] = field(default_factory=list)  # how the bot closed each socket
    _runner: web.AppRunner | None = None
    _seq: int = 0
    port: int = 0

    async def start(self) -> FakeDiscord:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{path:.*}", self._rest)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def send_event(self, name: str, data: dict[str, Any]) -> None:
        """Deliver one gateway DISPATCH event to the connected bot."""
        await self._events.put((name, data))

    def posted(self, path: str) -> list[Request]:
        """The POST requests to one path."""
        return [r for r in self.requests if r.method == "POST" and r.path == path]

    # -- REST ------------------------------------------------------------------------------

    @staticmethod
    def _json(data: Any, status: int = 200) -> web.Response:
        return web.Response(
            body=json.dumps(data).encode(),
            status=status,
            headers={"Content-Type": "application/json"},
        )

    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["path"]
        body: Any = await request.json() if request.can_read_body else None
        self.requests.append(Request(request.method, path, body))
        parts = path.strip("/").split("/")
        if path == "/users/@me":
            if self.reject_token:
                return self._json({"message": "401: Unauthorized", "code": 0}, 401)
            return self._json(BOT_USER)
        if path == "/oauth2/applications/@me":
            return self._json(_application())
        if path == "/gateway/bot":
            limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
            return self._json(
                {"url": self.gateway_url, "shards": self.shards, "session_start_limit": limit}
            )
        if request.method == "PUT" and parts[-1] == "commands":
            commands = [
                dict(c, id=str(next(self._ids)), application_id=str(APP_ID), version="1")
                for c in body or []
            ]
            return self._json(commands)
        if parts[-1] == "typing":
            return web.Response(status=204)
        if request.method == "POST" and parts[-1] == "threads":
            return self._json(_thread(int(parts[3]), int(parts[1]), body["name"]))
        if request.method == "POST" and parts[-1] == "messages" and self.fail_posts > 0:
            self.fail_posts -= 1
            return self._json({"message": "500: Internal Server Error", "code": 0}, 500)
        if request.method == "POST" and parts[-1] == "messages":
            message = _message(next(self._ids), int(parts[1]), BOT_USER, body.get("content") or "")
            message["embeds"] = body.get("embeds") or []
            self.message_posted.set()
            return self._json(message)
        return self._json({"message": f"not faked: {request.method} {path}", "code": 0}, 404)

    # -- gateway ---------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"op": 10, "d": {"heartbeat_interval": 45_000}})
        sender = asyncio.create_task(self._send_events(ws))
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    break
                payload = json.loads(msg.data)
                if payload["op"] == 1:  # heartbeat
                    await ws.send_json({"op": 11})
                elif payload["op"] == 2:
                    self.identifies.append(payload["d"])
                if payload["op"] == 2 and self.close_code:  # identify, refused
                    await ws.close(code=self.close_code)
                elif payload["op"] == 2:  # identify: READY says which shard this socket is
                    ready = _ready(self.gateway_url)
                    if payload["d"].get("shard"):
                        ready["shard"] = payload["d"]["shard"]
                    await self._dispatch(ws, "READY", ready)
                    await self._dispatch(ws, "GUILD_CREATE", _guild())
                    self.identified.set()
        finally:
            sender.cancel()
            if ws.close_code is not None:
                self.close_codes.append(ws.close_code)
        return ws

    async def _send_events(self, ws: web.WebSocketResponse) -> None:
        while True:
            name, data = await self._events.get()
            await self._dispatch(ws, name, data)

    async def _dispatch(self, ws: web.WebSocketResponse, name: str, data: dict[str, Any]) -> None:
        self._seq += 1
        await ws.send_json({"op": 0, "t": name, "s": self._seq, "d": data})


def _application() -> dict[str, Any]:
    return {
        "id": str(APP_ID),
        "name": "storybot",
        "icon": None,
        "description": "",
        "bot_public": True,
        "bot_require_code_grant": False,
        "owner": ALICE,
        "summary": "",
        "verify_key": "0" * 64,
        "flags": 0,
    }


def _ready(gateway: str) -> dict[str, Any]:
    return {
        "v": 10,
        "user": BOT_USER,
        "guilds": [{"id": str(GUILD_ID), "unavailable": True}],
        "session_id": "fake-session",
        "resume_gateway_url": gateway,
        "application": {"id": str(APP_ID), "flags": 0},
    }


def _member(user: dict[str, Any], roles: list[str]) -> dict[str, Any]:
    return {
        "user": user,
        "roles": roles,
        "joined_at": NOW,
        "deaf": False,
        "mute": False,
        "flags": 0,
    }


def _guild() -> dict[str, Any]:
    everyone = {
        "id": str(GUILD_ID),
        "name": "@everyone",
        "permissions": str(1 << 3),  # administrator: the bot may do everything here
        "position": 0,
        "color": 0,
        "hoist": False,
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }
    channel = {
        "id": str(CHANNEL_ID),
        "type": 0,
        "guild_id": str(GUILD_ID),
        "name": "news",
        "position": 0,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
    }
    return {
        "id": str(GUILD_ID),
        "name": "Newsroom",
        "icon": None,
        "owner_id": str(USER_ID),
        "roles": [everyone],
        "emojis": [],
        "stickers": [],
        "features": [],
        "channels": [channel],
        "threads": [],
        "members": [_member(BOT_USER, []), _member(ALICE, [])],
        "presences": [],
        "voice_states": [],
        "member_count": 2,
        "large": False,
        "unavailable": False,
        "joined_at": NOW,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "mfa_level": 0,
        "premium_tier": 0,
        "preferred_locale": "en-US",
        "nsfw_level": 0,
    }


def _thread(message_id: int, parent_id: int, name: str) -> dict[str, Any]:
    return {
        "id": str(message_id),
        "type": 11,
        "guild_id": str(GUILD_ID),
        "parent_id": str(parent_id),
        "owner_id": str(BOT_ID),
        "name": name,
        "message_count": 0,
        "member_count": 1,
        "rate_limit_per_user": 0,
        "flags": 0,
        "thread_metadata": {
            "archived": False,
            "auto_archive_duration": 1440,
            "archive_timestamp": NOW,
            "locked": False,
        },
    }


def _message(message_id: int, channel_id: int, author: dict, content: str) -> dict[str, Any]:
    return {
        "id": str(message_id),
        "channel_id": str(channel_id),
        "guild_id": str(GUILD_ID),
        "author": author,
        "content": content,
        "timestamp": NOW,
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "pinned": False,
        "type": 0,
        "flags": 0,
        "components": [],
    }


def mention_message(message_id: int, content: str) -> dict[str, Any]:
    """A MESSAGE_CREATE payload: alice, in #news, mentioning the bot."""
    message = _message(message_id, CHANNEL_ID, ALICE, content)
    message["member"] = {"roles": [], "joined_at": NOW, "deaf": False, "mute": False, "flags": 0}
    message["mentions"] = [dict(BOT_USER, member=_member(BOT_USER, []))]
    return message

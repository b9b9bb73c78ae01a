"""Helpers for the Discord tests: Discord's limits as a checker, reading bot messages, and
pointing discord.py at the fake Discord."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import discord
import pytest
from discord.gateway import DiscordWebSocket

from bot.settings import ChatSettings, DiscordSettings, IndexSettings, Settings
from tests.discord.fake_discord import FakeDiscord

LIMITS = {
    "content": 2000,
    "title": 256,
    "description": 4096,
    "fields": 25,
    "field.name": 256,
    "field.value": 1024,
    "footer": 2048,
    "author": 256,
    "total": 6000,
    "embeds": 10,
}


def make_settings(
    tmp_path: Path,
    *,
    chat: ChatSettings | None = None,
    index: IndexSettings | None = None,
    **discord_options: Any,
) -> Settings:
    """Test settings: data in tmp_path, generous rate limits, the given Discord options (one
    shard unless told: simcord, like Discord's /gateway/bot, needs a count)."""
    votes = tmp_path / "votes.jsonl"
    discord_options.setdefault("shard_count", 1)
    return Settings(
        data_dir=tmp_path,
        chat=chat or ChatSettings(user_rate=100, channel_rate=100, feedback_path=votes),
        index=index or IndexSettings(),
        discord=replace(DiscordSettings(), **discord_options),
    )


def limit_problems(content: str | None, embeds: Iterable[Mapping[str, Any]]) -> list[str]:
    """Every Discord limit one message breaks (empty when it is within all of them)."""
    problems = []
    embeds = list(embeds)
    if content and len(content) > LIMITS["content"]:
        problems.append(f"content has {len(content)} characters")
    if len(embeds) > LIMITS["embeds"]:
        problems.append(f"{len(embeds)} embeds")
    total = 0
    for i, e in enumerate(embeds):
        texts = {
            "title": e.get("title") or "",
            "description": e.get("description") or "",
            "footer": (e.get("footer") or {}).get("text") or "",
            "author": (e.get("author") or {}).get("name") or "",
        }
        fields = e.get("fields") or []
        if len(fields) > LIMITS["fields"]:
            problems.append(f"embed {i} has {len(fields)} fields")
        for f in fields:
            for key in ("name", "value"):
                if len(f.get(key) or "") > LIMITS[f"field.{key}"]:
                    problems.append(f"embed {i} field {key} has {len(f[key])} characters")
                total += len(f.get(key) or "")
        for key, text in texts.items():
            if len(text) > LIMITS[key]:
                problems.append(f"embed {i} {key} has {len(text)} characters")
            total += len(text)
    if total > LIMITS["total"]:
        problems.append(f"embeds total {total} characters")
    return problems


def message_problems(message: discord.Message) -> list[str]:
    """`limit_problems` of a message the bot sent."""
    return limit_problems(message.content, [e.to_dict() for e in message.embeds])


def text_of(message: discord.Message) -> str:
    """Everything a message shows: content, embed titles, descriptions and footers."""
    parts = [message.content or ""]
    for e in message.embeds:
        parts += [e.title or "", e.description or "", e.footer.text or ""]
    return "\n".join(parts)


def buttons(message: discord.Message) -> dict[str, str]:
    """The message's buttons: emoji (or label) → custom id (or, for a link button, its URL)."""
    found = {}
    for row in message.components:
        for item in getattr(row, "children", [row]):
            if isinstance(item, discord.Button) and (item.custom_id or item.url):
                name = str(item.emoji) if item.emoji else item.label or ""
                found[name] = item.custom_id or item.url or ""
    return found


def vote_labels(message: discord.Message) -> dict[str, str | None]:
    """The labels (counts) on the 👍/👎 buttons."""
    labels = {}
    for row in message.components:
        for item in getattr(row, "children", [row]):
            if isinstance(item, discord.Button) and item.emoji and str(item.emoji) in "👍👎":
                labels[str(item.emoji)] = item.label
    return labels


def bot_messages(channel: Any, bot_id: int) -> list[discord.Message]:
    """What the bot said in a channel or thread, oldest first (not thread-created notices)."""
    return [
        m
        for m in channel.history()
        if m.author.id == bot_id and m.type is not discord.MessageType.thread_created
    ]


def allows_no_mentions(body: Mapping[str, Any]) -> bool:
    """True if a message body's allowed_mentions lets nobody be pinged."""
    allowed = body.get("allowed_mentions")
    return (
        isinstance(allowed, Mapping)
        and allowed.get("parse") == []
        and not allowed.get("users")
        and not allowed.get("roles")
        and not allowed.get("replied_user")
    )


def sent_bodies(env: Any) -> list[dict[str, Any]]:
    """The body of every message the bot sent or edited over REST (channels and interactions)."""
    bodies = []
    for request in env.http_requests:
        body = request.json
        if not isinstance(body, dict):
            continue
        if request.path.endswith("/callback"):
            body = body.get("data") or {}
        if body.get("content") or body.get("embeds"):
            bodies.append(body)
    return bodies


def point_discord_py_at(fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch) -> None:
    """Send discord.py's REST calls and gateway connection to the fake instead of discord.com."""
    monkeypatch.setattr(discord.http.Route, "BASE", fake.api_base)
    monkeypatch.setattr(
        DiscordWebSocket, "DEFAULT_GATEWAY", discord.gateway.yarl.URL(fake.gateway_url)
    )

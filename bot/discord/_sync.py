"""Registering the slash commands with Discord only when they changed, and in one place only.

Re-registering at every start is slow, counts against Discord's daily limit on command
creations and makes the commands flicker in clients. So the commands' JSON (and where they go:
one server with DISCORD_GUILD_ID, else everywhere) is fingerprinted and kept in
`$STORYBOT_DATA_DIR/discord-commands.json`; an unchanged fingerprint means no request at all
(`storybot discord --sync` registers anyway). Commands registered both globally and in a server
show twice there, so when the place changes the old one is emptied.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any

import discord
from discord import app_commands

log = logging.getLogger(__name__)
STATE_FILE = "discord-commands.json"


def scope_of(application_id: int | None, guild_id: int | None) -> str:
    """Where the commands go: `APP/guild:ID` or `APP/global`."""
    return f"{application_id}/" + (f"guild:{guild_id}" if guild_id else "global")


def fingerprint(scope: str, payload: list[dict[str, Any]]) -> str:
    """A digest of the commands' JSON and their place: equal digests need no new sync."""
    text = json.dumps({"scope": scope, "commands": payload}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


class SyncState:
    """The fingerprint and place of the last successful sync, in a small JSON file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> dict[str, str]:
        """The last sync (`scope`, `fingerprint`); {} when none was recorded or it is unreadable."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def write(self, scope: str, digest: str) -> None:
        """Record a successful sync (a failure to write only costs a sync next time)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps({"scope": scope, "fingerprint": digest}) + "\n")
        except OSError as exc:
            log.warning("could not record the command sync in %s: %s", self.path, exc)


async def sync_commands(
    client: discord.Client,
    tree: app_commands.CommandTree[Any],
    guild_id: int | None,
    state: SyncState,
    *,
    force: bool = False,
) -> str:
    """Register the tree's commands if they changed (or `force`); say what was done.

    HTTP failures are logged, not raised: mentions keep working without slash commands.
    """
    guild = discord.Object(guild_id) if guild_id else None
    if guild is not None:
        tree.copy_global_to(guild=guild)  # also needed to dispatch them when not syncing
    payload = [c.to_dict(tree) for c in tree.get_commands(guild=guild)]
    scope = scope_of(client.application_id, guild_id)
    digest = fingerprint(scope, payload)
    last = state.read()
    if not force and last.get("fingerprint") == digest:
        log.info("slash commands unchanged since the last sync (%s): not registering", scope)
        return "unchanged"
    where = f" in server {guild_id}" if guild_id else ""
    try:
        await tree.sync(guild=guild)
        await _empty_the_old_place(client, last.get("scope"), scope, guild_id)
    except discord.HTTPException as exc:
        log.error(
            "could not register slash commands%s: %s. Invite the bot with the "
            "'applications.commands' scope (see docs/discord.md).",
            where,
            exc,
        )
        return "failed"
    state.write(scope, digest)
    log.info("registered %d slash commands%s", len(payload), where)
    return "synced"


async def _empty_the_old_place(
    client: discord.Client, previous: str | None, scope: str, guild_id: int | None
) -> None:
    """No command twice in a server: empty the global list when moving into one server (or
    when nothing is known about earlier syncs), and the old server's when moving out."""
    app_id = client.application_id
    if app_id is None or previous == scope:
        return
    old_guild = _guild_of(previous)
    if guild_id and (previous is None or not old_guild):
        await client.http.bulk_upsert_global_commands(app_id, [])
    if old_guild and old_guild != guild_id:
        await client.http.bulk_upsert_guild_commands(app_id, old_guild, [])


def _guild_of(scope: str | None) -> int | None:
    if not scope or "/guild:" not in scope:
        return None
    try:
        return int(scope.rsplit(":", 1)[1])
    except ValueError:
        return None

"""Who may use storybot where: the channel allow-list, auto-answer channels and admin roles."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import discord

from bot.settings import DiscordSettings


@dataclass(frozen=True)
class Where:
    """A channel and, for a thread, the channel it belongs to."""

    channel_id: int
    parent_id: int | None = None

    @classmethod
    def of(cls, channel: object) -> Where:
        """Where a message was sent or a command used."""
        if isinstance(channel, discord.Thread):
            return cls(channel.id, channel.parent_id)
        return cls(getattr(channel, "id", 0))

    @property
    def ids(self) -> frozenset[int]:
        """The channel and its parent, if any."""
        return frozenset(i for i in (self.channel_id, self.parent_id) if i is not None)

    @property
    def rate_key(self) -> str:
        """The key of the per-channel rate limit: threads count against their channel."""
        return str(self.parent_id or self.channel_id)


@dataclass(frozen=True)
class Access:
    """The allow-lists from settings; empty `allowed_channels` means every channel."""

    allowed_channels: frozenset[int] = frozenset()
    auto_channels: frozenset[int] = frozenset()
    admin_roles: frozenset[int] = frozenset()

    @classmethod
    def from_settings(cls, settings: DiscordSettings) -> Access:
        """The allow-lists DISCORD_ALLOWED_CHANNELS, DISCORD_AUTO_CHANNELS, DISCORD_ADMIN_ROLES."""
        return cls(
            frozenset(settings.allowed_channels),
            frozenset(settings.auto_channels),
            frozenset(settings.admin_roles),
        )

    def allows(self, where: Where) -> bool:
        """True if storybot may answer here; a thread counts as its channel, auto as allowed."""
        if not self.allowed_channels:
            return True
        return bool(where.ids & (self.allowed_channels | self.auto_channels))

    def answers_everything(self, where: Where) -> bool:
        """True in an auto-answer channel (or a thread of one): no mention needed."""
        return bool(where.ids & self.auto_channels)

    def is_admin(self, role_ids: Iterable[int], manage_guild: bool) -> bool:
        """True for Manage Server or any configured admin role."""
        return manage_guild or bool(self.admin_roles.intersection(role_ids))

    def suggestion(self) -> str:
        """Channel mentions of where storybot is enabled (empty when it is enabled everywhere)."""
        ids = sorted(self.allowed_channels | self.auto_channels)[:5]
        return ", ".join(f"<#{i}>" for i in ids)


def member_is_admin(access: Access, member: object) -> bool:
    """True if this guild member may use the admin commands."""
    if not isinstance(member, discord.Member):
        return False
    role_ids = [role.id for role in member.roles]
    return access.is_admin(role_ids, member.guild_permissions.manage_guild)

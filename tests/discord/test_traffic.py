"""Real traffic inside simcord: follow-ups without a mention, chat noise, private commands,
commands registered only when they change."""

from __future__ import annotations

import pytest

from bot.records import Turn
from bot.settings import ChatSettings
from index.errors import NotFoundError
from tests.discord.support import bot_messages
from tests.fake_engine import CNN_SENTENCES

QUESTION = "How much aid did Rubio announce?"


async def ask_in_news(world):
    """alice mentions the bot in #news; returns the thread it opened."""
    await world.alice.send(world.news, f"{world.me} {QUESTION}")
    (thread,) = world.news.threads
    return thread


async def test_a_plain_question_in_storybots_thread_is_a_follow_up(world, engine):
    """No mention needed in a thread storybot opened: the thread so far is the history."""
    thread = await ask_in_news(world)
    await world.bob.send(thread, "and the Navy?")
    (_, follow_up) = engine.calls_of("ask")
    assert follow_up == ("and the Navy?", (Turn("user", QUESTION), Turn("bot", CNN_SENTENCES[17])))
    reply = bot_messages(thread, world.bot.user.id)[-1]
    assert "Understood as: How much aid did Rubio announce for Ecuador's Navy?" in (
        reply.embeds[0].footer.text
    )


@pytest.mark.parametrize(
    "said",
    ["interesting, thanks", "ok", "lol same 😂", "{bob} what do you think?"],
    ids=["chatter", "ok", "emoji", "to someone else"],
)
async def test_chatter_in_storybots_thread_is_left_alone(world, engine, said):
    """Remarks, and questions put to someone else, are not answered."""
    thread = await ask_in_news(world)
    await world.alice.send(thread, said.format(bob=world.bob.mention))
    assert len(engine.calls_of("ask")) == 1
    assert len(bot_messages(thread, world.bot.user.id)) == 1


async def test_follow_ups_without_a_mention_can_be_turned_off(world, engine, restart, tmp_path):
    """THREAD_FOLLOWUPS=false: storybot answers in its threads only when mentioned."""
    chat = ChatSettings(user_rate=100, channel_rate=100, thread_followups=False)
    await restart(chat=chat)
    thread = await ask_in_news(world)
    await world.bob.send(thread, "and the Navy?")
    assert len(engine.calls_of("ask")) == 1
    await world.bob.send(thread, f"{world.me} and the Navy?")
    assert len(engine.calls_of("ask")) == 2


async def test_mentions_roles_broadcasts_and_emoji_never_reach_the_engine(world, engine):
    """The issue's case: "@everyone @Reporters what did Rubio say about drones?" plus emoji."""
    reporters = world.guild.create_role("Reporters", mentionable=True)
    content = (
        f"@everyone {reporters.mention} {world.me} what did Rubio say about drones? "
        f"<:pepe:123456789012345678> 🤔"
    )
    await world.alice.send(world.news, content)
    assert engine.calls_of("ask") == [("what did Rubio say about drones?", ())]
    (thread,) = world.news.threads
    answer = bot_messages(thread, world.bot.user.id)[-1]
    assert answer.embeds[0].title.startswith("@everyone @Reporters what did Rubio say")


async def test_thanks_is_acknowledged_with_a_reaction_not_an_answer(world, engine):
    """ "thanks @storybot!" gets 👍 on the message; the engine is not asked."""
    thanks = await world.alice.send(world.news, f"thanks {world.me}!")
    assert engine.calls == [] and bot_messages(world.news, world.bot.user.id) == []
    (message,) = [m for m in world.news.history() if m.id == thanks.id]
    assert [str(r.emoji) for r in message.reactions] == ["👍"]


async def test_a_private_ask_and_its_error_are_seen_only_by_the_asker(world, engine):
    """private: True defers ephemerally; an error after that defer stays ephemeral, and names
    Discord's command rather than the CLI's."""
    engine.script(
        "ask",
        NotFoundError("No article 'x' is stored", "Run `storybot sources` to list the ids"),
    )
    result = await world.alice.slash(world.news, "ask", question=QUESTION, private=True)
    assert result.ephemeral
    assert result.response.content == "No article 'x' is stored. Run /sources to list the ids."
    assert bot_messages(world.news, world.bot.user.id) == []
    assert [type(e.original) for e in world.env.errors] == [NotFoundError]  # told, and handled


async def test_a_public_ask_stays_public(world, engine):
    """Without `private` the answer is for the channel."""
    result = await world.alice.slash(world.news, "ask", question=QUESTION)
    assert not result.ephemeral


async def test_admin_commands_answer_privately(world, engine):
    """/forget's confirmation is only for the admin who used it."""
    owner = world.guild.add_member(world.guild.owner)
    result = await owner.slash(world.news, "forget", article="000_b4c534ddc7fcb3f0")
    assert result.ephemeral and result.response.content.startswith("Forgot `000_b4c534ddc7fcb3f0`")


def _command_puts(env) -> list[str]:
    return [r.path for r in env.http_requests if r.method == "PUT" and r.path.endswith("commands")]


async def test_commands_are_registered_only_when_they_changed(world, restart):
    """A restart with the same commands sends no registration at all; --sync forces one."""
    assert len(_command_puts(world.env)) == 1  # the first start
    await restart()
    assert len(_command_puts(world.env)) == 1
    await restart(force_sync=True)
    assert len(_command_puts(world.env)) == 2
    assert sorted(world.alice.available_commands(world.news)).count("ask") == 1


async def test_moving_from_one_server_to_global_empties_the_server(world, restart):
    """DISCORD_GUILD_ID removed: the commands go global and the server's copies are emptied."""
    await restart(guild_id=world.guild.id)
    await restart()
    puts = [(r.path, r.json) for r in world.env.http_requests if r.method == "PUT"]
    assert puts[-1] == (puts[-1][0], []) and f"/guilds/{world.guild.id}/" in puts[-1][0]
    assert sorted(world.alice.available_commands(world.news)).count("ask") == 1


async def test_while_stopping_new_questions_are_told_to_come_back(world, engine):
    """After SIGTERM, during the grace period, a new mention is answered with one line."""
    world.bot.in_flight.stopping = True
    await world.alice.send(world.news, f"{world.me} {QUESTION}")
    (reply,) = bot_messages(world.news, world.bot.user.id)
    assert reply.content.startswith("storybot is restarting")
    assert engine.calls == []

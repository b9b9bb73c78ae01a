"""Chat noise never changes the answer: mentions, broadcasts, emoji, greetings and thanks."""

from __future__ import annotations

import json

import pytest

from bot.chat.cleaning import clean_question, looks_like_question
from bot.chat.feedback import FeedbackStore
from bot.chat.service import ChatService
from bot.settings import ChatSettings
from tests.conftest import SHARED

STORY_DEV = [json.loads(line) for line in (SHARED / "eval" / "story_dev.jsonl").open()]
SLACK_BOT, DISCORD_BOT = "<@U0STORYBOT>", "<@987654321098765432>"

# Each kind of noise as the platform delivers it; {q} is the question.
NOISE = {
    "Slack: the bot's mention": f"{SLACK_BOT} {{q}}",
    "Slack: cc someone": f"{SLACK_BOT} {{q}} cc <@U0ALICE>",
    "Slack: a trailing emoji code": f"{SLACK_BOT} {{q}} :thinking_face:",
    "Slack: hi! first": f"hi! {SLACK_BOT} {{q}}",
    "Slack: thanks after": f"{SLACK_BOT} {{q}} thanks",
    "Slack: @here": f"<!here> {SLACK_BOT} {{q}}",
    "Slack: a user group": f"<!subteam^S0REPORT|@reporters> {SLACK_BOT} {{q}}",
    "Discord: @everyone and a role": f"@everyone <@&123456789012345678> {DISCORD_BOT} {{q}}",
    "Discord: custom and unicode emoji": f"{DISCORD_BOT} {{q}} <:pepe:123456789012345678> 🤔",
    "Discord: hey …, thank you!": f"hey {DISCORD_BOT}, {{q}} thank you!",
}


def _key(answer) -> tuple:
    return (
        answer.answerable,
        answer.text,
        tuple((c.article_id, c.sentence) for c in answer.citations),
    )


@pytest.fixture(scope="module")
def plain_answers(real_story_engine) -> dict[str, tuple]:
    """The engine's answer to each story_dev question as written."""
    return {q["question"]: _key(real_story_engine.ask(q["question"])) for q in STORY_DEV}


@pytest.mark.parametrize("kind", NOISE)
async def test_each_story_question_with_noise_gets_the_answer_it_gets_without(
    kind, real_story_engine, plain_answers, tmp_path
):
    """Through the chat service both adapters call: all 17 story_dev questions, same answers."""
    chat = ChatService(real_story_engine, ChatSettings(), FeedbackStore(tmp_path / "v.jsonl"))
    for row in STORY_DEV:
        noisy = NOISE[kind].format(q=row["question"])
        answer = await chat.ask(noisy)
        assert _key(answer) == plain_answers[row["question"]], noisy
        assert answer.standalone_question is None  # nothing to show as "understood as"


@pytest.mark.parametrize("kind", NOISE)
def test_without_cleaning_the_same_noise_changes_some_answers(
    kind, real_story_engine, plain_answers
):
    """The table above can fail: asked raw, each kind of noise changes at least one answer."""
    changed = [
        row["question"]
        for row in STORY_DEV
        if _key(real_story_engine.ask(NOISE[kind].format(q=row["question"])))
        != plain_answers[row["question"]]
    ]
    assert changed


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("<@U1> How much aid? cc <@U2>", "How much aid?"),
        ("<@U1|storybot> How much aid?", "How much aid?"),
        ("<@!123> <@&456> <#789> what about drones?", "what about drones?"),
        ("<#C1|news> what about drones?", "what about drones?"),
        ("<!channel> <!everyone> what about drones?", "what about drones?"),
        ("@here what about drones? fyi", "what about drones?"),
        ("what about drones? :thinking_face: :+1::skin-tone-2:", "what about drones?"),
        ("<a:party:123> what about drones? 🙏🏽", "what about drones?"),
        ("Hello there! Good morning, what about drones?", "what about drones?"),
        ("Thanks! And the Navy?", "And the Navy?"),
        ("pls what about drones? thanks in advance", "what about drones?"),
        ("what about drones? thank you so much!!", "what about drones?"),
        ("what happened <t:1725460000:R>?", "what happened?"),
        # kept: what the asker meant
        ("Who said hello to Rubio?", "Who said hello to Rubio?"),
        ("History of the treaty?", "History of the treaty?"),
        ("What happened at 10:30:45?", "What happened at 10:30:45?"),
        ("Was rubio@state.gov quoted?", "Was rubio@state.gov quoted?"),
        ("Summarise <https://example.com/a|the CNN piece>", "Summarise the CNN piece"),
        ("Read <https://example.com/a>", "Read https://example.com/a"),
        ("What happened on <!date^1725460000^{date}|Sep 4th>?", "What happened on Sep 4th?"),
        ("Aid &amp; drones: how much?", "Aid & drones: how much?"),
        ("Did the deal pass? Thanks Rubio", "Did the deal pass? Thanks Rubio"),
    ],
)
def test_clean_question(raw, text):
    """What the engine reads of one message."""
    assert clean_question(raw).text == text


@pytest.mark.parametrize(
    ("raw", "chatter"),
    [
        ("thanks!", True),
        ("<@U1> thank you 🙏", True),
        ("hi", True),
        (":+1:", True),
        ("<@U1>", False),
        ("", False),
        ("<@U1> how much?", False),
    ],
)
def test_a_message_of_only_greetings_or_thanks_is_chatter(raw, chatter):
    """Chatter is acknowledged, not asked; a bare mention still asks for a question."""
    assert clean_question(raw).is_chatter is chatter


def test_the_question_as_written_is_kept_for_display():
    """The adapters show `shown` (mentions as names); the engine gets `text`."""
    q = clean_question("<@U1> hi! how much aid? :eyes:", shown="how much aid? :eyes:")
    assert (q.text, q.shown) == ("how much aid?", "how much aid? :eyes:")
    assert clean_question("see <https://x.io|this> :eyes:").shown == "see this :eyes:"


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("and the Navy?", True),
        ("how much did he give", True),
        ("What about the other version", True),
        ("explain the treaty", True),
        ("interesting", False),
        ("ok cool", False),
        ("lol same", False),
        ("", False),
    ],
)
def test_looks_like_question(text, asks):
    """Plain replies in storybot's threads are answered only when they ask something."""
    assert looks_like_question(text) is asks

"""Every line the Slack app says on its own behalf; the engine's answers are rendered."""

from __future__ import annotations

NOT_ALLOWED = (
    "I'm not enabled in this channel. Ask an admin to add it to SLACK_ALLOWED_CHANNELS, "
    "or send me a direct message."
)
EMPTY_QUESTION = (
    "There is no question to answer",
    "Mention me with a question, e.g. “@storybot How much aid did Rubio announce?”, "
    "or use /ask, /summary or /sources",
)
RESTARTING = "storybot is restarting and couldn't finish this answer. Please ask again in a minute."
YOU_ARE_WELCOME = "You're welcome! Ask me anything about the story."
VOTE_THANKS = {
    "up": "Thanks! Your 👍 was recorded (clicking again changes your vote).",
    "down": "Thanks! Your 👎 was recorded (clicking again changes your vote).",
}
PAGES_FORGOTTEN = "I no longer have those pages (storybot restarted). Run the command again."
VOTED = "You had already voted that way; your vote stays as it was."
CONTEXT_FORGOTTEN = (
    "I no longer have that answer (storybot restarted). Use /quote with the article id and "
    "sentence shown under it."
)
NO_CONTEXT = "There is no sentence to show in context here."
QUOTE_USAGE = (
    "Usage: /quote ARTICLE_ID SENTENCE [CONTEXT] [public], e.g. "
    "`/quote 000_b4c534ddc7fcb3f0 17 1`. /sources lists the article ids"
)
SHORTENED = "_(shortened to fit in Slack; /ask it again for the whole answer)_"

_TOO_LONG = "My answer was too long for Slack even when shortened. Try a narrower question."
_FAILURES = {
    "not_in_channel": (
        "I couldn't post my answer in <#{channel}> because I'm not a member of it. "
        "Invite me with `/invite @storybot` and ask again."
    ),
    "channel_not_found": (
        "I couldn't post my answer: Slack says I can't see <#{channel}>. "
        "Invite me there, or ask me in a direct message."
    ),
    "is_archived": "I couldn't post my answer: <#{channel}> is archived.",
    "restricted_action": (
        "I couldn't post my answer: this workspace doesn't let me post in <#{channel}>."
    ),
    "ratelimited": (
        "Slack is limiting how fast I can post right now, so my answer didn't go out. "
        "Please ask again in a minute."
    ),
    "msg_too_long": _TOO_LONG,
    "msg_blocks_too_long": _TOO_LONG,
    "expired_url": "That took too long and Slack closed the reply. Please run the command again.",
    "used_url": "Slack let me reply to that command too often. Please run it again.",
}
_UNKNOWN = "I couldn't post my answer (Slack said `{error}`). Please try again."


def failure_line(error: str, channel: str, error_id: str) -> str:
    """What the asker is told when Slack refused the message meant for them."""
    line = _FAILURES.get(error, _UNKNOWN).format(channel=channel, error=error)
    return f"{line} (error id {error_id})"

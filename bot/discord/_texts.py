"""Every line the Discord bot says on its own behalf; the engine's answers are rendered."""

from __future__ import annotations

EMPTY_QUESTION = (
    "Ask me a question about the story, for example: "
    "`@storybot how much aid did Rubio announce?` (or use /ask)."
)
COMMANDS = ("ask", "summary", "sources", "quote", "compare", "timeline", "ingest", "forget")
NOT_HERE = "I'm not enabled in this channel. Ask a server admin to enable storybot here."
NOT_HERE_TRY = "I'm not enabled in this channel. Try {channels}."
NOT_ADMIN = "Only people with Manage Server or a storybot admin role can do that."
NOT_IN_GUILD = "This command only works in a server."
CHECK_FAILED = "You can't use this command here."
BOT_FORBIDDEN = (
    "I don't have permission to do that here. Ask a server admin to let storybot "
    "send messages, create threads and read message history in this channel."
)
BAD_VALUE = "That value isn't valid: {detail}."
OUT_OF_DATE = "This command has changed since it was registered. Please try again in a minute."
NOTHING_TO_INGEST = "Give a URL or attach a .txt, .md or .html file to ingest."
BAD_URL = "Only http:// or https:// URLs can be ingested; `{url}` is not one."
BAD_FILE_TYPE = "`{name}` is not a .txt, .md or .html file, so I can't ingest it."
FILE_TOO_BIG = (
    "`{name}` is {size_mb:.1f} MB; the limit is {limit_mb:g} MB. Split it or ingest a URL."
)
VOTE_THANKS = {
    "up": "Thanks for the 👍, it's recorded (clicking again changes your vote).",
    "down": "Thanks for the 👎, it's recorded (clicking again changes your vote).",
}
PAGES_FORGOTTEN = "I no longer have those pages (storybot restarted). Run the command again."
VOTED = "You had already voted that way; your vote stays as it was."
CONTEXT_FORGOTTEN = (
    "I no longer have that answer (storybot restarted). Use /quote with the article and "
    "sentence shown under it."
)
NO_CONTEXT = "There is no sentence to show in context here."
VOTE_FORGOTTEN = "I no longer have that answer, so I can't record a vote on it. Please ask again."
DISCORD_DOWN = (
    "Discord had trouble taking my answer just now. Please ask again in a minute. "
    "(error id {error_id})"
)
RESTARTING = "storybot is restarting and couldn't finish this answer. Please ask again in a minute."
RATE_LIMITED_REACTION = "⏳"  # on each message asked too fast; the first one in a window is told
THREAD_NAME_FALLBACK = "storybot answer"
CHATTER_REACTION = "👍"  # on a message that only greets or thanks storybot

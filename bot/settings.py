"""One typed settings object, loaded once in `main` from `.env` and the environment.

Nothing here runs at import time: call `load_settings()` (or build `Settings` directly in tests).
Every setting is documented in `.env.example`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from index.errors import ConfigError


class Secret(str):
    """A string that never shows itself in logs, reprs or tracebacks."""

    def __repr__(self) -> str:
        return "Secret('***')" if self else "Secret('')"


@dataclass(frozen=True)
class StoreSettings:
    """Where the vectors live: an embedded Chroma folder, or a Chroma server."""

    path: Path = Path("storybot-data/chroma")
    host: str | None = None
    port: int = 8000
    ssl: bool = False
    collection_prefix: str = "storybot"

    @property
    def is_server(self) -> bool:
        """True when a Chroma server is configured instead of the embedded store."""
        return bool(self.host)


@dataclass(frozen=True)
class IndexSettings:
    """How articles become sentences, chunks and vectors."""

    embedder: str = "wordllama"
    chunk_sentences: int = 4
    chunk_overlap: int = 1
    max_file_mb: float = 20.0
    fetch_timeout_s: float = 15.0


@dataclass(frozen=True)
class AnswerSettings:
    """How answers and summaries are composed."""

    max_sentences: int = 2
    summary_bullets: int = 7
    max_question_chars: int = 1000


@dataclass(frozen=True)
class LLMSettings:
    """An optional language model; `none` keeps the extractive answerer."""

    provider: str = "none"
    base_url: str | None = None
    api_key: Secret = field(default_factory=lambda: Secret(""))
    model: str | None = None
    ollama_base_url: str = "http://127.0.0.1:11434"
    timeout_s: float = 30.0  # the whole of one answer's model calls, retries included
    summary_timeout_s: float = 120.0
    max_tokens: int = 256  # per answer; summaries get about 50 a bullet
    max_retries: int = 1
    temperature: float = 0.0
    context_window: int = 8192
    prompts_dir: Path | None = None

    @property
    def enabled(self) -> bool:
        """True when a language model is configured (LLM_PROVIDER is not `none`)."""
        return self.provider != "none"


@dataclass(frozen=True)
class ChatSettings:
    """Behaviour shared by the Discord and Slack adapters."""

    user_rate: int = 5
    channel_rate: int = 20
    rate_window_s: float = 60.0
    feedback_path: Path | None = None


@dataclass(frozen=True)
class DiscordSettings:
    """The Discord bot."""

    token: Secret = field(default_factory=lambda: Secret(""))
    guild_id: int | None = None
    allowed_channels: tuple[int, ...] = ()
    auto_channels: tuple[int, ...] = ()
    admin_roles: tuple[int, ...] = ()


@dataclass(frozen=True)
class SlackSettings:
    """The Slack app."""

    bot_token: Secret = field(default_factory=lambda: Secret(""))
    app_token: Secret = field(default_factory=lambda: Secret(""))
    signing_secret: Secret = field(default_factory=lambda: Secret(""))
    port: int | None = None
    allowed_channels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Settings:
    """Every setting of storybot, grouped by the part that reads it."""

    data_dir: Path = Path("storybot-data")
    log_level: str = "WARNING"
    store: StoreSettings = field(default_factory=StoreSettings)
    index: IndexSettings = field(default_factory=IndexSettings)
    answer: AnswerSettings = field(default_factory=AnswerSettings)
    llm: LLMSettings = field(default_factory=LLMSettings)
    chat: ChatSettings = field(default_factory=ChatSettings)
    discord: DiscordSettings = field(default_factory=DiscordSettings)
    slack: SlackSettings = field(default_factory=SlackSettings)

    @property
    def feedback_path(self) -> Path:
        """Where 👍/👎 votes are appended (JSONL)."""
        return self.chat.feedback_path or self.data_dir / "feedback.jsonl"


def load_settings(
    environ: Mapping[str, str] | None = None, env_file: str | Path | None = ".env"
) -> Settings:
    """Read settings from `env_file` (if it exists) overlaid by `environ` (default: os.environ)."""
    values: dict[str, str] = {}
    if env_file is not None and Path(env_file).is_file():
        from dotenv import dotenv_values

        values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    values.update(os.environ if environ is None else environ)
    return settings_from_mapping(values)


def settings_from_mapping(env: Mapping[str, str]) -> Settings:
    """Build `Settings` from a mapping of environment variables; raises ConfigError if malformed."""
    r = _Reader(env)
    data_dir = Path(r.str("STORYBOT_DATA_DIR", "storybot-data"))
    settings = Settings(
        data_dir=data_dir,
        log_level=r.str("LOG_LEVEL", "WARNING").upper(),
        store=StoreSettings(
            path=Path(r.str("CHROMA_PATH", str(data_dir / "chroma"))),
            host=r.opt("CHROMA_HOST"),
            port=r.int("CHROMA_PORT", 8000),
            ssl=r.bool("CHROMA_SSL", False),
            collection_prefix=r.str("CHROMA_COLLECTION_PREFIX", "storybot"),
        ),
        index=IndexSettings(
            embedder=r.str("EMBEDDER", "wordllama").lower(),
            chunk_sentences=r.int("CHUNK_SENTENCES", 4),
            chunk_overlap=r.int("CHUNK_OVERLAP", 1),
            max_file_mb=r.float("MAX_FILE_MB", 20.0),
            fetch_timeout_s=r.float("FETCH_TIMEOUT_S", 15.0),
        ),
        answer=AnswerSettings(
            max_sentences=r.int("ANSWER_MAX_SENTENCES", 2),
            summary_bullets=r.int("SUMMARY_BULLETS", 7),
            max_question_chars=r.int("MAX_QUESTION_CHARS", 1000),
        ),
        llm=LLMSettings(
            provider=r.str("LLM_PROVIDER", "none").lower(),
            base_url=r.opt("LLM_BASE_URL"),
            api_key=Secret(r.str("LLM_API_KEY", "")),
            model=r.opt("LLM_MODEL"),
            ollama_base_url=r.str("OLLAMA_BASE_URL", "http://127.0.0.1:11434"),
            timeout_s=r.float("LLM_TIMEOUT_S", 30.0),
            summary_timeout_s=r.float("LLM_SUMMARY_TIMEOUT_S", 120.0),
            max_tokens=r.int("LLM_MAX_TOKENS", 256),
            max_retries=r.int("LLM_MAX_RETRIES", 1),
            temperature=r.float("LLM_TEMPERATURE", 0.0),
            context_window=r.int("LLM_CONTEXT_WINDOW", 8192),
            prompts_dir=Path(p) if (p := r.opt("PROMPTS_DIR")) else None,
        ),
        chat=ChatSettings(
            user_rate=r.int("RATE_LIMIT_USER", 5),
            channel_rate=r.int("RATE_LIMIT_CHANNEL", 20),
            rate_window_s=r.float("RATE_LIMIT_WINDOW_S", 60.0),
            feedback_path=Path(p) if (p := r.opt("FEEDBACK_PATH")) else None,
        ),
        discord=DiscordSettings(
            token=Secret(r.str("DISCORD_TOKEN", "")),
            guild_id=r.opt_int("DISCORD_GUILD_ID"),
            allowed_channels=r.ints("DISCORD_ALLOWED_CHANNELS"),
            auto_channels=r.ints("DISCORD_AUTO_CHANNELS"),
            admin_roles=r.ints("DISCORD_ADMIN_ROLES"),
        ),
        slack=SlackSettings(
            bot_token=Secret(r.str("SLACK_BOT_TOKEN", "")),
            app_token=Secret(r.str("SLACK_APP_TOKEN", "")),
            signing_secret=Secret(r.str("SLACK_SIGNING_SECRET", "")),
            port=r.opt_int("SLACK_PORT"),
            allowed_channels=r.strs("SLACK_ALLOWED_CHANNELS"),
        ),
    )
    _validate(settings)
    return settings


_EMBEDDERS = ("wordllama", "e5", "minilm")
_PROVIDERS = ("none", "openai", "ollama")


def _validate(s: Settings) -> None:
    if s.index.embedder not in _EMBEDDERS:
        raise ConfigError(
            f"EMBEDDER={s.index.embedder!r} is not known",
            f"Set EMBEDDER to one of {', '.join(_EMBEDDERS)}",
        )
    if s.llm.provider not in _PROVIDERS:
        raise ConfigError(
            f"LLM_PROVIDER={s.llm.provider!r} is not known",
            f"Set LLM_PROVIDER to one of {', '.join(_PROVIDERS)}",
        )
    if not 1 <= s.index.chunk_sentences <= 50 or s.index.chunk_overlap < 0:
        raise ConfigError(
            "CHUNK_SENTENCES must be 1-50 and CHUNK_OVERLAP 0 or more", "Fix them in .env"
        )
    if s.index.chunk_overlap >= s.index.chunk_sentences:
        raise ConfigError("CHUNK_OVERLAP must be smaller than CHUNK_SENTENCES", "Fix it in .env")


class _Reader:
    """Typed access to a mapping of environment variables, with one-line errors."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = env

    def opt(self, key: str) -> str | None:
        value = self.env.get(key, "").strip()
        return value or None

    def str(self, key: str, default: str) -> str:
        return self.opt(key) or default

    def _convert(self, key: str, default, kind, label: str):
        value = self.opt(key)
        if value is None:
            return default
        try:
            return kind(value)
        except ValueError:
            raise ConfigError(f"{key}={value!r} is not {label}", f"Fix {key} in .env") from None

    def int(self, key: str, default: int) -> int:
        return self._convert(key, default, int, "a whole number")

    def float(self, key: str, default: float) -> float:
        return self._convert(key, default, float, "a number")

    def opt_int(self, key: str) -> int | None:
        return self._convert(key, None, int, "a whole number")

    def bool(self, key: str, default: bool) -> bool:
        value = self.opt(key)
        if value is None:
            return default
        if value.lower() in ("1", "true", "yes", "on"):
            return True
        if value.lower() in ("0", "false", "no", "off"):
            return False
        raise ConfigError(f"{key}={value!r} is not true or false", f"Fix {key} in .env")

    def strs(self, key: str) -> tuple[str, ...]:
        return tuple(p.strip() for p in (self.opt(key) or "").split(",") if p.strip())

    def ints(self, key: str) -> tuple[int, ...]:
        parts = self.strs(key)
        try:
            return tuple(int(p) for p in parts)
        except ValueError:
            raise ConfigError(
                f"{key} must be a comma-separated list of ids", f"Fix {key} in .env"
            ) from None

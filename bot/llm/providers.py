"""The configured language model behind one small interface (`Backend.stream`):
llama-index's OpenAI-compatible or Ollama client.

llama-index is imported only when a backend is built, so nothing loads unless LLM_PROVIDER is
set. Failures of a call are sorted into the few kinds a user is told about (`describe_failure`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from bot.settings import LLMSettings
from index.errors import ConfigError

# Local OpenAI-compatible servers (llama.cpp, vLLM, LM Studio) accept any key; the client
# refuses an empty one.
NO_KEY = "not-needed"
OPENAI_URL = "https://api.openai.com/v1"
UNREADABLE = "The language model's reply was empty or could not be read"


class Backend(Protocol):
    """A chat model that streams its reply; one file per kind of server implements it."""

    def stream(self, system: str, user: str, *, max_tokens: int, timeout_s: float) -> Iterator[str]:
        """The reply so far (the whole text each time) as it is written."""
        ...


def build_llm(settings: LLMSettings) -> Backend:
    """The backend for LLM_PROVIDER (openai or ollama); ConfigError when misconfigured."""
    if settings.provider not in ("openai", "ollama"):
        raise ConfigError(
            f"LLM_PROVIDER={settings.provider!r} has no language model",
            "Set LLM_PROVIDER to openai or ollama",
        )
    if not settings.model:
        raise ConfigError(
            f"LLM_PROVIDER={settings.provider} needs a model name",
            "Set LLM_MODEL (for example gpt-4o-mini, or llama3.1:8b for Ollama)",
        )
    if settings.provider == "openai":
        return OpenAIBackend(settings)
    return OllamaBackend(settings)


class OpenAIBackend:
    """Any OpenAI-compatible server (OpenAI, llama.cpp's llama-server, vLLM, LM Studio), through
    llama-index's client; retries are the caller's, so they stay inside its deadline."""

    def __init__(self, settings: LLMSettings) -> None:
        from llama_index.llms.openai_like import OpenAILike

        self.llm = OpenAILike(
            model=settings.model or "",
            api_base=settings.base_url or OPENAI_URL,
            api_key=str(settings.api_key) or NO_KEY,
            is_chat_model=True,
            is_function_calling_model=False,
            context_window=settings.context_window,
            temperature=settings.temperature,
            timeout=settings.timeout_s,
            max_retries=0,
        )

    def stream(self, system: str, user: str, *, max_tokens: int, timeout_s: float) -> Iterator[str]:
        """The reply so far, streamed; `max_tokens` and the timeout go with the request."""
        chunks = self.llm.stream_chat(
            _messages(system, user), max_tokens=max_tokens, timeout=timeout_s
        )
        try:
            for chunk in chunks:
                yield chunk.message.content or ""
        finally:
            chunks.close()


class OllamaBackend:
    """Ollama's own API, through llama-index's client (one per call: its timeout and length
    limit are fixed when it is made)."""

    def __init__(self, settings: LLMSettings) -> None:
        self.settings = settings

    def stream(self, system: str, user: str, *, max_tokens: int, timeout_s: float) -> Iterator[str]:
        """The reply so far, streamed; `num_predict` bounds its length."""
        from llama_index.llms.ollama import Ollama

        s = self.settings
        llm = Ollama(
            model=s.model or "",
            base_url=s.ollama_base_url,
            request_timeout=timeout_s,
            temperature=s.temperature,
            context_window=s.context_window,  # also sent as num_ctx: prompts are long
            additional_kwargs={"num_predict": max_tokens},
        )
        chunks = llm.stream_chat(_messages(system, user))
        try:
            for chunk in chunks:
                yield chunk.message.content or ""
        finally:
            chunks.close()


def _messages(system: str, user: str) -> list:
    from llama_index.core.llms import ChatMessage

    return [ChatMessage(role="system", content=system), ChatMessage(role="user", content=user)]


def describe_failure(exc: BaseException, timeout_s: float) -> tuple[str, str]:
    """What went wrong with a model call: its kind ("timeout", "unreachable", "error",
    "unreadable") and words a user can read (no details leaked)."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    if any("Timeout" in name for name in names) or isinstance(exc, TimeoutError):
        return "timeout", f"The language model did not answer within {timeout_s:g} s"
    status = getattr(exc, "status_code", None)
    if isinstance(status, int) and status >= 100:
        return "error", f"The language model returned an error (HTTP {status})"
    if any("Connect" in name for name in names) or isinstance(exc, ConnectionError):
        return "unreachable", "The language model could not be reached"
    return "unreadable", UNREADABLE

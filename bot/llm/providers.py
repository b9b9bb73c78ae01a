"""Build the configured language model: llama-index's OpenAI-compatible or Ollama client.

Imports are inside `build_llm`, so nothing here loads unless LLM_PROVIDER is set. Failures of
a call are sorted into the few kinds a user is told about (`describe_failure`).
"""

from __future__ import annotations

from typing import Any

from bot.settings import LLMSettings
from index.errors import ConfigError

# Local OpenAI-compatible servers (llama.cpp, vLLM, LM Studio) accept any key; the client
# refuses an empty one.
NO_KEY = "not-needed"
OPENAI_URL = "https://api.openai.com/v1"
UNREADABLE = "The language model's reply was empty or could not be read"


def build_llm(settings: LLMSettings) -> Any:
    """A llama-index LLM for LLM_PROVIDER (openai or ollama); ConfigError when misconfigured."""
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
        from llama_index.llms.openai_like import OpenAILike

        return OpenAILike(
            model=settings.model,
            api_base=settings.base_url or OPENAI_URL,
            api_key=str(settings.api_key) or NO_KEY,
            is_chat_model=True,
            is_function_calling_model=False,
            context_window=settings.context_window,
            temperature=settings.temperature,
            timeout=settings.timeout_s,
            max_retries=settings.max_retries,
        )
    from llama_index.llms.ollama import Ollama

    return Ollama(
        model=settings.model,
        base_url=settings.ollama_base_url,
        request_timeout=settings.timeout_s,
        temperature=settings.temperature,
        context_window=settings.context_window,  # also sent as num_ctx: prompts are long
    )


def describe_failure(exc: BaseException, timeout_s: float) -> tuple[str, str]:
    """What went wrong with a model call: its kind ("timeout", "unreachable", "error",
    "unreadable") and words a user can read (no details leaked)."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    if any("Timeout" in name for name in names):
        return "timeout", f"The language model did not answer within {timeout_s:g} s"
    status = getattr(exc, "status_code", None)
    if isinstance(status, int) and status >= 100:
        return "error", f"The language model returned an error (HTTP {status})"
    if any("Connect" in name for name in names) or isinstance(exc, ConnectionError):
        return "unreachable", "The language model could not be reached"
    return "unreadable", UNREADABLE

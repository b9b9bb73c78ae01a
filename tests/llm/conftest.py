"""Fixtures for LLM mode: a fake model server on loopback, and real engines over the story."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.engine import Engine
from bot.llm.answerer import LLMAnswerer
from bot.settings import LLMSettings, Settings, StoreSettings
from tests.llm.fake_llm import FakeLLM
from tests.llm.support import INJECTION_ARTICLE


@pytest.fixture
def fake_llm() -> Iterator[FakeLLM]:
    """A scripted OpenAI-compatible and Ollama server on 127.0.0.1."""
    fake = FakeLLM().start()
    try:
        yield fake
    finally:
        fake.stop()


def _store(tmp: Path, sources: list[str], articles: int) -> Engine:
    settings = replace(Settings(data_dir=tmp), store=StoreSettings(path=tmp / "chroma"))
    engine = Engine.from_settings(settings)
    assert len(engine.ingest(sources).stored) == articles
    return engine


@pytest.fixture(scope="session")
def story(tmp_path_factory: pytest.TempPathFactory, story_dir: Path) -> Engine:
    """The extractive engine over the two versions of the story (ingested once)."""
    return _store(tmp_path_factory.mktemp("story"), [str(story_dir)], 2)


@pytest.fixture(scope="session")
def injected(tmp_path_factory: pytest.TempPathFactory, story_dir: Path) -> Engine:
    """The story plus a short article with a sentence that tries to instruct the model."""
    tmp = tmp_path_factory.mktemp("injected")
    extra = tmp / "ecuador_port.txt"
    extra.write_text(INJECTION_ARTICLE, encoding="utf-8")
    return _store(tmp, [str(story_dir), str(extra)], 3)


def llm_settings(fake: FakeLLM, provider: str = "openai", **options: Any) -> LLMSettings:
    """LLM settings pointing at the fake: no retries, short timeouts unless told."""
    values: dict[str, Any] = {
        "provider": provider,
        "base_url": fake.openai_url,
        "ollama_base_url": fake.ollama_url,
        "model": "fake-model",
        "timeout_s": 5.0,
        "max_retries": 0,
    }
    return LLMSettings(**{**values, **options})


@pytest.fixture
def make_engine(fake_llm: FakeLLM, story: Engine) -> Callable[..., Engine]:
    """A real engine over the story whose LLM is the fake: `make_engine(provider, **options)`."""

    def make(provider: str = "openai", base: Engine | None = None, **options: Any) -> Engine:
        base = base or story
        settings = replace(base.settings, llm=llm_settings(fake_llm, provider, **options))
        llm = LLMAnswerer.from_settings(settings, base.embedder)
        return Engine(base.store, base.embedder, settings, llm=llm)

    return make

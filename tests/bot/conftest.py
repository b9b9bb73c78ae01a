"""Real engines over real Chroma stores in temporary folders, with the story ingested."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.engine import Engine
from bot.settings import Settings, StoreSettings


def make_engine(path) -> Engine:
    """An engine on an embedded store in `path`, default embedder."""
    store = StoreSettings(path=path / "chroma")
    return Engine.from_settings(replace(Settings(), data_dir=path, store=store))


@pytest.fixture
def engine(tmp_path) -> Engine:
    """A fresh engine on an empty store, for tests that write."""
    return make_engine(tmp_path)

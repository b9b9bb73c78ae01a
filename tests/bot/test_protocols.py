"""The hand-offs hold: the real engine, the lazy one and the tests' fake all offer exactly the
StoryEngine protocol, with its parameters; the real store and embedder implement theirs."""

from __future__ import annotations

import inspect

import pytest

from bot.chat.lazy import METHODS, LazyEngine
from bot.engine import Engine
from bot.protocols import StoryEngine
from index.protocols import Store, TextEmbedder
from tests.fake_engine import FakeEngine


def _parameters(function) -> list[tuple[str, object, object]]:
    return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]


@pytest.mark.parametrize("engine", [Engine, FakeEngine])
@pytest.mark.parametrize("method", sorted(METHODS))
def test_every_engine_method_has_the_protocols_parameters(engine, method):
    """Same names, kinds and defaults as StoryEngine declares (mypy checks the types)."""
    assert _parameters(getattr(engine, method)) == _parameters(getattr(StoryEngine, method))


def test_the_lazy_engine_builds_on_the_first_call_not_on_lookup():
    """Looking a method up builds nothing; calling it builds the engine once and delegates."""
    built: list[FakeEngine] = []

    def factory() -> FakeEngine:
        built.append(FakeEngine())
        return built[-1]

    lazy = LazyEngine(factory)
    ask, sources = lazy.ask, lazy.sources
    assert not built and not lazy.loaded
    assert ask("How much aid did Rubio announce?").answerable
    assert len(sources()) == 2 and len(built) == 1
    assert built[0].calls_of("ask") == [("How much aid did Rubio announce?", ())]


def test_the_lazy_engine_offers_nothing_but_the_protocol():
    """A name outside StoryEngine is an AttributeError, not a call on the real engine."""
    with pytest.raises(AttributeError, match="ask_ranked"):
        LazyEngine(FakeEngine).ask_ranked  # noqa: B018


def test_the_real_store_and_embedder_implement_their_protocols(real_story_engine):
    """ChromaStore and the default embedder have every member Store and TextEmbedder declare."""
    for protocol, thing in (
        (Store, real_story_engine.store),
        (TextEmbedder, real_story_engine.embedder),
    ):
        members = {n for n in vars(protocol) if not n.startswith("_")} | set(
            protocol.__annotations__
        )
        assert all(hasattr(thing, name) for name in members), protocol.__name__

"""Fixtures shared by every test: the story on disk, an offline guard, a real engine; and
the timeouts that keep the Discord, LLM and Slack tests from hanging."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

# ../shared sits beside every checkout, CI's included.
SHARED = Path(__file__).resolve().parents[2] / "shared"
STORIES = SHARED / "stories"
CNN = STORIES / "000_b4c534ddc7fcb3f0.txt"
REWORDED = STORIES / "001_39477fe5179230ce.txt"

# No test in these folders may hang: each gets this many seconds at most unless it sets its own
# timeout (their whole suites take seconds; pyproject's default covers the rest).
TESTS = Path(__file__).parent
HANG_LIMITS = {TESTS / "discord": 30, TESTS / "llm": 30, TESTS / "slack": 20, TESTS / "stress": 600}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", help="also run the long stress loops")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Give each test in a folder of HANG_LIMITS that folder's timeout, unless it has one;
    leave the `slow` stress loops out unless --slow is given (`./run slow`)."""
    run_slow = config.getoption("--slow")
    for item in items:
        if item.get_closest_marker("slow") and not run_slow:
            item.add_marker(pytest.mark.skip(reason="a long stress loop: run with ./run slow"))
        limit = next((HANG_LIMITS[p] for p in Path(item.path).parents if p in HANG_LIMITS), None)
        if limit and not item.get_closest_marker("timeout"):
            item.add_marker(pytest.mark.timeout(limit))


def _is_loopback(address) -> bool:
    host = address[0] if isinstance(address, tuple) else address
    return isinstance(host, str) and (
        host in ("localhost", "::1", "0.0.0.0") or host.startswith("127.") or host == ""
    )


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    """Every test runs offline: any connection to a non-loopback address fails loudly."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guard(address):
        if isinstance(address, tuple) and not _is_loopback(address):
            raise OSError(f"test tried to reach the network: {address!r}")

    def connect(self, address):
        guard(address)
        return real_connect(self, address)

    def connect_ex(self, address):
        guard(address)
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)


@pytest.fixture(autouse=True)
def private_working_directory(tmp_path_factory, monkeypatch):
    """Each test runs in an empty folder: no developer .env, no stray storybot-data."""
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))
    for key in ("CHROMA_HOST", "CHROMA_PATH", "STORYBOT_DATA_DIR", "LLM_PROVIDER", "EMBEDDER"):
        monkeypatch.delenv(key, raising=False)


@pytest.fixture(scope="session")
def story_dir() -> Path:
    """The folder with the two versions of the story."""
    assert STORIES.is_dir(), f"the shared stories are missing at {STORIES}"
    return STORIES


@pytest.fixture(scope="session")
def real_story_engine(tmp_path_factory: pytest.TempPathFactory, story_dir: Path):
    """The real engine (default embedder) with the story ingested into a temporary store."""
    from bot.engine import Engine
    from bot.settings import Settings, StoreSettings

    data = tmp_path_factory.mktemp("story-engine")
    engine = Engine.from_settings(Settings(data_dir=data, store=StoreSettings(path=data / "db")))
    assert len(engine.ingest([str(story_dir)]).stored) == 2
    return engine


@pytest.fixture
def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

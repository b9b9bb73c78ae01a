"""CHROMA_HOST/CHROMA_PORT switch the engine to a real Chroma server, started here."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bot.cli.main import main

CHROMA = Path(sys.executable).with_name("chroma")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    """A `chroma run` server on 127.0.0.1 with its own folder; stopped after the module."""
    if not CHROMA.exists() and not shutil.which("chroma"):
        pytest.fail("the chroma command (from the chromadb package) is not installed")
    port = _port()
    folder = tmp_path_factory.mktemp("chroma-server")
    process = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(folder), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("the Chroma server did not start")
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_ingest_and_ask_against_a_chroma_server(chroma_server, story_dir, tmp_path, capsys):
    """The story goes into the server and comes back as a cited answer."""
    env = {
        "CHROMA_HOST": "127.0.0.1",
        "CHROMA_PORT": str(chroma_server),
        "CHROMA_PATH": str(tmp_path / "must-not-be-used"),
    }
    assert main(["ingest", str(story_dir)], environ=env) == 0
    assert "Stored 2 articles" in capsys.readouterr().out
    assert main(["ask", "--json", "How much aid did Rubio announce?"], environ=env) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["answerable"] and "13.5 million" in answer["answer"]
    assert {c["sentence"] for c in answer["citations"]} == {17}
    assert not (tmp_path / "must-not-be-used").exists()

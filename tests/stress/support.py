"""Stress-test helpers: size-capped folders, storybot subprocesses, a corpus, a store check.

Every stress test runs inside a folder whose size is capped, never on the shared disk (two
writers once grew one index file to 72 GB): a small tmpfs when this process may mount one,
and in every case a per-file size limit (`RLIMIT_FSIZE`) on the storybot processes it starts.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import cast

import numpy as np

from index.store.chroma import ChromaStore
from tests.conftest import SHARED

CNNDM = SHARED / "eval" / "cnndm_frank.jsonl"


@dataclass(frozen=True)
class Capped:
    """A folder of at most `size_mb`: a tmpfs (`mounted`) or a plain folder with file caps."""

    path: Path
    size_mb: int
    mounted: bool

    def limit_files(self) -> None:
        """In a child process: no file it writes may grow past the folder's size."""
        cap = self.size_mb * 2**20
        resource.setrlimit(resource.RLIMIT_FSIZE, (cap, cap))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the cap fails, not kills

    def used_bytes(self) -> int:
        """Bytes taken by the files under the folder (their allocated size)."""
        return sum(p.stat().st_blocks * 512 for p in self.path.rglob("*") if p.is_file())


@contextlib.contextmanager
def capped_folder(size_mb: int) -> Iterator[Capped]:
    """A fresh folder of at most `size_mb` MB, removed (and unmounted) afterwards."""
    path = Path(tempfile.mkdtemp(prefix="storybot-stress-"))
    mounted = _mount_tmpfs(path, size_mb)
    try:
        yield Capped(path, size_mb, mounted)
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(path)], check=False, capture_output=True)
        shutil.rmtree(path, ignore_errors=True)


def _mount_tmpfs(path: Path, size_mb: int) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_mb}m", "tmpfs", str(path)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def storybot_command(*args: str) -> list[str]:
    """The argv of a storybot CLI process."""
    return [sys.executable, "-m", "bot.cli.main", *args]


def start_storybot(capped: Capped, *args: str, env: dict[str, str] | None = None):
    """A storybot CLI process working in the capped folder, its files capped too."""
    return subprocess.Popen(
        storybot_command(*args),
        cwd=capped.path,
        env=storybot_env(capped, env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=capped.limit_files,
    )


def run_storybot(capped: Capped, *args: str, timeout: float = 300, env=None):
    """Run one storybot command to the end; (exit status, stdout, stderr)."""
    process = start_storybot(capped, *args, env=env)
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


def storybot_env(capped: Capped, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a storybot process: its data in the capped folder, nothing else."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CHROMA_", "LLM_"))}
    env.update({"STORYBOT_DATA_DIR": str(capped.path / "data"), "PYTHONUNBUFFERED": "1"})
    env.update(extra or {})
    return env


def write_corpus(folder: Path, count: int, start: int = 0) -> list[Path]:
    """`count` CNN/DailyMail articles (from ../shared/eval) as .txt files in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    with CNNDM.open(encoding="utf-8") as lines:
        for i, line in enumerate(lines):
            if i < start:
                continue
            if len(paths) == count:
                break
            path = folder / f"cnndm-{i:03d}.txt"
            path.write_text(json.loads(line)["text"], encoding="utf-8")
            paths.append(path)
    return paths


@dataclass(frozen=True)
class StoreCheck:
    """What a look at a store found: its articles and whether everything is whole."""

    articles: dict[str, int]
    integrity: str
    unreachable: list[tuple[str, int]]
    partial: list[str]


def reader(data_dir: Path, server: ChromaServer | None = None):
    """An engine in this process on the store of a storybot run with STORYBOT_DATA_DIR=data_dir
    (or on `server`)."""
    from bot.engine import Engine
    from bot.settings import Settings, StoreSettings

    store = StoreSettings(path=data_dir / "chroma")
    if server is not None:
        store = StoreSettings(host="127.0.0.1", port=server.port)
    return Engine.from_settings(replace(Settings(), data_dir=data_dir, store=store))


def check_store(data_dir: Path, server: ChromaServer | None = None) -> StoreCheck:
    """Open the store as a reader; every listed article whole, every sentence found by search."""
    folder = server.folder if server is not None else data_dir / "chroma"
    integrity = _integrity(folder / "chroma.sqlite3")
    engine = reader(data_dir, server)
    store = cast(ChromaStore, engine.store)
    try:
        catalog = engine.catalog
        records = store.articles.get(include=["metadatas"])
        promised = {
            i: m["sentences"] for i, m in zip(records["ids"], records["metadatas"], strict=True)
        }
        counts = {a: len(catalog.span(a)) for a in catalog.articles}
        partial = sorted(a for a in promised if counts.get(a) != promised[a])
        unreachable = _unreachable(store, catalog)
    finally:
        engine.close()
    return StoreCheck(counts, integrity, unreachable, partial)


def _unreachable(store, catalog, batch: int = 500) -> list[tuple[str, int]]:
    """Sentences whose own vector does not find them (live version, cosine ~1) in the top 3."""
    missing = []
    for first in range(0, len(catalog.sentences), batch):
        vectors = np.asarray(catalog.vectors[first : first + batch]).tolist()
        got = store.sentences.query(
            query_embeddings=vectors, n_results=3, include=["metadatas", "distances"]
        )
        for offset, (metas, distances) in enumerate(
            zip(got["metadatas"], got["distances"], strict=True)
        ):
            sentence = catalog.sentences[first + offset]
            if not any(
                d < 0.001 and catalog.is_live(m["article_id"], m["version"])
                for m, d in zip(metas, distances, strict=True)
            ):
                missing.append((sentence.article_id, sentence.n))
    return missing


def _integrity(path: Path) -> str:
    if not path.exists():
        return "missing"
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0]


class ChromaServer:
    """A `chroma run` server on 127.0.0.1 that a test can kill -9 and start again."""

    def __init__(self, folder: Path, port: int) -> None:
        self.folder = folder
        self.port = port
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> ChromaServer:
        """Start it and wait until it answers its heartbeat."""
        import urllib.request

        chroma = Path(sys.executable).with_name("chroma")
        where = ["--path", str(self.folder), "--host", "127.0.0.1", "--port", str(self.port)]
        self.process = subprocess.Popen(
            [str(chroma), "run", *where],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        url = f"http://127.0.0.1:{self.port}/api/v2/heartbeat"
        while True:
            try:
                with urllib.request.urlopen(url, timeout=1):
                    return self
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the Chroma server did not start") from None
                time.sleep(0.2)

    def kill(self) -> None:
        """kill -9, as a crash or a lost machine would."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)

    @property
    def env(self) -> dict[str, str]:
        """The settings that point storybot at this server."""
        return {"CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": str(self.port)}

"""A full disk during ingest: a clear line within seconds, the store as it was before.

It used to hang inside Chroma's write for minutes, or fail every article with "Check that
the store folder is writable", and leave the store unreadable.
"""

from __future__ import annotations

import time

import pytest

from tests.conftest import STORIES
from tests.stress.support import capped_folder, check_store, run_storybot, write_corpus


def _fill(path, leave_mb: int, free) -> None:
    """Take all but `leave_mb` MB of the disk holding `path`."""
    with (path / "filler").open("wb") as filler:
        while free(path) > leave_mb * 2**20 + 2**20:
            filler.write(b"\0" * 2**20)


@pytest.mark.parametrize("leave_mb", [6, pytest.param(30, marks=pytest.mark.slow)])
def test_ingest_on_a_nearly_full_disk_fails_fast_and_loses_nothing(leave_mb):
    """With 6 or 30 MB left, 150 articles do not fit: one line, and the story is still whole."""
    from index.store.space import free_bytes

    with capped_folder(96) as capped:
        if not capped.mounted:
            pytest.skip("needs a tmpfs to fill (run as root); the size-capped runs cover the rest")
        status, _, err = run_storybot(capped, "ingest", str(STORIES))
        assert status == 0, err
        corpus = write_corpus(capped.path / "corpus", 150)
        _fill(capped.path, leave_mb, free_bytes)

        started = time.monotonic()
        status, out, err = run_storybot(capped, "ingest", str(corpus[0].parent), timeout=120)
        took = time.monotonic() - started
        lines = err.strip().splitlines()
        assert status == 1 and "Traceback" not in err
        assert took < 60
        assert len(lines) <= 3, err  # the same error for many articles is said once
        assert any("disk" in line and "CHROMA_PATH" in line for line in lines), err

        (capped.path / "filler").unlink()
        check = check_store(capped.path / "data")
        assert check.integrity == "ok" and check.partial == [] and check.unreachable == []
        assert set(check.articles) >= {p.stem for p in STORIES.glob("*.txt")}
        status, out, err = run_storybot(capped, "ingest", str(STORIES))
        assert status == 0 and "2 unchanged" in out, err

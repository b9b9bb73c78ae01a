"""The vocabulary of the settings table: a row per setting, a heading per section, secrets.

A row is a dataclass field made by `setting(...)`: its name and type annotation are the field's,
its variable, help text and checks ride in the field's metadata, and its default is the
field's default. So every setting is written once, and the loader, the validator and
`.env.example` all read the same rows (`rows()`).
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


class Secret(str):
    """A string that never shows itself in logs, reprs or tracebacks."""

    def __repr__(self) -> str:
        return "Secret('***')" if self else "Secret('')"


@dataclass(frozen=True)
class Row:
    """One setting: its environment variable, help text and the checks its value must pass.

    `choices`: the known values (matched ignoring case, stored as spelled here). `low`/`high`:
    inclusive bounds, `above`: an exclusive lower bound. `in_data_dir`: the default is a path
    inside the default STORYBOT_DATA_DIR, and moves with STORYBOT_DATA_DIR when that is set.
    """

    env: str
    help: str
    choices: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    above: float | None = None
    in_data_dir: bool = False


def setting(
    env: str,
    default: T,
    help: str,
    *,
    choices: tuple[str, ...] = (),
    low: float | None = None,
    high: float | None = None,
    above: float | None = None,
    in_data_dir: bool = False,
) -> T:
    """A settings field read from the variable `env` (a row of the table)."""
    row = Row(env, help, choices, low, high, above, in_data_dir)
    return field(default=default, metadata={"row": row})


def section(cls: type[T], title: str) -> T:
    """A group of settings, shown under `title` in `.env.example`."""
    return field(default_factory=cls, metadata={"section": title})


@dataclass(frozen=True)
class Entry:
    """A row placed in the table: where its value goes, its Python type and its default."""

    path: tuple[str, ...]
    row: Row
    kind: Any
    default: Any
    heading: str


def rows(cls: type, heading: str = "General", path: tuple[str, ...] = ()) -> Iterator[Entry]:
    """Every row of a settings class, sections included, in the order they are declared."""
    hints = _hints(cls)
    for f in dataclasses.fields(cls):
        if "section" in f.metadata:
            yield from rows(hints[f.name], f.metadata["section"], (*path, f.name))
        elif "row" in f.metadata:
            yield Entry((*path, f.name), f.metadata["row"], hints[f.name], f.default, heading)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)

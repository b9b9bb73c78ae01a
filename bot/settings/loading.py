"""Reading the settings table's variables from `.env` and the environment, checked on the way in.

`load_settings` is called once, in `main`; everything else is handed the `Settings` it built.
Every bad value is a one-line ConfigError naming the variable and saying what it takes.
"""

from __future__ import annotations

import io
import math
import os
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bot.settings.fields import Entry, Secret, rows
from bot.settings.table import DATA_DIR, Settings
from index.errors import ConfigError

DEFAULT_ENV_FILE = Path(".env")


def load_settings(
    environ: Mapping[str, str] | None = None, env_file: str | Path | None = None
) -> Settings:
    """Settings from `env_file` overlaid by `environ` (default: os.environ).

    Without `env_file`, `.env` is read if there is one; a file named explicitly must exist.
    """
    path = DEFAULT_ENV_FILE if env_file is None else Path(env_file)
    values: dict[str, str] = {}
    if env_file is not None and not path.is_file():
        raise ConfigError(
            f"The settings file {path} does not exist",
            "Check the --env-file path, or leave it out to read .env",
        )
    if path.is_file():
        values.update(read_env_file(path))
    values.update(os.environ if environ is None else environ)
    return settings_from_mapping(values)


def read_env_file(path: Path) -> dict[str, str]:
    """The NAME=value pairs of a .env file; ConfigError if it is not readable text."""
    from dotenv import dotenv_values

    fix = "Write it as UTF-8 text with one NAME=value a line (see .env.example)"
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(
            f"The settings file {path} cannot be read ({exc.strerror})", fix
        ) from None
    try:
        text = data.decode("utf-8-sig")
        if "\0" in text:  # binary, or UTF-16
            raise UnicodeDecodeError("utf-8", data, 0, 1, "NUL byte")
    except UnicodeDecodeError:
        raise ConfigError(f"The settings file {path} is not UTF-8 text", fix) from None
    return {k: v for k, v in dotenv_values(stream=io.StringIO(text)).items() if v is not None}


def settings_from_mapping(env: Mapping[str, str]) -> Settings:
    """`Settings` from a mapping of environment variables; ConfigError for any bad value."""
    entries = list(rows(Settings))
    given = {e.path: _parse(e, raw) for e in entries if (raw := (env.get(e.row.env) or "").strip())}
    data_dir = given.get(("data_dir",), DATA_DIR)
    values: dict[tuple[str, ...], Any] = {}
    for entry in entries:
        if entry.path in given:
            value = given[entry.path]
        elif entry.row.in_data_dir:
            value = Path(data_dir) / Path(entry.default).relative_to(DATA_DIR)
        else:
            value = entry.default
        _check(entry, value)
        values[entry.path] = value
    settings = _build(Settings, values, ())
    _check_together(settings)
    return settings


def _build(cls: type, values: dict[tuple[str, ...], Any], path: tuple[str, ...]) -> Any:
    hints = typing.get_type_hints(cls)
    kwargs = {}
    for name, kind in hints.items():
        key = (*path, name)
        kwargs[name] = values[key] if key in values else _build(kind, values, key)
    return cls(**kwargs)


def _parse(entry: Entry, raw: str) -> Any:
    """The value of one variable as its row's type."""
    env, kind = entry.row.env, _without_none(entry.kind)
    if typing.get_origin(kind) is tuple:
        (item, _) = typing.get_args(kind)
        parts = [p.strip() for p in raw.split(",") if p.strip()]
        label = "a comma-separated list of ids" if item is int else "a comma-separated list"
        return tuple(_convert(env, p, item, label, raw) for p in parts)
    if kind is bool:
        if raw.lower() in ("1", "true", "yes", "on"):
            return True
        if raw.lower() in ("0", "false", "no", "off"):
            return False
        raise _bad(env, raw, "true or false")
    if kind is int:
        return _convert(env, raw, int, "a whole number", raw)
    if kind is float:
        value = _convert(env, raw, float, "a number", raw)
        if not math.isfinite(value):
            raise _bad(env, raw, "a finite number")
        return value
    if kind is Secret:
        return Secret(raw)
    if kind is Path:
        return Path(raw)
    if entry.row.choices:
        known = {c.lower(): c for c in entry.row.choices}
        if raw.lower() not in known:
            raise _bad(env, raw, f"one of {', '.join(entry.row.choices)}")
        return known[raw.lower()]
    return raw


def _convert(env: str, text: str, kind: type, label: str, raw: str) -> Any:
    try:
        return kind(text)
    except ValueError:
        raise _bad(env, raw, label) from None


def _bad(env: str, raw: str, wanted: str) -> ConfigError:
    return ConfigError(f"{env}={raw!r} is not {wanted}", f"Set {env} to {wanted} in .env")


def _check(entry: Entry, value: Any) -> None:
    """The row's bounds, for numbers."""
    row = entry.row
    if not isinstance(value, int | float) or isinstance(value, bool):
        return
    ok = (
        (row.low is None or value >= row.low)
        and (row.high is None or value <= row.high)
        and (row.above is None or value > row.above)
    )
    if not ok:
        raise ConfigError(
            f"{row.env}={value:g} is out of range", f"Set {row.env} to {_bounds(row)} in .env"
        )


def _bounds(row: Any) -> str:
    if row.above is not None:
        return f"a number above {row.above:g}"
    if row.low is not None and row.high is not None:
        return f"{row.low:g} to {row.high:g}"
    return f"{row.low:g} or more" if row.low is not None else f"{row.high:g} or less"


def _check_together(s: Settings) -> None:
    """Checks that involve two settings."""
    if s.index.chunk_overlap >= s.index.chunk_sentences:
        raise ConfigError("CHUNK_OVERLAP must be smaller than CHUNK_SENTENCES", "Fix them in .env")


def _without_none(kind: Any) -> Any:
    if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
        others = [k for k in typing.get_args(kind) if k is not type(None)]
        return others[0] if len(others) == 1 else kind
    return kind

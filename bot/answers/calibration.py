"""The calibrations shipped with storybot, read by name through the package (`bot.answers`).

A calibration is a JSON object fitted by a benchmark (`python -m bench calibrate_refusal`) and
installed with the package. A missing or corrupt one is a ConfigError: answering with made-up
weights instead would silently refuse the wrong questions.
"""

from __future__ import annotations

import importlib.resources
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from index.errors import ConfigError

PACKAGE = "bot.answers"
FIX = "Reinstall storybot, or restore the file with `git checkout` in a checkout"


def calibration_path(name: str) -> Path:
    """Where a benchmark writes calibration `name` in a checkout (reading uses the package)."""
    return Path(__file__).with_name(f"{name}.json")


def read_calibration(name: str, package: str = PACKAGE) -> dict[str, Any]:
    """The JSON object of calibration `name` (`bot/answers/<name>.json`); ConfigError if it is
    missing, unreadable or not a JSON object."""
    shown = _shown(name, package)
    try:
        text = (importlib.resources.files(package) / f"{name}.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"The calibration {shown} is missing from storybot", FIX) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"The calibration {shown} cannot be read ({exc})", FIX) from None
    try:
        data = json.loads(text)
    except ValueError:
        raise ConfigError(f"The calibration {shown} is corrupt (not JSON)", FIX) from None
    if not isinstance(data, dict):
        raise ConfigError(f"The calibration {shown} is corrupt (not a JSON object)", FIX)
    return data


def read_numbers(name: str, keys: Sequence[str], package: str = PACKAGE) -> dict[str, float]:
    """The finite numbers `keys` of calibration `name`; ConfigError if one is absent or bad."""
    data = read_calibration(name, package)
    values = {}
    for key in keys:
        value = data.get(key)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise ConfigError(
                f"The calibration {_shown(name, package)} is corrupt ({key}: {value!r})", FIX
            )
        values[key] = float(value)
    return values


def _shown(name: str, package: str) -> str:
    return f"{package.replace('.', '/')}/{name}.json"

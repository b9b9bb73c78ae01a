"""Calibrations are package data read by name; a missing or corrupt one is one clear line."""

from __future__ import annotations

import re
import sys

import pytest

from bot.answers.calibration import read_calibration, read_numbers
from bot.answers.reading.model import ReaderModel
from index.errors import ConfigError


def test_the_shipped_calibration_loads():
    """The reading step's model for the default embedder comes from bot/answers/calibration.json."""
    model = ReaderModel.load("wordllama")
    assert 0 < model.threshold < 1 and model != ReaderModel.default()


@pytest.fixture
def package(tmp_path, monkeypatch):
    """An importable package `fakecal` in tmp_path to hold test calibrations."""
    (tmp_path / "fakecal").mkdir()
    (tmp_path / "fakecal" / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path / "fakecal"
    sys.modules.pop("fakecal", None)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (None, "is missing"),
        ('{"bias": 1', "is corrupt (not JSON)"),
        ("[1, 2]", "is corrupt (not a JSON object)"),
        (b"\xff\xfe\x00", "cannot be read"),
        ('{"bias": 1}', "is corrupt (cosine: None)"),
        ('{"bias": 1, "cosine": NaN}', "is corrupt (cosine: nan)"),
        ('{"bias": 1, "cosine": true}', "is corrupt (cosine: True)"),
    ],
)
def test_a_missing_or_corrupt_calibration_is_a_config_error(package, content, says):
    """Never a silent default: each problem names the file and says how to get it back."""
    if isinstance(content, bytes):
        (package / "m.json").write_bytes(content)
    elif content is not None:
        (package / "m.json").write_text(content)
    with pytest.raises(ConfigError, match=re.escape(says)) as err:
        read_numbers("m", ["bias", "cosine"], package="fakecal")
    assert "\n" not in err.value.message and "fakecal/m.json" in err.value.message
    assert err.value.fix and "Reinstall" in err.value.fix


def test_a_calibration_is_read_as_written(package):
    """Nested objects (a calibration per embedder, say) come back as they are."""
    (package / "per_embedder.json").write_text('{"wordllama": {"threshold": 0.3}}')
    assert read_calibration("per_embedder", "fakecal") == {"wordllama": {"threshold": 0.3}}

"""A built wheel, installed into a fresh environment outside the checkout, behaves like the
checkout: the same answer, its prompts and calibration found through the package."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "How much aid did Rubio announce?"

pytestmark = pytest.mark.timeout(300)


def _run(*argv: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=240
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv holding storybot's wheel (built offline from the tracked sources) and nothing of
    the checkout; its dependencies come from this environment's site-packages via a .pth."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for package in ("bot", "index", "prompts"):
        shutil.copytree(
            ROOT / package, source / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    pip = (sys.executable, "-m", "pip")
    _run(*pip, "wheel", "-qq", "--no-deps", "--no-index", "--no-build-isolation", source,
         "-w", tmp / "dist", cwd=tmp)  # fmt: skip
    (wheel,) = (tmp / "dist").glob("storybot-*.whl")
    venv = tmp / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp)
    python = venv / "bin" / "python"
    _run(*pip, "--python", python, "install", "-qq", "--no-deps", "--no-index", wheel, cwd=tmp)
    site = Path(
        _run(
            python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp
        ).strip()
    )
    (site / "storybot_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv


def _clean_env(work: Path) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
    return {**keep, "STORYBOT_DATA_DIR": str(work / "data")}


def test_the_wheel_holds_its_prompts_and_calibration_and_none_of_the_checkout(installed, tmp_path):
    """bot, index and prompts import from the venv; the prompts and calibration load there."""
    code = (
        "import bot, index, prompts, json; from bot.llm.prompts import load_prompts; "
        "from bot.answers.extractive import Answerability; "
        "print(json.dumps([bot.__file__, index.__file__, prompts.__file__, "
        "sorted(load_prompts()), Answerability.load().threshold]))"
    )
    out = _run(installed / "bin" / "python", "-c", code, cwd=tmp_path, env=_clean_env(tmp_path))
    *files, prompts, threshold = json.loads(out)
    assert all(Path(f).is_relative_to(installed) for f in files), files
    assert prompts == ["answer", "rewrite", "summary", "translate"] and threshold > 0


def test_ingest_and_ask_from_the_wheel_answer_as_the_checkout_does(
    installed, tmp_path, story_dir, real_story_engine
):
    """`storybot ingest` then `storybot ask` in a folder far from the checkout: same answer."""
    storybot, env = installed / "bin" / "storybot", _clean_env(tmp_path)
    report = json.loads(_run(storybot, "ingest", story_dir, "--json", cwd=tmp_path, env=env))
    assert report["stored"] == 2 and report["failed"] == 0
    answer = json.loads(_run(storybot, "ask", QUESTION, "--json", cwd=tmp_path, env=env))
    expected = real_story_engine.ask(QUESTION).to_dict()
    answer.pop("timings_ms"), expected.pop("timings_ms")
    assert answer == expected and "13.5 million" in answer["answer"]


def test_a_missing_calibration_is_one_line_not_a_silent_default(installed, tmp_path):
    """With the calibration gone from the installed package, every answer stops with one line."""
    code = "import bot.answers, pathlib; print(pathlib.Path(bot.answers.__file__).parent)"
    package = Path(_run(installed / "bin" / "python", "-c", code, cwd=tmp_path).strip())
    calibration = package / "calibration.json"
    saved = calibration.read_bytes()
    calibration.unlink()
    try:
        done = subprocess.run(
            [installed / "bin" / "storybot", "ask", QUESTION],
            cwd=tmp_path, env=_clean_env(tmp_path), capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    finally:
        calibration.write_bytes(saved)
    assert done.returncode == 4, done.stderr
    assert done.stderr.strip().splitlines() == [
        "storybot: The calibration bot/answers/calibration.json is missing from storybot. "
        "Reinstall storybot, or restore the file with `git checkout` in a checkout."
    ]

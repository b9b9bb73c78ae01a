"""The storybot CLI end to end: every command in text and --json, errors as one line."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.cli.repl import run_repl
from tests.bot.conftest import make_engine

CNN, REWORDED = "000_b4c534ddc7fcb3f0", "001_39477fe5179230ce"
STORYBOT = Path(sys.executable).with_name("storybot")


def run(engine, *argv: str) -> tuple[int, str]:
    """Exit status and stdout of one command over `engine`."""
    out = io.StringIO()
    status = main(list(argv), environ={}, engine_factory=lambda settings: engine, stdout=out)
    return status, out.getvalue()


@pytest.mark.parametrize(
    ("argv", "keys"),
    [
        (["ask", "--json", "How much aid did Rubio announce?"], {"answer", "citations"}),
        (["summary", "--json"], {"bullets", "citations"}),
        (["summary", "--json", "--article", CNN, "--bullets", "3"], {"bullets"}),
        (["sources", "--json"], {"articles"}),
        (["quote", "--json", CNN, "17"], {"quote", "before", "after"}),
    ],
)
def test_every_read_command_prints_one_json_object(real_story_engine, argv, keys):
    """`--json` prints exactly one JSON object with the documented keys."""
    status, text = run(real_story_engine, *argv)
    assert status == 0 and len(text.strip().splitlines()) == 1
    assert keys <= set(json.loads(text))


def test_ask_in_text_prints_the_answer_then_numbered_quoted_citations(real_story_engine):
    """The terminal shape: the answer with [n] markers, then ` [n] outlet · … · sentence k: “…”`."""
    status, text = run(real_story_engine, "ask", "How much aid did Rubio announce?")
    lines = text.splitlines()
    assert status == 0 and lines[0].endswith("[1][2]") and "$13.5 million" in lines[0]
    assert " [1] CNN · Kylie Atwood · 2025-09-04 · sentence 17: “Rubio also announced" in text
    assert " [2] The United States and Ecuador are in the… · sentence 17: “Rubio also" in text


def test_errors_are_one_line_with_a_nonzero_exit(real_story_engine, capsys):
    """An unknown article fails with one line on stderr, or one JSON object with --json."""
    status, _ = run(real_story_engine, "quote", "nope", "1")
    assert status != 0
    assert capsys.readouterr().err.count("\n") == 1
    status, text = run(real_story_engine, "summary", "--article", "nope", "--json")
    assert status != 0 and json.loads(text)["kind"] == "NotFoundError"


def test_ingest_then_forget_from_the_command_line(tmp_path, story_dir):
    """ingest prints what was stored; forget removes one article; sources shows the rest."""
    engine = make_engine(tmp_path)
    status, text = run(engine, "ingest", str(story_dir))
    assert status == 0 and "Stored 2 articles" in text and "36 sentences" in text
    status, text = run(engine, "forget", "--json", REWORDED)
    assert status == 0 and json.loads(text)["forgotten"]["id"] == REWORDED
    _, text = run(engine, "sources", "--json")
    assert [a["id"] for a in json.loads(text)["articles"]] == [CNN]


def test_chat_resolves_follow_ups_and_survives_errors(real_story_engine):
    """A conversation: the follow-up uses the first question; an empty line is skipped; a
    too-long question is one error line and the chat goes on."""
    lines = iter(["How much aid did Rubio announce?", "and the Navy?", "x" * 5000, "/quit"])
    out = io.StringIO()
    run_repl(real_story_engine, lambda prompt: next(lines), out)
    text = out.getvalue()
    assert "$13.5 million" in text and "$6 million" in text
    assert "(understood as: and the Navy? (How much aid did Rubio announce?))" in text
    assert "storybot: The question is 5,000 characters long" in text


def test_the_installed_command_answers_in_a_new_process(tmp_path, story_dir):
    """`storybot ingest` then `storybot ask --json` as a user runs them, with CHROMA_PATH."""
    env = {"CHROMA_PATH": str(tmp_path / "db"), "STORYBOT_DATA_DIR": str(tmp_path), "PATH": ""}
    subprocess.run([STORYBOT, "ingest", str(story_dir)], env=env, check=True, capture_output=True)
    done = subprocess.run(
        [STORYBOT, "ask", "--json", "Who did Rubio praise?"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    answer = json.loads(done.stdout)
    assert answer["answerable"] and "Noboa" in answer["answer"]
    assert done.stderr == ""

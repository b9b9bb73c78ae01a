"""End to end with the real engine: the story ingested into a temporary store, asked over Slack."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.settings import StoreSettings
from bot.slack import create_app
from bot.slack._render import unescape
from tests.slack.fake_slack import FakeSlack
from tests.slack.support import BoltHttp, command, make_settings, mention, web_client

pytestmark = pytest.mark.timeout(120)


async def test_the_real_engine_answers_with_exact_sentences(
    slack: FakeSlack, tmp_path: Path, story_dir: Path
):
    """A mention and /summary over the real engine reach Slack within limits, quotes verbatim."""
    settings = dataclasses.replace(
        make_settings(tmp_path), store=StoreSettings(path=tmp_path / "chroma")
    )
    engine = Engine.from_settings(settings)
    assert len(engine.ingest([str(story_dir)]).stored) == 2
    http = await BoltHttp(create_app(settings, web_client(slack), engine=engine)).start()
    try:
        await http.event(mention(slack, "How much aid did Rubio announce?"))
        call = await slack.wait_call("chat.postMessage", timeout=60)
        await http.command(command(slack, "/summary"))
        summary = await slack.wait_response(timeout=60)
    finally:
        await http.stop()

    assert call.ok, call.problems
    assert summary.ok, summary.problems
    assert "13.5 million" in call.args["text"]
    stories = "\n".join(p.read_text(encoding="utf-8") for p in sorted(story_dir.glob("*.txt")))
    for message in (call.args, summary.args):
        quotes = quoted_sentences(message["blocks"])
        assert quotes
        assert all(quote in stories for quote in quotes), quotes


def quoted_sentences(blocks: list[dict]) -> list[str]:
    """Every sentence the blocks quote: `>` lines of the answer, the text under a source's
    label; without [n] markers, unescaped."""
    found = []
    for block in blocks:
        if block["type"] == "section":
            for line in block["text"]["text"].splitlines():
                if line.startswith(">"):
                    found.append(re.sub(r"(?: ?\[\d+\])+$", "", unescape(line[1:])))
        elif block["type"] == "context":
            for element in block["elements"]:
                label, _, quote = element["text"].partition("\n")
                if label.startswith("*[") and quote:
                    found.append(unescape(quote))
    return found

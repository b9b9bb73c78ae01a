"""`storybot chat`: a conversation in the terminal; follow-ups use the earlier turns."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TextIO

from bot.cli.render import render_answer, render_sources, render_summary
from bot.records import Turn
from index.errors import StorybotError

HELP = "Ask about the story. Commands: /summary, /sources, /reset (forget the conversation), /quit"
MAX_TURNS = 12


def run_repl(engine, input_fn: Callable[[str], str], out: TextIO, as_json: bool = False) -> int:
    """Read questions until EOF or /quit; errors are printed as one line and the chat goes on."""
    history: list[Turn] = []
    if not as_json:
        print(HELP, file=out)
    while True:
        try:
            line = input_fn("" if as_json else "you> ").strip()
        except EOFError:
            break
        if not line:
            continue
        if line in ("/quit", "/exit"):
            break
        try:
            if line == "/reset":
                history.clear()
                print("(conversation forgotten)", file=out)
            elif line == "/summary":
                summary = engine.summary()
                _show(out, as_json, summary.to_dict(), render_summary(summary))
            elif line == "/sources":
                sources = engine.sources()
                data = {"articles": [s.to_dict() for s in sources]}
                _show(out, as_json, data, render_sources(sources))
            else:
                answer = engine.ask(line, history)
                _show(out, as_json, answer.to_dict(), render_answer(answer))
                cited = tuple(c.text for c in answer.citations)
                history += [Turn("user", line), Turn("bot", answer.text, cited)]
                del history[:-MAX_TURNS]
        except StorybotError as exc:
            _show(out, as_json, {"error": exc.message}, f"storybot: {exc.message}")
    return 0


def _show(out: TextIO, as_json: bool, data: dict, text: str) -> None:
    print(json.dumps(data, ensure_ascii=False) if as_json else text, file=out, flush=True)

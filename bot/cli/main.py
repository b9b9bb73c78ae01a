"""The `storybot` command line: ingest, ask, summary, sources, compare, timeline, quote, forget,
chat, eval, bots.

Imports stay inside the commands so `storybot --help` and the first answer start fast.
Settings are loaded once here; errors from our own family print as one line and exit non-zero.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from index.errors import InputError, StorybotError

if TYPE_CHECKING:
    from bot.protocols import StoryEngine
    from bot.settings import Settings

STARTED = time.perf_counter()  # when the CLI was imported: its "startup" is counted from here
log = logging.getLogger("storybot")
DEMO_QUESTION = "How much aid did Rubio announce?"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="storybot",
        description="Answers questions about a news story, citing the exact sentences.",
    )
    parser.add_argument(
        "--env-file", metavar="PATH", help="settings file (default: .env, when there is one)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.add_argument("--json", action="store_true", help="print one JSON object")
        return p

    p = command("ingest", "store articles from files, folders or http(s) URLs")
    p.add_argument("sources", nargs="+", metavar="PATH_OR_URL")
    p = command("ask", "answer a question with cited sentences")
    p.add_argument("question", nargs="+")
    p.add_argument(
        "--timings", action="store_true", help="print where the time went (stderr), imports too"
    )
    p = command("summary", "summarise the story (or one article) in cited bullets")
    p.add_argument("--article", metavar="ID", help="summarise this article only")
    p.add_argument("--bullets", type=int, metavar="N", help="how many bullets (default 7)")
    size = p.add_mutually_exclusive_group()
    size.add_argument("--brief", action="store_true", help="one line: the lede")
    size.add_argument("--digest", action="store_true", help="a longer digest (12 bullets)")
    command("sources", "list the stored articles")
    p = command(
        "compare", "what the articles all report, what only one has, what they word differently"
    )
    p.add_argument("articles", nargs="*", metavar="ARTICLE", help="two or more ids (default: all)")
    command("timeline", "the story's dated events in order, each cited")
    p = command("quote", "show one sentence with its neighbours")
    p.add_argument("article", metavar="ID")
    p.add_argument("sentence", type=int, metavar="N")
    p.add_argument("--context", type=int, default=1, metavar="K", help="neighbours each side")
    p = command("forget", "remove one article from the store")
    p.add_argument("article", metavar="ID")
    command("chat", "ask questions in a conversation (follow-ups use earlier turns)")
    p = command("eval", "measure answers on a JSONL evaluation file (../shared/eval schema)")
    p.add_argument("file", metavar="FILE.jsonl")
    p.add_argument("--limit", type=int, metavar="N", help="only the first N questions")
    p.add_argument("--docs", metavar="PATH", help="articles for question-only files")
    p = command("discord", "run the Discord bot (DISCORD_TOKEN in .env)")
    p.add_argument(
        "--sync",
        action="store_true",
        help="register the slash commands with Discord even if they look unchanged",
    )
    command("slack", "run the Slack app (SLACK_BOT_TOKEN and SLACK_APP_TOKEN in .env)")
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    environ: dict[str, str] | None = None,
    engine_factory: Callable[[Settings], StoryEngine] | None = None,
    stdout: TextIO | None = None,
) -> int:
    """Run one storybot command; returns the exit status."""
    out = stdout or sys.stdout
    args = build_parser().parse_args(argv)
    try:
        from bot.settings import load_settings

        settings = load_settings(environ, args.env_file)
        _configure_logging(settings.log_level)
        factory = engine_factory or (lambda s: _default_engine(s, args.command))
        handler = COMMANDS[args.command]
        result = handler(args, settings, lambda: factory(settings), out)
    except StorybotError as exc:
        _fail(args, out, exc.message, type(exc).__name__)
        return exc.exit_code
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `storybot … | head`: the reader left; not an error of ours
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps Python's exit flush quiet
        return 0
    return result or 0


# Commands that write hold an embedded store exclusively from the start (index/store/lock.py).
WRITERS = ("ingest", "forget")


def _default_engine(settings: Settings, command: str) -> StoryEngine:
    from bot.engine import Engine

    # Readers open the store only if the catalog cache cannot answer for it.
    return Engine.from_settings(
        settings, writer=command in WRITERS, command=f"storybot {command}", lazy=True
    )


def _configure_logging(level: str) -> None:
    # Before anything imports wordllama, which calls logging.basicConfig(level=INFO) itself.
    logging.basicConfig(
        level=getattr(logging, level, logging.WARNING),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def _fail(args: argparse.Namespace, out: TextIO, message: str, kind: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps({"error": message, "kind": kind}), file=out)
    else:
        print(f"storybot: {message}", file=sys.stderr)


def _emit(args: argparse.Namespace, out: TextIO, data: dict, text: str) -> None:
    if args.json:
        print(json.dumps(data, ensure_ascii=False), file=out)
    else:
        print(text, file=out)


def cmd_ingest(args, settings, engine, out) -> int:
    """storybot ingest PATH_OR_URL..."""
    from bot.cli.render import failure_lines, render_ingest

    progress = None if args.json or not sys.stderr.isatty() else _progress_bar()
    report = engine().ingest(args.sources, progress=progress)
    if progress:
        print(file=sys.stderr)
    _emit(args, out, report.to_dict(), render_ingest(report))
    if not args.json:
        for line in failure_lines(report):
            print(f"storybot: {line}", file=sys.stderr)
    return 1 if report.failed else 0


def cmd_ask(args, settings, engine, out) -> int:
    """storybot ask QUESTION"""
    from dataclasses import replace

    from bot.cli.render import render_answer, render_timings
    from bot.timing import ms_since, process_ms

    built = engine()
    startup = ms_since(STARTED)  # imports, settings and the engine, before any work
    answer = built.ask(" ".join(args.question))
    timings = {"startup": startup, **answer.timings_ms}
    if (process := process_ms()) is not None:
        timings["process"] = process
    answer = replace(answer, timings_ms=timings)
    _emit(args, out, answer.to_dict(), render_answer(answer))
    if args.timings:
        print(render_timings(answer.timings_ms), file=sys.stderr)
    return 0


def cmd_summary(args, settings, engine, out) -> int:
    """storybot summary [--article ID] [--bullets N | --brief | --digest]"""
    from bot.cli.render import render_summary

    length = "brief" if args.brief else "digest" if args.digest else "bullets"
    summary = engine().summary(args.article, args.bullets, length)
    _emit(args, out, summary.to_dict(), render_summary(summary))
    return 0


def cmd_sources(args, settings, engine, out) -> int:
    """storybot sources"""
    from bot.cli.render import render_sources

    sources = engine().sources()
    data = {"articles": [s.to_dict() for s in sources]}
    _emit(args, out, data, render_sources(sources))
    return 0


def cmd_quote(args, settings, engine, out) -> int:
    """storybot quote ID N"""
    from bot.cli.render import render_quote

    quote = engine().quote(args.article, args.sentence, args.context)
    _emit(args, out, quote.to_dict(), render_quote(quote))
    return 0


def cmd_compare(args, settings, engine, out) -> int:
    """storybot compare [ARTICLE ARTICLE ...]"""
    from bot.cli.render import render_comparison

    if len(args.articles) == 1:
        raise InputError(
            "Comparing needs two or more articles", "Name two article ids, or none to compare all"
        )
    comparison = engine().compare(args.articles or None)
    _emit(args, out, comparison.to_dict(), render_comparison(comparison))
    return 0


def cmd_timeline(args, settings, engine, out) -> int:
    """storybot timeline"""
    from bot.cli.render import render_timeline

    timeline = engine().timeline()
    _emit(args, out, timeline.to_dict(), render_timeline(timeline))
    return 0


def cmd_forget(args, settings, engine, out) -> int:
    """storybot forget ID"""
    info = engine().forget(args.article)
    text = f"Forgot {info.id} ({info.sentences} sentences)."
    _emit(args, out, {"forgotten": info.to_dict()}, text)
    return 0


def cmd_chat(args, settings, engine, out) -> int:
    """storybot chat: a REPL where follow-ups use the conversation."""
    from bot.cli.repl import run_repl

    return run_repl(engine(), input_fn=input, out=out, as_json=args.json)


def cmd_eval(args, settings, engine, out) -> int:
    """storybot eval FILE.jsonl"""
    from bot.evaluate import evaluate_file, render_report

    if args.limit is not None and args.limit < 1:
        raise InputError("--limit must be 1 or more", "Pass a positive number")
    report = evaluate_file(args.file, settings, limit=args.limit, docs=args.docs)
    _emit(args, out, report, render_report(report))
    return 0


def cmd_discord(args, settings, engine, out) -> int:
    """storybot discord"""
    from bot.discord import run

    run(settings, sync=args.sync)
    return 0


def cmd_slack(args, settings, engine, out) -> int:
    """storybot slack"""
    from bot.slack import run

    run(settings)
    return 0


def _progress_bar() -> Callable[[str, int, int], None]:
    def show(stage: str, done: int, total: int) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        bar = "#" * filled + "." * (width - filled)
        print(f"\r{stage:>5} [{bar}] {done}/{total} articles", end="", file=sys.stderr)

    return show


COMMANDS: dict[str, Callable[..., int]] = {
    "ingest": cmd_ingest,
    "ask": cmd_ask,
    "summary": cmd_summary,
    "sources": cmd_sources,
    "quote": cmd_quote,
    "compare": cmd_compare,
    "timeline": cmd_timeline,
    "forget": cmd_forget,
    "chat": cmd_chat,
    "eval": cmd_eval,
    "discord": cmd_discord,
    "slack": cmd_slack,
}


if __name__ == "__main__":
    sys.exit(main())

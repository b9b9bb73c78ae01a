"""The Slack app: mentions, threads, direct messages and /ask, /summary, /sources.

`create_app(settings=None, client=None)` builds the Bolt `AsyncApp` (a stable contract: tests
outside this package build the app this way); `run(settings)` serves it, in Socket Mode by
default or over HTTP when SLACK_SIGNING_SECRET and SLACK_PORT are set. See docs/slack.md.
"""

from __future__ import annotations

from bot.slack._app import create_app
from bot.slack._run import choose_mode, run

__all__ = ["choose_mode", "create_app", "run"]

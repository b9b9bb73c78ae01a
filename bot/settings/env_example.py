"""`.env.example`, generated from the settings table: `python -m bot.settings.env_example`.

The committed file must equal `render_env_example()` (a test checks it): edit
bot/settings/table.py, then run the command above to rewrite the file.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from bot.settings.fields import Entry, rows
from bot.settings.table import Settings

HEADER = """\
# storybot settings. Copy to .env (which git ignores) and fill in what you need.
# Every setting is optional: with none set, storybot runs fully offline on the embedded defaults.
# The environment overrides this file.
# Generated from bot/settings/table.py by `python -m bot.settings.env_example`: edit the table."""
PATH = Path(__file__).resolve().parents[2] / ".env.example"


def render_env_example() -> str:
    """Every setting under its section's heading: its help as comments, then NAME=default."""
    lines = HEADER.splitlines()
    heading = None
    for entry in rows(Settings):
        if entry.heading != heading:
            heading = entry.heading
            lines += ["", f"# --- {heading} ---"]
        lines += [f"# {line}" for line in entry.row.help.splitlines()]
        lines.append(f"{entry.row.env}={shown_default(entry)}")
    return "\n".join(lines) + "\n"


def shown_default(entry: Entry) -> str:
    """The default as a .env value; empty where it is unset or follows STORYBOT_DATA_DIR."""
    value: Any = entry.default
    if entry.row.in_data_dir or value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, tuple):
        return ",".join(str(v) for v in value)
    return str(value)


if __name__ == "__main__":
    (Path(sys.argv[1]) if len(sys.argv) > 1 else PATH).write_text(
        render_env_example(), encoding="utf-8"
    )

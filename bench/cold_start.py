"""Cold start of the CLI: `python -m bench cold_start [--runs N] [--baseline REV]`.

In one run, on this machine, each in a fresh process, rounds taken in turn so that load on the
machine hits every command alike:
- `storybot --help`: the floor (an interpreter, argparse, nothing of ours beyond the parser);
- `storybot ask QUESTION` with the story stored and its catalog cached (the steady state);
- the same with the code of `--baseline` (default: main before issue 15), run from a
  `git archive` of that revision on the same environment, on its own store of the story.
Reported: median and p90 wall time, median CPU time (user + system: what an idle machine
would take), peak RSS, and the load average, in bench/results/cold_start.json.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STORIES = ROOT.parent / "shared" / "stories"
QUESTION = "How much aid did Rubio announce?"
BASELINE = "2125f6a"  # main before issue 15: llama-index and chromadb imported on every ask


def measure(argv: list[str], env: dict[str, str], cwd: Path) -> dict[str, float]:
    """Wall and CPU seconds and peak RSS (MB) of one command in a fresh process (the child is
    reaped with wait4, so its own resource usage is read)."""
    started = time.perf_counter()
    child = subprocess.Popen(
        argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert child.stderr is not None
    err = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if child.returncode:
        sys.exit(f"{' '.join(argv)} failed: {err.decode()[-500:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}


def summary(samples: list[dict[str, float]]) -> dict[str, float]:
    """Median and p90 wall, median CPU, largest RSS."""
    walls = sorted(s["wall"] for s in samples)
    return {
        "wall_median_s": round(statistics.median(walls), 3),
        "wall_p90_s": round(walls[min(len(walls) - 1, int(0.9 * len(walls)))], 3),
        "cpu_median_s": round(statistics.median(s["cpu"] for s in samples), 3),
        "rss_max_mb": round(max(s["rss_mb"] for s in samples), 1),
        "runs": len(samples),
    }


def baseline_tree(rev: str, into: Path) -> Path:
    """The tracked files of revision `rev`, unpacked into `into` (the repository is untouched)."""
    data = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", rev], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into


def main() -> None:
    """Run the rounds, print a Markdown table and write bench/results/cold_start.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="rounds (default 15)")
    parser.add_argument("--baseline", default=BASELINE, help=f"revision (default {BASELINE})")
    args = parser.parse_args()
    storybot = str(Path(sys.executable).with_name("storybot"))
    with tempfile.TemporaryDirectory(prefix="storybot-cold-") as tmp:
        work = Path(tmp)
        old = baseline_tree(args.baseline, work / "baseline")
        # The baseline's own `bot` is found first on sys.path, before this checkout's editable one.
        launcher = (
            f"import sys; sys.path.insert(0, {str(old)!r}); "
            "from bot.cli import main; sys.exit(main())"
        )
        commands = {
            "storybot --help": [storybot, "--help"],
            "storybot ask": [storybot, "ask", QUESTION],
            f"storybot ask at {args.baseline}": [sys.executable, "-c", launcher, "ask", QUESTION],
        }
        envs = {}
        for name, argv in commands.items():
            data = work / f"data-{len(envs)}"
            envs[name] = {**os.environ, "STORYBOT_DATA_DIR": str(data)}
            envs[name].pop("CHROMA_PATH", None)
            if "ask" in name:  # the story stored, then one question to build the catalog cache
                ingest = [*argv[: argv.index("ask")], "ingest", str(STORIES)]
                measure(ingest, envs[name], work)
                measure(argv, envs[name], work)
        samples: dict[str, list[dict[str, float]]] = {name: [] for name in commands}
        load_before = os.getloadavg()
        for _ in range(args.runs):
            for name, argv in commands.items():
                samples[name].append(measure(argv, envs[name], work))
        load_after = os.getloadavg()
    results = {
        "question": QUESTION,
        "baseline": args.baseline,
        "load_average_1m": [round(load_before[0], 2), round(load_after[0], 2)],
        "cpus": os.cpu_count(),
        "commands": {name: summary(s) for name, s in samples.items()},
    }
    print("| command | median wall | p90 wall | median CPU | peak RSS |")
    print("|---|---:|---:|---:|---:|")
    for name, r in results["commands"].items():
        print(
            f"| `{name}` | {r['wall_median_s']:.2f} s | {r['wall_p90_s']:.2f} s "
            f"| {r['cpu_median_s']:.2f} s | {r['rss_max_mb']:.0f} MB |"
        )
    print(f"load average (1 min) before and after: {results['load_average_1m']}")
    out = ROOT / "bench" / "results" / "cold_start.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

"""`python -m bench [NAME] [ARGS]`: run one benchmark (default: speed).

speed              ingest, ask latency, cold start, memory, against llama-index's default
cold_start         `storybot ask` in a fresh process, against `--help` and an older revision
calibrate_refusal  when the extractive answerer refuses (--write: bot/answers/calibration.json)
alignment          sentence alignment behind `storybot compare`
checker            the LLM citation checker on QAGS and perturbed claims
real_model         LLM mode with a real local model against extractive (not in CI; ~45 minutes)
embedders          raw speed and story MRR of each bundled embedder
summaries          extractive summaries against CNN/DailyMail highlights (ROUGE-1)
chat_load          many questions at once through the chat service (first text, all answered)
"""

import runpy
import sys

NAMES = (
    "speed",
    "cold_start",
    "calibrate_refusal",
    "alignment",
    "checker",
    "embedders",
    "summaries",
    "chat_load",
    "real_model",
)

if __name__ == "__main__":
    name = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else "speed"
    if name not in NAMES:
        sys.exit(f"unknown benchmark {name!r}; one of: {', '.join(NAMES)}")
    sys.argv = [f"bench.{name}", *sys.argv[2 if len(sys.argv) > 1 and sys.argv[1] == name else 1 :]]
    runpy.run_module(f"bench.{name}", run_name="__main__")

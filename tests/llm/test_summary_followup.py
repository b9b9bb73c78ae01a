"""Summaries and follow-ups in LLM mode; with LLM_PROVIDER=none nothing changes."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

from bot.engine import Engine
from bot.records import Turn
from tests.llm.fake_llm import Reply
from tests.llm.support import AID, NAVY, number_of, offered

HISTORY = (
    Turn("user", "How much aid did Rubio announce?"),
    Turn("bot", "Rubio announced $13.5 million to help Ecuador. [1]"),
)


def test_a_summary_is_cited_bullets_each_checked(make_engine, fake_llm):
    """Three bullets: the two supported stay, each citing the sentence the model cited and the
    other version's sentence stating the same fact; the wrong one goes."""
    noboa = "praised Ecuadorian President Daniel Noboa"
    fake_llm.script(
        lambda p: (
            f"- Rubio praised Ecuadorian President Daniel Noboa as a willing partner "
            f"[{number_of(p, noboa)}].\n"
            f"- Rubio also announced $13.5 million to help Ecuador fight drugs and crime "
            f"[{number_of(p, AID)}].\n"
            f"- Rubio praised Noboa on Friday for sending 40 warships [{number_of(p, noboa)}]."
        )
    )
    summary = make_engine().summary(bullets=3)
    assert summary.mode == "llm" and len(summary.claims) == 2
    assert [claim.citations for claim in summary.claims] == [(1, 2), (3, 4)]
    assert [c.sentence for c in summary.citations] == [11, 11, 17, 17]
    assert len({c.article_id for c in summary.citations}) == 2
    (dropped,) = summary.dropped
    assert dropped["text"].startswith("Rubio praised Noboa on Friday")
    assert "'40', 'Friday'" in dropped["reason"]
    assert "Summarise the whole story in 3 bullets." in fake_llm.prompts()[0]
    assert summary.notes == (
        "1 sentence of the model's summary removed: not supported by the sentences cited.",
    )


def test_a_failed_summary_is_the_extractive_one_with_a_note(make_engine, fake_llm, story):
    """A 500: the extractive bullets, and one line saying why."""
    fake_llm.script(Reply(status=500, raw=b"{}"))
    summary = make_engine().summary(bullets=3)
    assert summary.mode == "fallback"
    assert summary.claims == story.summary(bullets=3).claims
    assert summary.notes == (
        *story.summary(bullets=3).notes,  # where the versions differ, as the extractive one says
        "The language model returned an error (HTTP 500); these bullets quote the articles "
        "instead.",
    )


def test_a_follow_up_is_rewritten_by_the_model_before_retrieval(make_engine, fake_llm):
    """The rewrite prompt gets the conversation; the answer prompt the standalone question."""
    standalone = "How much aid did Rubio announce for Ecuador's Navy?"
    fake_llm.script(
        f"Standalone question: {standalone}",
        lambda p: f"The US will provide $6 million in UAVs for the Navy [{number_of(p, NAVY)}].",
    )
    answer = make_engine().ask("and the Navy?", HISTORY)
    rewrite, ask = fake_llm.prompts()
    assert "user: How much aid did Rubio announce?" in rewrite
    assert rewrite.rstrip().endswith("Question: and the Navy?")
    assert f"Question: {standalone}" in ask and NAVY in " ".join(offered(ask).values())
    assert answer.mode == "llm" and answer.standalone_question == standalone
    assert answer.question == "and the Navy?"


def test_when_the_rewrite_fails_the_engines_own_resolution_is_used(make_engine, fake_llm, story):
    """A 500 on the rewrite: the heuristic's standalone question, then the model answers."""
    fake_llm.script(Reply(status=500, raw=b"{}"), "The articles don't say.")
    answer = make_engine().ask("and the Navy?", HISTORY)
    assert answer.standalone_question == story.ask("and the Navy?", HISTORY).standalone_question
    assert len(fake_llm.requests) == 2


def test_a_first_question_is_not_rewritten(make_engine, fake_llm):
    """No history, no rewrite call: one request, for the answer."""
    fake_llm.script("The articles don't say.")
    make_engine().ask("How much aid did Rubio announce?")
    assert len(fake_llm.requests) == 1 and "<sources>" in fake_llm.prompts()[0]


def test_without_an_llm_the_engine_is_unchanged(story):
    """LLM_PROVIDER=none: no answerer, extractive answers without notes, nothing streamed."""
    engine = Engine.from_settings(replace(story.settings))
    question = "How much aid did Rubio announce?"
    answer = engine.ask(question)
    partials: list[str] = []
    streamed = engine.ask_stream(question, (), partials.append)
    assert engine.llm is None and answer.mode == "extractive" and answer.notes == ()
    assert (streamed.text, streamed.citations, partials) == (answer.text, answer.citations, [])


def test_the_extractive_path_never_imports_the_llm_modules():
    """Importing the engine and the chat service loads neither bot.llm nor llama-index LLMs."""
    code = (
        "import sys, bot.engine, bot.chat.service, bot.cli.main; "
        "print(any(m.startswith(('bot.llm', 'llama_index.llms')) for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

"""LLM mode is never worse than extractive, bounded in time, and speaks the question's language."""

from __future__ import annotations

import time

from bot.llm.answerer import NO_ANSWER_FOUND
from bot.llm.stream import WRITING
from bot.records import Turn
from tests.llm.fake_llm import Reply
from tests.llm.support import AID, NAVY, QUESTION, number_of

SERVER_ERROR = Reply(status=500, raw=b'{"error": {"message": "busy"}}')


def test_a_model_refusal_does_not_replace_an_extractive_answer(make_engine, fake_llm, story):
    """ "The articles don't say." where the extractive answerer answers: the extractive answer,
    marked as a fallback with the reason in the JSON."""
    fake_llm.script("The articles don't say.")
    answer = make_engine().ask(QUESTION)
    expected = story.ask(QUESTION)
    assert expected.answerable and answer.answerable
    assert (answer.text, answer.citations) == (expected.text, expected.citations)
    data = answer.to_dict()
    assert data["mode"] == "fallback" and data["fallback_reason"] == NO_ANSWER_FOUND
    assert answer.notes == (f"{NO_ANSWER_FOUND}; this answer quotes the articles instead.",)


def test_a_model_refusal_agreeing_with_extractive_is_the_models(make_engine, fake_llm):
    """Both say the articles don't say: a refusal in LLM mode, with the closest sentences."""
    fake_llm.script("The articles don't say.")
    answer = make_engine().ask("What is the recipe for guacamole?")
    assert answer.mode == "llm" and not answer.answerable and answer.closest


def test_retries_stay_inside_one_deadline_and_the_note_states_it(make_engine, fake_llm):
    """A 500, then a reply slower than what is left: the whole call ends at LLM_TIMEOUT_S, and
    the note states that time (not one attempt's)."""
    fake_llm.script(SERVER_ERROR, Reply("too late [1].", delay_s=5))
    started = time.monotonic()
    answer = make_engine(timeout_s=1.5, max_retries=3).ask(QUESTION)
    elapsed = time.monotonic() - started
    assert answer.mode == "fallback" and elapsed < 2.5
    assert answer.fallback_reason == "The language model did not answer within 1.5 s"
    assert len(fake_llm.requests) == 2


def test_a_summary_has_its_own_deadline_and_a_length_limit(make_engine, fake_llm):
    """LLM_SUMMARY_TIMEOUT_S bounds a summary; max_tokens grows with the bullets asked for."""
    fake_llm.script(Reply("- late [1]", delay_s=5))
    started = time.monotonic()
    summary = make_engine(timeout_s=30, summary_timeout_s=1).summary(bullets=3)
    assert time.monotonic() - started < 2 and summary.mode == "fallback"
    assert summary.fallback_reason == "The language model did not answer within 1 s"
    assert fake_llm.requests[0]["body"]["max_tokens"] == 3 * 40 + 30


def test_a_spanish_question_gets_the_checked_answer_in_spanish(make_engine, fake_llm):
    """The answer is written and checked in English, then translated; the translation keeps the
    amount ("13,5 millones") and the citations."""
    fake_llm.script(
        lambda p: f"Rubio announced $13.5 million to help Ecuador [{number_of(p, AID)}].",
        "[1] Rubio anunció 13,5 millones de dólares para ayudar a Ecuador.",
    )
    answer = make_engine().ask("¿Cuánto dinero anunció Rubio para Ecuador?")
    assert answer.mode == "llm"
    assert answer.text == "Rubio anunció 13,5 millones de dólares para ayudar a Ecuador. [1]"
    assert "Translate into Spanish:" in fake_llm.prompts()[1]


def test_a_translation_that_changes_a_fact_leaves_the_answer_in_english(make_engine, fake_llm):
    """ "6 millones" for $13.5 million: the checked English answer, with a note."""
    fake_llm.script(
        lambda p: f"Rubio announced $13.5 million to help Ecuador [{number_of(p, AID)}].",
        "[1] Rubio anunció 6 millones de dólares para Ecuador.",
    )
    answer = make_engine().ask("¿Cuánto dinero anunció Rubio para Ecuador?")
    assert answer.mode == "llm" and answer.text.startswith("Rubio announced $13.5 million")
    assert answer.notes[-1] == "The translation did not keep the answer's facts; it is in English."


def test_a_spanish_refusal_is_in_spanish(make_engine, fake_llm):
    """Model and extractive agree the articles don't say: said in Spanish."""
    fake_llm.script("The articles don't say.")
    answer = make_engine().ask("¿Cuál es la receta del guacamole?")
    assert not answer.answerable and answer.text == "Los artículos no lo dicen."


def test_a_rewrite_that_adds_words_is_not_used_and_the_fallback_resolves_itself(
    make_engine, fake_llm, story
):
    """ "How much did the Navy spend on the new ship?" adds words nobody said: the engine's own
    resolution is used for retrieval, and the extractive fallback is the plain one."""
    history = (Turn("user", "How much aid did Rubio announce?"), Turn("bot", "$13.5 million."))
    fake_llm.script("How much did the Navy spend on the new ship?", SERVER_ERROR, SERVER_ERROR)
    answer = make_engine().ask("And what about the Navy?", history)
    plain = story.ask("And what about the Navy?", history)
    assert answer.mode == "fallback" and (answer.text, answer.citations) == (
        plain.text,
        plain.citations,
    )
    assert "spend" not in fake_llm.prompts()[1]


def test_streaming_shows_only_sentences_that_passed_the_checker(make_engine, fake_llm):
    """A placeholder first; the wrong amount is never shown, the right sentence is."""
    fake_llm.script(
        lambda p: Reply(
            f"The Navy will get $9 million in drones [{number_of(p, NAVY)}]. "
            f"Rubio announced $13.5 million to help Ecuador [{number_of(p, AID)}]. It was "
            f"announced in Quito [{number_of(p, AID)}].",
        )
    )
    shown: list[str] = []
    answer = make_engine().ask_stream(QUESTION, (), shown.append)
    assert shown[0] == WRITING
    assert not any("9 million" in text for text in shown)
    assert any(text.startswith("Rubio announced $13.5 million") for text in shown)
    assert "$9 million" not in answer.text

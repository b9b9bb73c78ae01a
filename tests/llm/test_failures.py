"""When the model fails (an error, too slow, garbage, unreachable), the user gets the extractive
answer with one line saying why, and nothing else changes."""

from __future__ import annotations

import socket

import pytest

from tests.llm.fake_llm import Reply
from tests.llm.support import AID, QUESTION, number_of

FAILURES = [
    pytest.param(
        Reply(status=500, raw=b'{"error": {"message": "boom"}}'),
        "The language model returned an error (HTTP 500)",
        id="500",
    ),
    pytest.param(Reply("too late", delay_s=3), "did not answer within 0.5 s", id="timeout"),
    pytest.param(Reply(raw=b"<html>not json</html>"), "empty or could not be read", id="malformed"),
    pytest.param(Reply(raw=b'{"choices": []}'), "empty or could not be read", id="no choices"),
    pytest.param(Reply(""), "empty or could not be read", id="empty"),
]


@pytest.mark.parametrize("provider", ["openai", "ollama"])
@pytest.mark.parametrize("stream", [False, True], ids=["whole", "streamed"])
@pytest.mark.parametrize(("reply", "said"), FAILURES)
def test_a_failing_model_gives_the_extractive_answer_with_one_note(
    make_engine, fake_llm, story, provider, stream, reply, said
):
    """Whatever goes wrong, the answer is the extractive one and the note says what happened."""
    fake_llm.script(reply)
    engine = make_engine(provider, timeout_s=0.5)
    answer = engine.ask_stream(QUESTION, (), lambda text: None) if stream else engine.ask(QUESTION)
    expected = story.ask(QUESTION)
    assert answer.mode == "fallback"
    assert (answer.text, answer.citations) == (expected.text, expected.citations)
    (note,) = answer.notes
    assert said in note and note.endswith("this answer quotes the articles instead.")
    assert "\n" not in note


def test_an_unreachable_server_is_not_asked_again_for_a_while(make_engine, story):
    """Nothing listens on the port: one quick failure, then the next question skips the model."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    engine = make_engine(base_url=f"http://127.0.0.1:{port}/v1")
    first = engine.ask(QUESTION)
    second = engine.ask(QUESTION)
    for answer in (first, second):
        assert answer.mode == "fallback" and answer.text == story.ask(QUESTION).text
        assert answer.notes == (
            "The language model could not be reached; this answer quotes the articles instead.",
        )
    assert engine.llm.client._down_until > 0


def test_the_retry_setting_retries_a_server_error(make_engine, fake_llm):
    """LLM_MAX_RETRIES=1: a 500 is tried once more, and the second reply is used."""
    fake_llm.script(
        Reply(status=500, raw=b'{"error": {"message": "busy"}}'),
        lambda p: f"Rubio announced $13.5 million to help Ecuador [{number_of(p, AID)}].",
    )
    answer = make_engine(max_retries=1).ask(QUESTION)
    assert answer.mode == "llm" and len(fake_llm.requests) == 2


def test_a_stream_cut_short_falls_back(make_engine, fake_llm, story):
    """The server stops sending halfway (chunks slower than the timeout): the extractive answer,
    though partial text had already been shown."""
    fake_llm.script(Reply("Rubio announced a lot of money [1].", chunk_delay_s=0.4))
    partials: list[str] = []
    answer = make_engine(timeout_s=0.6).ask_stream(QUESTION, (), partials.append)
    assert partials and answer.mode == "fallback"
    assert "did not answer within 0.6 s" in answer.notes[0]

"""Which language a question is in, when a translation keeps the facts, and when a model's
follow-up rewrite may be used."""

from __future__ import annotations

import pytest

from bot.llm.language import language_of, refusal
from bot.llm.rewrite import acceptable_rewrite
from bot.llm.verify import faithful_translation
from bot.records import Turn


@pytest.mark.parametrize(
    ("question", "code"),
    [
        ("How much aid did Rubio announce?", "en"),
        ("What are Los Choneros?", "en"),
        ("Is the deal finished?", "en"),
        ("¿Cuánto dinero anunció Rubio para Ecuador?", "es"),
        ("¿Qué son Los Choneros?", "es"),
        ("Qui est Marco Rubio ?", "fr"),
        ("Wie viel Geld gibt die USA?", "de"),
        ("Quanto dinheiro os EUA vão dar ao Equador?", "pt"),
    ],
)
def test_the_language_of_a_question(question, code):
    """Stopwords decide; English wins when unsure (names are shared by every language)."""
    assert language_of(question) == code


def test_the_refusal_is_said_in_the_questions_language():
    """Spanish gets Spanish, an unknown code English."""
    assert refusal("es") == "Los artículos no lo dicen."
    assert refusal("xx") == "The articles don't say."


ENGLISH = "The US will provide $13.5 million to help Ecuador fight crime."


@pytest.mark.parametrize(
    ("translated", "faithful"),
    [
        ("Estados Unidos aportará 13,5 millones de dólares para ayudar a Ecuador.", True),
        ("EE.UU. dará US$13,5 millones a Ecuador contra el crimen.", True),
        ("Estados Unidos aportará 6 millones de dólares para ayudar a Ecuador.", False),
        ("Estados Unidos no aportará 13,5 millones de dólares a Ecuador.", False),
        ("Estados Unidos aportará 13,5 millones de dólares a Colombia.", False),
        ("Sí.", False),
    ],
)
def test_a_translation_must_keep_numbers_names_and_negation(translated, faithful):
    """The checked English sentence is the reference: its amount in any notation, its names,
    its polarity, and about its length."""
    assert faithful_translation(ENGLISH, translated) is faithful


HISTORY = (
    Turn("user", "How much aid did Rubio announce?"),
    Turn("bot", "Rubio also announced the US would provide $13.5 million to help Ecuador."),
)


@pytest.mark.parametrize(
    ("question", "rewritten", "accepted"),
    [
        ("And what about the Navy?", "How much aid did Rubio announce for the Navy?", True),
        ("And what about the Navy?", "What will the US provide to Ecuador's Navy?", True),
        ("And what about the Navy?", "How much did the Navy spend on the new ship?", False),
        ("And what about the Navy?", "How much aid did Rubio announce?", False),
        ("Who announced it?", "Who announced the $13.5 million?", True),
    ],
)
def test_a_rewrite_keeps_the_question_and_adds_only_the_conversations_words(
    question, rewritten, accepted
):
    """Every content word of the question stays; every added one comes from earlier turns."""
    assert acceptable_rewrite(question, rewritten, HISTORY) is accepted

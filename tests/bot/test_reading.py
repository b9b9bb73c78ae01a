"""The reading step: what a question asks for, what a sentence holds, the direct answer, and
what a refusal says is missing."""

import numpy as np
import pytest

from bot.answers.reading.direct import missing_message, short_answer
from bot.answers.reading.mentions import holds, mentions
from bot.answers.reading.question import read_question
from bot.answers.reading.spelling import correct_spelling
from index.records import Sentence
from index.store.catalog import Catalog

STORY = [
    "Rubio also announced the US would provide $13.5 million to help Ecuador.",
    "The US will provide another $6 million in unmanned aerial vehicles (UAVs) for Ecuador's Navy.",
    "Earlier Thursday, Rubio announced the US is designating two Ecuadorian criminal groups as "
    "foreign terrorist organizations.",
    "“It is not 100% finished,” the official said.",
]


@pytest.mark.parametrize(
    ("question", "kind", "focus"),
    [
        ("How much aid did Rubio announce?", "amount", "aid"),
        ("What is Ecuador's population?", "number", None),
        ("How long will the asylum seekers stay in Ecuador?", "duration", None),
        ("When was the current extradition treaty signed?", "date",
         "the current extradition treaty"),
        ("What is the name of the senior State Department official?", "person",
         "the senior State Department official"),
        ("Who is the senior State Department official?", "person",
         "the senior State Department official"),
        ("Who did Rubio praise?", "agent", None),
        ("Which two gangs were designated?", "organisation", "two gangs"),
        ("Where did Rubio speak?", "place", None),
        ("Which antibiotic was the rabbit hunter treated with?", "thing", "antibiotic"),
        ("Why does the US want to update the extradition treaty?", "reason", None),
        ("Is the deal finished?", "yesno", None),
        ("wich gangs got the terorist lable", "organisation", "gangs"),
        ("What are Los Choneros?", None, None),
    ],
)  # fmt: skip
def test_what_a_question_asks_for(question, kind, focus):
    """The kind of answer and the thing asked about come from the question's words."""
    asked = read_question(question)
    assert (asked.kind, asked.focus) == (kind, focus)


@pytest.mark.parametrize(
    ("question", "parts"),
    [("How much more on top of the $13.5 million?", 2), ("How much in total?", 2),
     ("How much aid did Rubio announce?", 1)],
)  # fmt: skip
def test_two_part_questions(question, parts):
    """'On top of', 'in total' and 'and how …' ask for more than one thing."""
    assert read_question(question).parts == parts


@pytest.mark.parametrize(
    ("text", "kind", "question", "expected"),
    [
        (STORY[0], "amount", "How much aid?", True),
        (STORY[3], "amount", "How much aid?", False),
        (STORY[2], "date", "When?", True),
        (STORY[2], "person", "Who announced it?", True),
        (STORY[2], "person", "What did Rubio announce?", False),  # Rubio is in the question
        ("The official said so.", "person", "Who said so?", False),
        (STORY[1], "organisation", "Which branch gets drones?", True),
    ],
)
def test_a_sentence_holds_the_kind_asked_for(text, kind, question, expected):
    """A sentence holds an answer when it has a mention of the kind that the question lacks."""
    assert holds(mentions(text), kind, question) is expected


def quoted(*texts):
    return [(t, mentions(t), n, 0.9) for n, t in enumerate(texts, start=1)]


@pytest.mark.parametrize(
    ("question", "claims", "expected"),
    [
        ("How much aid did Rubio announce?", quoted(STORY[0], STORY[1]),
         "$13.5 million [1]; also $6 million [2]"),
        ("How much is the UAV package for Ecuador's Navy worth?", quoted(STORY[1]),
         "$6 million [1]"),
        ("Is the deal finished?", quoted(STORY[3]), "No, or not yet [1]"),
        ("Did the US label two gangs as foreign terrorist organizations?", quoted(STORY[2]),
         "Yes [1]"),
        ("What are Los Choneros?", quoted(STORY[2]), None),
    ],
)  # fmt: skip
def test_the_answer_up_front(question, claims, expected):
    """Amounts, names and dates asked for lead; yes/no only when the polarity is plain."""
    assert short_answer(question, read_question(question), claims) == expected


def test_a_yes_no_verdict_is_withheld_when_the_sentence_only_touches_the_question():
    """Low coverage of the question: no verdict, the quote speaks for itself."""
    claims = [(STORY[0], mentions(STORY[0]), 1, 0.3)]
    question = "Is Rubio popular in Ecuador?"
    assert short_answer(question, read_question(question), claims) is None


@pytest.mark.parametrize(
    ("question", "focus_absent", "type_missing", "expected"),
    [
        ("What is the name of the senior State Department official?", False, True,
         "The articles don't name the senior State Department official."),
        ("When was the current extradition treaty signed?", False, True,
         "The articles give no date for the current extradition treaty."),
        ("Which antibiotic was the rabbit hunter treated with?", True, False,
         "The articles don't mention the antibiotic."),
        ("Where did Rubio go next?", False, True, "The articles don't say where."),
        ("What is the recipe for guacamole?", False, False, "The articles don't say."),
    ],
)  # fmt: skip
def test_a_refusal_says_what_is_missing(question, focus_absent, type_missing, expected):
    """The refusal names what was asked for when the kind or the key term is absent."""
    assert missing_message(read_question(question), focus_absent, type_missing) == expected


def test_typos_are_corrected_against_the_stores_own_words():
    """A word the store never uses is replaced by one it uses a typo away; real words stay."""
    sentences = [Sentence("a", i + 1, 0, 0, 0, t) for i, t in enumerate(STORY)]
    catalog = Catalog({}, sentences, np.zeros((len(sentences), 4), dtype=np.float32))
    fixed = correct_spelling("wich gangs got the terorist lable from Rubio", catalog)
    assert fixed == "which gangs got the terrorist lable from Rubio"
    assert correct_spelling("Was the man treated?", catalog) == "Was the man treated?"

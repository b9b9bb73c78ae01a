"""Follow-up questions are made standalone from the user's earlier questions and the cited
sentences — never from the bot's own wording — before retrieval."""

import pytest

from bot.answers.followup import resolve_followup
from bot.records import Turn

AID = "How much aid did Rubio announce?"
AID_SENTENCE = (
    "Rubio also announced the US would provide $13.5 million “to help Ecuador improve its "
    "ability to provide security for its citizens, take on the combat drugs and crime.”"
)


def user(*questions: str) -> tuple[Turn, ...]:
    """A conversation of user questions only (as the readers' follow-up set gives them)."""
    return tuple(Turn("user", q) for q in questions)


# (earlier turns, follow-up, what it must be understood as)
CHAINS = [
    # pronouns take the newest thing of their kind from the user's questions
    (user(AID), "how much did he give?", "how much did Rubio give?"),
    (user(AID), "Who did he praise?", "Who did Rubio praise?"),
    (user("Who is Ecuador's president?"), "what did Rubio say about him?",
     "what did Rubio say about Ecuador's president?"),
    (user("What deal are the US and Ecuador finishing up?"), "is it done?", "is the deal done?"),
    (user("Which gangs got designated as terrorist organizations?"), "who leads them?",
     "who leads the gangs?"),
    (user("Who wrote the CNN piece?"), "when was it published?",
     "when was the CNN piece published?"),
    (user("Did Rubio announce any money for Ecuador?"), "what's it supposed to be used for?",
     "what's the money supposed to be used for?"),
    (user("Who said the asylum deal is nearly done?"), "what's their name?",
     "what's the name of the one who said the asylum deal is nearly done?"),
    # a fragment takes the place of the matching name of the previous question, or joins it
    (user("How much security money did Rubio announce for Ecuador?"), "and the Navy?",
     "How much security money did Rubio announce for the Navy?"),
    (user(AID), "and the Navy?", "How much aid did Rubio announce, and the Navy?"),
    (user(AID), "what about drones?", "How much aid did Rubio announce, and drones?"),
    (user("Who did Rubio praise?"), "and Marco Rubio's deputy?",
     "Who did Rubio praise, and Marco Rubio's deputy?"),
    (user("In the CNN version, how does the official describe Ecuador's efforts against crime?"),
     "what about the other version?",
     "How does the official describe Ecuador's efforts against crime? (in the other version)"),
    (user("What does the terrorist designation let the US do?",
          "what would the intelligence be used for?"),
     "what kind of operations?",
     "What kind of operations? (what would the intelligence be used for?)"),
    # a continuation with words of its own is a question of its own
    (user("Which departments are involved in the agreement's procedures?"),
     "and which department does the source work for?",
     "Which department does the source work for?"),
    # what cannot be resolved carries the previous question along
    (user("What treaty is the US working to update with Ecuador?"), "why are they doing that?",
     "why are they doing that? (What treaty is the US working to update with Ecuador?)"),
    # a standalone question is left alone
    (user(AID), "What are Los Choneros?", "What are Los Choneros?"),
    ((), "how much did he give?", "how much did he give?"),
]  # fmt: skip


@pytest.mark.parametrize(("history", "question", "expected"), CHAINS)
def test_follow_up_chains(history, question, expected):
    """Each follow-up is understood as the standalone question a reader would ask."""
    assert resolve_followup(question, history) == expected


def test_the_bots_own_words_never_fill_a_pronoun():
    """A bot turn's wording ("Ecuador", "Quito", "Thursday") is not a person for "he"."""
    history = (
        Turn("user", "What did the official say about the deal?"),
        Turn("bot", "Rubio spoke in Quito, Ecuador, on Thursday [1].", cited=()),
    )
    resolved = resolve_followup("what did he say next?", history)
    assert "Quito" not in resolved and "Ecuador" not in resolved and "Thursday" not in resolved


def test_a_person_in_a_cited_sentence_fills_he():
    """When the user named nobody, the person of the sentence the bot cited is the referent."""
    history = (
        Turn("user", "Who did Rubio praise?"),
        Turn("bot", "…", cited=("Rubio praised Ecuadorian President Daniel Noboa on Thursday.",)),
        Turn("user", "What is Ecuador's population?"),
    )
    assert "Daniel Noboa" in resolve_followup("when did he take office?", history)

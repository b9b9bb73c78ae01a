"""Prompts are files in prompts/; PROMPTS_DIR points elsewhere; placeholders fill once."""

from __future__ import annotations

import pytest

from bot.llm.prompts import NAMES, load_prompt, load_prompts, prompts_dir
from bot.settings import settings_from_mapping
from index.errors import ConfigError


def test_the_shipped_prompts_load_with_both_messages():
    """answer, summary and rewrite each have a system and a user part and one example."""
    prompts = load_prompts()
    assert set(prompts) == set(NAMES) and prompts_dir().name == "prompts"
    for prompt in prompts.values():
        assert prompt.system and prompt.user and "Example" in prompt.system


def test_placeholders_are_filled_once_so_article_text_cannot_add_more():
    """A sentence containing "{{question}}" stays as written."""
    system, user = load_prompt("answer").render(
        sources="[1] (x) Someone typed {{question}} here.", question="Q?", max_sentences=3
    )
    assert "[1] (x) Someone typed {{question}} here." in user and "Question: Q?" in user
    assert "at most 3 short sentences" in system


def test_prompts_dir_overrides_the_folder(tmp_path):
    """PROMPTS_DIR is read by the settings and used instead of the repository's folder."""
    (tmp_path / "answer.md").write_text(
        "<!-- role: system -->\nBe brief.\n<!-- role: user -->\n{{question}}\n", encoding="utf-8"
    )
    settings = settings_from_mapping({"PROMPTS_DIR": str(tmp_path)})
    prompt = load_prompt("answer", settings.llm.prompts_dir)
    assert prompt.render(question="Why?") == ("Be brief.", "Why?")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "is missing"),
        ("Just text, no roles.", "needs a '<!-- role: system -->'"),
        ("<!-- role: system -->\nA {{nope}}\n<!-- role: user -->\nB\n", "does not fill"),
    ],
)
def test_a_broken_prompt_file_is_one_clear_config_error(tmp_path, content, problem):
    """Missing, without roles, or with an unknown placeholder: ConfigError naming it."""
    if content is not None:
        (tmp_path / "summary.md").write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_prompt("summary", tmp_path).render(sources="", bullets=1, scope="")
    assert problem in err.value.message and "\n" not in err.value.message

"""Settings load once from a mapping (and .env); bad values fail with one line."""

from pathlib import Path

import pytest

from bot.settings import Secret, load_settings, settings_from_mapping
from index.errors import ConfigError


def test_defaults_use_an_embedded_store_under_the_working_directory():
    """With nothing set, Chroma is embedded under storybot-data and no LLM is used."""
    s = settings_from_mapping({})
    assert s.store.path == Path("storybot-data/chroma") and not s.store.is_server
    assert s.index.embedder == "wordllama" and s.llm.provider == "none"


def test_env_file_is_overridden_by_the_environment(tmp_path):
    """Values in the environment win over the .env file."""
    env = tmp_path / ".env"
    env.write_text("CHROMA_PATH=/from/file\nEMBEDDER=e5\n")
    s = load_settings({"CHROMA_PATH": "/from/env"}, env)
    assert s.store.path == Path("/from/env") and s.index.embedder == "e5"


@pytest.mark.parametrize(
    "env",
    [
        {"EMBEDDER": "bert"},
        {"LLM_PROVIDER": "skynet"},
        {"CHROMA_PORT": "eighty"},
        {"DISCORD_ALLOWED_CHANNELS": "12,abc"},
        {"CHROMA_SSL": "maybe"},
        {"CHUNK_SENTENCES": "3", "CHUNK_OVERLAP": "3"},
    ],
)
def test_bad_values_raise_one_line_config_errors(env):
    """Every malformed setting names itself and says how to fix it."""
    with pytest.raises(ConfigError) as err:
        settings_from_mapping(env)
    assert "\n" not in err.value.message and "." in err.value.message


def test_secrets_never_show_in_reprs():
    """Tokens stay out of logs and tracebacks."""
    s = settings_from_mapping({"DISCORD_TOKEN": "abc.def", "LLM_API_KEY": "sk-123"})
    assert "abc.def" not in repr(s) and "sk-123" not in repr(s)
    assert s.discord.token == "abc.def" and isinstance(s.llm.api_key, Secret)

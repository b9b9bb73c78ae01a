"""Settings load once from a mapping (and .env), by the rows of one table; bad values fail with
one line; `.env.example` is generated from the same table."""

from pathlib import Path

import pytest

from bot.cli.main import main
from bot.settings import Secret, Settings, load_settings, settings_from_mapping
from bot.settings.env_example import PATH, render_env_example
from bot.settings.fields import rows
from index.errors import ConfigError


def test_defaults_use_an_embedded_store_under_the_working_directory():
    """With nothing set, Chroma is embedded under storybot-data and no LLM is used."""
    s = settings_from_mapping({})
    assert s.store.path == Path("storybot-data/chroma") and not s.store.is_server
    assert s.index.embedder == "wordllama" and s.llm.provider == "none"
    assert s == Settings()


def test_the_store_follows_the_data_folder_unless_set():
    """CHROMA_PATH defaults to <STORYBOT_DATA_DIR>/chroma; set, it wins."""
    assert settings_from_mapping({"STORYBOT_DATA_DIR": "/d"}).store.path == Path("/d/chroma")
    s = settings_from_mapping({"STORYBOT_DATA_DIR": "/d", "CHROMA_PATH": "/c"})
    assert s.store.path == Path("/c")


def test_env_file_is_overridden_by_the_environment(tmp_path):
    """Values in the environment win over the .env file."""
    env = tmp_path / ".env"
    env.write_text("CHROMA_PATH=/from/file\nEMBEDDER=e5\n")
    s = load_settings({"CHROMA_PATH": "/from/env"}, env)
    assert s.store.path == Path("/from/env") and s.index.embedder == "e5"


def test_dotenv_in_the_working_directory_is_read_when_no_file_is_named(tmp_path, monkeypatch):
    """`.env` is optional: read when present, no error when absent."""
    monkeypatch.chdir(tmp_path)
    assert load_settings({}).index.embedder == "wordllama"
    (tmp_path / ".env").write_text("EMBEDDER=minilm\n")
    assert load_settings({}).index.embedder == "minilm"


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"EMBEDDER": "bert"}, "EMBEDDER"),
        ({"LLM_PROVIDER": "skynet"}, "LLM_PROVIDER"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        ({"CHROMA_PORT": "eighty"}, "CHROMA_PORT"),
        ({"CHROMA_PORT": "70000"}, "CHROMA_PORT"),
        ({"DISCORD_ALLOWED_CHANNELS": "12,abc"}, "DISCORD_ALLOWED_CHANNELS"),
        ({"DISCORD_GUILD_ID": "1.5"}, "DISCORD_GUILD_ID"),
        ({"CHROMA_SSL": "maybe"}, "CHROMA_SSL"),
        ({"CHUNK_SENTENCES": "3", "CHUNK_OVERLAP": "3"}, "CHUNK_OVERLAP"),
        ({"CHUNK_SENTENCES": "0"}, "CHUNK_SENTENCES"),
        ({"MAX_FILE_MB": "nan"}, "MAX_FILE_MB"),
        ({"MAX_FILE_MB": "inf"}, "MAX_FILE_MB"),
        ({"MAX_FILE_MB": "-1"}, "MAX_FILE_MB"),
        ({"FETCH_TIMEOUT_S": "-1"}, "FETCH_TIMEOUT_S"),
        ({"FETCH_TIMEOUT_S": "nan"}, "FETCH_TIMEOUT_S"),
        ({"LLM_TIMEOUT_S": "nan"}, "LLM_TIMEOUT_S"),
        ({"LLM_TIMEOUT_S": "0"}, "LLM_TIMEOUT_S"),
        ({"LLM_TEMPERATURE": "-0.5"}, "LLM_TEMPERATURE"),
        ({"MAX_QUESTION_CHARS": "0"}, "MAX_QUESTION_CHARS"),
        ({"SUMMARY_BULLETS": "21"}, "SUMMARY_BULLETS"),
        ({"RATE_LIMIT_USER": "-1"}, "RATE_LIMIT_USER"),
        ({"RATE_LIMIT_WINDOW_S": "0"}, "RATE_LIMIT_WINDOW_S"),
        ({"SLACK_PORT": "0"}, "SLACK_PORT"),
    ],
)
def test_bad_values_raise_one_line_config_errors(env, named):
    """Every malformed or out-of-range setting names itself and says what it takes."""
    with pytest.raises(ConfigError) as err:
        settings_from_mapping(env)
    assert "\n" not in err.value.message and named in err.value.message
    assert err.value.fix


@pytest.mark.parametrize(
    ("env", "field", "value"),
    [
        ({"LOG_LEVEL": "debug"}, "log_level", "DEBUG"),
        ({"EMBEDDER": "E5"}, "embedder", "e5"),
        ({"LLM_PROVIDER": " OpenAI "}, "provider", "openai"),
        ({"CHROMA_SSL": "yes"}, "ssl", True),
        ({"DISCORD_ADMIN_ROLES": " 1, 2 ,"}, "admin_roles", (1, 2)),
        ({"SLACK_ALLOWED_CHANNELS": "C1,C2"}, "allowed_channels", ("C1", "C2")),
        ({"LLM_TEMPERATURE": "0.7"}, "temperature", 0.7),
        ({"LLM_MAX_RETRIES": ""}, "max_retries", 1),
    ],
)
def test_good_values_are_read_as_their_type(env, field, value):
    """Known values match ignoring case and spaces; lists split on commas; empty means unset."""
    s = settings_from_mapping(env)
    sections = (s, s.index, s.llm, s.store, s.discord, s.slack)
    found = {name: getattr(part, name) for part in sections for name in vars(part)}
    assert found[field] == value


def test_a_named_settings_file_that_is_missing_is_an_error(tmp_path):
    """`--env-file` pointing nowhere stops with one line rather than running on defaults."""
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings({}, tmp_path / "typo.env")
    assert main(["--env-file", str(tmp_path / "typo.env"), "sources"], environ={}) == 4


@pytest.mark.parametrize(
    "content",
    [b"\x00\x01\x02PK\x03\x04", "EMBEDDER=e5\n".encode("utf-16-le"), b"EMBEDDER=\xe9t\xe9\n"],
)
def test_an_unreadable_settings_file_is_one_line(tmp_path, content):
    """Binary, UTF-16 or Latin-1 .env files are refused by name, not half read."""
    path = tmp_path / ".env"
    path.write_bytes(content)
    with pytest.raises(ConfigError, match="is not UTF-8 text") as err:
        load_settings({}, path)
    assert str(path) in err.value.message


def test_secrets_never_show_in_reprs():
    """Tokens stay out of logs and tracebacks."""
    s = settings_from_mapping({"DISCORD_TOKEN": "abc.def", "LLM_API_KEY": "sk-123"})
    assert "abc.def" not in repr(s) and "sk-123" not in repr(s)
    assert s.discord.token == "abc.def" and isinstance(s.llm.api_key, Secret)


def test_every_variable_is_one_row():
    """No variable is read twice, and every row has help text."""
    entries = list(rows(Settings))
    names = [e.row.env for e in entries]
    assert len(names) == len(set(names)) and all(e.row.help for e in entries)


def test_env_example_is_generated_from_the_table():
    """The committed .env.example lists every row with its default and help."""
    assert PATH.read_text(encoding="utf-8") == render_env_example(), (
        "regenerate it: .venv/bin/python -m bot.settings.env_example"
    )

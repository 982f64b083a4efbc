"""Settings: defaults, and an invalid variable gives an error naming it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings

ENV_PREFIXES = ("GEODIGEST_", "DIGEST_", "SLACK_", "DISCORD_")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name.startswith(ENV_PREFIXES):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def test_defaults_run_the_console_on_a_local_file() -> None:
    settings = load_settings()
    assert settings.db == Path("geodigest.db")
    assert settings.discord_token is None and settings.slack_bot_token is None
    assert settings.grace_minutes == 60 and settings.feed_interval_minutes == 30
    assert settings.demo == "auto"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("GEODIGEST_FEED_INTERVAL_MINUTES", "often"),
        ("GEODIGEST_FEED_INTERVAL_MINUTES", "0"),
        ("DIGEST_GRACE_MINUTES", "-5"),
        ("SLACK_MODE", "carrier-pigeon"),
        ("SLACK_PORT", "70000"),
        ("DISCORD_GUILD_ID", "my-server"),
        ("GEODIGEST_DEMO", "sometimes"),
        ("GEODIGEST_LOG_FORMAT", "xml"),
        ("GEODIGEST_SCHEDULES", "cron=0 7 * * *"),
    ],
)
def test_invalid_variable_is_named(variable: str, value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert variable in str(err.value)


def test_env_file_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("GEODIGEST_FEEDS=https://a.example/rss, https://b.example/atom\n"
                                   "SLACK_ADMIN_USERS=U01,U02\n", encoding="utf-8")
    settings = load_settings()
    assert settings.feeds == ["https://a.example/rss", "https://b.example/atom"]
    assert settings.slack_admin_users == ["U01", "U02"]


def test_secrets_do_not_show_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1111-2222-abcdefghijkl")
    settings = load_settings()
    assert "abcdefghijkl" not in repr(settings)
    assert settings.slack_bot_token is not None
    assert settings.slack_bot_token.get_secret_value().endswith("abcdefghijkl")


EXAMPLE = Path(__file__).resolve().parents[1] / ".env.example"


def test_env_example_documents_every_variable() -> None:
    from bot.config import Settings

    text = EXAMPLE.read_text(encoding="utf-8")
    documented = {line.split("=", 1)[0].lstrip("# ").strip() for line in text.splitlines() if "=" in line}
    for name, info in Settings.model_fields.items():
        assert info.validation_alias in documented, f"{info.validation_alias} ({name}) is not documented"


def test_env_example_loads_as_is(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    settings = load_settings()
    assert settings.discord_guild_id is None and settings.digest_cron is None
    assert settings.slack_mode == "socket" and settings.feeds == []


def test_env_example_schedule_examples_parse() -> None:
    from bot.schedules import parse_schedules

    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line.startswith("# GEODIGEST_SCHEDULES="):
            value = line.split("=", 1)[1].strip().strip('"')
            assert [s.name for s in parse_schedules(value)] == ["morning", "weekly"]

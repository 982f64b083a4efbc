"""Settings: defaults, and an invalid variable gives an error naming it."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
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


def test_values_are_case_insensitive_and_cron_nicknames_work(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEODIGEST_LOG_LEVEL", "debug")
    monkeypatch.setenv("SLACK_MODE", "HTTP")
    monkeypatch.setenv("GEODIGEST_DEMO", "Never")
    monkeypatch.setenv("DIGEST_CRON", "@daily")
    monkeypatch.setenv("DIGEST_CHANNELS", "console:here")
    settings = load_settings()
    assert (settings.log_level, settings.slack_mode, settings.demo) == ("DEBUG", "http", "never")
    from bot.schedules import schedules_from_settings

    (daily,) = schedules_from_settings(settings)
    assert daily.cron == "@daily" and daily.next_fire_after(datetime(2026, 1, 5, 12, tzinfo=UTC)) == datetime(
        2026, 1, 6, tzinfo=UTC)


@pytest.mark.parametrize(
    ("env", "needle"),
    [
        ({"DIGEST_TOPICS": "trade,bogus"}, "DIGEST_TOPICS: unknown topic 'bogus' (known: "),
        ({"GEODIGEST_SCHEDULES": "name=a; cron=0 7 * * *; channels=console:x; countries=Narnia"},
         "schedule 1 (a): unknown country 'Narnia'"),
        ({"GEODIGEST_SCHEDULES": "name=a; cron=0 7 * * *; channels=console:x; topics=bogus"},
         "schedule 1 (a): unknown topic 'bogus'"),
        ({"DIGEST_CRON": "0 7 31 2 *", "DIGEST_CHANNELS": "console:x"}, "never fires"),
        ({"DIGEST_CRON": "@reboot", "DIGEST_CHANNELS": "console:x"}, "unknown nickname '@reboot'"),
        ({"GEODIGEST_FEEDS": "https://ok.example/feed.xml,feeds.example/rss"}, "GEODIGEST_FEEDS: 'feeds."),
        ({"DIGEST_CRON": "0 7 * * *", "DIGEST_CHANNELS": "discord:1234"}, "17 to 20 digits"),
    ],
)
def test_unknown_scope_values_and_dead_crons_are_refused_at_start(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], needle: str
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert needle in str(err.value)


def test_known_scope_values_are_normalised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIGEST_TOPICS", "Trade, human rights")
    schedule = "name=a; cron=0 7 * * *; channels=console:x; countries=Japan,kr"
    monkeypatch.setenv("GEODIGEST_SCHEDULES", schedule)
    settings = load_settings()
    assert settings.digest_topics == ["trade", "human-rights"]
    from bot.schedules import schedules_from_settings

    assert schedules_from_settings(settings)[0].countries == ("JP", "KR")


def test_pyproject_declares_what_a_plain_install_needs() -> None:
    import tomllib

    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())["project"]
    names = {re.split(r"[<>=\[ ]", d)[0].lower().replace("-", "_") for d in project["dependencies"]}
    # trafilatura's HTML cleaning comes through an extra that pip 23.2 does not pull
    assert "lxml_html_clean" in names
    assert project["license"] == "MIT"  # an SPDX string: no setuptools deprecation warning at install


def test_start_up_is_quiet(caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import logging

    from bot.logging import setup_logging

    stream = io.StringIO()
    handler = setup_logging("INFO", "text", stream=stream)
    try:
        monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-not-used")
        from adapters.discord.client import DiscordConfig, GeoDigestClient
        from adapters.slack.app import SlackAdapter, SlackConfig

        GeoDigestClient(DiscordConfig(token="t"), lambda c, o, x: None)  # type: ignore[arg-type,return-value]
        SlackAdapter(SlackConfig(bot_token="xoxb-1", app_token="xapp-1"), lambda c, a, x: None)  # type: ignore[arg-type,return-value]
        logging.getLogger("httpx").info("HTTP Request: GET https://x.example/ 200 OK")
    finally:
        logging.getLogger().removeHandler(handler)
    assert "will be unused" not in stream.getvalue()
    assert "voice will NOT be supported" not in stream.getvalue()
    assert "HTTP Request" not in stream.getvalue()

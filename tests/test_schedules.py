"""Schedules from the environment: the shorthand, several schedules, and clear errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.config import ConfigError, load_settings
from bot.schedules import Schedule, Target, parse_schedules, parse_target, schedules_from_settings

ENV_PREFIXES = ("GEODIGEST_", "DIGEST_", "SLACK_", "DISCORD_")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    import os

    for name in list(os.environ):
        if name.startswith(ENV_PREFIXES):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # type: ignore[arg-type]  # no stray .env file


def test_several_schedules_parse_with_scope_and_targets() -> None:
    text = (
        "name=morning; cron=0 7 * * 1-5; tz=Asia/Seoul; channels=slack:C01ABCDEF, discord:123456789012345678;"
        " topics=trade,security; countries=kr,jp | name=weekly; cron=0  9 * * 1; channels=slack:C0456XYZ;"
        " entities=Xi Jinping"
    )
    morning, weekly = parse_schedules(text)
    assert morning.name == "morning" and morning.timezone == "Asia/Seoul"
    assert morning.targets == (Target("slack", "C01ABCDEF"), Target("discord", "123456789012345678"))
    assert morning.topics == ("trade", "security") and morning.countries == ("KR", "JP")
    assert weekly.cron == "0 9 * * 1" and weekly.timezone == "UTC" and weekly.entities == ("Xi Jinping",)


def test_schedules_may_be_one_per_line() -> None:
    text = "name=a; cron=0 7 * * *; channels=slack:C0AAAAAA\n name=b; cron=0 8 * * *; channels=slack:C0BBBB\n"
    assert [s.name for s in parse_schedules(text)] == ["a", "b"]


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("name=a; cron=0 7 * *; channels=slack:C0AAAAAA", "bad cron"),
        ("name=a; cron=0 7 * * *; tz=Mars/Olympus; channels=slack:C0AAAAAA", "unknown timezone"),
        ("name=a; cron=0 7 * * *; channels=slack:#general", "Slack channel ID"),
        ("name=a; cron=0 7 * * *; channels=discord:general", "Discord channel ID of 17 to 20 digits"),
        ("name=a; cron=0 7 * * *; channels=teams:C0AAAAAA", "slack:CHANNEL_ID"),
        ("name=a; cron=0 7 * * *", "channels=... is required"),
        ("name=a; channels=slack:C0AAAAAA", "cron=... is required"),
        ("name=a; crn=0 7 * * *; channels=slack:C0AAAAAA", "unknown key 'crn'"),
        ("name=a; cron 0 7 * * *; channels=slack:C0AAAAAA", "not key=value"),
        ("name=a; cron=0 7 * * *; channels=slack:C0AAAAAA | name=a; cron=1 7 * * *; channels=slack:C0AAAAAA",
         "two schedules are named 'a'"),
    ],
)
def test_bad_schedules_name_the_variable_and_the_problem(text: str, needle: str) -> None:
    with pytest.raises(ConfigError) as err:
        parse_schedules(text)
    assert str(err.value).startswith("GEODIGEST_SCHEDULES: schedule")
    assert needle in str(err.value)


def test_shorthand_and_list_combine() -> None:
    settings = load_settings(
        DIGEST_CRON="30 6 * * *",
        DIGEST_TIMEZONE="Europe/Paris",
        DIGEST_CHANNELS="slack:C0AAAAAA,slack:C0AAAAAA",
        DIGEST_TOPICS="energy",
        GEODIGEST_SCHEDULES="name=weekly; cron=0 9 * * 1; channels=discord:123456789012345678",
    )
    shorthand, weekly = schedules_from_settings(settings)
    assert shorthand.source == "DIGEST_CRON" and shorthand.timezone == "Europe/Paris"
    assert shorthand.targets == (Target("slack", "C0AAAAAA"),)  # duplicates collapse
    assert shorthand.topics == ("energy",)
    assert weekly.targets == (Target("discord", "123456789012345678"),)


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"DIGEST_CRON": "0 7 * * *"}, "DIGEST_CHANNELS"),
        ({"DIGEST_CHANNELS": "slack:C0AAAAAA"}, "DIGEST_CRON"),
        ({"DIGEST_CRON": "0 7 * * *", "DIGEST_CHANNELS": "slack:C0AAAAAA", "DIGEST_TIMEZONE": "Nowhere"},
         "DIGEST_TIMEZONE"),
        ({"DIGEST_CRON": "61 7 * * *", "DIGEST_CHANNELS": "slack:C0AAAAAA"}, "DIGEST_CRON"),
        ({"DIGEST_CRON": "0 7 * * *", "DIGEST_CHANNELS": "C0AAAAAA"}, "DIGEST_CHANNELS"),
    ],
)
def test_shorthand_errors_name_the_variable(
    env: dict[str, str], variable: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert str(err.value).startswith(variable + ":")


def test_last_and_next_fire_times_follow_the_timezone() -> None:
    schedule = Schedule(
        name="m", cron="0 7 * * 1-5", timezone="Asia/Seoul", targets=(Target("slack", "C0AAAAAA"),)
    )
    # Monday 2026-01-05 00:30 UTC is 09:30 in Seoul: the last fire was 07:00 Seoul that day (22:00 UTC Sunday)
    now = datetime(2026, 1, 5, 0, 30, tzinfo=UTC)
    last = schedule.last_fire_before(now)
    assert last is not None and last.astimezone(UTC) == datetime(2026, 1, 4, 22, 0, tzinfo=UTC)
    nxt = schedule.next_fire_after(now)
    assert nxt is not None and nxt.astimezone(UTC) == datetime(2026, 1, 5, 22, 0, tzinfo=UTC)
    # Saturday morning: the last weekday fire was Friday's
    saturday = datetime(2026, 1, 10, 3, 0, tzinfo=UTC)
    friday = schedule.last_fire_before(saturday)
    assert friday is not None and friday.astimezone(UTC) == datetime(2026, 1, 8, 22, 0, tzinfo=UTC)
    assert schedule.last_fire_before(saturday, within=timedelta(hours=1)) is None


def test_parse_target_accepts_both_platforms() -> None:
    assert str(parse_target(" discord:123456789012345678 ", "X")) == "discord:123456789012345678"
    assert parse_target("SLACK:C0AAAAAA", "X").platform == "slack"


@pytest.mark.parametrize("weekday", ["0", "7", "sun"])
def test_cron_weekdays_count_from_sunday_as_crontab_does(weekday: str) -> None:
    schedule = Schedule(name="s", cron=f"0 12 * * {weekday}", targets=(Target("slack", "C0AAAAAA"),))
    fire = schedule.next_fire_after(datetime(2026, 1, 5, tzinfo=UTC))  # a Monday
    assert fire is not None and fire.date().isoformat() == "2026-01-11" and fire.weekday() == 6

"""Digests posted as threads, end to end on the Slack and Discord loopback fakes: a header message,
then the stories in its thread (Slack replies with ``thread_ts``; a Discord thread started from
the header, or a post in a forum channel), each part exactly once even when the process dies
mid-way. Also feed alerts through the same posters, and the thread settings."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import discord
import pytest
from slack_sdk.web.async_client import AsyncWebClient

from adapters.delivery import Part, ThreadPoster
from adapters.discord.client import DiscordPoster
from adapters.slack.app import SlackPoster
from bot.config import ConfigError, load_settings
from bot.scheduler import DigestScheduler
from bot.schedules import Schedule, Target, parse_schedules, schedules_from_settings
from digests.fetch import FetchPolicy
from digests.store import Store
from tests.fakes import long_digest
from tests.fakes.discord import BOT_ID, CHANNEL_ID, TOKEN, FakeDiscord, message_problems
from tests.fakes.slack import BOT_TOKEN, FakeSlack, block_kit_problems

FIRE = datetime(2026, 2, 6, 7, 0, tzinfo=UTC)
NOW = FIRE + timedelta(minutes=10)
STORIES = 5
PARTS = 1 + STORIES + 1  # the header, one message a story, coming up and who is talking
SLACK = Target("slack", "C0DIGEST")
DISCORD = Target("discord", CHANNEL_ID)
FORUM_ID = "1100000000000000009"


class Killed(BaseException):
    """The process dying: not an Exception, so nothing in the code under test swallows it."""


class ShortDigestScheduler(DigestScheduler):
    """The real scheduler with a five-story test digest."""

    async def _build(self, schedule: Schedule, fire: datetime, channel: str) -> Any:
        return long_digest(STORIES)


class Dying:
    """A real thread poster that dies right after the platform accepted part ``after_part`` (1-based)."""

    def __init__(self, real: Any, after_part: int) -> None:
        self.real = real
        self.after_part = after_part

    def render(self, digest: Any) -> list[dict[str, Any]]:
        return list(self.real.render(digest))

    def render_thread(self, digest: Any) -> list[dict[str, Any]]:
        return list(self.real.render_thread(digest))

    async def post_part(self, channel_id: str, payload: dict[str, Any], part: Part) -> str:
        mid = str(await self.real.post_part(channel_id, payload, part))
        if part.index + 1 == self.after_part:
            raise Killed(f"died after the platform accepted part {part.index + 1}")
        return mid

    async def find_part(self, channel_id: str, payload: dict[str, Any], part: Part) -> str | None:
        return await self.real.find_part(channel_id, payload, part)


def threaded(target: Target) -> Schedule:
    return Schedule(name="morning", cron="0 7 * * *", timezone="UTC", targets=(target,), threads=True)


def make(db: Path, platform: str, poster: Any, target: Target, *, schedule: Schedule | None = None,
         **kwargs: Any) -> DigestScheduler:
    async def no_sleep(seconds: float) -> None:
        return None

    return ShortDigestScheduler(Store.open(db), [schedule or threaded(target)], {platform: poster},
                                clock=lambda: NOW, sleep=no_sleep, **kwargs)


def state(db: Path, target: Target) -> tuple[str, dict[str, Any]]:
    with Store.open(db) as store:
        row = store.db.execute("SELECT state, detail FROM deliveries WHERE channel = ?",
                               [str(target)]).fetchone()
    return str(row[0]), json.loads(row[1] or "{}")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "threads.db"
    Store.open(path).close()
    yield path


def slack_poster(fake: FakeSlack) -> SlackPoster:
    return SlackPoster(AsyncWebClient(token=BOT_TOKEN, base_url=fake.api_url), post_interval=0.0)


@pytest.fixture
def discord_fake(discord_fake: FakeDiscord) -> FakeDiscord:
    """The shared fake, with a forum channel."""
    discord_fake.forums.add(FORUM_ID)
    return discord_fake


@pytest.fixture
async def discord_client(discord_fake: FakeDiscord) -> AsyncIterator[discord.Client]:
    client = discord.Client(intents=discord.Intents.none(), allowed_mentions=discord.AllowedMentions.none())
    await client.login(TOKEN)  # REST only: posting needs no gateway connection
    try:
        yield client
    finally:
        await client.close()


def parts_of(posts: list[dict[str, Any]]) -> list[int]:
    out = []
    for body in posts:
        meta = body.get("metadata")
        meta = json.loads(meta) if isinstance(meta, str) else meta
        out.append(int(meta["event_payload"]["part"]))
    return out


# --- the renderers ------------------------------------------------------------------------------


def test_thread_renderings_have_a_header_then_one_message_a_story() -> None:
    from adapters.discord.embeds import digest_thread_payloads as discord_thread
    from adapters.slack.blocks import digest_thread_payloads as slack_thread

    digest = long_digest(30)
    for payloads, problems in ((slack_thread(digest), block_kit_problems),
                               (discord_thread(digest), message_problems)):
        assert len(payloads) == 1 + 30 + 1
        assert all(not problems(p) for p in payloads)
    slack_head = json.dumps(slack_thread(digest)[0], ensure_ascii=False)
    assert "30 stories" in slack_head and "30. " in slack_head  # every headline, numbered
    discord_head = discord_thread(digest)[0]
    assert "30 stories" in discord_head["content"] and discord_head["thread_name"] == digest.title
    empty = long_digest(0).model_copy(update={"empty": True, "stories": []})
    assert len(slack_thread(empty)) == 1 and len(discord_thread(empty)) == 1


async def test_both_posters_post_threads(slack: FakeSlack, discord_client: discord.Client) -> None:
    assert isinstance(slack_poster(slack), ThreadPoster)
    assert isinstance(DiscordPoster(discord_client), ThreadPoster)


# --- Slack --------------------------------------------------------------------------------------


async def test_slack_digest_as_a_thread(db: Path, slack: FakeSlack) -> None:
    sched = make(db, "slack", slack_poster(slack), SLACK)
    (delivery,) = await sched.run_due(sched.schedules[0], FIRE)
    assert delivery.state == "sent" and len(delivery.messages) == PARTS
    header, *replies = slack.posts
    assert "thread_ts" not in header and "5 stories" in header["text"]
    ts = delivery.messages[0]
    assert [r["thread_ts"] for r in replies] == [ts] * (PARTS - 1)
    assert [m["ts"] for m in slack.history["C0DIGEST"]] == [ts]  # the channel shows the header only
    assert len(slack.replies[("C0DIGEST", ts)]) == PARTS - 1
    assert not any(block_kit_problems(p) for p in slack.posts)
    assert state(db, SLACK)[1]["messages"] == list(delivery.messages)


async def test_slack_thread_killed_mid_way_resumes_without_a_duplicate(db: Path, slack: FakeSlack) -> None:
    first = make(db, "slack", Dying(slack_poster(slack), after_part=3), SLACK)
    with pytest.raises(Killed):
        await first.run_due(first.schedules[0], FIRE)
    assert len(slack.posts) == 3 and state(db, SLACK)[0] == "pending"
    first.store.close()
    restarted = make(db, "slack", slack_poster(slack), SLACK)
    (delivery,) = await restarted.catch_up()
    assert delivery.state == "sent"
    assert parts_of(slack.posts) == list(range(PARTS))  # part 3 was found in the thread, not re-posted
    header_ts = delivery.messages[0]
    assert all(p.get("thread_ts") == header_ts for p in slack.posts[1:])
    assert any(m == "conversations.replies" for m, _ in slack.calls)


async def test_slack_thread_header_killed_after_posting_is_found_not_reposted(
    db: Path, slack: FakeSlack
) -> None:
    first = make(db, "slack", Dying(slack_poster(slack), after_part=1), SLACK)
    with pytest.raises(Killed):
        await first.run_due(first.schedules[0], FIRE)
    first.store.close()
    (delivery,) = await make(db, "slack", slack_poster(slack), SLACK).catch_up()
    assert delivery.state == "sent" and parts_of(slack.posts) == list(range(PARTS))
    assert len(slack.history["C0DIGEST"]) == 1


async def test_slack_thread_channels_setting_threads_a_plain_schedule(db: Path, slack: FakeSlack) -> None:
    plain = Schedule(name="morning", cron="0 7 * * *", timezone="UTC", targets=(SLACK,))
    unthreaded = make(db, "slack", slack_poster(slack), SLACK, schedule=plain)
    assert not unthreaded.threaded(plain, SLACK)
    sched = make(db, "slack", slack_poster(slack), SLACK, schedule=plain, thread_channels=["slack:C0DIGEST"])
    (delivery,) = await sched.run_due(plain, FIRE)
    assert delivery.state == "sent" and all("thread_ts" in p for p in slack.posts[1:])


# --- Discord ------------------------------------------------------------------------------------


async def test_discord_digest_as_a_thread_started_from_the_header(
    db: Path, discord_fake: FakeDiscord, discord_client: discord.Client
) -> None:
    sched = make(db, "discord", DiscordPoster(discord_client), DISCORD)
    (delivery,) = await sched.run_due(sched.schedules[0], FIRE)
    assert delivery.state == "sent" and len(delivery.messages) == PARTS
    header = delivery.messages[0]
    posts = discord_fake.channel_posts
    assert [p["channel"] for p in posts] == [CHANNEL_ID] + [header] * (PARTS - 1)
    (start,) = discord_fake.thread_starts
    assert start["channel"] == CHANNEL_ID and start["message"] == header
    assert start["body"]["name"] == long_digest(STORIES).title
    assert "5 stories" in posts[0]["body"]["content"]
    assert all(p["body"]["allowed_mentions"] == {"parse": []} for p in posts)


async def test_discord_thread_killed_mid_way_resumes_without_a_duplicate(
    db: Path, discord_fake: FakeDiscord, discord_client: discord.Client
) -> None:
    first = make(db, "discord", Dying(DiscordPoster(discord_client), after_part=3), DISCORD)
    with pytest.raises(Killed):
        await first.run_due(first.schedules[0], FIRE)
    assert len(discord_fake.channel_posts) == 3
    first.store.close()
    # a new poster: it does not know the thread exists, starts it again and is told it does
    (delivery,) = await make(db, "discord", DiscordPoster(discord_client), DISCORD).catch_up()
    assert delivery.state == "sent"
    header = delivery.messages[0]
    assert len(discord_fake.channel_messages[header]) == PARTS - 1  # part 3's nonce returned the original
    assert len(discord_fake.channel_messages[CHANNEL_ID]) == 1
    assert len(discord_fake.thread_starts) == 1
    tries = [path for method, path, _ in discord_fake.requests
             if method == "POST" and path.endswith("/threads")]
    assert len(tries) == 2  # the second start was told the thread exists (160004), and went on


async def test_discord_forum_channel_gets_a_post_with_the_stories_in_it(
    db: Path, discord_fake: FakeDiscord, discord_client: discord.Client
) -> None:
    forum = Target("discord", FORUM_ID)
    first = make(db, "discord", Dying(DiscordPoster(discord_client), after_part=1), forum)
    with pytest.raises(Killed):
        await first.run_due(first.schedules[0], FIRE)  # died once the forum post existed
    first.store.close()
    (delivery,) = await make(db, "discord", DiscordPoster(discord_client), forum).catch_up()
    assert delivery.state == "sent"
    (post,) = discord_fake.thread_starts  # found among the active threads, not posted again
    thread = post["message"]
    assert delivery.messages[0] == thread and discord_fake.threads[thread]["parent_id"] == FORUM_ID
    assert post["body"]["name"] == long_digest(STORIES).title
    assert len(discord_fake.channel_messages[thread]) == PARTS  # the starter and every story
    assert all(p["channel"] == thread for p in discord_fake.channel_posts)


async def test_discord_plain_digest_to_a_forum_is_refused_with_the_fix(
    db: Path, discord_fake: FakeDiscord, discord_client: discord.Client
) -> None:
    forum = Target("discord", FORUM_ID)
    plain = Schedule(name="morning", cron="0 7 * * *", timezone="UTC", targets=(forum,))
    sched = make(db, "discord", DiscordPoster(discord_client), forum, schedule=plain)
    (delivery,) = await sched.run_due(plain, FIRE)
    assert delivery.state == "failed" and "threads=yes" in delivery.detail
    assert discord_fake.thread_starts == []


# --- feed alerts through the platform posters ---------------------------------------------------


async def test_feed_alerts_reach_slack_once(db: Path, slack: FakeSlack, web: Any) -> None:
    sched = DigestScheduler(Store.open(db), [], {"slack": slack_poster(slack)}, feeds=[web.url("/error")],
                            fetch_policy=FetchPolicy(allow_private=True), admin_channel=SLACK,
                            feed_alert_after=2)
    await sched.poll_feeds()
    assert slack.posts == []
    await sched.poll_feeds()
    await sched.poll_feeds()
    (alert,) = slack.posts
    assert "Feed failing" in alert["text"] and not block_kit_problems(alert)
    assert "HTTP 500" in json.dumps(alert)


async def test_feed_alerts_reach_discord_once(
    db: Path, discord_fake: FakeDiscord, discord_client: discord.Client, web: Any
) -> None:
    sched = DigestScheduler(Store.open(db), [], {"discord": DiscordPoster(discord_client)},
                            feeds=[web.url("/error")], fetch_policy=FetchPolicy(allow_private=True),
                            admin_channel=DISCORD, feed_alert_after=1)
    await sched.poll_feeds()
    await sched.poll_feeds()
    (alert,) = discord_fake.channel_posts
    assert "Feed failing" in json.dumps(alert["body"]) and alert["body"]["nonce"]


# --- settings -----------------------------------------------------------------------------------


def test_thread_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    (morning, weekly) = parse_schedules(
        "name=morning; cron=0 7 * * *; channels=slack:C0123ABCD; threads=yes | "
        "name=weekly; cron=0 9 * * 1; channels=slack:C0123ABCD")
    assert morning.threads and not weekly.threads and "as threads" in morning.describe()
    with pytest.raises(ConfigError, match="threads must be yes or no"):
        parse_schedules("name=a; cron=0 7 * * *; channels=slack:C0123ABCD; threads=sometimes")
    settings = load_settings(DIGEST_CRON="0 7 * * *", DIGEST_CHANNELS="slack:C0123ABCD",
                             DIGEST_THREADS="true")
    assert schedules_from_settings(settings)[0].threads
    listed = load_settings(GEODIGEST_THREAD_CHANNELS="slack:C0123ABCD, discord:123456789012345678")
    assert listed.thread_channels == ["slack:C0123ABCD", "discord:123456789012345678"]
    with pytest.raises(ConfigError, match="GEODIGEST_THREAD_CHANNELS"):
        load_settings(GEODIGEST_THREAD_CHANNELS="#general")
    assert BOT_ID  # the fake's bot owns the threads it starts

"""Scheduled delivery resumes after a crash: nothing lost, nothing posted twice.

End to end over the fake Slack and Discord servers with the real slack_sdk and discord.py
code paths and the real scheduler on a real SQLite store. A "kill" is a BaseException raised
right after the platform accepted a part (before the scheduler could record it); a "restart"
is a new Store connection and a new DigestScheduler on the same file. One test kills a real
child process with ``os._exit``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import discord
import discord.gateway
import discord.http
import pytest
from slack_sdk.web.async_client import AsyncWebClient

from adapters.delivery import Part, PartPoster
from adapters.discord.client import DiscordPoster
from adapters.slack.app import SlackPoster
from bot.scheduler import DigestScheduler, payloads_hash, period_key
from bot.schedules import Schedule, Target
from digests.store import Store
from tests.commands_corpus import load_corpus
from tests.fakes import long_digest
from tests.fakes.discord import CHANNEL_ID, TOKEN, FakeDiscord
from tests.fakes.slack import BOT_TOKEN, FakeSlack

FIRE = datetime(2026, 2, 6, 7, 0, tzinfo=UTC)
NOW = FIRE + timedelta(minutes=10)
SLACK = Target("slack", "C0DIGEST")
DISCORD = Target("discord", CHANNEL_ID)
CHILD = Path(__file__).resolve().parent / "delivery_child.py"


class Killed(BaseException):
    """The process dying: not an Exception, so no handler in the code under test swallows it."""


class LongDigestScheduler(DigestScheduler):
    """The real scheduler with the long test digest (several messages on both platforms)."""

    stories = 30

    async def _build(self, schedule: Schedule, fire: datetime, channel: str) -> Any:
        return long_digest(self.stories)


class Dying:
    """A real poster that 'dies' around one part: after the platform accepted it, or before sending."""

    def __init__(self, real: Any, *, after_part: int | None = None, before_part: int | None = None) -> None:
        self.real = real
        self.after_part = after_part  # 1-based
        self.before_part = before_part

    def render(self, digest: Any) -> list[dict[str, Any]]:
        return list(self.real.render(digest))

    async def post_part(self, channel_id: str, payload: dict[str, Any], part: Part) -> str:
        if part.index + 1 == self.before_part:
            raise Killed(f"died before sending part {part.index + 1}")
        mid = str(await self.real.post_part(channel_id, payload, part))
        if part.index + 1 == self.after_part:
            raise Killed(f"died after the platform accepted part {part.index + 1}")
        return mid

    async def find_part(self, channel_id: str, payload: dict[str, Any], part: Part) -> str | None:
        found = await self.real.find_part(channel_id, payload, part)
        return str(found) if found is not None else None


def schedule(*targets: Target) -> Schedule:
    return Schedule(name="morning", cron="0 7 * * *", timezone="UTC", targets=targets)


def make(
    db: Path, platform: str, poster: Any, *, target: Target,
    cls: type[DigestScheduler] = LongDigestScheduler, **kwargs: Any,
) -> DigestScheduler:
    async def no_sleep(seconds: float) -> None:
        return None

    return cls(Store.open(db), [schedule(target)], {platform: poster}, clock=lambda: NOW, sleep=no_sleep,
               **kwargs)


def row(db: Path, target: Target) -> tuple[str, dict[str, Any]]:
    with Store.open(db) as store:
        found = store.db.execute(
            "SELECT state, detail FROM deliveries WHERE channel = ? AND period_key = ?",
            [str(target), period_key(FIRE)],
        ).fetchone()
    assert found is not None
    return str(found[0]), json.loads(found[1] or "{}")


def set_detail(db: Path, progress: dict[str, Any], target: Target = SLACK) -> None:
    with Store.open(db) as store, store.transaction():
        store.db.execute("UPDATE deliveries SET detail = ? WHERE channel = ?",
                         [json.dumps(progress), str(target)])


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "deliveries.db"
    load_corpus(path).close()
    yield path


def slack_poster(fake: FakeSlack) -> SlackPoster:
    return SlackPoster(AsyncWebClient(token=BOT_TOKEN, base_url=fake.api_url), post_interval=0.0)


@pytest.fixture
async def discord_poster(discord_fake: FakeDiscord) -> AsyncIterator[DiscordPoster]:
    client = discord.Client(intents=discord.Intents.none(), allowed_mentions=discord.AllowedMentions.none())
    await client.login(TOKEN)  # REST only: posting needs no gateway connection
    try:
        yield DiscordPoster(client)
    finally:
        await client.close()


def expected_slack(digest_stories: int = 30) -> list[Any]:
    return [p["blocks"] for p in slack_poster(FakeSlack()).render(long_digest(digest_stories))]


def discord_text(embeds: list[dict[str, Any]]) -> list[tuple[Any, Any]]:
    # discord.py round-trips embeds through discord.Embed, so compare what a reader sees
    return [(e.get("title"), e.get("description")) for e in embeds]


def expected_discord(stories: int = 30) -> list[Any]:
    from adapters.discord.embeds import digest_payloads

    return [discord_text(p["embeds"]) for p in digest_payloads(long_digest(stories))]


# --- the poster contract ------------------------------------------------------------------------


def test_part_identity_is_deterministic_and_fits_discord() -> None:
    part = Part("morning", "discord:1", "2026-02-06T07:00+00:00", 0, 3, 1.0)
    again = Part("morning", "discord:1", "2026-02-06T07:00+00:00", 0, 3, 99.0)
    others = [
        Part("morning", "discord:1", "2026-02-06T07:00+00:00", 1, 3, 1.0),
        Part("morning", "discord:2", "2026-02-06T07:00+00:00", 0, 3, 1.0),
        Part("evening", "discord:1", "2026-02-06T07:00+00:00", 0, 3, 1.0),
        Part("morning", "discord:1", "2026-02-07T07:00+00:00", 0, 3, 1.0),
    ]
    assert part.nonce == again.nonce and part.delivery_key == again.delivery_key
    assert len({part.nonce, *(o.nonce for o in others)}) == 5
    assert all(len(p.nonce) <= 25 for p in [part, *others])


async def test_both_posters_are_part_posters(slack: FakeSlack, discord_poster: DiscordPoster) -> None:
    assert isinstance(slack_poster(slack), PartPoster) and isinstance(discord_poster, PartPoster)


# --- Slack --------------------------------------------------------------------------------------


async def test_slack_killed_after_part_one_resumes_without_a_duplicate(
    db: Path, slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    first = make(db, "slack", Dying(slack_poster(slack), after_part=1), target=SLACK)
    with pytest.raises(Killed):
        await first.catch_up()
    first.store.close()
    state, progress = row(db, SLACK)
    assert state == "pending" and progress["inflight"] == 0 and progress["posted"] == []
    assert len(slack.posts) == 1  # Slack has part 1; the store does not know it

    restarted = make(db, "slack", slack_poster(slack), target=SLACK)
    with caplog.at_level(logging.INFO):
        results = await restarted.catch_up()
    assert [r.state for r in results] == ["sent"]
    want = expected_slack()
    assert len(want) >= 3
    assert [p["blocks"] for p in slack.posts] == want  # every part once, in order
    ts = [m["ts"] for m in slack.history["C0DIGEST"]]
    assert list(results[0].messages) == ts and len(set(ts)) == len(ts)
    assert "already posted before the interruption" in caplog.text
    state, detail = row(db, SLACK)
    assert state == "sent" and detail["messages"] == ts and detail["parts"] == len(want)
    # every part carries the metadata the look-up relies on
    parts = [p["metadata"]["event_payload"]["part"] for p in slack.posts]
    assert parts == list(range(len(want)))


async def test_slack_killed_after_a_middle_part_posts_only_the_rest(db: Path, slack: FakeSlack) -> None:
    first = make(db, "slack", Dying(slack_poster(slack), after_part=2), target=SLACK)
    with pytest.raises(Killed):
        await first.catch_up()
    first.store.close()
    state, progress = row(db, SLACK)
    assert state == "pending" and len(progress["posted"]) == 1 and progress["inflight"] == 1
    await make(db, "slack", slack_poster(slack), target=SLACK).catch_up()
    assert [p["blocks"] for p in slack.posts] == expected_slack()


async def test_slack_killed_after_the_last_part_only_records_the_delivery(db: Path, slack: FakeSlack) -> None:
    last = len(expected_slack())
    first = make(db, "slack", Dying(slack_poster(slack), after_part=last), target=SLACK)
    with pytest.raises(Killed):
        await first.catch_up()
    first.store.close()
    assert len(slack.posts) == last and row(db, SLACK)[0] == "pending"
    results = await make(db, "slack", slack_poster(slack), target=SLACK).catch_up()
    assert [r.state for r in results] == ["sent"] and len(results[0].messages) == last
    assert [p["blocks"] for p in slack.posts] == expected_slack()


async def test_slack_killed_before_anything_was_posted_posts_everything_once(
    db: Path, slack: FakeSlack
) -> None:
    # the real digest of the store (no override): its build is deterministic
    first = make(db, "slack", Dying(slack_poster(slack), before_part=1), target=SLACK, cls=DigestScheduler)
    with pytest.raises(Killed):
        await first.catch_up()
    digest = await first._build(schedule(SLACK), FIRE, str(SLACK))  # what the resume must rebuild
    assert not digest.empty
    first.store.close()
    assert slack.posts == [] and row(db, SLACK)[0] == "pending"
    poster = slack_poster(slack)
    restarted = make(db, "slack", poster, target=SLACK, cls=DigestScheduler)
    results = await restarted.catch_up()
    assert [r.state for r in results] == ["sent"]
    assert [p["blocks"] for p in slack.posts] == [p["blocks"] for p in poster.render(digest)]


async def test_slack_completed_delivery_posts_nothing_on_restart(db: Path, slack: FakeSlack) -> None:
    done = await make(db, "slack", slack_poster(slack), target=SLACK).catch_up()
    assert [r.state for r in done] == ["sent"]
    count = len(slack.posts)
    again = make(db, "slack", slack_poster(slack), target=SLACK)
    assert await again.catch_up() == []
    assert [r.state for r in await again.run_due(schedule(SLACK), FIRE)] == ["skipped"]
    assert len(slack.posts) == count and not [c for c, _ in slack.calls if c == "conversations.history"]


async def test_slack_connection_dropped_after_the_message_was_created_is_not_reposted(
    db: Path, slack: FakeSlack
) -> None:
    slack.drop_after_create = 1  # part 1 is created, the answer never arrives
    results = await make(db, "slack", slack_poster(slack), target=SLACK).catch_up()
    assert [r.state for r in results] == ["sent"]
    assert [p["blocks"] for p in slack.posts] == expected_slack()
    assert [c for c, _ in slack.calls].count("conversations.history") == 1


async def test_slack_answer_cut_off_mid_body_after_the_message_was_created_is_not_reposted(
    db: Path, slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    slack.garble_after_create = 1  # part 1 is created, its answer is half a JSON document
    with caplog.at_level(logging.WARNING):
        results = await make(db, "slack", slack_poster(slack), target=SLACK).catch_up()
    assert [r.state for r in results] == ["sent"]
    assert [p["blocks"] for p in slack.posts] == expected_slack()
    retried = [r.getMessage() for r in caplog.records if "retrying" in r.getMessage()]
    # the retry says what went wrong (it read "'ClientResponse' object has no attribute 'get'")
    assert len(retried) == 1 and "unreadable answer" in retried[0] and "attribute" not in retried[0]


async def test_slack_look_up_pages_through_a_busy_channel(db: Path, slack: FakeSlack) -> None:
    first = make(db, "slack", Dying(slack_poster(slack), after_part=1), target=SLACK)
    with pytest.raises(Killed):
        await first.catch_up()
    first.store.close()
    # people talk in the channel after the crash: our part is several history pages back
    for n in range(7):
        slack.history["C0DIGEST"].append({"type": "message", "user": "U0ALICE", "text": f"chat {n}",
                                          "ts": f"{int(time.time())}.{900000 + n:06d}"})
    slack.history_page = 3
    await make(db, "slack", slack_poster(slack), target=SLACK).catch_up()
    assert [p["blocks"] for p in slack.posts] == expected_slack()
    assert [c for c, _ in slack.calls].count("conversations.history") == 3


async def test_slack_without_the_history_scope_reposts_the_inflight_part_and_says_why(
    db: Path, slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    first = make(db, "slack", Dying(slack_poster(slack), after_part=1), target=SLACK)
    with pytest.raises(Killed):
        await first.catch_up()
    first.store.close()
    slack.history_scope = False
    with caplog.at_level(logging.ERROR):
        await make(db, "slack", slack_poster(slack), target=SLACK).catch_up()
    want = expected_slack()
    # at least once rather than lost: part 1 twice, the rest once
    assert [p["blocks"] for p in slack.posts] == [want[0], *want]
    assert "channels:history" in caplog.text


async def test_slack_store_changed_before_the_resume_posts_only_missing_parts_by_index(
    db: Path, slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    first = make(db, "slack", Dying(slack_poster(slack), after_part=2), target=SLACK)
    with pytest.raises(Killed):
        await first.catch_up()
    first.store.close()
    old_hash = row(db, SLACK)[1]["digest_hash"]

    class Grown(LongDigestScheduler):
        stories = 36  # more articles arrived: the digest renders differently

    with caplog.at_level(logging.WARNING):
        await make(db, "slack", slack_poster(slack), target=SLACK, cls=Grown).catch_up()
    old, new = expected_slack(30), expected_slack(36)
    assert payloads_hash(slack_poster(slack).render(long_digest(36))) == row(db, SLACK)[1]["digest_hash"]
    assert old_hash != row(db, SLACK)[1]["digest_hash"]
    assert [p["blocks"] for p in slack.posts] == [old[0], old[1], *new[2:]]
    assert "renders differently" in caplog.text


async def test_slack_real_process_killed_mid_delivery_then_restarted(db: Path, slack: FakeSlack) -> None:
    env = {**os.environ, "PYTHONPATH": str(CHILD.parents[1])}
    child = await asyncio.create_subprocess_exec(
        sys.executable, str(CHILD), str(db), slack.api_url, "2",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, env=env,
    )
    _, err = await asyncio.wait_for(child.communicate(), timeout=60)
    assert child.returncode == 17, err.decode()[-2000:]
    assert len(slack.posts) == 2
    state, progress = row(db, SLACK)
    assert state == "pending" and progress["owner"]["pid"] == child.pid and progress["inflight"] == 1

    results = await make(db, "slack", slack_poster(slack), target=SLACK).catch_up()
    assert [r.state for r in results] == ["sent"]
    assert [p["blocks"] for p in slack.posts] == expected_slack()
    assert len({m["ts"] for m in slack.history["C0DIGEST"]}) == len(slack.posts)


# --- Discord ------------------------------------------------------------------------------------


async def test_discord_killed_after_part_one_resumes_without_a_duplicate(
    db: Path, discord_fake: FakeDiscord, discord_poster: DiscordPoster
) -> None:
    first = make(db, "discord", Dying(discord_poster, after_part=1), target=DISCORD)
    with pytest.raises(Killed):
        await first.catch_up()
    first.store.close()
    state, progress = row(db, DISCORD)
    assert state == "pending" and progress["inflight"] == 0 and len(discord_fake.channel_posts) == 1
    created = len([r for r in discord_fake.requests if r[0] == "POST" and r[1].endswith("/messages")])

    results = await make(db, "discord", discord_poster, target=DISCORD).catch_up()
    assert [r.state for r in results] == ["sent"]
    want = expected_discord()
    assert len(want) >= 3
    assert [discord_text(p["body"]["embeds"]) for p in discord_fake.channel_posts] == want
    tries = [r for r in discord_fake.requests if r[0] == "POST" and r[1].endswith("/messages")]
    assert len(tries) - created == len(want)  # part 1 was sent again, and Discord kept the first
    ids = list(results[0].messages)
    assert len(set(ids)) == len(ids) == len(want)
    nonces = [p["body"]["nonce"] for p in discord_fake.channel_posts]
    assert all(p["body"]["enforce_nonce"] is True for p in discord_fake.channel_posts)
    assert len(set(nonces)) == len(nonces) and all(len(n) <= 25 for n in nonces)


async def discord_killed_long_ago(db: Path, discord_fake: FakeDiscord, poster: DiscordPoster) -> None:
    """Part 1 posted, then a crash; the restart comes after Discord forgot the nonce."""
    first = make(db, "discord", Dying(poster, after_part=1), target=DISCORD)
    with pytest.raises(Killed):
        await first.catch_up()
    first.store.close()
    _, progress = row(db, DISCORD)
    progress["inflight_at"] -= 600
    set_detail(db, progress, DISCORD)
    discord_fake.nonce_window = 0.0


async def test_discord_resume_after_the_nonce_window_finds_the_part_in_the_history(
    db: Path, discord_fake: FakeDiscord, discord_poster: DiscordPoster
) -> None:
    await discord_killed_long_ago(db, discord_fake, discord_poster)
    # someone else talks in the channel meanwhile, with the same embed text: not ours
    other = {"content": "", "embeds": discord_fake.channel_posts[0]["body"]["embeds"]}
    message = discord_fake._message(CHANNEL_ID, other, timed=True)
    message["author"] = {**message["author"], "id": "1100000000000000009", "bot": False}
    discord_fake.channel_messages[CHANNEL_ID].append(message)
    results = await make(db, "discord", discord_poster, target=DISCORD).catch_up()
    assert [r.state for r in results] == ["sent"]
    assert [discord_text(p["body"]["embeds"]) for p in discord_fake.channel_posts] == expected_discord()
    assert results[0].messages[0] == discord_fake.channel_messages[CHANNEL_ID][0]["id"]
    assert any(m == "GET" and p.endswith("/messages") for m, p, _ in discord_fake.requests)


async def test_discord_without_read_history_reposts_the_inflight_part_and_says_why(
    db: Path, discord_fake: FakeDiscord, discord_poster: DiscordPoster, caplog: pytest.LogCaptureFixture
) -> None:
    await discord_killed_long_ago(db, discord_fake, discord_poster)
    discord_fake.history_forbidden = True
    with caplog.at_level(logging.ERROR):
        await make(db, "discord", discord_poster, target=DISCORD).catch_up()
    want = expected_discord()
    assert [discord_text(p["body"]["embeds"]) for p in discord_fake.channel_posts] == [want[0], *want]
    assert "Read Message History" in caplog.text


async def test_discord_killed_before_anything_was_posted_posts_everything_once(
    db: Path, discord_fake: FakeDiscord, discord_poster: DiscordPoster
) -> None:
    first = make(db, "discord", Dying(discord_poster, before_part=1), target=DISCORD)
    with pytest.raises(Killed):
        await first.catch_up()
    first.store.close()
    assert discord_fake.channel_posts == []
    await make(db, "discord", discord_poster, target=DISCORD).catch_up()
    assert [discord_text(p["body"]["embeds"]) for p in discord_fake.channel_posts] == expected_discord()


async def test_discord_completed_delivery_posts_nothing_on_restart(
    db: Path, discord_fake: FakeDiscord, discord_poster: DiscordPoster
) -> None:
    await make(db, "discord", discord_poster, target=DISCORD).catch_up()
    count = len(discord_fake.channel_posts)
    assert count == len(expected_discord())
    assert await make(db, "discord", discord_poster, target=DISCORD).catch_up() == []
    assert len(discord_fake.channel_posts) == count


async def test_discord_connection_dropped_after_the_message_was_created_is_not_reposted(
    db: Path, discord_fake: FakeDiscord, discord_poster: DiscordPoster
) -> None:
    discord_fake.drop_after_create = 1
    results = await make(db, "discord", discord_poster, target=DISCORD).catch_up()
    assert [r.state for r in results] == ["sent"]
    assert [discord_text(p["body"]["embeds"]) for p in discord_fake.channel_posts] == expected_discord()


async def test_discord_answer_cut_off_mid_body_after_the_message_was_created_is_not_reposted(
    db: Path, discord_fake: FakeDiscord, discord_poster: DiscordPoster, caplog: pytest.LogCaptureFixture
) -> None:
    discord_fake.garble_after_create = 1
    with caplog.at_level(logging.WARNING):
        results = await make(db, "discord", discord_poster, target=DISCORD).catch_up()
    assert [r.state for r in results] == ["sent"]
    assert [discord_text(p["body"]["embeds"]) for p in discord_fake.channel_posts] == expected_discord()
    retried = [r.getMessage() for r in caplog.records if "retrying" in r.getMessage()]
    assert len(retried) == 1 and "unreadable answer" in retried[0]


# --- ownership: a live delivery is never resumed by someone else ------------------------------------


async def test_a_pending_delivery_owned_by_a_live_process_is_left_alone_even_past_its_lease(
    db: Path, slack: FakeSlack
) -> None:
    first = make(db, "slack", Dying(slack_poster(slack), after_part=1), target=SLACK)
    with pytest.raises(Killed):
        await first.catch_up()
    first.store.close()
    # pretend another live process on this machine (our parent) owns it, lease still running
    _, progress = row(db, SLACK)
    progress["owner"] = {**progress["owner"], "pid": os.getppid(), "token": "elsewhere"}
    progress["lease_until"] = time.time() + 600
    set_detail(db, progress)
    busy = await make(db, "slack", slack_poster(slack), target=SLACK).catch_up()
    assert [(r.state, r.detail) for r in busy] == [("skipped", "in progress elsewhere")]
    assert len(slack.posts) == 1
    # its lease runs out by our clock (a clock ahead, a slow post): the live owner keeps it
    progress["lease_until"] = time.time() - 700
    set_detail(db, progress)
    still = await make(db, "slack", slack_poster(slack), target=SLACK).catch_up()
    assert [(r.state, r.detail) for r in still] == [("skipped", "in progress elsewhere")]
    assert len(slack.posts) == 1
    # owned on another machine, whose process cannot be seen: its lease decides
    progress["owner"] = {**progress["owner"], "host": "another-host"}
    progress["lease_until"] = time.time() + 600
    set_detail(db, progress)
    waiting = await make(db, "slack", slack_poster(slack), target=SLACK).catch_up()
    assert [(r.state, r.detail) for r in waiting] == [("skipped", "in progress elsewhere")]
    progress["lease_until"] = time.time() - 1
    set_detail(db, progress)
    done = await make(db, "slack", slack_poster(slack), target=SLACK).catch_up()
    assert [r.state for r in done] == ["sent"]
    assert [p["blocks"] for p in slack.posts] == expected_slack()


async def test_exhausted_retries_part_way_keep_the_progress_for_the_next_catch_up(
    db: Path, slack: FakeSlack
) -> None:
    slack.script = [None, "internal_error", "internal_error"]  # part 2 fails twice
    sched = make(db, "slack", slack_poster(slack), target=SLACK, attempts=2)
    assert [r.state for r in await sched.catch_up()] == ["failed"]
    state, progress = row(db, SLACK)
    assert state == "pending" and len(progress["posted"]) == 1 and "owner" not in progress
    # the same process, at the next catch-up (a platform reconnecting): resumed where it stopped
    assert [r.state for r in await sched.catch_up()] == ["sent"]
    assert [p["blocks"] for p in slack.posts] == expected_slack()


async def test_an_interrupted_delivery_older_than_the_grace_is_still_finished(
    db: Path, slack: FakeSlack
) -> None:
    first = make(db, "slack", Dying(slack_poster(slack), after_part=1), target=SLACK)
    with pytest.raises(Killed):
        await first.catch_up()
    first.store.close()
    late = LongDigestScheduler(Store.open(db), [schedule(SLACK)], {"slack": slack_poster(slack)},
                               clock=lambda: FIRE + timedelta(hours=5), grace=timedelta(minutes=60))
    results = await late.catch_up()
    assert [(r.period_key, r.state) for r in results] == [(period_key(FIRE), "sent")]
    assert [p["blocks"] for p in slack.posts] == expected_slack()

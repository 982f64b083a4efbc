"""Exactly once under a forward clock jump (issue 15, item 5).

Process A is part-way through posting a digest; process B, whose clock is 700 s ahead, runs
a catch-up and sees A's lease as expired. B must not take the delivery over while A is alive,
and A must stop posting as soon as its ownership is gone (each part is fenced by the owner's
token in the transaction that records it).
"""

from __future__ import annotations

import asyncio
import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from adapters.delivery import Part
from bot import scheduler as scheduler_module
from bot.scheduler import DigestScheduler, period_key
from bot.schedules import Schedule, Target
from digests.store import Store

FIRE = datetime(2026, 2, 6, 7, 0, tzinfo=UTC)
NOW = FIRE + timedelta(minutes=5)
TARGET = Target("slack", "C0FENCE1")
SCHEDULE = Schedule(name="fenced", cron="0 7 * * *", timezone="UTC", targets=(TARGET,))


class Channel:
    """What the platform shows: every part posted, in order."""

    def __init__(self) -> None:
        self.posts: list[int] = []


class SlowPoster:
    """A part poster whose second part waits until released (a slow platform)."""

    def __init__(self, channel: Channel, hold: asyncio.Event | None = None) -> None:
        self.channel = channel
        self.hold = hold
        self.waiting = asyncio.Event()

    def render(self, digest: Any) -> list[dict[str, Any]]:
        return [{"text": f"part {i}"} for i in range(3)]

    async def post_part(self, channel_id: str, payload: dict[str, Any], part: Part) -> str:
        if part.index == 1 and self.hold is not None:
            self.waiting.set()
            await self.hold.wait()
        self.channel.posts.append(part.index)
        return f"m{part.index}"

    async def find_part(self, channel_id: str, payload: dict[str, Any], part: Part) -> str | None:
        return f"m{part.index}" if part.index in self.channel.posts else None

    async def post_digest(self, channel_id: str, digest: Any) -> list[str]:
        raise AssertionError("driven part by part")


class TinyDigest(DigestScheduler):
    async def _build(self, schedule: Schedule, fire: datetime, channel: str) -> Any:
        period = SimpleNamespace(since=FIRE.date(), until=FIRE.date())
        return SimpleNamespace(period=period, last_article_id=None, stories=[], empty=False)


def make(db: Path, poster: SlowPoster) -> TinyDigest:
    return TinyDigest(Store.open(db), [SCHEDULE], {"slack": poster}, clock=lambda: NOW)


async def test_a_process_with_its_clock_ahead_does_not_take_over_a_live_delivery(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "fence.db"
    Store.open(db).close()
    channel = Channel()
    hold = asyncio.Event()
    a_poster = SlowPoster(channel, hold)
    a = make(db, a_poster)
    running = asyncio.ensure_future(a.run_due(SCHEDULE, FIRE))
    await asyncio.wait_for(a_poster.waiting.wait(), 5)  # A is posting part 2 of 3

    real_time = time.time
    monkeypatch.setattr(scheduler_module.time, "time", lambda: real_time() + 700)  # B's clock
    b = make(db, SlowPoster(channel))
    results = await b.run_due(SCHEDULE, FIRE)
    monkeypatch.setattr(scheduler_module.time, "time", real_time)
    assert [(r.state, r.detail) for r in results] == [("skipped", "in progress elsewhere")]

    hold.set()
    [done] = await asyncio.wait_for(running, 5)
    assert done.state == "sent"
    assert channel.posts == [0, 1, 2]  # every part once


async def test_an_owner_that_lost_its_delivery_posts_no_further_part(tmp_path: Path) -> None:
    db = tmp_path / "lost.db"
    Store.open(db).close()
    channel = Channel()
    hold = asyncio.Event()
    a_poster = SlowPoster(channel, hold)
    a = make(db, a_poster)
    running = asyncio.ensure_future(a.run_due(SCHEDULE, FIRE))
    await asyncio.wait_for(a_poster.waiting.wait(), 5)
    # Another machine took the delivery over (A was presumed dead there): a new owner token.
    with Store.open(db) as store, store.transaction():
        detail = json.loads(store.db.execute(
            "SELECT detail FROM deliveries WHERE period_key = ?", [period_key(FIRE)]).fetchone()[0])
        detail["owner"] = {"host": "elsewhere", "pid": 1, "token": "theirs"}
        store.db.execute("UPDATE deliveries SET detail = ? WHERE period_key = ?",
                         [json.dumps(detail), period_key(FIRE)])
    hold.set()
    [result] = await asyncio.wait_for(running, 5)
    assert (result.state, result.detail) == ("skipped", "taken over elsewhere")
    assert channel.posts == [0, 1]  # the part in flight went out; the fence stopped part 3

"""Daylight-saving changes: each scheduled run posts once, through the scheduler's own entry point.

The scheduler's clock is injected and stepped across the autumn change (a repeated hour) and
the spring change (a skipped hour) in several zones; `_fire` is what APScheduler calls, at the
times the schedule's own trigger gives, and also every few minutes in between (late or
duplicate fires). A run whose wall-clock time occurs twice posts once (its first occurrence);
a run whose time is skipped posts once, when the gap ends.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.scheduler import DigestScheduler
from bot.schedules import Schedule, Target
from digests.store import Store

SLACK = Target("slack", "C0AAAAAA")


class Recorder:
    def __init__(self) -> None:
        self.posts: list[str] = []

    async def post_digest(self, channel_id: str, digest: Any) -> list[str]:
        self.posts.append(channel_id)
        return [f"m{len(self.posts)}"]


@pytest.fixture(autouse=True)
def deadline() -> Iterator[None]:
    """The old trigger looped forever in the repeated hour: fail in seconds instead of hanging."""

    def expire(signum: int, frame: Any) -> None:
        raise TimeoutError("the scheduler did not return: it loops on the clock change")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, 20)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


async def drive(tmp_path: Path, cron: str, zone: str, start: datetime, hours: int) -> list[str]:
    """Run the scheduler from `start` (UTC) for `hours`; return the period keys it delivered."""
    schedule = Schedule(name="s", cron=cron, timezone=zone, targets=(SLACK,))
    now = [start]
    poster = Recorder()
    with Store.open(tmp_path / f"{zone.replace('/', '_')}.db") as store:
        sched = DigestScheduler(store, [schedule], {"slack": poster}, clock=lambda: now[0],
                                grace=timedelta(minutes=90))
        end = start + timedelta(hours=hours)
        ticks = {start + timedelta(minutes=11 * i) for i in range(hours * 60 // 11 + 1)}
        trigger = schedule.trigger()
        fire = trigger.get_next_fire_time(None, start)
        while fire is not None and fire <= end:  # where APScheduler would wake the job
            ticks.add(fire.astimezone(UTC))
            fire = trigger.get_next_fire_time(fire, fire)
        delivered: list[str] = []
        for tick in sorted(ticks):
            now[0] = tick
            await sched._fire("s")
        delivered = [r[0] for r in store.db.execute(
            "SELECT period_key FROM deliveries WHERE state = 'sent' ORDER BY sent_at, rowid").fetchall()]
    assert len(poster.posts) == len(delivered)
    return delivered


CASES = [
    # (cron, zone, start UTC, hours, the runs expected, in order; the first tick catches up the
    # latest run within the grace period)
    ("30 1 * * *", "America/New_York", datetime(2026, 10, 31, 12, tzinfo=UTC), 48,
     ["2026-11-01T01:30-04:00", "2026-11-02T01:30-05:00"]),
    ("30 2 * * *", "America/New_York", datetime(2026, 3, 7, 12, tzinfo=UTC), 48,
     ["2026-03-08T03:00-04:00", "2026-03-09T02:30-04:00"]),
    ("0 2 * * *", "Europe/Paris", datetime(2026, 10, 24, 12, tzinfo=UTC), 48,
     ["2026-10-25T02:00+02:00", "2026-10-26T02:00+01:00"]),
    ("30 2 * * *", "Europe/Paris", datetime(2026, 3, 28, 12, tzinfo=UTC), 48,
     ["2026-03-29T03:00+02:00", "2026-03-30T02:30+02:00"]),
    ("0 * * * *", "Europe/Paris", datetime(2026, 10, 24, 22, tzinfo=UTC), 5,
     ["2026-10-25T00:00+02:00", "2026-10-25T01:00+02:00", "2026-10-25T02:00+02:00", "2026-10-25T03:00+01:00",
      "2026-10-25T04:00+01:00"]),
    ("0 * * * *", "America/New_York", datetime(2026, 3, 8, 5, 30, tzinfo=UTC), 4,
     ["2026-03-08T00:00-05:00", "2026-03-08T01:00-05:00", "2026-03-08T03:00-04:00", "2026-03-08T04:00-04:00",
      "2026-03-08T05:00-04:00"]),
    ("15 * * * *", "America/New_York", datetime(2026, 11, 1, 4, tzinfo=UTC), 4,
     ["2026-10-31T23:15-04:00", "2026-11-01T00:15-04:00", "2026-11-01T01:15-04:00",
      "2026-11-01T02:15-05:00"]),
    ("0 2 * * *", "Australia/Sydney", datetime(2026, 4, 4, 6, tzinfo=UTC), 48,
     ["2026-04-05T02:00+11:00", "2026-04-06T02:00+10:00"]),
    ("30 2 * * *", "Australia/Sydney", datetime(2026, 10, 3, 6, tzinfo=UTC), 48,
     ["2026-10-04T03:00+11:00", "2026-10-05T02:30+11:00"]),
    ("*/30 1,2 * * *", "Australia/Lord_Howe", datetime(2026, 4, 4, 6, tzinfo=UTC), 24,
     ["2026-04-05T01:00+11:00", "2026-04-05T01:30+11:00", "2026-04-05T02:00+10:30",
      "2026-04-05T02:30+10:30"]),
]


@pytest.mark.parametrize(("cron", "zone", "start", "hours", "expected"), CASES,
                         ids=[f"{c[1]}-{c[0]}-{c[2]:%b}" for c in CASES])
async def test_each_run_posts_once_across_the_clock_change(
    tmp_path: Path, cron: str, zone: str, start: datetime, hours: int, expected: list[str]
) -> None:
    assert await drive(tmp_path, cron, zone, start, hours) == expected


async def test_the_period_after_the_repeated_hour_starts_where_the_last_one_ended(tmp_path: Path) -> None:
    schedule = Schedule(name="s", cron="30 1 * * *", timezone="America/New_York", targets=(SLACK,))
    fire = schedule.next_fire_after(datetime(2026, 11, 1, 12, tzinfo=UTC))
    assert fire is not None and fire.isoformat() == "2026-11-02T01:30:00-05:00"
    with Store.open(tmp_path / "p.db") as store:
        sched = DigestScheduler(store, [schedule], {})
        since, until = sched.period(schedule, fire)
    assert (since.isoformat(), until.isoformat()) == ("2026-11-01", "2026-11-02")
    spring = Schedule(name="t", cron="30 2 * * *", timezone="America/New_York", targets=(SLACK,))
    gap = spring.last_fire_before(datetime(2026, 3, 8, 7, 30, tzinfo=UTC))
    assert gap is not None and gap.isoformat() == "2026-03-08T03:00:00-04:00"

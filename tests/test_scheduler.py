"""Scheduled digests: delivered exactly once across restarts and crashes, caught up once, retried sanely.

A "restart" is a new Store connection and a new DigestScheduler on the same database file;
a "kill" is a BaseException raised mid-delivery, which nothing in the scheduler catches.
FakePoster here is a plain Poster (whole digest in one call, like the console): an interrupted
delivery through it is reported, not re-posted. Part-by-part resumption through the Slack and
Discord posters is tested end to end in test_delivery_resume.py.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.scheduler import DigestScheduler, period_key
from bot.schedules import Schedule, Target
from digests.errors import DeliveryError
from digests.fetch import FetchPolicy
from digests.models import Article, Extraction
from digests.store import Store
from tests.commands_corpus import load_corpus

A = Target("slack", "C0AAAAAA")
B = Target("discord", "123456789012345678")
MORNING = Schedule(name="morning", cron="0 7 * * *", timezone="UTC", targets=(A, B))
FIRE = datetime(2026, 2, 6, 7, 0, tzinfo=UTC)


class Killed(BaseException):
    """The process dying: not an Exception, so no handler in the code under test swallows it."""


class FakePoster:
    """Records what it posts, like a chat platform would; can fail or die on cue."""

    def __init__(self, log: list[tuple[str, Any]], *, fail: list[BaseException] | None = None,
                 die_after_post: str | None = None) -> None:
        self.log = log
        self.fail = list(fail or [])
        self.die_after_post = die_after_post
        self.calls = 0

    async def post_digest(self, channel_id: str, digest: Any) -> list[str]:
        self.calls += 1
        if self.fail:
            raise self.fail.pop(0)
        self.log.append((channel_id, digest))
        if channel_id == self.die_after_post:
            raise Killed("power cut after the platform accepted the message")
        return [f"m{len(self.log)}"]


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "sched.db"
    load_corpus(path).close()
    yield path


def make(db: Path, posters: dict[str, Any], *, now: datetime = FIRE + timedelta(minutes=10),
         schedules: tuple[Schedule, ...] = (MORNING,), **kwargs: Any) -> tuple[DigestScheduler, list[float]]:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    store = Store.open(db)
    return DigestScheduler(store, schedules, posters, clock=lambda: now, sleep=sleep, **kwargs), slept


def rows(db: Path) -> list[tuple[str, str, str, str]]:
    with Store.open(db) as store:
        return [tuple(r) for r in store.db.execute(  # type: ignore[misc]
            "SELECT schedule, channel, period_key, state FROM deliveries ORDER BY channel").fetchall()]


async def test_missed_run_is_caught_up_once_and_never_again(db: Path) -> None:
    posted: list[tuple[str, Any]] = []
    posters = {"slack": FakePoster(posted), "discord": FakePoster(posted)}
    sched, _ = make(db, posters)
    results = await sched.catch_up()
    assert [r.state for r in results] == ["sent", "sent"]
    assert sorted(c for c, _ in posted) == ["123456789012345678", "C0AAAAAA"]
    digest = posted[0][1]
    assert (digest.period.since.isoformat(), digest.period.until.isoformat()) == ("2026-02-05", "2026-02-06")
    assert await sched.catch_up() == []  # same process, again
    restarted, _ = make(db, posters)  # a restart within the grace period
    assert await restarted.catch_up() == []
    assert len(posted) == 2
    key = period_key(FIRE)
    assert rows(db) == [("morning", str(B), key, "sent"), ("morning", str(A), key, "sent")]


async def test_run_outside_the_grace_period_is_not_caught_up(db: Path) -> None:
    posted: list[tuple[str, Any]] = []
    sched, _ = make(db, {"slack": FakePoster(posted), "discord": FakePoster(posted)},
                    now=FIRE + timedelta(minutes=61), grace=timedelta(minutes=60))
    assert await sched.catch_up() == []
    assert posted == [] and rows(db) == []


async def test_kill_after_posting_to_the_first_channel_never_posts_twice(
    db: Path, caplog: pytest.LogCaptureFixture
) -> None:
    posted: list[tuple[str, Any]] = []
    dying = {"slack": FakePoster(posted, die_after_post="C0AAAAAA"), "discord": FakePoster(posted)}
    sched, _ = make(db, dying)
    with pytest.raises(Killed):
        await sched.catch_up()
    assert [c for c, _ in posted] == ["C0AAAAAA"]
    assert rows(db) == [("morning", str(A), period_key(FIRE), "pending")]
    sched.store.close()

    healthy = {"slack": FakePoster(posted), "discord": FakePoster(posted)}
    restarted, _ = make(db, healthy)
    with caplog.at_level(logging.WARNING):
        results = await restarted.catch_up()
    assert {r.target: r.state for r in results} == {str(A): "interrupted", str(B): "sent"}
    assert [c for c, _ in posted] == ["C0AAAAAA", "123456789012345678"]  # each channel once
    assert "interrupted" in caplog.text
    again, _ = make(db, healthy)
    await again.catch_up()
    assert len(posted) == 2


async def test_kill_between_two_channels_delivers_the_second_after_restart(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    posted: list[tuple[str, Any]] = []
    posters = {"slack": FakePoster(posted), "discord": FakePoster(posted)}
    sched, _ = make(db, posters)
    claims = 0
    original = DigestScheduler._claim

    def claim_then_die(self: DigestScheduler, *args: Any) -> bool:
        nonlocal claims
        claims += 1
        if claims == 2:
            raise Killed("killed between the first channel's 'sent' and the second's claim")
        return original(self, *args)

    monkeypatch.setattr(DigestScheduler, "_claim", claim_then_die)
    with pytest.raises(Killed):
        await sched.catch_up()
    monkeypatch.setattr(DigestScheduler, "_claim", original)
    assert rows(db) == [("morning", str(A), period_key(FIRE), "sent")]
    restarted, _ = make(db, posters)
    results = await restarted.catch_up()
    assert {r.target: r.state for r in results} == {str(A): "skipped", str(B): "sent"}
    assert sorted(c for c, _ in posted) == ["123456789012345678", "C0AAAAAA"]


async def test_transient_errors_are_retried_with_backoff(db: Path) -> None:
    posted: list[tuple[str, Any]] = []
    flaky = FakePoster(posted, fail=[DeliveryError("503"), TimeoutError("slow")])
    sched, slept = make(db, {"slack": flaky}, schedules=(Schedule("s", "0 7 * * *", targets=(A,)),))
    results = await sched.catch_up()
    assert [r.state for r in results] == ["sent"] and flaky.calls == 3
    assert slept == [2.0, 4.0]


async def test_exhausted_retries_release_the_claim_for_a_restart(db: Path) -> None:
    posted: list[tuple[str, Any]] = []
    down = FakePoster(posted, fail=[DeliveryError("503")] * 3)
    one = (Schedule("s", "0 7 * * *", targets=(A,)),)
    sched, slept = make(db, {"slack": down}, schedules=one, attempts=3)
    assert [r.state for r in await sched.catch_up()] == ["failed"]
    assert slept == [2.0, 4.0] and rows(db) == []
    restarted, _ = make(db, {"slack": FakePoster(posted)}, schedules=one)
    assert [r.state for r in await restarted.catch_up()] == ["sent"]


async def test_permanent_errors_are_logged_with_the_fix_and_not_retried(
    db: Path, caplog: pytest.LogCaptureFixture
) -> None:
    posted: list[tuple[str, Any]] = []
    fix = "slack:C0AAAAAA: not_in_channel: the bot is not a member of the channel: /invite the bot there"
    refused = FakePoster(posted, fail=[DeliveryError(fix, permanent=True)] * 5)
    one = (Schedule("s", "0 7 * * *", targets=(A,)),)
    sched, slept = make(db, {"slack": refused}, schedules=one)
    with caplog.at_level(logging.ERROR):
        assert [r.state for r in await sched.catch_up()] == ["failed"]
    assert refused.calls == 1 and slept == [] and "/invite the bot there" in caplog.text
    restarted, _ = make(db, {"slack": refused}, schedules=one)
    await restarted.catch_up()
    assert refused.calls == 1  # not tried again for that period
    assert rows(db)[0][3] == "failed"


async def test_each_channel_gets_only_what_is_new_since_its_previous_digest(db: Path) -> None:
    posted: list[tuple[str, Any]] = []
    weekly = Schedule("weekly", "0 7 * * 5", targets=(A,))  # Fridays; 2026-02-06 is one
    sched, _ = make(db, {"slack": FakePoster(posted)}, schedules=(weekly,))
    await sched.catch_up()
    first = posted[-1][1]
    assert first.stories and not first.empty
    # a week later, one new article arrives; the next digest holds it alone
    store = sched.store
    text = "Ports on the coast reopened on Thursday after a storm closed them for two days, officials said."
    store.save(Article(title="Ports reopen after storm", text=text, source="Northwind Wire",
                       published=datetime(2026, 2, 12).date()), Extraction())
    later, _ = make(db, {"slack": FakePoster(posted)}, schedules=(weekly,),
                    now=datetime(2026, 2, 13, 7, 5, tzinfo=UTC))
    await later.catch_up()
    second = posted[-1][1]
    titles = [s.sources[0].title for s in second.stories]
    assert titles == ["Ports reopen after storm"]
    assert second.period.since.isoformat() == "2026-02-06"


async def test_a_platform_that_connects_late_gets_its_catch_up(db: Path) -> None:
    posted: list[tuple[str, Any]] = []
    sched, _ = make(db, {"slack": FakePoster(posted)})
    results = await sched.catch_up()
    assert {r.target: r.state for r in results} == {str(A): "sent", str(B): "no-poster"}
    late = await sched.add_poster("discord", FakePoster(posted))
    assert [(r.target, r.state) for r in late] == [(str(B), "sent")]
    assert len(posted) == 2


async def test_start_adds_jobs_and_the_cron_job_delivers(db: Path) -> None:
    posted: list[tuple[str, Any]] = []
    sched, _ = make(db, {"slack": FakePoster(posted), "discord": FakePoster(posted)}, now=FIRE)
    await sched.start(catch_up=False)
    try:
        assert sched._scheduler is not None
        job = sched._scheduler.get_job("digest:morning")
        assert job is not None and job.misfire_grace_time == 3600 and job.coalesce
        await sched._fire("morning")  # what APScheduler calls at 07:00
        await sched._fire("morning")  # a duplicate fire (e.g. two processes) posts nothing more
    finally:
        await sched.shutdown()
    assert len(posted) == 2
    assert [n.isoformat() for _, n in sched.next_runs() if n] == ["2026-02-07T07:00:00+00:00"]


async def test_feeds_are_polled_and_ingested(db: Path, web: Any) -> None:
    sched, _ = make(db, {}, schedules=(), feeds=[web.url("/feed.rss")],
                    fetch_policy=FetchPolicy(allow_private=True))
    before = sched.store.count_articles()
    await sched.poll_feeds()
    assert sched.store.count_articles() > before

"""Scheduled digests delivered exactly once, and feeds polled on their own interval.

Each (schedule, channel, period) is recorded in the store's ``deliveries`` table:
claimed as ``pending`` in a transaction before anything is posted, marked ``sent``
after. A claim is an INSERT on a UNIQUE key, so two processes, a restart or a
catch-up can never post the same digest twice. The price of that guarantee is
at-most-once when the process dies while a post is in flight: the claim stays
``pending`` and is reported, not re-posted (the platform may have the message).

A run missed while the bot was down is caught up once on start (and again when a
platform connects) if its fire time is within ``DIGEST_GRACE_MINUTES``.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal, Protocol

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.logging import fields
from bot.schedules import Schedule, Target
from digests.errors import DeliveryError
from digests.store import Store

log = logging.getLogger("geodigest.scheduler")

State = Literal["sent", "skipped", "interrupted", "failed", "no-poster"]


class Poster(Protocol):
    """Posts a digest to one channel of one platform; the Slack and Discord adapters provide one."""

    async def post_digest(self, channel_id: str, digest: Any) -> list[str]:
        """Post the digest (in as many messages as the platform needs); return the message ids.

        Raise ``digests.errors.DeliveryError(permanent=True)`` when retrying cannot help
        (unknown channel, bot not invited), with the fix in the message.
        """
        ...


@dataclass(frozen=True)
class Delivery:
    """What happened to one (schedule, channel, period)."""

    schedule: str
    target: str
    period_key: str
    state: State
    messages: tuple[str, ...] = ()
    detail: str = ""


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _stamp() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# Errors of the platform libraries that no retry fixes, recognised without importing them here
# (adapters normally wrap them in DeliveryError already).
_PERMANENT_NAMES = {"Forbidden", "NotFound", "InvalidArgument", "LoginFailure"}


def _is_permanent(err: BaseException) -> bool:
    if isinstance(err, DeliveryError):
        return err.permanent
    return type(err).__name__ in _PERMANENT_NAMES or bool(getattr(err, "permanent", False))


class DigestScheduler:
    """Runs the configured schedules against the store and the platforms' posters."""

    def __init__(
        self,
        store: Store,
        schedules: Iterable[Schedule],
        posters: dict[str, Poster] | None = None,
        *,
        grace: timedelta = timedelta(minutes=60),
        horizon_weeks: int = 4,
        attempts: int = 4,
        backoff: float = 2.0,
        feeds: Iterable[str] = (),
        feed_interval_minutes: int = 30,
        fetch_timeout: float = 15.0,
        max_bytes: int = 5_000_000,
        clock: Callable[[], datetime] = _utcnow,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.store = store
        self.schedules = list(schedules)
        self.posters: dict[str, Poster] = dict(posters or {})
        self.grace = grace
        self.horizon_weeks = horizon_weeks
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.feeds = list(feeds)
        self.feed_interval_minutes = feed_interval_minutes
        self.fetch_timeout = fetch_timeout
        self.max_bytes = max_bytes
        self.clock = clock
        self.sleep = sleep
        self._scheduler: AsyncIOScheduler | None = None
        self._lock = asyncio.Lock()  # one delivery run at a time: claims stay simple to reason about
        self._reported: set[tuple[str, str, str]] = set()

    # --- lifecycle ------------------------------------------------------------------------------

    async def start(self, *, catch_up: bool = True) -> None:
        """Add one cron job per schedule and the feed job, then catch up missed runs."""
        scheduler = AsyncIOScheduler(timezone=UTC)
        grace_s = max(1, int(self.grace.total_seconds()))
        for schedule in self.schedules:
            scheduler.add_job(
                self._fire, trigger=schedule.trigger(), args=[schedule.name], id=f"digest:{schedule.name}",
                name=schedule.describe(), misfire_grace_time=grace_s, coalesce=True, max_instances=1,
            )
            log.info("schedule added", extra=fields(schedule=schedule.name, cron=schedule.cron,
                                                     tz=schedule.timezone,
                                                     channels=",".join(map(str, schedule.targets))))
        if self.feeds:
            scheduler.add_job(
                self.poll_feeds, IntervalTrigger(minutes=self.feed_interval_minutes), id="feeds",
                name="poll feeds", next_run_time=datetime.now(UTC), misfire_grace_time=grace_s,
                coalesce=True, max_instances=1,
            )
        scheduler.start()
        self._scheduler = scheduler
        if catch_up:
            await self.catch_up()

    async def shutdown(self) -> None:
        """Stop the jobs (a delivery in progress finishes its current post)."""
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
            self._scheduler = None

    async def add_poster(self, platform: str, poster: Poster) -> list[Delivery]:
        """A platform connected: post through it from now on, and catch up what it missed."""
        self.posters[platform] = poster
        log.info("poster ready", extra=fields(platform=platform))
        return await self.catch_up(platforms={platform})

    def next_runs(self, now: datetime | None = None) -> list[tuple[Schedule, datetime | None]]:
        """Each schedule with its next fire time (for `doctor` and the start-up log)."""
        now = now or self.clock()
        return [(s, s.next_fire_after(now)) for s in self.schedules]

    # --- deliveries -----------------------------------------------------------------------------

    async def _fire(self, name: str) -> None:
        schedule = next((s for s in self.schedules if s.name == name), None)
        if schedule is None:
            return
        now = self.clock()
        # APScheduler does not tell a job its planned time; the latest fire time at or before
        # now is it, even when the job runs late within the grace time.
        fire = schedule.last_fire_before(now, within=self.grace + timedelta(minutes=1))
        if fire is None:
            return
        await self.run_due(schedule, fire)

    async def catch_up(self, platforms: set[str] | None = None) -> list[Delivery]:
        """Deliver, once, each schedule's latest run if it fell due within the grace period."""
        now = self.clock()
        results: list[Delivery] = []
        for schedule in self.schedules:
            fire = schedule.last_fire_before(now, within=self.grace) if self.grace.total_seconds() else None
            if fire is None:
                continue
            targets = [t for t in schedule.targets if platforms is None or t.platform in platforms]
            if not targets:
                continue
            done = self._recorded(schedule, fire)
            if all(str(t) in done for t in targets):
                continue
            log.info("catching up a missed run", extra=fields(schedule=schedule.name,
                                                               period=period_key(fire)))
            results += await self.run_due(schedule, fire, targets=targets)
        return results

    def _recorded(self, schedule: Schedule, fire: datetime) -> set[str]:
        rows = self.store.db.execute(
            "SELECT channel FROM deliveries WHERE schedule = ? AND period_key = ?",
            [schedule.name, period_key(fire)],
        ).fetchall()
        return {r[0] for r in rows}

    async def run_due(
        self, schedule: Schedule, fire: datetime, *, targets: Iterable[Target] | None = None
    ) -> list[Delivery]:
        """Deliver one run of a schedule to each of its channels that has not had it."""
        async with self._lock:
            results = []
            for target in list(targets if targets is not None else schedule.targets):
                results.append(await self._deliver(schedule, fire, target))
            return results

    async def _deliver(self, schedule: Schedule, fire: datetime, target: Target) -> Delivery:
        key = period_key(fire)
        channel = str(target)
        base = {"schedule": schedule.name, "channel": channel, "period": key}
        poster = self.posters.get(target.platform)
        if poster is None:
            # Not claimed: a later catch-up (the platform connecting, a restart) can still deliver.
            log.warning("no %s connection: digest not posted", target.platform, extra=fields(**base))
            return Delivery(schedule.name, channel, key, "no-poster", detail=f"no {target.platform} poster")
        existing = self._existing(schedule.name, channel, key)
        if existing is not None:
            state, detail = existing
            if state == "pending" and (schedule.name, channel, key) not in self._reported:
                self._reported.add((schedule.name, channel, key))
                log.warning(
                    "an earlier delivery was interrupted while posting; not re-posting to avoid a duplicate "
                    "(check the channel)", extra=fields(**base, started=detail or "?"),
                )
                return Delivery(schedule.name, channel, key, "interrupted", detail="pending since a crash")
            return Delivery(schedule.name, channel, key, "skipped", detail=f"already {state}")
        if not self._claim(schedule.name, channel, key):
            return Delivery(schedule.name, channel, key, "skipped", detail="claimed elsewhere")
        try:
            digest = await self._build(schedule, fire, channel)
        except Exception as err:
            self._release(schedule.name, channel, key)
            log.exception("could not build the digest", extra=fields(**base))
            return Delivery(schedule.name, channel, key, "failed", detail=f"build: {err}")
        for attempt in range(1, self.attempts + 1):
            try:
                messages = await poster.post_digest(target.channel_id, digest)
            except Exception as err:
                if _is_permanent(err):
                    self._finish(schedule.name, channel, key, "failed", str(err))
                    log.error("digest not posted, will not retry: %s", err, extra=fields(**base))
                    return Delivery(schedule.name, channel, key, "failed", detail=str(err))
                if attempt == self.attempts:
                    # Released, so a restart within the grace period tries again.
                    self._release(schedule.name, channel, key)
                    log.error("digest not posted after %d attempts: %s", attempt, err, extra=fields(**base))
                    return Delivery(schedule.name, channel, key, "failed", detail=str(err))
                delay = self.backoff * 2 ** (attempt - 1)
                log.warning("post failed, retrying in %.0f s: %s", delay, err,
                            extra=fields(**base, attempt=attempt))
                await self.sleep(delay)
                continue
            self._mark_sent(schedule, channel, key, messages, digest)
            log.info("digest posted", extra=fields(**base, messages=len(messages),
                                                    stories=len(getattr(digest, "stories", []) or []),
                                                    empty=bool(getattr(digest, "empty", False))))
            return Delivery(schedule.name, channel, key, "sent", messages=tuple(messages))
        raise AssertionError("unreachable")  # the loop returns on its last attempt

    async def _build(self, schedule: Schedule, fire: datetime, channel: str) -> Any:
        from digests.digest import Scope, build_digest

        since, until = self.period(schedule, fire)
        row = self.store.db.execute(
            "SELECT last_article_id FROM channel_state WHERE channel = ?", [novelty_key(schedule, channel)]
        ).fetchone()
        after = int(row[0]) if row and row[0] is not None else None
        scope = Scope(topics=list(schedule.topics), countries=list(schedule.countries),
                      entities=list(schedule.entities))
        return build_digest(self.store, since, until, scope, horizon_weeks=self.horizon_weeks,
                            after_article_id=after)

    def period(self, schedule: Schedule, fire: datetime) -> tuple[date, date]:
        """The days a run covers: from the previous run's day to this run's day, in the schedule's zone."""
        previous = schedule.last_fire_before(fire - timedelta(seconds=1))
        until = fire.date()
        since = previous.date() if previous is not None else until - timedelta(days=1)
        return min(since, until), until

    # --- the deliveries table -------------------------------------------------------------------

    def _existing(self, schedule: str, channel: str, key: str) -> tuple[str, str | None] | None:
        row = self.store.db.execute(
            "SELECT state, created_at FROM deliveries WHERE schedule = ? AND channel = ? AND period_key = ?",
            [schedule, channel, key],
        ).fetchone()
        return (str(row[0]), row[1]) if row else None

    def _claim(self, schedule: str, channel: str, key: str) -> bool:
        with self.store.transaction():
            cursor = self.store.db.execute(
                "INSERT OR IGNORE INTO deliveries (schedule, channel, period_key, state, created_at) "
                "VALUES (?, ?, ?, 'pending', ?)",
                [schedule, channel, key, _stamp()],
            )
        return cursor.rowcount == 1

    def _release(self, schedule: str, channel: str, key: str) -> None:
        with self.store.transaction():
            self.store.db.execute(
                "DELETE FROM deliveries "
                "WHERE schedule = ? AND channel = ? AND period_key = ? AND state = 'pending'",
                [schedule, channel, key],
            )

    def _finish(self, schedule: str, channel: str, key: str, state: str, detail: str) -> None:
        with self.store.transaction():
            self.store.db.execute(
                "UPDATE deliveries SET state = ?, detail = ? "
                "WHERE schedule = ? AND channel = ? AND period_key = ?",
                [state, detail[:500], schedule, channel, key],
            )

    def _mark_sent(
        self, schedule: Schedule, channel: str, key: str, messages: list[str], digest: Any
    ) -> None:
        until = getattr(getattr(digest, "period", None), "until", None)
        last_id = getattr(digest, "last_article_id", None)
        with self.store.transaction():
            self.store.db.execute(
                "UPDATE deliveries SET state = 'sent', sent_at = ?, detail = ? "
                "WHERE schedule = ? AND channel = ? AND period_key = ?",
                [_stamp(), json.dumps({"messages": messages}), schedule.name, channel, key],
            )
            if last_id is not None:
                # Never move the novelty mark backwards (a catch-up of an older run).
                self.store.db.execute(
                    "INSERT INTO channel_state (channel, last_until, last_article_id) VALUES (?, ?, ?) "
                    "ON CONFLICT(channel) DO UPDATE SET last_until = excluded.last_until, "
                    "last_article_id = max(COALESCE(last_article_id, 0), excluded.last_article_id)",
                    [novelty_key(schedule, channel), until.isoformat() if until else None, int(last_id)],
                )

    # --- feeds ----------------------------------------------------------------------------------

    async def poll_feeds(self) -> None:
        """Fetch every configured feed and ingest its new articles (in a worker thread)."""
        if not self.feeds:
            return
        try:
            summary = await asyncio.to_thread(self._poll_feeds_sync)
        except Exception:
            log.exception("feed poll failed")
            return
        log.info("feeds polled", extra=fields(**summary))

    def _poll_feeds_sync(self) -> dict[str, object]:
        import io

        from digests.ingest import ingest_inputs

        err = io.StringIO()
        # Its own connection: this runs in a worker thread while the loop keeps serving commands.
        with Store.open(Path(self.store.path)) as store:
            report = ingest_inputs(store, self.feeds, timeout=self.fetch_timeout, max_bytes=self.max_bytes,
                                   progress=False, out=io.StringIO(), err=err)
        for problem in report.errors[:5]:
            log.warning("feed problem: %s", problem)
        return {"feeds": len(self.feeds), "new": report.new, "updated": report.updated,
                "unchanged": report.unchanged, "failed": report.failed}


def period_key(fire: datetime) -> str:
    """The identity of one run: its fire time in the schedule's zone, to the minute."""
    return fire.isoformat(timespec="minutes")


def novelty_key(schedule: Schedule, channel: str) -> str:
    """channel_state key: novelty is per channel and schedule, so that two schedules with
    different scopes posting to one channel do not take each other's news."""
    return f"{channel}#{schedule.name}"

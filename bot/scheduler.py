"""Scheduled digests delivered exactly once, resumable after a crash, and feeds polled on their own interval.

Delivery guarantees (README-worthy):

* Each (schedule, channel, period) has one row in the store's ``deliveries`` table, claimed
  ``pending`` with an INSERT on a UNIQUE key before anything is posted and marked ``sent``
  after, so two processes, a restart or a catch-up never start the same digest twice.
* Progress is kept in that row's ``detail`` as JSON: ``{"parts": N, "posted": [ids...],
  "inflight": k, "digest_hash": ..., "claimed_at": ..., "owner": ..., "lease_until": ...}``,
  written before each part is posted (``inflight``) and after (its message id). Each write
  is fenced: it only lands while the row still carries this owner's token, so an owner that
  lost the delivery posts no further part.
* A ``pending`` row whose owner is gone (on this machine: its process died, whatever the lease
  says, so a clock jump cannot hand a live delivery to a second poster; on another machine:
  its lease ran out, so clocks across machines must agree within the lease) is taken
  over with a compare-and-swap on ``detail`` and resumed: the digest is rebuilt for the same
  period and scope (the novelty mark only moves once the delivery is ``sent``) and only the
  parts not recorded as posted are posted, by index, even if the store changed meanwhile
  (the payloads' hash tells; a warning is logged).
* The part in flight at the crash is never duplicated and never lost: Discord posts carry
  a nonce derived from (schedule, channel, period, part) with ``enforce_nonce``, so a re-post
  within Discord's nonce window returns the original message; Slack posts carry message
  metadata with the delivery key and part, and the resumer looks for it in
  ``conversations.history`` since the claim before re-posting.
* Posters that only offer ``post_digest`` (the console) keep the old at-most-once rule: an
  interrupted delivery is reported, not re-posted.

A run missed while the bot was down is caught up once on start (and again when a platform
connects) if its fire time is within ``DIGEST_GRACE_MINUTES``; an interrupted (pending)
delivery is resumed on those occasions if its fire time is within ``resume_within`` (24 h).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
import secrets
import socket
import threading
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from adapters.delivery import NoticePoster, Part, PartPoster, PlainNoticePoster, ThreadPoster
from bot.logging import fields
from bot.schedules import Schedule, Target
from digests.errors import DeliveryError
from digests.fetch import FetchPolicy
from digests.store import Store

if TYPE_CHECKING:
    from digests.commands import Reply
    from digests.digest import Digest

log = logging.getLogger("geodigest.scheduler")
_T = TypeVar("_T")

State = Literal["sent", "skipped", "interrupted", "failed", "no-poster"]

# Tokens of the deliveries running in this process: a pending row owned by this pid whose token
# is not here was left by a delivery that died (an exception escaped), so it may be taken over.
_RUNNING: set[str] = set()
_HOST = socket.gethostname()
# How long shutdown waits for job runs in progress (a feed poll ends within a second of it).
STOP_SECONDS = 5.0


def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except OSError:
        return ""


_BOOT = _boot_id()  # tells a pid of this boot from the same number before a restart


class Poster(Protocol):
    """Posts a digest to one channel of one platform; the Slack and Discord adapters provide one.

    A poster that also implements :class:`adapters.delivery.PartPoster` (``render``,
    ``post_part``, ``find_part``: Slack and Discord do) is driven part by part with the progress
    kept in the store, and resumes after a crash; a plain Poster (the console) is called once
    with the whole digest and is at most once across a crash.
    """

    async def post_digest(self, channel_id: str, digest: Digest) -> list[str]:
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


@dataclass(frozen=True)
class _Job:
    """One thing to deliver to a channel exactly once: a schedule's run or a watch alert batch."""

    name: str  # the ledger's schedule name ("watch" for alerts)
    key: str  # the ledger's period key (a run's fire time, an alert batch's key)
    build: Callable[[], Awaitable[Digest]]
    novelty: str | None = None  # the channel_state key moved forward once it is sent
    claim: Callable[[str], bool] | None = None  # claims it with this progress detail (default: the ledger)
    threads: bool = False  # post it as a thread: a header, the rest in its thread (threads=yes)


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


class _LeaseLost(Exception):
    """Another process took the delivery over (this one was presumed dead): stop posting."""


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    except OSError:
        return False
    return True


def payloads_hash(payloads: list[dict[str, Any]]) -> str:
    """A stable hash of rendered payloads: tells whether a resumed digest still renders the same."""
    blob = json.dumps(payloads, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


def _load(detail: str | None) -> dict[str, Any]:
    try:
        data = json.loads(detail or "")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


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
        resume_within: timedelta = timedelta(hours=24),
        lease_seconds: float = 600.0,
        backoff: float = 2.0,
        feeds: Iterable[str] = (),
        feed_interval_minutes: int = 30,
        fetch_timeout: float = 15.0,
        max_bytes: int = 5_000_000,
        fetch_policy: FetchPolicy | None = None,
        watch_alert_interval: timedelta = timedelta(minutes=60),
        watch_check_seconds: float = 60.0,
        admin_channel: Target | None = None,
        feed_alert_after: int = 3,
        thread_channels: Iterable[str] = (),
        clock: Callable[[], datetime] = _utcnow,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.store = store
        self.schedules = list(schedules)
        self.posters: dict[str, Poster] = dict(posters or {})
        self.grace = grace
        self.horizon_weeks = horizon_weeks
        self.attempts = max(1, attempts)
        self.resume_within = max(resume_within, grace)
        # How long a delivery's owner is trusted without a sign of life (each progress write renews it).
        self.lease_seconds = lease_seconds
        self.backoff = backoff
        self.feeds = list(feeds)
        self.feed_interval_minutes = feed_interval_minutes
        self.fetch_timeout = fetch_timeout
        self.max_bytes = max_bytes
        # Its own stop flag: shutdown() ends the feed poll's fetches without ending anyone else's.
        self.fetch_policy = replace(
            fetch_policy or FetchPolicy(timeout=fetch_timeout, max_bytes=max_bytes), stop=threading.Event()
        )
        self.watch_alert_interval = watch_alert_interval
        self.watch_check_seconds = watch_check_seconds
        # Feed health: alerts go to the admin channel after this many failed polls in a row.
        self.admin_channel = admin_channel
        self.feed_alert_after = max(1, feed_alert_after)
        # Channels ("slack:C0123") whose digests are posted as threads, whatever the schedule says.
        self.thread_channels = frozenset(thread_channels)
        self.clock = clock
        self.sleep = sleep
        self._scheduler: AsyncIOScheduler | None = None
        self._running: set[asyncio.Task[Any]] = set()  # job runs in progress, awaited at shutdown
        self._stopping = False
        self._lock = asyncio.Lock()  # one delivery run at a time: claims stay simple to reason about
        self._reported: set[tuple[str, str, str]] = set()

    # --- lifecycle ------------------------------------------------------------------------------

    async def start(self, *, catch_up: bool = True) -> None:
        """Add one cron job per schedule and the feed job, then catch up missed runs."""
        scheduler = AsyncIOScheduler(timezone=UTC)
        grace_s = max(1, int(self.grace.total_seconds()))
        for schedule in self.schedules:
            scheduler.add_job(
                self._job(self._fire), trigger=schedule.trigger(), args=[schedule.name],
                id=f"digest:{schedule.name}",
                name=schedule.describe(), misfire_grace_time=grace_s, coalesce=True, max_instances=1,
            )
            log.info("schedule added", extra=fields(schedule=schedule.name, cron=schedule.cron,
                                                     tz=schedule.timezone,
                                                     channels=",".join(map(str, schedule.targets))))
        # Always: feeds added from chat (/feeds add) are polled too, with those of GEODIGEST_FEEDS.
        scheduler.add_job(
            self._job(self.poll_feeds), IntervalTrigger(minutes=self.feed_interval_minutes), id="feeds",
            name="poll feeds", next_run_time=datetime.now(UTC), misfire_grace_time=grace_s,
            coalesce=True, max_instances=1,
        )
        scheduler.add_job(
            self._job(self.check_watches), IntervalTrigger(seconds=self.watch_check_seconds), id="watches",
            name="watch alerts", misfire_grace_time=grace_s, coalesce=True, max_instances=1,
        )
        scheduler.start()
        self._scheduler = scheduler
        if catch_up:
            await self.catch_up()

    def _job(self, func: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
        """``func`` as a scheduler job: its runs are tracked, so that shutdown can await them."""

        async def run(*args: Any) -> Any:
            task = asyncio.current_task()
            if task is not None:
                self._running.add(task)
            try:
                return await func(*args)
            except asyncio.CancelledError:
                if not self._stopping:
                    raise
                log.warning("%s stopped: the bot is stopping", func.__name__, extra=fields(job=func.__name__))
                return None
            finally:
                if task is not None:
                    self._running.discard(task)

        run.__name__ = run.__qualname__ = func.__name__
        return run

    async def shutdown(self, timeout: float = STOP_SECONDS) -> None:
        """Stop the jobs: no new run starts, a feed poll's fetches end (within a second), and the
        runs in progress are awaited, a delivery finishing its current post; one still running after
        ``timeout`` seconds is cancelled. APScheduler's own shutdown would cancel them mid-await and
        log each CancelledError as a job's failure."""
        scheduler, self._scheduler = self._scheduler, None
        if scheduler is None:
            return
        self._stopping = True
        scheduler.pause()
        self.fetch_policy.cancel()
        running = [t for t in self._running if not t.done()]
        if running:
            _, late = await asyncio.wait(running, timeout=timeout)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)
        scheduler.shutdown(wait=False)

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
        """Deliver, once, each schedule's latest run if it fell due within the grace period,
        and resume interrupted (pending) deliveries of the last ``resume_within``."""
        now = self.clock()
        results: list[Delivery] = []
        for schedule in self.schedules:
            fire = schedule.last_fire_before(now, within=self.grace) if self.grace.total_seconds() else None
            targets = [t for t in schedule.targets if platforms is None or t.platform in platforms]
            if not targets:
                continue
            if fire is not None:
                done = self._recorded(schedule, fire)
                if not all(str(t) in done for t in targets):
                    log.info("catching up a missed run", extra=fields(schedule=schedule.name,
                                                                       period=period_key(fire)))
                    results += await self.run_due(schedule, fire, targets=targets)
            for earlier, target in self._pending(schedule, targets, now):
                if fire is not None and period_key(earlier) == period_key(fire):
                    continue  # just handled above
                log.info("resuming an interrupted delivery", extra=fields(
                    schedule=schedule.name, channel=str(target), period=period_key(earlier)))
                results += await self.run_due(schedule, earlier, targets=[target])
        results += await self.resume_alerts(platforms)
        return results

    def _recorded(self, schedule: Schedule, fire: datetime) -> set[str]:
        # Pending rows are not "recorded": they are resumed (or reported) on each catch-up.
        return self.store.ledger.recorded(schedule.name, period_key(fire))

    def _pending(
        self, schedule: Schedule, targets: list[Target], now: datetime
    ) -> list[tuple[datetime, Target]]:
        by_name = {str(t): t for t in targets}
        out = []
        for channel, key in self.store.ledger.pending(schedule.name):
            try:
                fire = datetime.fromisoformat(key)
            except ValueError:
                continue
            recent = fire.tzinfo is not None and timedelta(0) <= now - fire <= self.resume_within
            if channel in by_name and recent:
                out.append((fire, by_name[channel]))
        return out

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
        channel = str(target)
        return await self._deliver_job(_Job(
            name=schedule.name, key=period_key(fire),
            build=lambda: self._build(schedule, fire, channel),
            novelty=novelty_key(schedule, channel), threads=self.threaded(schedule, target),
        ), target)

    async def _deliver_job(self, job: _Job, target: Target) -> Delivery:
        """Deliver one job (a schedule's run, a watch alert batch) to one channel, exactly once."""
        name, key = job.name, job.key
        channel = str(target)
        base = {"schedule": name, "channel": channel, "period": key}
        poster = self.posters.get(target.platform)
        if poster is None:
            # Not claimed: a later catch-up (the platform connecting, a restart) can still deliver.
            log.warning("no %s connection: digest not posted", target.platform, extra=fields(**base))
            return Delivery(name, channel, key, "no-poster", detail=f"no {target.platform} poster")
        resumable = isinstance(poster, PartPoster)
        token = secrets.token_hex(8)
        existing = self._existing(name, channel, key)
        if existing is not None:
            state, created, detail = existing
            if state != "pending":
                return Delivery(name, channel, key, "skipped", detail=f"already {state}")
            data = _load(detail)
            if not resumable or "claimed_at" not in data:
                # No way to tell what the platform already has: report once, do not risk a duplicate.
                if (name, channel, key) not in self._reported:
                    self._reported.add((name, channel, key))
                    log.warning(
                        "an earlier delivery was interrupted while posting; not re-posting to avoid a "
                        "duplicate (check the channel)", extra=fields(**base, started=created or "?"),
                    )
                    return Delivery(name, channel, key, "interrupted", detail="pending since a crash")
                return Delivery(name, channel, key, "skipped", detail="already pending")
            progress = self._take_over(name, channel, key, detail, data, token)
            if progress is None:
                return Delivery(name, channel, key, "skipped", detail="in progress elsewhere")
            log.warning("resuming an interrupted delivery", extra=fields(
                **base, posted=len(progress.get("posted") or []), parts=progress.get("parts", "?"),
                inflight=progress.get("inflight"),
            ))
        else:
            claimed = self._claim(name, channel, key, token, job.claim)
            if claimed is None:
                return Delivery(name, channel, key, "skipped", detail="claimed elsewhere")
            progress = claimed
        _RUNNING.add(token)
        try:
            return await self._run_delivery(job, target, poster, progress, token)
        except _LeaseLost:
            log.warning("another process took this delivery over; stopped posting", extra=fields(**base))
            return Delivery(name, channel, key, "skipped", detail="taken over elsewhere")
        finally:
            _RUNNING.discard(token)

    async def _run_delivery(
        self, job: _Job, target: Target, poster: Poster, progress: dict[str, Any], token: str,
    ) -> Delivery:
        name, key = job.name, job.key
        channel = str(target)
        base = {"schedule": name, "channel": channel, "period": key}
        try:
            digest = await job.build()
        except Exception as err:
            self._give_up(name, channel, key, progress, token)
            log.exception("could not build the digest", extra=fields(**base))
            return Delivery(name, channel, key, "failed", detail=f"build: {err}")
        payloads: list[dict[str, Any]] | None = None
        threaded = job.threads
        if progress.get("posted"):
            threaded = bool(progress.get("threaded"))  # a resumed delivery keeps the form it began in
        if threaded and isinstance(poster, ThreadPoster):
            payloads = poster.render_thread(digest)
            threaded = len(payloads) > 1  # an empty digest is one message, no thread
        elif isinstance(poster, PartPoster):
            threaded = False
            payloads = poster.render(digest)
        if payloads is not None:
            digest_hash = payloads_hash(payloads)
            if progress.get("digest_hash") not in (None, digest_hash):
                log.warning("the digest renders differently than when this delivery began (the store "
                            "changed); posting only the parts still missing, by index",
                            extra=fields(**base, posted=len(progress.get("posted") or [])))
            progress["parts"] = len(payloads)
            progress["digest_hash"] = digest_hash
            progress["threaded"] = threaded
            self._save(name, channel, key, progress, token)
        for attempt in range(1, self.attempts + 1):
            try:
                if payloads is not None and isinstance(poster, PartPoster):
                    messages = await self._post_parts(name, target, key, poster, payloads, progress, token,
                                                      threaded=threaded)
                else:
                    messages = await poster.post_digest(target.channel_id, digest)
            except _LeaseLost:
                raise
            except Exception as err:
                if _is_permanent(err):
                    self._finish(name, channel, key, "failed", str(err), progress)
                    log.error("digest not posted, will not retry: %s", err, extra=fields(**base))
                    return Delivery(name, channel, key, "failed", detail=str(err))
                if attempt == self.attempts:
                    # Left for a restart or a later catch-up: released if nothing may have been posted,
                    # else kept pending (without an owner) so that it resumes where it stopped.
                    self._give_up(name, channel, key, progress, token)
                    log.error("digest not posted after %d attempts: %s", attempt, err, extra=fields(**base))
                    return Delivery(name, channel, key, "failed", detail=str(err))
                delay = self.backoff * 2 ** (attempt - 1)
                log.warning("post failed, retrying in %.0f s: %s", delay, err,
                            extra=fields(**base, attempt=attempt))
                await self.sleep(delay)
                continue
            self._mark_sent(job, channel, messages, digest, progress)
            log.info("digest posted", extra=fields(**base, messages=len(messages),
                                                    stories=len(getattr(digest, "stories", []) or []),
                                                    empty=bool(getattr(digest, "empty", False))))
            return Delivery(name, channel, key, "sent", messages=tuple(messages))
        raise AssertionError("unreachable")  # the loop returns on its last attempt

    async def _post_parts(
        self, name: str, target: Target, key: str, poster: PartPoster,
        payloads: list[dict[str, Any]], progress: dict[str, Any], token: str, *, threaded: bool = False,
    ) -> list[str]:
        """Post the parts not recorded as posted, saving progress around each one. ``threaded``:
        part 0 is a header and the others are posted in its thread (``Part.parent``)."""
        channel = str(target)
        posted: list[str] = progress.setdefault("posted", [])
        for index, payload in enumerate(payloads):
            if index < len(posted):
                continue  # recorded as posted (before a crash or a failed attempt)
            sent_at = progress.get("inflight_at") if progress.get("inflight") == index else None
            parent = posted[0] if threaded and index > 0 else None
            part = Part(name, channel, key, index, len(payloads), float(progress["claimed_at"]),
                        float(sent_at) if sent_at is not None else None, parent=parent, thread=threaded)
            if progress.get("inflight") == index:
                # It may have reached the platform before the crash or the error: ask before re-posting.
                found = await poster.find_part(target.channel_id, payload, part)
                if found:
                    log.info("part %d of %d was already posted before the interruption", index + 1,
                             len(payloads), extra=fields(schedule=name, channel=channel, period=key))
                    posted.append(found)
                    progress["inflight"] = None
                    self._save(name, channel, key, progress, token)
                    continue
            progress["inflight"] = index
            progress["inflight_at"] = time.time()
            self._save(name, channel, key, progress, token)
            posted.append(await poster.post_part(target.channel_id, payload, part))
            progress["inflight"] = None
            self._save(name, channel, key, progress, token)
        return list(posted)

    def threaded(self, schedule: Schedule, target: Target) -> bool:
        """Whether this schedule's digests go to this channel as threads (the schedule's
        ``threads=yes``, or the channel listed in GEODIGEST_THREAD_CHANNELS)."""
        return schedule.threads or str(target) in self.thread_channels

    async def _build(self, schedule: Schedule, fire: datetime, channel: str) -> Digest:
        from digests.digest import Scope, build_digest
        from digests.settings import layered_scope, load_settings

        since, until = self.period(schedule, fire)
        after = self.store.ledger.novelty_mark(novelty_key(schedule, channel))
        scope = Scope(topics=list(schedule.topics), countries=list(schedule.countries),
                      entities=list(schedule.entities))
        # what the channel changed with /settings, over the schedule's scope from the environment
        scope = layered_scope(scope, load_settings(self.store, channel))
        return build_digest(self.store, since, until, scope, horizon_weeks=self.horizon_weeks,
                            after_article_id=after)

    def period(self, schedule: Schedule, fire: datetime) -> tuple[date, date]:
        """The days a run covers: from the previous run's day to this run's day, in the schedule's zone."""
        # In UTC: subtracting from a local time is wall-clock arithmetic, wrong across a clock change.
        previous = schedule.last_fire_before(fire.astimezone(UTC) - timedelta(seconds=1))
        until = fire.date()
        since = previous.date() if previous is not None else until - timedelta(days=1)
        return min(since, until), until

    # --- the deliveries table -------------------------------------------------------------------

    def _owner(self, token: str) -> dict[str, Any]:
        return {"host": _HOST, "boot": _BOOT, "pid": os.getpid(), "token": token}

    def _owner_gone(self, data: dict[str, Any]) -> bool:
        """Whether a pending delivery's owner is gone, so that it may be taken over.

        On this machine the owner's process decides, whatever the lease says: a clock that
        jumped forward (or another process's clock ahead) must not hand a live delivery to a
        second poster. Only another machine's owner is judged by its lease.
        """
        owner = data.get("owner")
        if not isinstance(owner, dict):
            return True  # released by a delivery that gave up
        if owner.get("host") == _HOST and owner.get("boot", _BOOT) == _BOOT:
            pid = int(owner.get("pid") or 0)
            if pid == os.getpid():
                return owner.get("token") not in _RUNNING
            return not _pid_alive(pid)
        if owner.get("host") == _HOST:
            return True  # owned before this machine restarted: that process is gone
        return time.time() > float(data.get("lease_until") or 0)

    def _existing(self, schedule: str, channel: str, key: str) -> tuple[str, str | None, str | None] | None:
        return self.store.ledger.existing(schedule, channel, key)

    def _claim(
        self, schedule: str, channel: str, key: str, token: str, claim: Callable[[str], bool] | None = None
    ) -> dict[str, Any] | None:
        progress: dict[str, Any] = {
            "claimed_at": time.time(), "posted": [], "inflight": None,
            "owner": self._owner(token), "lease_until": time.time() + self.lease_seconds,
        }
        detail = json.dumps(progress)
        claimed = claim(detail) if claim is not None else self.store.ledger.claim(
            schedule, channel, key, _stamp(), detail)
        return progress if claimed else None

    def _take_over(
        self, schedule: str, channel: str, key: str, detail: str | None, data: dict[str, Any], token: str
    ) -> dict[str, Any] | None:
        if not self._owner_gone(data):
            return None
        progress = {**data, "owner": self._owner(token), "lease_until": time.time() + self.lease_seconds}
        progress.setdefault("posted", [])
        # Compare-and-swap on the whole detail: of two processes resuming at once, one wins.
        taken = self.store.ledger.swap_detail(schedule, channel, key, detail, json.dumps(progress))
        return progress if taken else None

    def _save(self, schedule: str, channel: str, key: str, progress: dict[str, Any], token: str) -> None:
        progress["lease_until"] = time.time() + self.lease_seconds
        if not self.store.ledger.save_progress(schedule, channel, key, json.dumps(progress), token):
            raise _LeaseLost(f"{schedule} {channel} {key}")

    def _give_up(self, schedule: str, channel: str, key: str, progress: dict[str, Any], token: str) -> None:
        """Stop for now: delete the claim if nothing can have reached the platform, else keep the
        progress pending without an owner, so that the next catch-up resumes it at once."""
        untouched = not progress.get("posted") and progress.get("inflight") is None
        released = {k: v for k, v in progress.items() if k not in ("owner", "lease_until")}
        self.store.ledger.release(schedule, channel, key, token, None if untouched else json.dumps(released))

    def _finish(
        self, schedule: str, channel: str, key: str, state: str, detail: str, progress: dict[str, Any]
    ) -> None:
        record = {k: v for k, v in progress.items() if k not in ("owner", "lease_until")}
        record["error"] = detail[:500]
        self.store.ledger.finish(schedule, channel, key, state, json.dumps(record))

    def _mark_sent(
        self, job: _Job, channel: str, messages: list[str], digest: Digest, progress: dict[str, Any],
    ) -> None:
        until = digest.period.until
        last_id = digest.last_article_id
        record = {"messages": messages, "parts": progress.get("parts", len(messages)),
                  "digest_hash": progress.get("digest_hash"), "claimed_at": progress.get("claimed_at")}
        novelty = (
            (job.novelty, until.isoformat(), int(last_id))
            if last_id is not None and job.novelty is not None
            else None
        )
        self.store.ledger.mark_sent(job.name, channel, job.key, _stamp(), json.dumps(record), novelty)

    # --- watch alerts ---------------------------------------------------------------------------

    async def check_watches(self) -> list[Delivery]:
        """Match newly stored articles against the watches, then alert each channel whose pending
        hits are due: at most one alert per channel per ``watch_alert_interval``, each delivered
        exactly once through the ledger (the batch and its hits are claimed in one transaction)."""
        from digests.watches import scan_all

        results: list[Delivery] = []
        async with self._lock:
            try:
                # off the event loop (its own connection): matching a large feed poll takes a while
                found = await self._off_loop(scan_all)
            except Exception:
                log.exception("matching new articles against the watches failed")
                return results
            if found:
                log.info("watch hits", extra=fields(hits=found))
            # an alert given up part-way (the platform down) is finished before anything new
            results += await self._resume_alerts(set(self.posters))
            for channel in self.store.channels_with_pending_hits():
                target = _target(channel)
                if target is None or target.platform not in self.posters or not self._alert_due(channel):
                    continue
                delivery = await self._alert(target)
                if delivery is not None:
                    results.append(delivery)
        return results

    async def _off_loop(self, work: Callable[[Store], _T]) -> _T:
        """Run ``work`` on the store in a worker thread, through a connection of its own."""
        def run() -> _T:
            with Store.open(Path(self.store.path)) as store:
                return work(store)

        return await asyncio.to_thread(run)

    def _alert_due(self, channel: str) -> bool:
        from digests.store import ALERT_SCHEDULE

        last = self.store.ledger.latest_claim(ALERT_SCHEDULE, channel)
        if last is None:
            return True
        return self.clock() - datetime.fromisoformat(last) >= self.watch_alert_interval

    async def _alert(self, target: Target) -> Delivery | None:
        from digests.watches import form_batch

        channel = str(target)
        batch = await self._off_loop(lambda store: form_batch(store, channel))  # story grouping: off the loop
        if batch is None:
            return None
        if not batch.hits:
            self.store.cover_hits(batch.covered)  # every story was alerted before
            return None
        now = self.clock().astimezone(UTC).isoformat(timespec="seconds")  # the rate limit reads it back
        key = f"{now}#{min(batch.hits)}"

        def claim(detail: str) -> bool:
            return self.store.claim_alert_batch(channel, key, now, detail, batch.hits, batch.covered)

        return await self._deliver_job(self._alert_job(channel, key, claim), target)

    def _alert_job(self, channel: str, key: str, claim: Callable[[str], bool] | None = None) -> _Job:
        from digests.store import ALERT_SCHEDULE
        from digests.watches import alert_digest

        async def build() -> Digest:
            return alert_digest(self.store, channel, self.store.batch_hits(channel, key),
                                today=self.clock().date())

        return _Job(name=ALERT_SCHEDULE, key=key, build=build, claim=claim)

    async def resume_alerts(self, platforms: set[str] | None = None) -> list[Delivery]:
        """Finish alert batches interrupted by a crash (their hits are fixed: the same message)."""
        async with self._lock:
            return await self._resume_alerts(platforms)

    async def _resume_alerts(self, platforms: set[str] | None) -> list[Delivery]:
        from digests.store import ALERT_SCHEDULE

        results = []
        for channel, key in self.store.ledger.pending(ALERT_SCHEDULE):
            target = _target(channel)
            if target is None or (platforms is not None and target.platform not in platforms):
                continue
            if not self.store.batch_hits(channel, key):
                # its watches were removed meanwhile: nothing left to tell
                self.store.ledger.finish(ALERT_SCHEDULE, channel, key, "skipped",
                                         '{"reason": "no hits left"}')
                continue
            delivery = await self._deliver_job(self._alert_job(channel, key), target)
            if delivery.state != "skipped":  # skipped: still running elsewhere, or done meanwhile
                log.info("resumed an interrupted watch alert", extra=fields(channel=channel, period=key))
                results.append(delivery)
        return results

    # --- feeds ----------------------------------------------------------------------------------

    async def poll_feeds(self) -> list[Delivery]:
        """Poll every feed (GEODIGEST_FEEDS and those added from chat) in a worker thread, record
        each outcome, then post the feed-health alerts the records call for."""
        try:
            urls, summary = await asyncio.to_thread(self._poll_feeds_sync)
        except Exception:
            log.exception("feed poll failed")
            return []
        if self._stopping:
            return []
        if urls:
            log.info("feeds polled", extra=fields(**summary))
        if summary.get("new"):
            await self.check_watches()  # alert on what the poll brought without waiting for the next check
        return await self.feed_alerts(urls)

    def _poll_feeds_sync(self) -> tuple[list[str], dict[str, int]]:
        from digests.feeds import feed_list, poll_feed

        totals: dict[str, int] = {"feeds": 0, "new": 0, "updated": 0, "unchanged": 0, "failed": 0}
        # Its own connection: this runs in a worker thread while the loop keeps serving commands.
        with Store.open(Path(self.store.path)) as store:
            urls = [url for url, _, _ in feed_list(store, self.feeds)]
            for url in urls:
                if self.fetch_policy.stop.is_set():
                    break  # shutting down
                outcome = poll_feed(store, url, self.fetch_policy)
                if not outcome.ok and self.fetch_policy.stop.is_set():
                    break  # cut short by shutdown: not the feed's failure
                totals["feeds"] += 1
                totals["new"] += outcome.new
                totals["updated"] += outcome.updated
                totals["unchanged"] += outcome.unchanged
                if not outcome.ok:
                    totals["failed"] += 1
                    log.warning("feed poll failed: %s: %s", url, outcome.error, extra=fields(feed=url))
        return urls, totals

    async def feed_alerts(self, urls: Iterable[str]) -> list[Delivery]:
        """Post, once each (by the ledger), the alerts the feeds' records call for to the admin
        channel: a feed failing ``feed_alert_after`` polls in a row, and its recovery."""
        from digests.feeds import ALERTS, feed_alerts

        target = self.admin_channel
        if target is None:
            return []
        results = []
        for alert in feed_alerts(self.store, list(urls), str(target), self.feed_alert_after):
            log.warning("feed %s: %s", "failing" if alert.kind == "down" else "recovered", alert.url,
                        extra=fields(feed=alert.url, failures=alert.failures, channel=str(target)))
            results.append(await self.notify(ALERTS, target, alert.key, alert.reply()))
        return results

    async def notify(self, kind: str, target: Target, key: str, reply: Reply) -> Delivery:
        """Post a notice (a feed alert) to one channel at most once per ``key``, through the same
        ledger as digests: claimed before posting, marked sent after, resumed like a digest part
        (nonce, metadata) if a crash interrupted it. Not claimed when the platform is not
        connected, so a later call posts it."""
        channel = str(target)
        poster = self.posters.get(target.platform)
        if poster is None:
            log.warning("no %s connection: notice not posted", target.platform,
                        extra=fields(kind=kind, channel=channel))
            return Delivery(kind, channel, key, "no-poster", detail=f"no {target.platform} poster")
        parts = isinstance(poster, PartPoster) and isinstance(poster, NoticePoster)
        async with self._lock:
            token = secrets.token_hex(8)
            existing = self._existing(kind, channel, key)
            if existing is not None:
                state, _, detail = existing
                data = _load(detail)
                if state != "pending" or not parts or "claimed_at" not in data:
                    return Delivery(kind, channel, key, "skipped", detail=f"already {state}")
                progress = self._take_over(kind, channel, key, detail, data, token)
            else:
                progress = self._claim(kind, channel, key, token)
            if progress is None:
                return Delivery(kind, channel, key, "skipped", detail="in progress elsewhere")
            _RUNNING.add(token)
            try:
                if isinstance(poster, PartPoster) and isinstance(poster, NoticePoster):
                    payloads = poster.render_notice(reply)
                    progress["parts"] = len(payloads)
                    self._save(kind, channel, key, progress, token)
                    messages = await self._post_parts(kind, target, key, poster, payloads, progress, token)
                elif isinstance(poster, PlainNoticePoster):
                    messages = [await poster.post_notice(target.channel_id, reply)]
                else:
                    self._give_up(kind, channel, key, progress, token)
                    return Delivery(kind, channel, key, "failed", detail="this poster cannot post notices")
            except _LeaseLost:
                return Delivery(kind, channel, key, "skipped", detail="taken over elsewhere")
            except Exception as err:
                # Released (nothing posted) or kept pending: the next poll tries again.
                self._give_up(kind, channel, key, progress, token)
                log.error("notice not posted: %s", err, extra=fields(kind=kind, channel=channel))
                return Delivery(kind, channel, key, "failed", detail=str(err))
            finally:
                _RUNNING.discard(token)
            record = {"messages": messages, "claimed_at": progress.get("claimed_at")}
            self.store.ledger.mark_sent(kind, channel, key, _stamp(), json.dumps(record))
            log.info("notice posted", extra=fields(kind=kind, channel=channel, key=key))
            return Delivery(kind, channel, key, "sent", messages=tuple(messages))


def _target(channel: str) -> Target | None:
    """A stored channel key (``slack:C0123``) as a delivery target; None when it names no platform."""
    platform, _, channel_id = channel.partition(":")
    if platform not in ("slack", "discord", "console") or not channel_id:
        return None
    return Target(platform, channel_id)  # type: ignore[arg-type]


def period_key(fire: datetime) -> str:
    """The identity of one run: its fire time in the schedule's zone, to the minute."""
    return fire.isoformat(timespec="minutes")


def novelty_key(schedule: Schedule, channel: str) -> str:
    """channel_state key: novelty is per channel and schedule, so that two schedules with
    different scopes posting to one channel do not take each other's news."""
    return f"{channel}#{schedule.name}"

"""Feeds from chat (/feeds) and feed health: every poll recorded, one alert when a feed keeps
failing and one when it recovers, exactly once across restarts (the delivery ledger).

Real SQLite, the real fetcher against the fake web server on 127.0.0.1 (tests/httpfake.py),
the real scheduler; the admin channel is a console target whose poster records what it gets.
"""

from __future__ import annotations

import asyncio
import io
import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from httpfake import FakeWeb

from bot.config import load_settings
from bot.runtime import doctor
from bot.scheduler import DigestScheduler
from bot.schedules import Target
from digests.commands import CommandContext, Reply, handle
from digests.feeds import ALERTS, feed_statuses
from digests.fetch import FetchPolicy
from digests.store import Store
from digests.store.feeds import KEEP_POLLS

ADMIN = Target("console", "admin")
LOCAL = FetchPolicy(allow_private=True, timeout=5)


class NoticeLog:
    """The admin channel: records every notice posted to it (a plain notice poster, like the console)."""

    def __init__(self) -> None:
        self.notices: list[tuple[str, Reply]] = []

    async def post_digest(self, channel_id: str, digest: Any) -> list[str]:
        raise AssertionError("no digest is scheduled in these tests")

    async def post_notice(self, channel_id: str, reply: Reply) -> str:
        self.notices.append((channel_id, reply))
        return f"n{len(self.notices)}"

    def titles(self) -> list[str]:
        return [r.title for _, r in self.notices]


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "feeds.db"
    Store.open(path).close()
    yield path


def scheduler(db: Path, feeds: list[str], poster: NoticeLog, *, alert_after: int = 3) -> DigestScheduler:
    return DigestScheduler(Store.open(db), [], {"console": poster}, feeds=feeds, fetch_policy=LOCAL,
                           admin_channel=ADMIN, feed_alert_after=alert_after)


def breaks(web: FakeWeb, path: str) -> None:
    web.routes[path] = lambda h: h.answer(503, b"Service Unavailable", "text/plain")


def heals(web: FakeWeb, path: str) -> None:
    web.file(path, "feed.rss", "application/rss+xml")


def admin(**kwargs: Any) -> CommandContext:
    return CommandContext(platform="console", is_admin=True, fetch=LOCAL, **kwargs)


# --- health transitions -------------------------------------------------------------------------


async def test_three_failures_alert_once_and_recovery_alerts_once(db: Path, web: FakeWeb) -> None:
    feed = web.url("/feed.rss")
    log = NoticeLog()
    sched = scheduler(db, [feed], log)
    await sched.poll_feeds()  # a good poll first: the feed has worked
    assert log.notices == []
    breaks(web, "/feed.rss")
    await sched.poll_feeds()
    await sched.poll_feeds()
    assert log.notices == []  # two failures: not yet
    sent = await sched.poll_feeds()
    assert [d.state for d in sent] == ["sent"]
    assert log.titles() == [f"Feed failing: {feed}"]
    channel, reply = log.notices[0]
    assert channel == "admin"
    assert "3 polls in a row" in reply.items[0].text and "503" in reply.items[1].text
    await sched.poll_feeds()  # a fourth failure: the same incident, no second alert
    assert len(log.notices) == 1
    heals(web, "/feed.rss")
    await sched.poll_feeds()
    assert log.titles() == [f"Feed failing: {feed}", f"Feed recovered: {feed}"]
    await sched.poll_feeds()
    assert len(log.notices) == 2
    with Store.open(db) as store:
        states = store.db.execute(
            "SELECT period_key, state FROM deliveries WHERE schedule = ?", [ALERTS]).fetchall()
    assert sorted(s for _, s in states) == ["sent", "sent"]


async def test_a_restart_between_failures_and_after_the_alert_repeats_nothing(db: Path, web: FakeWeb) -> None:
    feed = web.url("/feed.rss")
    breaks(web, "/feed.rss")
    log = NoticeLog()
    first = scheduler(db, [feed], log)
    await first.poll_feeds()
    await first.poll_feeds()
    first.store.close()
    restarted = scheduler(db, [feed], log)  # a restart between the second and third failure
    await restarted.poll_feeds()
    assert log.titles() == [f"Feed failing: {feed}"]  # never polled ok: still one alert at three
    restarted.store.close()
    again = scheduler(db, [feed], log)  # a restart after the alert
    await again.poll_feeds()
    await again.poll_feeds()
    assert len(log.notices) == 1
    heals(web, "/feed.rss")
    await again.poll_feeds()
    again.store.close()
    last = scheduler(db, [feed], log)
    await last.poll_feeds()
    assert log.titles() == [f"Feed failing: {feed}", f"Feed recovered: {feed}"]


async def test_a_feed_that_fails_fewer_times_than_the_setting_never_alerts(db: Path, web: FakeWeb) -> None:
    feed = web.url("/feed.rss")
    log = NoticeLog()
    sched = scheduler(db, [feed], log, alert_after=3)
    for _ in range(3):
        breaks(web, "/feed.rss")
        await sched.poll_feeds()
        await sched.poll_feeds()
        heals(web, "/feed.rss")
        await sched.poll_feeds()
    assert log.notices == []  # two failures at a time, then a success: no alert, no recovery
    with Store.open(db) as store:
        status = feed_statuses(store, [feed])[0]
    assert status.health() == "ok" and status.polls == 9 and status.last_error


async def test_a_second_incident_alerts_again(db: Path, web: FakeWeb) -> None:
    feed = web.url("/feed.rss")
    log = NoticeLog()
    sched = scheduler(db, [feed], log, alert_after=1)
    breaks(web, "/feed.rss")
    await sched.poll_feeds()
    heals(web, "/feed.rss")
    await sched.poll_feeds()
    breaks(web, "/feed.rss")
    await sched.poll_feeds()
    assert log.titles() == [f"Feed failing: {feed}", f"Feed recovered: {feed}", f"Feed failing: {feed}"]


async def test_an_alert_waits_for_its_platform_and_is_then_posted_once(db: Path, web: FakeWeb) -> None:
    feed = web.url("/error")
    log = NoticeLog()
    sched = scheduler(db, [feed], log, alert_after=1)
    sched.posters.clear()  # the admin channel's platform is not connected yet
    results = await sched.poll_feeds()
    assert [d.state for d in results] == ["no-poster"] and log.notices == []
    sched.posters["console"] = log
    await sched.poll_feeds()
    await sched.poll_feeds()
    assert log.titles() == [f"Feed failing: {feed}"]


async def test_without_an_admin_channel_health_is_recorded_and_nothing_is_posted(
    db: Path, web: FakeWeb
) -> None:
    log = NoticeLog()
    sched = DigestScheduler(Store.open(db), [], {"console": log}, feeds=[web.url("/error")],
                            fetch_policy=LOCAL, feed_alert_after=1)
    assert await sched.poll_feeds() == []
    with Store.open(db) as store:
        status = feed_statuses(store, [web.url("/error")])[0]
    assert status.health(1) == "failing" and "HTTP 500" in (status.last_error or "")
    assert log.notices == []


def test_old_polls_are_pruned_but_the_last_success_is_kept(db: Path) -> None:
    with Store.open(db) as store:
        store.feeds.record("https://a.example/feed", "2026-01-01T00:00:00+00:00", True, new=2)
        ok_id = store.feeds.recent("https://a.example/feed")[0].id
        for i in range(KEEP_POLLS + 20):
            store.feeds.record("https://a.example/feed", f"2026-01-02T00:00:{i % 60:02d}+00:00", False,
                               error="HTTP 503")
        failing, last_ok, _ = store.feeds.streak("https://a.example/feed")
        assert last_ok == ok_id  # the incident keeps its identity, so no second alert
        assert failing == KEEP_POLLS
        assert store.feeds.count("https://a.example/feed") == KEEP_POLLS + 1


# --- /feeds -------------------------------------------------------------------------------------


def test_feeds_lists_env_and_chat_feeds_with_their_health(db: Path, web: FakeWeb) -> None:
    env = (web.url("/feed.atom"),)
    with Store.open(db) as store:
        empty = handle(store, "feeds", "", admin())
        assert empty.kind == "answer" and "No feeds" in empty.title
        added = handle(store, "feeds", f"add {web.url('/feed.rss')}", admin(feeds=env))
        assert added.kind == "answer", added.title
        assert added.title == f"Feed 2 added: {web.url('/feed.rss')}"
        assert "new article" in added.items[0].text
        listing = handle(store, "feeds", "", admin(feeds=env))
    assert listing.title == "Feeds (2 polled)"
    first, second = listing.items
    assert first.label == f"1. {web.url('/feed.atom')} (GEODIGEST_FEEDS)"
    assert first.text.startswith("not polled yet")
    assert second.label == f"2. {web.url('/feed.rss')}"
    assert second.text.startswith("ok") and "last success 20" in second.text
    assert "new articles in the last day" in second.text and not second.text.endswith(" 0 new articles "
                                                                                       "in the last day")
    assert listing.note and "GEODIGEST_FEEDS" in listing.note


@pytest.mark.parametrize(("url", "says"), [
    ("ftp://files.example/feed.xml", "not an http(s) address"),
    ("news.example/feed", "not an http(s) address"),
    ("https://user:secret@news.example/feed.xml", "user name or password"),
    ("https://", "no host"),
    ("http://localhost/feed.xml", "not a public host name"),
    ("http://127.0.0.1/feed.xml", "private or local address"),
    ("http://[::ffff:127.0.0.1]/feed.xml", "private or local address"),
    ("http://10.1.2.3/feed.xml", "private or local address"),
    ("https://news.example:8443/feed.xml", "port 8443"),
    ("https://a.example/x https://b.example/y", "one address"),
])
def test_bad_feed_addresses_are_refused_with_the_reason(db: Path, url: str, says: str) -> None:
    ctx = CommandContext(platform="slack", user_id="U0ADMIN", is_admin=True, fetch=FetchPolicy())
    if says == "port 8443":  # a public literal address, so no DNS is needed to reach the port check
        url = "https://93.184.216.34:8443/feed.xml"
    with Store.open(db) as store:
        reply = handle(store, "feeds", f"add {url}", ctx)
        assert reply.kind == "error" and says in reply.title, reply.title
        assert store.feeds.added() == []


@pytest.mark.parametrize(("path", "says"), [
    ("/story.html", "a web page, not an RSS or Atom feed"),
    ("/missing.xml", "HTTP 404"),
    ("/error", "HTTP 500"),
    ("/image.png", "unsupported content type"),
])
def test_feeds_that_cannot_be_read_are_not_added(db: Path, web: FakeWeb, path: str, says: str) -> None:
    with Store.open(db) as store:
        reply = handle(store, "feeds", f"add {web.url(path)}", admin())
        assert reply.kind == "error" and says in reply.title, reply.title
        assert store.feeds.added() == [] and store.count_articles() == 0


def test_a_feed_served_with_the_legacy_rss_type_is_added(db: Path, web: FakeWeb) -> None:
    web.file("/legacy.rss", "feed.rss", "application/x-rss+xml")
    with Store.open(db) as store:
        reply = handle(store, "feeds", f"add {web.url('/legacy.rss')}", admin())
        assert reply.kind == "answer" and reply.title.startswith("Feed 1 added"), reply.title
        assert store.count_articles() > 0


def test_add_twice_remove_and_env_feeds_stay(db: Path, web: FakeWeb) -> None:
    env = (web.url("/feed.atom"),)
    feed = web.url("/feed.rss")
    with Store.open(db) as store:
        assert handle(store, "feeds", f"add {feed}", admin(feeds=env)).kind == "answer"
        twice = handle(store, "feeds", f"add {feed}", admin(feeds=env))
        assert twice.kind == "error" and "polled already" in twice.title
        in_env = handle(store, "feeds", f"add {env[0]}", admin(feeds=env))
        assert in_env.kind == "error" and "GEODIGEST_FEEDS" in in_env.title
        kept = handle(store, "feeds", "remove 1", admin(feeds=env))
        assert kept.kind == "error" and "comes from GEODIGEST_FEEDS: remove it there" in kept.title
        for bad, says in (("remove 9", "no feed 9"), ("remove", "needs the feed's number"),
                          ("remove two", "Give the feed's number"), ("purge 1", "takes add URL"),
                          ("list 2", "takes nothing more")):
            reply = handle(store, "feeds", bad, admin(feeds=env))
            assert reply.kind == "error" and says in reply.title, (bad, reply.title)
        removed = handle(store, "feeds", "remove 2", admin(feeds=env))
        assert removed.title == f"Feed removed: {feed}"
        assert store.feeds.added() == []
        assert [s.url for s in feed_statuses(store, env)] == list(env)
        assert store.count_articles() > 0  # its articles stay


def test_feeds_is_for_admins_only(db: Path) -> None:
    with Store.open(db) as store:
        for platform, hint in (("slack", "SLACK_ADMIN_USERS"), ("discord", "Manage Server")):
            for args in ("", "add https://news.example/feed.xml", "remove 1"):
                reply = handle(store, "feeds", args, CommandContext(platform=platform))  # type: ignore[arg-type]
                assert reply.kind == "error" and "admins only" in reply.title and hint in reply.title
        assert store.feeds.added() == []


async def test_feeds_added_from_chat_are_polled_by_the_scheduler(db: Path, web: FakeWeb) -> None:
    with Store.open(db) as store:
        store.feeds.add(web.url("/feed.rss"), "slack:U0ADMIN", "2026-01-01T00:00:00+00:00")
    sched = scheduler(db, [], NoticeLog())
    await sched.poll_feeds()
    assert sched.store.count_articles() > 0
    assert web.hits.count("/feed.rss") == 1


# --- doctor and the console ---------------------------------------------------------------------


async def test_doctor_shows_the_same_health(db: Path, web: FakeWeb, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(db.parent)
    good, bad = web.url("/feed.rss"), web.url("/error")
    sched = scheduler(db, [good, bad], NoticeLog(), alert_after=2)
    await sched.poll_feeds()
    await sched.poll_feeds()
    sched.store.close()
    settings = load_settings(GEODIGEST_DB=str(db), GEODIGEST_FEEDS=f"{good},{bad}",
                             GEODIGEST_FEED_ALERT_AFTER="2", GEODIGEST_ADMIN_CHANNEL="console:admin")
    out = io.StringIO()
    assert doctor(settings, out) == 0
    text = out.getvalue()
    assert "[  ok] 2 feed(s) polled every 30 min" in text
    assert f"[  ok] feed 1 {good} (GEODIGEST_FEEDS): ok" in text
    assert f"[FAIL] feed 2 {bad} (GEODIGEST_FEEDS): failing · 2 failed polls in a row" in text
    assert "HTTP 500" in text
    assert "feed alerts go to console:admin after 2 failed polls in a row" in text


def test_doctor_says_when_alerts_cannot_reach_their_channel(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(db.parent)
    for env, says in (
        ({"GEODIGEST_ADMIN_CHANNEL": "slack:C0ADMIN01"},
         "feed alerts go to slack:C0ADMIN01 but SLACK_BOT_TOKEN"),
        ({"GEODIGEST_ADMIN_CHANNEL": "console:admin", "DISCORD_TOKEN": "x", "DISCORD_API_BASE_URL":
          "http://127.0.0.1:9/api"}, "with a platform token no console runs"),
    ):
        out = io.StringIO()
        settings = load_settings(GEODIGEST_DB=str(db), GEODIGEST_FEEDS="https://news.example/a.xml", **env)
        assert doctor(settings, out) == 1
        assert says in out.getvalue(), out.getvalue()
    out = io.StringIO()
    doctor(load_settings(GEODIGEST_DB=str(db), GEODIGEST_FEEDS="https://news.example/a.xml"), out)
    assert "GEODIGEST_ADMIN_CHANNEL is not set: failing feeds are only logged" in out.getvalue()


def test_settings_for_alerts_are_checked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from bot.config import ConfigError

    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match="GEODIGEST_ADMIN_CHANNEL: channel '#ops'"):
        load_settings(GEODIGEST_ADMIN_CHANNEL="#ops")
    with pytest.raises(ConfigError, match="GEODIGEST_FEED_ALERT_AFTER"):
        load_settings(GEODIGEST_FEED_ALERT_AFTER="0")
    assert load_settings(GEODIGEST_ADMIN_CHANNEL=" slack:C0ADMIN01 ").admin_channel == "slack:C0ADMIN01"


def test_the_console_lists_feeds_with_their_health(db: Path, web: FakeWeb) -> None:
    from adapters.console.app import Console

    out = io.StringIO()
    with Store.open(db) as store:
        console = Console(store, out, fetch=LOCAL, feeds=(web.url("/error"),), feed_alert_after=1)
        console.line(f"/feeds add {web.url('/feed.rss')}")
        console.line("/feeds")
    text = out.getvalue()
    assert f"Feed 2 added: {web.url('/feed.rss')}" in text
    assert "Feeds (2 polled)" in text and "not polled yet" in text


# --- stopping ------------------------------------------------------------------------------------


async def test_stopping_during_a_feed_poll_is_clean(
    db: Path, web: FakeWeb, caplog: pytest.LogCaptureFixture
) -> None:
    """The bot stops while a feed host is slow to answer: the poll ends within a second, no job is
    cancelled mid-await (APScheduler would log its CancelledError as a traceback), and the
    interrupted poll is not recorded as a failure of the feed."""
    asked = threading.Event()

    def slow_feed(h: Any) -> None:
        asked.set()
        time.sleep(20)  # far longer than the test waits: only the client can end this
        h.answer(200, b"", "application/rss+xml")

    web.routes["/slow-feed.rss"] = slow_feed
    url = web.url("/slow-feed.rss")
    policy = FetchPolicy(allow_private=True, timeout=30)
    sched = DigestScheduler(Store.open(db), [], {}, feeds=[url], fetch_policy=policy)
    caplog.set_level(logging.DEBUG)
    await sched.start(catch_up=False)
    assert await asyncio.to_thread(asked.wait, 10), "the poll never reached the feed host"
    began = time.monotonic()
    await sched.shutdown()
    assert time.monotonic() - began < 3
    await asyncio.sleep(1)  # what a cancelled job would log, it logs by now
    assert [r.getMessage() for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR] == []
    assert "CancelledError" not in caplog.text
    with Store.open(db) as store:
        assert store.db.execute("SELECT count(*) FROM feed_polls").fetchone()[0] == 0

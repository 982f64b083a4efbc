"""Fetches that must not reach inside the network, hang, or blow up memory (issue 15, items 2-4, 8).

Every server here is on 127.0.0.0/8; addresses outside it only appear in URLs that must be
refused before any connection is tried.
"""

from __future__ import annotations

import gzip
import io
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from httpfake import FakeWeb

from digests.commands import CommandContext, handle
from digests.errors import FetchError
from digests.fetch import BlockedAddress, FetchPolicy, fetch
from digests.ingest import ingest_inputs
from digests.sources import read_source
from digests.store import Store

DEFAULT = FetchPolicy()
LOCAL = FetchPolicy(allow_private=True)


@pytest.fixture
def inside() -> Iterator[FakeWeb]:
    """An 'internal service' on 127.0.0.2 holding a secret."""
    server = FakeWeb("127.0.0.2")
    server.page("/secret.txt", "internal: the database password is hunter2", "text/plain")
    server.start()
    try:
        yield server
    finally:
        server.stop()


# --- item 2: addresses ---------------------------------------------------------------------------


def test_loopback_is_refused_by_default_and_nothing_is_fetched(web: FakeWeb, store: Store) -> None:
    with pytest.raises(BlockedAddress, match="private or local address"):
        fetch(web.url("/story.html"), policy=DEFAULT)
    report = ingest_inputs(store, [web.url("/story.html")], out=io.StringIO(), err=io.StringIO())
    assert report.failed == 1 and store.count_articles() == 0
    assert web.hits == []


@pytest.mark.parametrize("host", [
    "127.0.0.1", "127.1", "0x7f.0.0.1", "2130706433", "[::ffff:127.0.0.1]", "[::1]",
    "0.0.0.0", "0", "169.254.169.254", "10.0.0.8", "192.168.1.1", "172.16.5.4", "100.64.0.1",
    "224.0.0.1", "240.0.0.1", "255.255.255.255", "[fe80::1]", "[fc00::1]", "[ff02::1]", "[::]",
    "[::ffff:a9fe:a9fe]", "[64:ff9b::7f00:1]", "[2002:7f00:1::]",
])
def test_odd_spellings_of_inside_addresses_are_refused(host: str) -> None:
    with pytest.raises(BlockedAddress):
        fetch(f"http://{host}/latest/meta-data/", policy=DEFAULT, timeout=2)


def test_user_info_and_other_ports_are_refused() -> None:
    with pytest.raises(BlockedAddress, match="user name or password"):
        fetch("http://user:pw@127.0.0.1/", policy=LOCAL, timeout=2)
    with pytest.raises(BlockedAddress, match="user name or password"):
        fetch("http://news.example@127.0.0.1/", policy=DEFAULT, timeout=2)
    # A public address on a port that is not allowed: refused when connecting, before any packet
    # (the address is a literal, so not even a DNS query is made).
    with pytest.raises(BlockedAddress, match="port 8080"):
        fetch("http://93.184.216.34:8080/", policy=DEFAULT, timeout=2)


def test_each_redirect_hop_is_checked(web: FakeWeb, inside: FakeWeb) -> None:
    web.routes["/to-inside"] = lambda h: h.answer(302, b"", None, {"Location": inside.url("/secret.txt")})
    only_outside = FetchPolicy(allow_networks=("127.0.0.1/32",))  # the fake web stands for the internet
    assert fetch(web.url("/story.html"), policy=only_outside).status == 200
    with pytest.raises(BlockedAddress, match=r"127\.0\.0\.2"):
        fetch(web.url("/to-inside"), policy=only_outside)
    assert inside.hits == []


def test_a_feed_link_to_an_inside_address_is_not_fetched(
    web: FakeWeb, inside: FakeWeb, store: Store
) -> None:
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<item><title>Harbour talks resume</title><link>{inside.url('/secret.txt')}</link>"
        "<description>Negotiators met again on Monday to discuss the harbour.</description></item>"
        "</channel></rss>"
    )
    web.page("/inside.rss", feed, "application/rss+xml")
    only_outside = FetchPolicy(allow_networks=("127.0.0.1/32",))
    ingest_inputs(store, [web.url("/inside.rss")], out=io.StringIO(), err=io.StringIO(), policy=only_outside)
    assert inside.hits == []
    texts = [store.article_text(a.id) for a in store.list_articles(limit=10)]
    assert texts and not any("hunter2" in (t or "") for t in texts)


def test_the_address_checked_is_the_address_connected_to(
    web: FakeWeb, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name is resolved once per connection and the fetch connects to that very address
    (no second lookup that a rebinding DNS server could answer differently)."""
    answers = [[("127.0.0.1",)], [("10.9.9.9",)]]
    calls: list[str] = []

    def fake_getaddrinfo(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        calls.append(host)
        address = answers[min(len(calls) - 1, 1)][0][0]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    policy = FetchPolicy(allow_networks=("127.0.0.1/32",))
    got = fetch(f"http://news.test:{web.port}/story.html", policy=policy)
    assert got.status == 200 and calls == ["news.test"]
    with pytest.raises(BlockedAddress, match=r"10\.9\.9\.9"):
        fetch(f"http://rebound.test:{web.port}/story.html", policy=policy)


def test_chat_ingest_of_an_internal_url_stores_nothing(store: Store, inside: FakeWeb) -> None:
    admin = CommandContext(platform="slack", user_id="U0ADMIN", is_admin=True)
    reply = handle(store, "ingest", inside.url("/secret.txt"), admin)
    assert reply.kind == "error" and "private or local address" in reply.title
    assert inside.hits == [] and store.count_articles() == 0


# --- item 3: one deadline over connect, headers and body; cancel on shutdown ------------------------


def test_headers_sent_slowly_hit_the_overall_deadline(web: FakeWeb) -> None:
    began = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out after 0\.8 s"):
        fetch(web.url("/slow-headers"), timeout=0.8, policy=LOCAL)
    assert time.monotonic() - began < 2.5


def test_cancel_ends_a_fetch_in_flight_within_a_second(web: FakeWeb) -> None:
    policy = FetchPolicy(allow_private=True, timeout=30)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            fetch(web.url("/slow-headers"), timeout=30, policy=policy)
        except FetchError as err:
            errors.append(err)

    worker = threading.Thread(target=run)
    worker.start()
    time.sleep(0.3)
    stopped = time.monotonic()
    policy.cancel()
    worker.join(5)
    assert not worker.is_alive() and time.monotonic() - stopped < 1.5
    assert errors and "shutting down" in str(errors[0])
    with pytest.raises(FetchError, match="shutting down"):
        fetch(web.url("/story.html"), policy=policy)


def test_the_console_exits_when_its_input_closes_even_after_a_hung_fetch(
    tmp_path: Path, web: FakeWeb, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    from bot.config import load_settings
    from bot.runtime import serve

    for name in ("SLACK_BOT_TOKEN", "DISCORD_TOKEN", "GEODIGEST_SCHEDULES", "DIGEST_CRON", "GEODIGEST_FEEDS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    settings = load_settings(GEODIGEST_DB=str(tmp_path / "c.db"), GEODIGEST_DEMO="never",
                             GEODIGEST_FETCH_TIMEOUT="1", GEODIGEST_ALLOW_PRIVATE_URLS="true")
    out = io.StringIO()
    began = time.monotonic()
    with Store.open(settings.db) as store:
        code = asyncio.run(serve(settings, store, [], stdin=io.StringIO(
            f"/ingest {web.url('/slow-headers')}\n"), out=out))
    assert code == 0 and time.monotonic() - began < 5
    assert "timed out after 1 s" in out.getvalue()


# --- item 4: memory ---------------------------------------------------------------------------------


def test_a_gzip_bomb_stops_at_the_cap_while_inflating(web: FakeWeb) -> None:
    inner = gzip.compress(b"a" * 60_000_000, compresslevel=9)  # ~60 KB -> 60 MB
    web.routes["/bomb"] = lambda h: h.answer(200, inner, "text/plain", {"Content-Encoding": "gzip"})
    twice = gzip.compress(inner, compresslevel=9)
    web.routes["/bomb2"] = lambda h: h.answer(200, twice, "text/plain", {"Content-Encoding": "gzip, gzip"})
    with pytest.raises(FetchError, match="too large: over 1,000,000 bytes"):
        fetch(web.url("/bomb"), max_bytes=1_000_000, policy=LOCAL)
    with pytest.raises(FetchError, match="content encoding"):
        fetch(web.url("/bomb2"), max_bytes=1_000_000, policy=LOCAL)
    small = gzip.compress(b"<html><body><p>Fine.</p></body></html>")
    web.routes["/small"] = lambda h: h.answer(200, small, "text/html", {"Content-Encoding": "gzip"})
    assert b"Fine." in fetch(web.url("/small"), policy=LOCAL).body


def test_a_feed_read_has_an_item_and_byte_budget(web: FakeWeb) -> None:
    page = "<html><body><article><p>" + "Ministers met in the capital to discuss the harbour. " * 2000 + \
        "</p></article></body></html>"
    items = "".join(
        f"<item><title>Story {n}</title><link>{web.url(f'/page{n}.html')}</link>"
        f"<description>Teaser {n} about the harbour.</description></item>"
        for n in range(12)
    )
    for n in range(12):
        web.page(f"/page{n}.html", page)
    web.page("/many.rss", f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>{items}'
             "</channel></rss>", "application/rss+xml")
    warnings: list[str] = []
    policy = FetchPolicy(allow_private=True, feed_max_items=10, feed_max_bytes=3 * len(page))
    articles = read_source(web.url("/many.rss"), policy=policy, warn=warnings.append)
    assert len(articles) == 10
    fetched_pages = [h for h in web.hits if h.startswith("/page")]
    assert len(fetched_pages) <= 4  # the byte budget stops page fetches after about three pages
    assert any("budget" in w for w in warnings) and any("first 10 of 12" in w for w in warnings)


# --- item 8: chat /ingest follows GEODIGEST_MAX_BYTES and GEODIGEST_FETCH_TIMEOUT ---------------


def test_chat_ingest_uses_the_configured_limits(store: Store, web: FakeWeb) -> None:
    small = CommandContext(platform="discord", user_id="1", is_admin=True,
                           fetch=FetchPolicy(allow_private=True, max_bytes=10_000, timeout=0.8))
    reply = handle(store, "ingest", web.url("/huge"), small)
    assert reply.kind == "error" and "over 10,000 bytes" in reply.title
    began = time.monotonic()
    reply = handle(store, "ingest", web.url("/slow"), small)
    assert reply.kind == "error" and "timed out after 0.8 s" in reply.title
    assert time.monotonic() - began < 2.5


async def test_a_feed_poll_against_a_hung_server_ends_within_the_timeout(
    tmp_path: Path, web: FakeWeb
) -> None:
    """The poll job returns, so the next poll is not refused as "maximum number of running
    instances reached"."""
    from bot.scheduler import DigestScheduler

    with Store.open(tmp_path / "poll.db") as store:
        sched = DigestScheduler(store, [], {}, feeds=[web.url("/slow-headers")],
                                fetch_policy=FetchPolicy(allow_private=True, timeout=0.8))
        began = time.monotonic()
        await sched.poll_feeds()
    assert time.monotonic() - began < 3


async def test_shutdown_ends_a_fetch_in_flight_within_seconds(
    tmp_path: Path, web: FakeWeb, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGTERM sets the stop event: the bot stops, and the feed poll still reading a hung server
    in a worker thread is ended too (else the process would wait for it on exit)."""
    import asyncio

    from bot.config import load_settings
    from bot.runtime import serve
    from tests.fakes import wait_until
    from tests.fakes.slack import APP_TOKEN, BOT_TOKEN, FakeSlack

    for name in ("GEODIGEST_SCHEDULES", "DIGEST_CRON", "DISCORD_TOKEN", "GEODIGEST_DEMO"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    slack = await FakeSlack().start()
    try:
        cfg = load_settings(
            GEODIGEST_DB=str(tmp_path / "bot.db"), SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_APP_TOKEN=APP_TOKEN,
            SLACK_API_BASE_URL=slack.api_url, GEODIGEST_FEEDS=web.url("/stalled"),
            GEODIGEST_FETCH_TIMEOUT="120", GEODIGEST_ALLOW_PRIVATE_URLS="true", GEODIGEST_DEMO="never",
        )
        stop = asyncio.Event()
        with Store.open(cfg.db) as store:
            task = asyncio.ensure_future(serve(cfg, store, stop=stop))
            await wait_until(lambda: "/stalled" in web.hits, timeout=20, what="the feed poll")
            stopped = time.monotonic()
            stop.set()
            assert await asyncio.wait_for(task, 10) == 0
            await wait_until(lambda: bool(web.hung_up), timeout=5, what="the fetch ending")
        assert web.hung_up[0] - stopped < 3
    finally:
        await slack.stop()

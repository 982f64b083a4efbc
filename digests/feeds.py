"""The feeds polled, their health, and the alerts a failing or recovering feed gives.

Feeds come from two places: ``GEODIGEST_FEEDS`` (the environment, changed only there) and
``/feeds add`` (the store's ``feeds`` table). Every poll of a feed is recorded
(:meth:`digests.store.feeds.FeedBook.record`); a feed's health is read from those records:
its last success, its last error, the failed polls in a row since its last success, and
the articles its polls stored in the last day.

Alerts are state, not events: :func:`feed_alerts` says which alerts the current records call
for, each with a stable key (the feed and the last successful poll before the failures), and
the bot posts each key at most once through the delivery ledger, so a restart between polls
never repeats one.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

from digests.errors import CommandError, FetchError

if TYPE_CHECKING:
    from digests.commands import Reply
    from digests.fetch import FetchPolicy
    from digests.store import Store

# The ledger's "schedule" name for feed-health alerts (deliveries rows of their own kind).
ALERTS = "feed-health"
DEFAULT_ALERT_AFTER = 3
MAX_URL = 500
Origin = Literal["env", "chat"]


def _stamp(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class FeedStatus:
    """One feed as /feeds and ``doctor`` show it."""

    number: int  # its position in the list, what /feeds remove takes
    url: str
    origin: Origin  # "env": GEODIGEST_FEEDS; "chat": /feeds add
    added_by: str | None
    last_success: str | None
    last_error: str | None
    last_error_at: str | None
    failing: int  # failed polls in a row since the last success (0: healthy or never polled)
    articles_last_day: int
    polls: int  # polls recorded (0: not polled yet)

    def health(self, alert_after: int = DEFAULT_ALERT_AFTER) -> str:
        """``ok``, ``failing`` (at least ``alert_after`` failed polls in a row), ``erroring``
        (fewer), or ``not polled yet``."""
        if not self.polls:
            return "not polled yet"
        if self.failing >= alert_after:
            return "failing"
        return "erroring" if self.failing else "ok"

    def describe(self, alert_after: int = DEFAULT_ALERT_AFTER) -> str:
        """One line: health, last success, last error, articles in the last day."""
        parts = [self.health(alert_after)]
        if self.failing:
            parts.append(f"{self.failing} failed poll{'s' if self.failing != 1 else ''} in a row")
        parts.append(f"last success {_short(self.last_success) or 'never'}")
        if self.last_error:
            parts.append(f"last error {_short(self.last_error_at)}: {self.last_error}")
        parts.append(f"{self.articles_last_day} new article{'s' if self.articles_last_day != 1 else ''} "
                     "in the last day")
        return " · ".join(parts)


def _short(stamp: str | None) -> str | None:
    """``2026-02-06T07:00:00+00:00`` -> ``2026-02-06 07:00 UTC``."""
    if not stamp:
        return None
    return stamp[:16].replace("T", " ") + (" UTC" if stamp.endswith("+00:00") else "")


def feed_list(store: Store, env: Sequence[str]) -> list[tuple[str, Origin, str | None]]:
    """Every feed polled, numbered in this order: GEODIGEST_FEEDS first, then those added from
    chat (oldest first); a feed in both counts once, as the environment's."""
    out: list[tuple[str, Origin, str | None]] = []
    seen: set[str] = set()
    for url in env:
        if url not in seen:
            seen.add(url)
            out.append((url, "env", None))
    for feed in store.feeds.added():
        if feed.url not in seen:
            seen.add(feed.url)
            out.append((feed.url, "chat", feed.added_by))
    return out


def feed_statuses(store: Store, env: Sequence[str], now: datetime | None = None) -> list[FeedStatus]:
    """The health of every feed polled, in list order."""
    now = now or datetime.now(UTC)
    since = _stamp(now - timedelta(days=1))
    out = []
    for number, (url, origin, by) in enumerate(feed_list(store, env), 1):
        good, bad = store.feeds.last(url, ok=True), store.feeds.last(url, ok=False)
        failing, _, _ = store.feeds.streak(url)
        out.append(FeedStatus(
            number=number, url=url, origin=origin, added_by=by,
            last_success=good.at if good else None,
            last_error=bad.error if bad else None, last_error_at=bad.at if bad else None,
            failing=failing, articles_last_day=store.feeds.new_since(url, since),
            polls=store.feeds.count(url),
        ))
    return out


# --- checking, adding, removing -----------------------------------------------------------------


def check_feed_url(url: str, policy: FetchPolicy | None) -> str:
    """A feed URL as it will be polled, or CommandError saying what is wrong with it: another
    scheme, no host, a user name or password, a port or an address fetches may not reach."""
    from digests.fetch import FetchPolicy, check_url, hide_credentials, literal_address, resolve

    url = url.strip().strip("<>")
    if not url:
        raise CommandError("Give the feed's address, e.g. /feeds add https://news.example/world.rss")
    if len(url) > MAX_URL:
        raise CommandError(f"That address is too long ({len(url)} characters, at most {MAX_URL}).")
    if any(c.isspace() for c in url):
        raise CommandError("Give one address, without spaces.")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise CommandError(f"{hide_credentials(url)[:80]!r} is not an http(s) address (e.g. https://news.example/world.rss).")
    policy = policy or FetchPolicy()
    try:
        check_url(url, policy)
        host = parts.hostname or ""
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        if "." not in host and literal_address(host) is None and not policy.allow_private:
            raise CommandError(f"{host!r} is not a public host name.")
        resolve(host, port, policy)
    except FetchError as err:
        raise CommandError(f"Cannot poll {hide_credentials(url)[:120]}: {err}") from None
    return url


def add_feed(store: Store, url: str, env: Sequence[str], policy: FetchPolicy | None, by: str,
             now: datetime | None = None) -> tuple[FeedStatus, PollOutcome]:
    """Check a URL, read it once (it must be an RSS/Atom feed), add it to the list and store what
    it gave. CommandError, with the reason, when it is refused; nothing is added then."""
    from digests.fetch import FetchPolicy, fetch, hide_credentials, make_client

    url = check_feed_url(url, policy)
    for status_url, origin, _ in feed_list(store, env):
        if status_url == url:
            where = "GEODIGEST_FEEDS" if origin == "env" else "the list (/feeds)"
            raise CommandError(f"{hide_credentials(url)} is polled already (from {where}).")
    policy = policy or FetchPolicy()
    client = make_client(policy.timeout, policy=policy)
    try:
        got = fetch(url, timeout=policy.timeout, max_bytes=policy.max_bytes, client=client)
    except FetchError as err:
        raise CommandError(f"Could not read {hide_credentials(url)}: {err}. Not added.") from None
    finally:
        client.close()
    if got.kind != "feed":
        what = "a web page" if got.kind == "html" else "plain text"
        raise CommandError(f"{hide_credentials(url)} is {what}, not an RSS or Atom feed: not added "
                           "(/ingest reads one article).")
    now = now or datetime.now(UTC)
    store.feeds.add(url, by, _stamp(now))
    outcome = poll_feed(store, url, policy, now)
    status = next(s for s in feed_statuses(store, env, now) if s.url == url)
    return status, outcome


def remove_feed(store: Store, which: str, env: Sequence[str]) -> str:
    """Remove feed number ``which`` (or the feed with that URL) added from chat; returns its URL.
    CommandError for a feed of GEODIGEST_FEEDS (it is removed there) or one not in the list."""
    from digests.fetch import hide_credentials

    feeds = feed_list(store, env)
    which = which.strip().lstrip("#")
    if which.isdigit():
        n = int(which)
        if not 1 <= n <= len(feeds):
            raise CommandError(f"There is no feed {n}: /feeds lists {len(feeds)}." if feeds
                               else "No feeds are polled: add one with /feeds add URL.")
        url, origin, _ = feeds[n - 1]
    else:
        found = [f for f in feeds if f[0] == which.strip("<>")]
        if not found:
            raise CommandError("Give the feed's number as /feeds lists it, e.g. /feeds remove 2.")
        url, origin, _ = found[0]
    if origin == "env":
        raise CommandError(f"{hide_credentials(url)} comes from GEODIGEST_FEEDS: remove it there and restart "
                           "the bot.")
    store.feeds.remove(url)
    return url


# --- polling ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PollOutcome:
    """What one poll of one feed did."""

    url: str
    ok: bool
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    error: str | None = None


def poll_feed(store: Store, url: str, policy: FetchPolicy | None, now: datetime | None = None) -> PollOutcome:
    """Read one feed (under the fetch policy), store its new articles and record the outcome.

    A poll fails when the feed cannot be read, or when it has entries and none of them could
    be stored; one bad entry among good ones is not a failure of the feed. A poll the bot's
    stopping cut short (``policy.cancel()``) is not the feed's failure: it is not recorded.
    """
    from digests.ingest import ingest_inputs

    report = ingest_inputs(store, [url], policy=policy, progress=False, out=io.StringIO(), err=io.StringIO())
    ok = not (report.failed and not report.stored)
    if not ok and policy is not None and policy.stop.is_set():
        return PollOutcome(url, False, report.new, report.updated, report.unchanged, "stopped")
    error = None
    if not ok:
        first = report.errors[0] if report.errors else "nothing could be read"
        error = first[len(url) + 2:] if first.startswith(f"{url}: ") else first
        error = error[:300]
    at = _stamp(now or datetime.now(UTC))
    store.feeds.record(url, at, ok, report.new, report.updated, error)
    return PollOutcome(url, ok, report.new, report.updated, report.unchanged, error)


# --- alerts -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedAlert:
    """An alert a feed's records call for: ``down`` after ``alert_after`` failed polls in a row,
    ``up`` when a feed that was alerted down reads again. ``key`` identifies it in the ledger."""

    kind: Literal["down", "up"]
    url: str
    incident: int  # the id of the last successful poll before the failures (0: none)
    failures: int = 0
    error: str | None = None
    since: str | None = None

    @property
    def key(self) -> str:
        """The ledger key: the same for the same incident on every poll and restart."""
        return f"{self.kind}:{self.incident}:{self.url}"

    def reply(self) -> Reply:
        """The alert as a reply every adapter renders."""
        from digests.commands import Reply, ReplyItem
        from digests.fetch import hide_credentials

        if self.kind == "down":
            since = _short(self.since)
            items = [ReplyItem(label="failed", text=f"{self.failures} polls in a row since {since}"),
                     ReplyItem(label="last error", text=self.error or "unknown")]
            return Reply(title=f"Feed failing: {hide_credentials(self.url)}", items=items,
                         note="It is still polled; you will be told once when it reads again. /feeds lists "
                              "every feed.")
        return Reply(title=f"Feed recovered: {hide_credentials(self.url)}",
                     items=[ReplyItem(label="read again", text=f"at {_short(self.since)}")],
                     note="/feeds lists every feed.")


def feed_alerts(store: Store, urls: Sequence[str], channel: str, alert_after: int) -> list[FeedAlert]:
    """The alerts the records call for that ``channel`` has not had (by the ledger): one ``down``
    per run of failures reaching ``alert_after``, one ``up`` when such a feed succeeds again."""
    had = store.ledger.keys(ALERTS, channel)
    out: list[FeedAlert] = []
    for url in urls:
        failing, last_ok, first = store.feeds.streak(url)
        if failing >= alert_after:
            alert = FeedAlert("down", url, last_ok, failing)
            if alert.key not in had:
                bad = store.feeds.last(url, ok=False)
                out.append(FeedAlert("down", url, last_ok, failing, bad.error if bad else None, first))
        elif failing == 0 and last_ok:
            good = store.feeds.last(url, ok=True)
            for key in sorted(had):
                kind, _, rest = key.partition(":")
                incident, _, key_url = rest.partition(":")
                if kind == "down" and key_url == url and f"up:{incident}:{url}" not in had:
                    out.append(FeedAlert("up", url, int(incident), since=good.at if good else None))
    return out

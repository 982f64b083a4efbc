"""Feeds added from chat and every feed poll's outcome: the ``feeds`` and ``feed_polls`` tables.

``feeds`` holds the feeds added at run time (``/feeds add``); the ones from
``GEODIGEST_FEEDS`` stay in the environment. ``feed_polls`` keeps one row per poll of any
feed (success or the error), from which :mod:`digests.feeds` tells each feed's health.
Old poll rows are pruned as new ones come, keeping the last :data:`KEEP_POLLS` of each feed
and its latest success.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from digests.store.connection import StoreBase

KEEP_POLLS = 200  # poll rows kept per feed: far more than a day at the shortest interval


@dataclass(frozen=True)
class StoredFeed:
    """A feed added from chat."""

    id: int
    url: str
    added_by: str | None
    added_at: str


@dataclass(frozen=True)
class Poll:
    """One poll of one feed: when, whether it read the feed, what it stored, the error if not."""

    id: int
    url: str
    at: str
    ok: bool
    new: int
    updated: int
    error: str | None


class FeedBook:
    """The ``feeds`` and ``feed_polls`` tables of one store."""

    def __init__(self, store: StoreBase) -> None:
        self._store = store

    # --- feeds added from chat ------------------------------------------------------------------

    def added(self) -> list[StoredFeed]:
        """Feeds added from chat, oldest first."""
        rows = self._store.db.execute(
            "SELECT id, url, added_by, added_at FROM feeds ORDER BY id"
        ).fetchall()
        return [StoredFeed(int(r[0]), str(r[1]), r[2], str(r[3])) for r in rows]

    def add(self, url: str, added_by: str | None, at: str) -> bool:
        """Add a feed; False when it is there already."""
        with self._store.transaction():
            cur = self._store.db.execute(
                "INSERT OR IGNORE INTO feeds (url, added_by, added_at) VALUES (?, ?, ?)", [url, added_by, at]
            )
            return int(cur.rowcount) == 1

    def remove(self, url: str) -> bool:
        """Remove a feed added from chat (its poll history stays, for the record); False if absent."""
        with self._store.transaction():
            return int(self._store.db.execute("DELETE FROM feeds WHERE url = ?", [url]).rowcount) == 1

    # --- polls ----------------------------------------------------------------------------------

    def record(self, url: str, at: str, ok: bool, new: int = 0, updated: int = 0,
               error: str | None = None) -> int:
        """Record one poll's outcome; returns its id. Keeps the last KEEP_POLLS rows of the feed."""
        with self._store.transaction():
            cur = self._store.db.execute(
                "INSERT INTO feed_polls (url, at, ok, new, updated, error) VALUES (?, ?, ?, ?, ?, ?)",
                [url, at, int(ok), new, updated, error],
            )
            poll_id = int(cur.lastrowid or 0)
            # The latest success stays: it names the current run of failures (digests.feeds.streak).
            self._store.db.execute(
                "DELETE FROM feed_polls WHERE url = ? AND id < (SELECT min(id) FROM (SELECT id FROM "
                "feed_polls WHERE url = ? ORDER BY id DESC LIMIT ?)) "
                "AND id IS NOT (SELECT max(id) FROM feed_polls WHERE url = ? AND ok = 1)",
                [url, url, KEEP_POLLS, url],
            )
        return poll_id

    def recent(self, url: str, limit: int = 50) -> list[Poll]:
        """A feed's latest polls, newest first."""
        rows = self._store.db.execute(
            "SELECT id, url, at, ok, new, updated, error FROM feed_polls WHERE url = ? "
            "ORDER BY id DESC LIMIT ?",
            [url, limit],
        ).fetchall()
        return [Poll(int(r[0]), str(r[1]), str(r[2]), bool(r[3]), int(r[4]), int(r[5]), r[6]) for r in rows]

    def last(self, url: str, ok: bool) -> Poll | None:
        """A feed's latest successful (``ok``) or failed poll."""
        row = self._store.db.execute(
            "SELECT id, url, at, ok, new, updated, error FROM feed_polls WHERE url = ? AND ok = ? "
            "ORDER BY id DESC LIMIT 1",
            [url, int(ok)],
        ).fetchone()
        return Poll(int(row[0]), str(row[1]), str(row[2]), bool(row[3]), int(row[4]), int(row[5]),
                    row[6]) if row else None

    def new_since(self, url: str, since: str) -> int:
        """Articles a feed's polls stored as new since ``since`` (an ISO stamp)."""
        row = self._store.db.execute(
            "SELECT COALESCE(sum(new), 0) FROM feed_polls WHERE url = ? AND at >= ?", [url, since]
        ).fetchone()
        return int(row[0]) if row else 0

    def streak(self, url: str) -> tuple[int, int, str | None]:
        """(failed polls in a row at the end, id of the last successful poll before them or 0,
        when the first of those failures was)."""
        row = self._store.db.execute(
            "SELECT COALESCE((SELECT max(id) FROM feed_polls WHERE url = ? AND ok = 1), 0)", [url]
        ).fetchone()
        last_ok = int(row[0])
        found = self._store.db.execute(
            "SELECT count(*), min(at) FROM feed_polls WHERE url = ? AND id > ?", [url, last_ok]
        ).fetchone()
        return int(found[0]), last_ok, found[1]

    def count(self, url: str) -> int:
        """Polls of a feed on record."""
        row = self._store.db.execute("SELECT count(*) FROM feed_polls WHERE url = ?", [url]).fetchone()
        return int(row[0])

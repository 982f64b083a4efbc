"""Watches and channel settings: the SQL behind /watch, /settings and watch alerts.

``watches`` holds what each channel watches; ``watch_hits`` the facts of newly stored
articles that matched a watch, each put in at most one alert batch (``batch``: the
delivery's period key, or ``covered`` when the story had been alerted already); the batch
itself goes through the delivery ledger (:mod:`digests.store.ledger`) under the schedule
name ``watch``. ``channel_settings`` keeps each channel's digest scope set from chat and
``settings_log`` who changed it, when and how. :mod:`digests.watches` and
:mod:`digests.settings` decide; this module only reads and writes rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from digests.store.connection import StoreBase, now_stamp

# The delivery ledger's schedule name for watch alerts.
ALERT_SCHEDULE = "watch"
COVERED = "covered"  # a hit whose story this watch has alerted already


@dataclass(frozen=True)
class WatchRow:
    """One watch of one channel, as stored."""

    id: int
    channel: str
    kind: str
    key: str
    label: str
    query: str
    created_by: str
    created_at: str
    after_article_id: int


@dataclass(frozen=True)
class HitRow:
    """A fact of an article that matched a watch."""

    id: int
    watch_id: int
    channel: str
    article_id: int
    fact: str  # JSON: digests.watches.Fact
    story: int | None


class _NothingToClaim(Exception):
    """Rolls back the claim of an alert batch whose hits another batch has taken."""


_WATCH_COLUMNS = "id, channel, kind, key, label, query, created_by, created_at, after_article_id"
_HIT_COLUMNS = "id, watch_id, channel, article_id, fact, story"


def _watch(row: Any) -> WatchRow:
    return WatchRow(int(row[0]), str(row[1]), str(row[2]), str(row[3]), str(row[4]), str(row[5]),
                    str(row[6]), str(row[7]), int(row[8]))


def _hit(row: Any) -> HitRow:
    return HitRow(int(row[0]), int(row[1]), str(row[2]), int(row[3]), str(row[4]),
                  int(row[5]) if row[5] is not None else None)


class WatchesMixin(StoreBase):
    """The ``watches``, ``watch_hits``, ``channel_settings`` and ``settings_log`` tables."""

    # --- watches --------------------------------------------------------------------------------

    def add_watch(
        self, channel: str, kind: str, key: str, label: str, query: str, user: str
    ) -> tuple[int, bool]:
        """Add a watch (it applies to articles stored from now on); (its id, whether it is new)."""
        with self.transaction():
            found = self.db.execute(
                "SELECT id FROM watches WHERE channel = ? AND kind = ? AND key = ?", [channel, kind, key]
            ).fetchone()
            if found:
                return int(found[0]), False
            newest = self.db.execute("SELECT COALESCE(max(id), 0) FROM articles").fetchone()[0]
            cursor = self.db.execute(
                "INSERT INTO watches (channel, kind, key, label, query, created_by, created_at, "
                "after_article_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [channel, kind, key, label, query, user, now_stamp(), int(newest)],
            )
            return int(cursor.lastrowid or 0), True

    def watches_of(self, channel: str) -> list[WatchRow]:
        """A channel's watches, oldest first (``/watch list`` numbers them in this order)."""
        rows = self.db.execute(
            f"SELECT {_WATCH_COLUMNS} FROM watches WHERE channel = ? ORDER BY id", [channel]
        ).fetchall()
        return [_watch(r) for r in rows]

    def all_watches(self) -> list[WatchRow]:
        """Every channel's watches."""
        return [_watch(r) for r in self.db.execute(f"SELECT {_WATCH_COLUMNS} FROM watches ORDER BY id")]

    def remove_watch(self, watch_id: int) -> None:
        """Delete a watch with its hits not yet alerted (alerted ones go with it too)."""
        with self.transaction():
            self.db.execute("DELETE FROM watches WHERE id = ?", [watch_id])

    def rewind_watches(self) -> None:
        """Make every watch see every stored article again at the next scan (for measuring
        matching on a corpus: ``bench/sample_watches.py``); hits already stored stay."""
        with self.transaction():
            self.db.execute("UPDATE watches SET after_article_id = 0")
            self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('watch_scan_mark', '0')")

    def hits_by_query(self) -> dict[str, set[int]]:
        """For each watch's query as typed, the articles it matched."""
        out: dict[str, set[int]] = {}
        for query, article_id in self.db.execute(
            "SELECT w.query, h.article_id FROM watch_hits h JOIN watches w ON w.id = h.watch_id"
        ).fetchall():
            out.setdefault(str(query), set()).add(int(article_id))
        return out

    # --- scanning new articles ------------------------------------------------------------------

    def watch_scan_mark(self) -> int:
        """The newest article id already scanned for watches."""
        return int(self.meta("watch_scan_mark") or 0)

    def articles_after(self, mark: int, limit: int) -> list[tuple[int, str, str, str | None]]:
        """(id, title, text, published) of up to ``limit`` articles stored after ``mark``, oldest first."""
        return [
            (int(r[0]), str(r[1] or ""), str(r[2] or ""), r[3])
            for r in self.db.execute(
                "SELECT id, title, text, published FROM articles WHERE id > ? ORDER BY id LIMIT ?",
                [mark, limit],
            ).fetchall()
        ]

    def quotes_by_article(self, ids: Sequence[int]) -> list[tuple[int, int, str, str | None, str, str, int]]:
        """(article id, quote id, speaker, role, text, kind, start) of the articles' named quotations."""
        out: list[tuple[int, int, str, str | None, str, str, int]] = []
        for chunk in range(0, len(ids), 500):
            part = list(ids[chunk:chunk + 500])
            out += self.db.execute(
                f"SELECT article_id, id, speaker, speaker_role, text, kind, start FROM quotes "
                f"WHERE article_id IN ({','.join('?' * len(part))}) AND speaker IS NOT NULL "
                "ORDER BY article_id, start, id", part,
            ).fetchall()
        return out

    def events_by_article(
        self, ids: Sequence[int]
    ) -> list[tuple[int, int, str, str | None, str, str, str, int]]:
        """(article id, event id, date, date_end, status, text, entities JSON, start) of the
        articles' events."""
        rows = self._by_articles(
            "SELECT article_id, id, date, date_end, status, text, entities, start FROM events "
            "WHERE article_id IN ({ids})", ids,
        )
        return sorted(rows, key=lambda r: (r[0], r[7], r[1]))

    def entity_names_by_article(self, ids: Sequence[int]) -> list[tuple[int, str, str, str]]:
        """(article id, name, type, aliases JSON) of the articles' entities."""
        return self._by_articles(
            "SELECT article_id, name, type, aliases FROM entities WHERE article_id IN ({ids})", ids
        )

    def _by_articles(self, sql: str, ids: Sequence[int]) -> list[Any]:
        """Rows of ``sql`` for the articles ``ids``, asked 500 ids at a time (SQLite's variable limit)."""
        out: list[Any] = []
        for chunk in range(0, len(ids), 500):
            part = list(ids[chunk:chunk + 500])
            out += self.db.execute(sql.format(ids=",".join("?" * len(part))), part).fetchall()
        return out

    def record_hits(self, hits: Iterable[tuple[int, str, int, str]], mark: int) -> int:
        """Store hits (watch id, channel, article id, fact JSON) and move the scan mark to ``mark``,
        in one transaction; a watch matches an article once. Returns how many were new."""
        stamp = now_stamp()
        with self.transaction():
            before = self.db.conn.total_changes
            self.db.conn.executemany(
                "INSERT OR IGNORE INTO watch_hits (watch_id, channel, article_id, fact, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [(w, c, a, f, stamp) for w, c, a, f in hits],
            )
            added = self.db.conn.total_changes - before
            self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('watch_scan_mark', ?)",
                            [str(max(mark, self.watch_scan_mark()))])
        return int(added)

    def published_days(self, ids: Iterable[int]) -> dict[int, date]:
        """The publication day of each dated article among ``ids``."""
        wanted = sorted(set(ids))
        out: dict[int, date] = {}
        for chunk in range(0, len(wanted), 500):
            part = wanted[chunk:chunk + 500]
            for aid, published in self.db.execute(
                f"SELECT id, published FROM articles WHERE id IN ({','.join('?' * len(part))}) "
                "AND published IS NOT NULL", part,
            ).fetchall():
                out[int(aid)] = date.fromisoformat(str(published)[:10])
        return out

    # --- alert batches --------------------------------------------------------------------------

    def channels_with_pending_hits(self) -> list[str]:
        """Channels with hits not yet in an alert batch. Hits of a batch whose delivery was given
        up before anything could be posted (its claim deleted) are pending again first."""
        with self.transaction():
            self.db.execute(
                "UPDATE watch_hits SET batch = NULL WHERE batch IS NOT NULL AND batch != ? AND NOT EXISTS "
                "(SELECT 1 FROM deliveries d WHERE d.schedule = ? AND d.channel = watch_hits.channel "
                "AND d.period_key = watch_hits.batch)", [COVERED, ALERT_SCHEDULE],
            )
        return [r[0] for r in self.db.execute(
            "SELECT DISTINCT channel FROM watch_hits WHERE batch IS NULL ORDER BY channel"
        ).fetchall()]

    def pending_hits(self, channel: str) -> list[HitRow]:
        """A channel's hits not yet in a batch, oldest first."""
        return [_hit(r) for r in self.db.execute(
            f"SELECT {_HIT_COLUMNS} FROM watch_hits WHERE channel = ? AND batch IS NULL ORDER BY id",
            [channel],
        ).fetchall()]

    def batch_hits(self, channel: str, batch: str) -> list[HitRow]:
        """The hits of one alert batch, in order."""
        return [_hit(r) for r in self.db.execute(
            f"SELECT {_HIT_COLUMNS} FROM watch_hits WHERE channel = ? AND batch = ? ORDER BY id",
            [channel, batch],
        ).fetchall()]

    def alerted_articles(self, watch_ids: Iterable[int]) -> dict[int, set[int]]:
        """For each watch, the articles it has put in an alert batch (sent or being sent)."""
        wanted = sorted(set(watch_ids))
        out: dict[int, set[int]] = {w: set() for w in wanted}
        if not wanted:
            return out
        rows = self.db.execute(
            f"SELECT watch_id, article_id FROM watch_hits WHERE watch_id IN ({','.join('?' * len(wanted))}) "
            "AND batch IS NOT NULL AND batch != ?", [*wanted, COVERED],
        ).fetchall()
        for watch_id, article_id in rows:
            out[int(watch_id)].add(int(article_id))
        return out

    def claim_alert_batch(
        self, channel: str, batch: str, created_at: str, detail: str, hits: dict[int, int | None],
        covered: Iterable[int],
    ) -> bool:
        """Claim the delivery of an alert batch in the ledger and, in the same transaction, put
        ``hits`` (hit id -> story id) in it and mark ``covered`` hits; False when the batch was
        claimed already (nothing changes)."""
        try:
            with self.transaction():
                claimed = self.ledger.claim_here(ALERT_SCHEDULE, channel, batch, created_at, detail)
                if not claimed:
                    return False
                before = self.db.conn.total_changes
                self.db.conn.executemany(
                    "UPDATE watch_hits SET batch = ?, story = ? WHERE id = ? AND batch IS NULL",
                    [(batch, story, hit) for hit, story in hits.items()],
                )
                if self.db.conn.total_changes == before:
                    # another process put these hits in its own batch meanwhile: no empty alert
                    raise _NothingToClaim
                self.db.conn.executemany(
                    "UPDATE watch_hits SET batch = ? WHERE id = ? AND batch IS NULL",
                    [(COVERED, h) for h in covered],
                )
                return True
        except _NothingToClaim:
            return False

    def cover_hits(self, hit_ids: Iterable[int]) -> None:
        """Mark hits whose story was alerted already: they are never alerted."""
        with self.transaction():
            self.db.conn.executemany(
                "UPDATE watch_hits SET batch = ? WHERE id = ? AND batch IS NULL",
                [(COVERED, h) for h in hit_ids],
            )

    # --- channel settings -----------------------------------------------------------------------

    def channel_settings(self, channel: str) -> tuple[str, str, str] | None:
        """(settings JSON, updated_by, updated_at) of a channel, or None when it has none."""
        row = self.db.execute(
            "SELECT settings, updated_by, updated_at FROM channel_settings WHERE channel = ?", [channel]
        ).fetchone()
        return (str(row[0]), str(row[1]), str(row[2])) if row else None

    def set_channel_settings(self, channel: str, settings: str | None, user: str, change: str) -> None:
        """Replace a channel's settings (None deletes them) and log who changed what, in one transaction."""
        stamp = now_stamp()
        with self.transaction():
            if settings is None:
                self.db.execute("DELETE FROM channel_settings WHERE channel = ?", [channel])
            else:
                self.db.execute(
                    "INSERT INTO channel_settings (channel, settings, updated_by, updated_at) "
                    "VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (channel) DO UPDATE SET settings = excluded.settings, "
                    "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                    [channel, settings, user, stamp],
                )
            self.db.execute("INSERT INTO settings_log (channel, user, at, change) VALUES (?, ?, ?, ?)",
                            [channel, user, stamp, change])

    def settings_log(self, channel: str, limit: int = 5) -> list[tuple[str, str, str]]:
        """The latest changes of a channel's settings as (user, at, change), newest first."""
        return [(str(u), str(a), str(c)) for u, a, c in self.db.execute(
            "SELECT user, at, change FROM settings_log WHERE channel = ? ORDER BY id DESC LIMIT ?",
            [channel, limit],
        ).fetchall()]
